"""Recurring invoices: start/stop/send_now, price updates, ``next_send_date`` and the PUT flags.

RecurringService: ``start`` activates (unless no cycles remain or deleted), ``stop``
pauses a draft or active one, ``send_now`` only acts on a draft: it starts it and runs
SendRecurring, which saves a real invoice, marks it sent, e-mails it (auto_email_invoice
is on by default) and moves ``next_send_date`` on by the frequency.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from starlette.responses import Response

from . import ledger, lifecycle, mail
from .calc import money
from .calls import Call
from .entities import EntitySpec
from .invoices import clone_as
from .registry import Registry, SaveEvent
from .responses import message
from .store import Record
from .writes import save

RI_DRAFT, RI_ACTIVE, RI_PAUSED, RI_COMPLETED = "1", "2", "3", "4"
BULK_UPDATE_COLUMNS = (
    "tax1",
    "tax2",
    "tax3",
    "custom_value1",
    "custom_value2",
    "custom_value3",
    "custom_value4",
    "uses_inclusive_taxes",
    "private_notes",
    "public_notes",
    "terms",
    "footer",
)
_DAYS = {"1": 1, "2": 7, "3": 14, "4": 28}
_MONTHS = {"5": 1, "6": 2, "7": 3, "8": 4, "9": 6, "10": 12, "11": 24, "12": 36}


def add_frequency(start: dt.date, frequency_id: str) -> dt.date:
    """The next date after ``start`` for a frequency id (1 daily ... 12 every three years)."""
    if frequency_id in _DAYS:
        return start + dt.timedelta(days=_DAYS[frequency_id])
    months = _MONTHS.get(frequency_id, 1)
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def start(call: Call, recurring: Record) -> None:
    if int(recurring.get("remaining_cycles") or 0) == 0 or recurring.get("is_deleted"):
        return
    recurring["archived_at"] = 0
    recurring["status_id"] = RI_ACTIVE
    if not recurring.get("next_send_date"):
        recurring["next_send_date"] = call.state.clock.today().isoformat()
    ledger.touch(call, recurring)


def stop(call: Call, recurring: Record) -> None:
    if str(recurring.get("status_id")) < RI_PAUSED:
        recurring["status_id"] = RI_PAUSED
        ledger.touch(call, recurring)


def due_date_for(call: Call, recurring: Record, date: dt.date) -> str:
    """calculateDueDate: ``due_date_days`` is a day count, "terms" (client terms) or empty."""
    days = str(recurring.get("due_date_days") or "")
    if days == "terms":
        terms = ledger.payment_terms(call, ledger.client_of(call, recurring))
        return (date + dt.timedelta(days=int(float(terms)))).isoformat() if terms else ""
    if days.isdigit():
        return (date + dt.timedelta(days=int(days))).isoformat()
    return ""


def send_recurring(call: Call, recurring: Record) -> Record:
    """SendRecurring: a new sent and e-mailed invoice; the schedule moves on."""
    today = call.state.clock.today()
    body = clone_as(call, recurring, "invoice")
    body = {
        k: v
        for k, v in body.items()
        if k
        not in (
            "amount",
            "balance",
            "paid_to_date",
            "total_taxes",
            "next_send_date",
            "frequency_id",
        )
    }
    body.update(date=today.isoformat(), due_date=due_date_for(call, recurring, today))
    invoice = save(call, call.registry.spec("invoices"), None, body)
    invoice["recurring_id"] = recurring["id"]
    invoice["auto_bill_enabled"] = str(recurring.get("auto_bill")) == "always"
    mail.send_document(call, "invoice", invoice, "email_template_invoice")
    base = dt.date.fromisoformat(str(recurring.get("next_send_date") or today.isoformat()))
    recurring["next_send_date"] = add_frequency(
        max(base, today), str(recurring.get("frequency_id") or "5")
    ).isoformat()
    cycles = int(recurring.get("remaining_cycles") or 0)
    if cycles > 0:
        recurring["remaining_cycles"] = cycles - 1
    recurring["last_sent_date"] = today.isoformat()
    if recurring["remaining_cycles"] == 0:
        recurring["status_id"] = RI_COMPLETED
        recurring["next_send_date"] = ""
    ledger.touch(call, recurring)
    return invoice


def send_now(call: Call, recurring: Record) -> Record | None:
    if str(recurring.get("status_id")) != RI_DRAFT:
        return None
    start(call, recurring)
    return send_recurring(call, recurring)


def increase_prices(call: Call, recurring: Record, percentage: float) -> None:
    for item in recurring.get("line_items") or []:
        item["cost"] = money(float(item.get("cost") or 0) * (1 + percentage / 100))
    _reprice(call, recurring)


def update_prices(call: Call, recurring: Record) -> None:
    """UpdateRecurring 'update_prices': each line takes its product's current price."""
    products = {
        str(p.get("product_key")): p for p in call.store.rows("product") if not p.get("is_deleted")
    }
    for item in recurring.get("line_items") or []:
        product = products.get(str(item.get("product_key")))
        if product is not None:
            item["cost"] = float(product.get("price") or 0)
    _reprice(call, recurring)


