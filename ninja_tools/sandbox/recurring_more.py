"""Recurring expenses and recurring quotes: their bulk actions and send dates.

Real facts kept (``RecurringExpenseController::bulk``/``performAction``,
``RecurringExpenseFactory``, ``StoreRecurringExpenseRequest``, ``RecurringService``):

* Recurring expenses bulk is a switch: ``archive``, ``restore``, ``delete``, ``start``
  (active, unless no cycles remain or deleted), ``stop`` (paused, from draft or active) and
  ``email`` (an empty case) act on the records the user may edit; other actions are ignored.
* A new recurring expense starts as a draft, its currency defaults to the company's and its
  ``next_send_date`` to its date. Recurring quotes only have archive, restore and delete.
"""

from __future__ import annotations

from typing import Any

from . import lifecycle, recurring
from .calls import Call
from .entities import EntitySpec
from .registry import Registry, SaveEvent
from .store import Record


def expense_saved(event: SaveEvent) -> None:
    record = event.record
    if event.creating:
        record["status_id"] = recurring.RI_DRAFT
    if not record.get("currency_id"):
        settings = event.call.state.company().get("settings") or {}
        record["currency_id"] = str(settings.get("currency_id") or "1")
    record["next_send_date"] = record.get("next_send_date") or record.get("date", "")


def quote_saved(event: SaveEvent) -> None:
    record = event.record
    record["next_send_date"] = record.get("next_send_date") or record.get("date", "")


def _switch(action: str) -> Any:
    def handler(call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]) -> None:
        for row in rows:
            if action in lifecycle.ACTIONS:
                lifecycle.ACTIONS[action](call, spec, row)
            elif action == "start":
                recurring.start(call, row)
            elif action == "stop":
                recurring.stop(call, row)

    handler.__name__ = f"recurring_expenses_{action}"
    return handler


def install(reg: Registry) -> None:
    reg.on_save("recurring_expenses")(expense_saved)
    reg.on_save("recurring_quotes")(quote_saved)
    for action in reg.spec("recurring_expenses").bulk_actions:
        reg.bulk_action("recurring_expenses", action)(_switch(action))
