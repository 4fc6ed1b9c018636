"""Nested sets replaced on save: client/vendor contacts and document invitations.

Real semantics (ClientContactRepository / BaseRepository): when the body has
``contacts``, existing contacts whose id is not in the array are deleted, contacts
without a (known) id are created, the first one is forced primary and one always has
``send_email``; without the key, contacts are left alone (a new record gets one blank
contact). Invitations follow the same idea: keys missing from ``invitations`` are
soft-deleted, and a new document invites every contact that has ``send_email``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from . import records
from .calls import Call
from .entities import EntitySpec
from .store import Record
from .writes import fill_contact


def _key(seed: str, length: int = 32) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()[:length]


def new_contact(call: Call, kind: str) -> Record:
    contact = records.blank(kind)
    contact["id"] = call.store.new_id(kind)
    now = call.state.now()
    contact["created_at"] = contact["updated_at"] = now
    if "contact_key" in contact:
        contact["contact_key"] = _key(f"contact:{contact['id']}")
    return contact


def sync_contacts(
    call: Call, spec: EntitySpec, parent: Record, body: dict[str, Any], *, creating: bool
) -> None:
    kind = spec.contacts or "client_contact"
    current: list[Record] = parent.get("contacts") or []
    if "contacts" not in body or not isinstance(body["contacts"], list):
        if creating or not current:
            first = new_contact(call, kind)
            first["is_primary"] = first["send_email"] = True
            parent["contacts"] = [first]
        return
    by_id = {c["id"]: c for c in current}
    result: list[Record] = []
    for raw in body["contacts"]:
        if not isinstance(raw, dict):
            continue
        contact = by_id.pop(str(raw.get("id") or ""), None) or new_contact(call, kind)
        fill_contact(contact, raw)
        contact["updated_at"] = call.state.now()
        result.append(contact)
    if not result:
        result.append(new_contact(call, kind))
    for index, contact in enumerate(result):
        contact["is_primary"] = index == 0
    if not any(c.get("send_email") for c in result):
        result[0]["send_email"] = True
    parent["contacts"] = result


def contact_owner(spec: EntitySpec) -> tuple[str, str, str]:
    """(parent id field, parent kind, invitation contact field) for a document entity."""
    if spec.kind == "purchase_order":
        return "vendor_id", "vendor", "vendor_contact_id"
    return "client_id", "client", "client_contact_id"


def invitation_kind(spec: EntitySpec) -> str:
    return "purchase_order_invitation" if spec.kind == "purchase_order" else "invitation"


def new_invitation(call: Call, spec: EntitySpec, document: Record, contact: Record) -> Record:
    _, _, contact_field = contact_owner(spec)
    invitation = records.blank(invitation_kind(spec))
    invitation["id"] = call.store.new_id(f"{spec.kind}_invitation")
    invitation[contact_field] = contact["id"]
    invitation["key"] = _key(f"{spec.kind}:{invitation['id']}")
    base = str(call.request.base_url).rstrip("/")
    invitation["link"] = f"{base}/client/{spec.kind}/{invitation['key']}"
    invitation["created_at"] = invitation["updated_at"] = call.state.now()
    call.store.add(f"{spec.kind}_invitation", invitation)
    return invitation


def sync_invitations(
    call: Call, spec: EntitySpec, document: Record, body: dict[str, Any], *, creating: bool
) -> None:
    parent_field, parent_kind, contact_field = contact_owner(spec)
    parent = call.store.get(parent_kind, str(document.get(parent_field) or ""))
    contacts = {c["id"]: c for c in (parent or {}).get("contacts", [])}
    current: list[Record] = document.get("invitations") or []
    wanted = body.get("invitations")
    if not isinstance(wanted, list) or (creating and not wanted):
        if creating:
            document["invitations"] = [
                new_invitation(call, spec, document, c)
                for c in contacts.values()
                if c.get("send_email")
            ]
        return
    by_key = {i["key"]: i for i in current}
    kept: list[Record] = []
    for raw in wanted:
        if not isinstance(raw, dict):
            continue
        existing = by_key.pop(str(raw.get("key") or ""), None)
        if existing is not None:
            kept.append(existing)
            continue
        contact = contacts.get(str(raw.get(contact_field) or ""))
        if contact is not None:
            kept.append(new_invitation(call, spec, document, contact))
    for dropped in by_key.values():  # soft delete: hidden from the document, still in the store
        dropped["archived_at"] = dropped["updated_at"] = call.state.now()
    document["invitations"] = kept