def _reprice(call: Call, recurring: Record) -> None:
    spec = call.registry.spec("recurring_invoices")
    event = SaveEvent(call=call, spec=spec, record=recurring, before=dict(recurring), body={})
    lifecycle.apply_totals(event)
    ledger.touch(call, recurring)


def bulk_handler(action: str):  # type: ignore[no-untyped-def]
    def handler(
        call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]
    ) -> Response | None:
        if action in ("increase_prices", "update_prices"):
            percentage = float(body.get("percentage_increase") or 0)
            for row in rows:
                increase_prices(
                    call, row, percentage
                ) if action == "increase_prices" else update_prices(call, row)
            return message("Update in progress.")
        if action == "set_payment_link":
            if "subscription_id" in body:
                for row in rows:
                    row["subscription_id"] = str(body.get("subscription_id") or "")
            return None
        if action == "bulk_update":
            column = str(body.get("column") or "")
            if column in BULK_UPDATE_COLUMNS:
                for row in rows:
                    _set_column(row, column, body.get("new_value"))
                    ledger.touch(call, row)
            return None
        for row in rows:
            if action in lifecycle.ACTIONS:
                lifecycle.ACTIONS[action](call, spec, row)
            elif action == "start":
                start(call, row)
            elif action == "stop":
                stop(call, row)
            elif action == "send_now":
                send_now(call, row)
        return None

    handler.__name__ = f"recurring_bulk_{action}"
    return handler


def _set_column(row: Record, column: str, value: Any) -> None:
    if column.startswith("tax") and column[3:].isdigit():
        parts = str(value or "").split("||")
        row[f"tax_name{column[3:]}"] = parts[0]
        row[f"tax_rate{column[3:]}"] = float(parts[1]) if len(parts) > 1 else 0.0
    elif column == "uses_inclusive_taxes":
        row[column] = str(value).lower() in ("1", "true")
    else:
        row[column] = "" if value is None else str(value)


def recurring_flags(event: SaveEvent) -> None:
    """PUT/POST recurring_invoices ``?start=true``, ``?stop=true``, ``?send_now=true``."""
    call, recurring = event.call, event.record
    if not recurring.get("next_send_date"):
        recurring["next_send_date"] = str(
            recurring.get("date") or call.state.clock.today().isoformat()
        )
    call.store.add("recurring_invoice", recurring)
    if call.query("start") == "true":
        start(call, recurring)
    if call.query("stop") == "true":
        stop(call, recurring)
    if call.query("send_now") == "true" and not call.store.where(
        "invoice", recurring_id=recurring["id"]
    ):
        send_now(call, recurring)


def install(reg: Registry) -> None:
    for action in reg.spec("recurring_invoices").bulk_actions:
        reg.bulk_action("recurring_invoices", action)(bulk_handler(action))
    reg.on_save("recurring_invoices")(recurring_flags)
