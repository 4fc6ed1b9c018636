"""Store/update of a record: validate the body, fill the record, then run the save hooks.

The pipeline is the same for every entity: ``validate`` (422s, before anything changes)
-> ``fill`` (only known, writable fields, each coerced to the template's type, so
numeric strings are accepted) -> nested contacts (``contacts.py``) -> defaults and
auto-number -> the entity's save hooks (totals, invitations, and the money flows the
domain modules add) -> timestamps and the store.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from . import records
from .calls import Call
from .entities import SYSTEM_FIELDS, EntitySpec
from .failures import ValidationFailed, invalid_selection, not_numeric, required, taken
from .registry import SaveEvent
from .store import Record

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class _Invalid(ValueError):
    pass


def coerce(template: Any, value: Any) -> Any:
    """Convert an input to the type of the template's value (numbers accept numeric strings)."""
    if isinstance(template, bool):
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower() if value is not None else ""
        if text in ("1", "true", "on", "yes"):
            return True
        if text in ("0", "false", "off", "no", ""):
            return False
        raise _Invalid(value)
    if isinstance(template, float | int):
        if value is None or value == "":
            return type(template)(0)
        if isinstance(value, bool):
            raise _Invalid(value)
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise _Invalid(value) from None
        return int(number) if isinstance(template, int) else number
    if isinstance(template, str):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "1" if value else ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, dict | list):
            raise _Invalid(value)
        return str(value)
    return copy.deepcopy(value)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def validate(call: Call, spec: EntitySpec, record: Record | None, body: dict[str, Any]) -> None:
    """Raise ``ValidationFailed`` with Laravel-style messages, field by field."""
    errors: dict[str, list[str]] = {}
    creating = record is None
    template = records.blank(spec.kind)
    for name in spec.required:
        if (creating and _empty(body.get(name))) or (
            not creating and name in body and _empty(body[name])
        ):
            errors.setdefault(name, []).append(required(name))
    for name, kind in spec.relations.items():
        value = body.get(name)
        if _empty(value) or name in errors:
            continue
        target = call.store.get(kind, str(value)) if isinstance(value, str) else None
        if target is None or (kind in ("client", "vendor") and target.get("is_deleted")):
            errors.setdefault(name, []).append(invalid_selection(name))
    for name in spec.unique:
        value = body.get(name)
        if _empty(value):
            continue
        clash = any(
            str(other.get(name)) == str(value) and other is not record
            for other in call.store.rows(spec.kind)
        )
        if clash:
            errors.setdefault(name, []).append(taken(name))
    for name, value in body.items():
        default = template.get(name)
        if name in errors or isinstance(default, bool) or not isinstance(default, int | float):
            continue
        try:
            coerce(default, value)
        except _Invalid:
            errors.setdefault(name, []).append(not_numeric(name))
    if spec.contacts:
        _validate_contacts(spec, record, body, errors)
    for check in call.registry.validators.get(spec.route, []):
        for field, messages in check(call, spec, record, body).items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationFailed(errors)


def _validate_contacts(
    spec: EntitySpec, record: Record | None, body: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    contacts = body.get("contacts")
    if "contacts" in body and not isinstance(contacts, list):
        errors.setdefault("contacts", []).append("The contacts field must be an array.")
        return
    seen: set[str] = set()
    for index, contact in enumerate(contacts or []):
        email = str((contact or {}).get("email") or "") if isinstance(contact, dict) else ""
        key = f"contacts.{index}.email"
        if email and not _EMAIL.match(email):
            errors.setdefault(key, []).append(f"The {key} field must be a valid email address.")
        elif email and email in seen:
            errors.setdefault(key, []).append(f"The {key} field has a duplicate value.")
        seen.add(email)
    if spec.kind == "client" and record is None and _empty(body.get("name")):
        named = any(
            isinstance(c, dict)
            and any(str(c.get(k) or "").strip() for k in ("first_name", "last_name", "email"))
            for c in contacts or []
        )
        if not named:
            errors.setdefault("name", []).append(
                "The name field is required when contacts is not present."
            )


def fill(spec: EntitySpec, record: Record, body: dict[str, Any]) -> None:
    """Copy writable known fields from ``body`` into ``record`` with the record's types."""
    for name, value in body.items():
        if name in SYSTEM_FIELDS or name in spec.readonly or name not in record:
            continue
        if name == "line_items":
            record[name] = _line_items(value)
            continue
        try:
            record[name] = coerce(record[name], value)
        except _Invalid:
            continue


def _line_items(value: Any) -> list[Record]:
    template = records.line_item()
    items = []
    for raw in value if isinstance(value, list) else []:
        if not isinstance(raw, dict):
            continue
        fields = {}
        for key, item_value in raw.items():
            if key in template:
                try:
                    fields[key] = coerce(template[key], item_value)
                except _Invalid:
                    continue
        items.append(records.line_item(**fields))
    return items


def new_record(call: Call, spec: EntitySpec) -> Record:
    record = records.on_create(spec.kind)
    record["id"] = call.store.new_id(spec.kind)
    now = call.state.now()
    record["created_at"] = now
    record["updated_at"] = now
    if "user_id" in record:
        record["user_id"] = call.actor.id
    return record


def save(call: Call, spec: EntitySpec, record: Record | None, body: dict[str, Any]) -> Record:
    """Validate and persist a store (``record`` None) or an update; returns the live record."""
    validate(call, spec, record, body)
    before = copy.deepcopy(record) if record is not None else None
    target = record if record is not None else new_record(call, spec)
    fill(spec, target, body)
    if spec.contacts:
        from .contacts import sync_contacts

        sync_contacts(call, spec, target, body, creating=before is None)
    today = call.state.clock.today().isoformat()
    for name in spec.default_today:
        if not target.get(name):
            target[name] = today
    if spec.numbered and not target.get("number"):
        taken_numbers = {str(r.get("number")) for r in call.store.rows(spec.kind)}
        target["number"] = call.store.next_number(spec.route, taken_numbers)
    event = SaveEvent(call=call, spec=spec, record=target, before=before, body=body)
    for hook in call.registry.save_hooks.get(spec.route, []):
        hook(event)
    target["updated_at"] = call.state.now()
    call.store.add(spec.kind, target)
    return target


def fill_contact(contact: Record, raw: dict[str, Any]) -> None:
    """Copy a contact's writable fields (never its id, key or password hash)."""
    for name, value in raw.items():
        if name in ("id", "contact_key", "link", "password", "is_primary") or name not in contact:
            continue
        if name in SYSTEM_FIELDS:
            continue
        try:
            contact[name] = coerce(contact[name], value)
        except _Invalid:
            continue
