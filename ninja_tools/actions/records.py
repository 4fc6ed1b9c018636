"""Naming, reading, e-mailing and bulk-changing one quote, credit, payment or recurring invoice.

Shared by the payment, quote, credit and recurring-invoice actions. A record is named either by
its hashed id or by its number (``RecordRef``), or by one string that may be either (``find``:
the id is tried first when the string looks like a hashed id). Writes go through bulk POSTs and
``POST emails``, never the data-changing GET routes.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from .. import present
from ..client import api_path
from ..errors import NinjaError, NotFound
from .context import Context
from .fields import RecordRef
from .lookup import client_label, resolve_document
from .shaping import data_of

__all__ = ["DocumentResult", "bulk", "document", "email", "find", "label", "read",
           "recipients", "ref_of"]

#: Invoice Ninja's hashed ids: a letter, then at least nine letters or digits.
_HASHED = re.compile(r"^[A-Za-z][A-Za-z0-9]{9,}$")
_NOUNS = {"invoices": "invoice", "quotes": "quote", "credits": "credit", "payments": "payment",
          "recurring_invoices": "recurring invoice"}


class DocumentResult(BaseModel):
    """A quote, credit, invoice or recurring invoice after the action, who it was e-mailed to,
    and what was adjusted or found on the way."""

    document: present.Document
    sent_to: list[str] | None = Field(
        default=None, description="E-mail addresses it was sent to (when it was sent)")
    client_created: bool | None = Field(
        default=None, description="true when the client was created for it")
    remarks: list[str] | None = Field(
        default=None, description="What was adjusted, found or left alone, in plain words")


def noun(path: str) -> str:
    return _NOUNS.get(path, path.rstrip("s").replace("_", " "))


def label(path: str, record: dict[str, Any]) -> str:
    """``quote 0005``: how messages name a record."""
    return f"{noun(path)} {record.get('number') or record.get('id')}"


async def find(ctx: Context, path: str, ref: str) -> dict[str, Any]:
    """The record of ``path`` whose hashed id or number is ``ref``."""
    wanted = ref.strip()
    if _HASHED.match(wanted):
        try:
            return await resolve_document(ctx, path, id=wanted)
        except NotFound:
            pass
    try:
        return await resolve_document(ctx, path, number=wanted)
    except NotFound:
        raise NotFound(f"No {noun(path)} has the id or number '{wanted}'.", status=400,
                       entity=noun(path), record_id=wanted,
                       hint=f"list_{path} shows numbers and ids.") from None


async def ref_of(ctx: Context, path: str, ref: RecordRef) -> dict[str, Any]:
    """The record a ``RecordRef`` names."""
    return await resolve_document(ctx, path, id=ref.id, number=ref.number)


async def read(ctx: Context, path: str, record_id: str) -> dict[str, Any]:
    """The record as it is now (after a write)."""
    body = await ctx.client.get(api_path(path + "/{id}", id=record_id))
    return data_of(body, f"GET {path}/{record_id}")


async def document(ctx: Context, kind: str, record: dict[str, Any], *,
                   detail: bool = True) -> present.Document:
    """An invoice, quote, credit or recurring invoice as ``present.Document``."""
    shaped = present.shape(kind, record, await ctx.lookups(), detail=detail)
    assert isinstance(shaped, present.Document)
    return shaped


async def bulk(ctx: Context, path: str, action: str, record: dict[str, Any]) -> dict[str, Any]:
    """Run one bulk action on one record and read it back (bulk answers skip silently)."""
    await ctx.client.post(f"{path}/bulk", {"action": action, "ids": [record["id"]]})
    ctx.forget(path)
    return await read(ctx, path, str(record["id"]))


async def recipients(ctx: Context, record: dict[str, Any]) -> list[str]:
    """E-mail addresses of the client contacts the record's live invitations go to."""
    clients = {str(c.get("id")): c for c in await ctx.rows("clients")}
    client = clients.get(str(record.get("client_id") or ""))
    if client is None:
        ctx.forget("clients")
        clients = {str(c.get("id")): c for c in await ctx.rows("clients")}
        client = clients.get(str(record.get("client_id") or ""), {})
    emails = {str(c.get("id")): str(c.get("email") or "").strip()
              for c in client.get("contacts") or [] if not c.get("is_deleted")}
    found: list[str] = []
    for invitation in record.get("invitations") or []:
        if invitation.get("archived_at") or invitation.get("is_deleted"):
            continue
        address = emails.get(str(invitation.get("client_contact_id") or ""), "")
        if address and address not in found:
            found.append(address)
    if not found:
        raise NinjaError(
            f"Nobody would receive it: no contact of {client_label(client) or 'the client'} "
            "with an e-mail address is invited to it. Nothing was sent.",
            hint="Add a contact with an e-mail to the client (update_client), then send it.")
    return found


async def email(ctx: Context, path: str, record: dict[str, Any], template: str, *,
                subject: str | None = None, body: str | None = None,
                cc: list[str] | None = None) -> list[str]:
    """E-mail the record through ``POST emails``; returns who it went to (checked first)."""
    sent_to = await recipients(ctx, record)
    payload: dict[str, Any] = {"entity": noun(path).replace(" ", "_"), "entity_id": record["id"],
                               "template": template}
    if subject:
        payload["subject"] = subject
    if body:
        payload["body"] = body
    if cc:
        payload["cc_email"] = ",".join(cc)
    await ctx.client.post("emails", payload)
    ctx.forget(path)
    return sent_to
