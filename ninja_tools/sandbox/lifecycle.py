"""Core domain module: archive/restore/delete for every entity, and document totals.

BaseRepository semantics: ``archive`` sets ``archived_at`` (Laravel's ``deleted_at``)
unless already archived; ``delete`` sets ``is_deleted`` and ``archived_at``;
``restore`` clears both. Each runs the entity's ``after_action`` hooks, which is where
money flows (client balances...) attach. Documents get ``calc.compute`` totals and
their invitations on every save.
"""

from __future__ import annotations

from typing import Any

from . import calc
from .calls import Call
from .contacts import sync_invitations
from .entities import GENERIC_BULK, EntitySpec
from .registry import Registry, SaveEvent
from .store import Record


def archive(call: Call, spec: EntitySpec, record: Record) -> None:
    if record.get("archived_at"):
        return
    record["archived_at"] = record["updated_at"] = call.state.now()
    _after(call, spec, record, "archive")


def restore(call: Call, spec: EntitySpec, record: Record) -> None:
    if not record.get("archived_at") and not record.get("is_deleted"):
        return
    record["archived_at"] = 0
    record["is_deleted"] = False
    record["updated_at"] = call.state.now()
    _after(call, spec, record, "restore")


def delete(call: Call, spec: EntitySpec, record: Record) -> None:
    if record.get("is_deleted"):
        return
    now = call.state.now()
    record["is_deleted"] = True
    record["archived_at"] = record.get("archived_at") or now
    record["updated_at"] = now
    _after(call, spec, record, "delete")


ACTIONS = {"archive": archive, "restore": restore, "delete": delete}


def _after(call: Call, spec: EntitySpec, record: Record, action: str) -> None:
    for hook in call.registry.action_hooks.get((spec.route, action), []):
        hook(call, spec, record)


def apply_totals(event: SaveEvent) -> None:
    """Price the line items; ``balance`` follows ``amount`` minus what was already paid."""
    record = event.record
    totals = calc.compute(record)
    record["line_items"] = totals.line_items
    record["amount"] = totals.amount
    record["total_taxes"] = totals.total_taxes
    record["balance"] = calc.money(totals.amount - float(record.get("paid_to_date") or 0))


def apply_invitations(event: SaveEvent) -> None:
    sync_invitations(event.call, event.spec, event.record, event.body, creating=event.creating)


def install(reg: Registry) -> None:
    for spec in reg.specs.values():
        for action in GENERIC_BULK:
            reg.bulk_action(spec.route, action)(_generic(action))
        if spec.totals:
            reg.on_save(spec.route)(apply_totals)
        if spec.invitations:
            reg.on_save(spec.route)(apply_invitations)


def _generic(action: str) -> Any:
    def handler(call: Call, spec: EntitySpec, records: list[Record], body: dict[str, Any]) -> None:
        for record in records:
            ACTIONS[action](call, spec, record)

    handler.__name__ = f"bulk_{action}"
    return handler
