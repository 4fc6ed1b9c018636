"""Demo money data: invoices in every status, quotes, credits, payments, recurring invoices.

Called from the core demo seed after its clients exist. Every record goes through the
same save path and ledger steps as the API (``writes.save``, ``ledger.mark_sent``,
``mark_paid``, ``cancel``, ``reverse``, payment application), so amounts, balances and
client totals add up. Dates are relative to the sandbox's today; output is deterministic.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import ledger, quotes, recurring
from .calls import Call
from .seed import seed_call
from .state import SandboxState
from .store import Record
from .writes import save

CLIENTS = ("Acme Corporation", "Globex", "Umbrella Corp", "Stark Industries")
ITEMS: tuple[dict[str, Any], ...] = (
    {"product_key": "consulting", "notes": "Consulting hours", "quantity": 6, "cost": 150},
    {
        "product_key": "design",
        "notes": "Design sprint",
        "quantity": 10,
        "cost": 95,
        "tax_name1": "VAT",
        "tax_rate1": 20,
    },
    {"product_key": "hosting", "notes": "Managed hosting", "quantity": 12, "cost": 25},
    {
        "product_key": "support",
        "notes": "Support plan",
        "quantity": 3,
        "cost": 60,
        "tax_name1": "GST",
        "tax_rate1": 10,
    },
)
# (status plan, days since the invoice date, days from date to due date)
INVOICE_PLAN: tuple[tuple[str, int, int], ...] = (
    ("draft", 2, 30),
    ("draft", 5, 30),
    ("draft", 0, 14),
    ("sent", 3, 30),
    ("sent", 7, 30),
    ("sent", 10, 30),
    ("sent", 1, 14),
    ("sent", 12, 30),
    ("sent", 4, 21),
    ("overdue", 45, 30),
    ("overdue", 60, 30),
    ("overdue", 90, 30),
    ("overdue", 40, 14),
    ("partial_overdue", 50, 30),
    ("partial_overdue", 70, 30),
    ("partial", 5, 30),
    ("paid", 20, 30),
    ("paid", 35, 30),
    ("paid", 8, 30),
    ("paid_by_payment", 15, 30),
    ("cancelled", 25, 30),
    ("cancelled", 33, 30),
    ("reversed", 40, 30),
)


def _owner(state: SandboxState) -> Record:
    owner_id = next(uid for uid, cu in state.auth.company_users.items() if cu.get("is_owner"))
    return state.users()[owner_id]


def _client(state: SandboxState, name: str) -> Record:
    return next(c for c in state.store.rows("client") if c.get("name") == name)


def _item(index: int, **extra: Any) -> list[dict[str, Any]]:
    first = dict(ITEMS[index % len(ITEMS)])
    second = dict(ITEMS[(index + 1) % len(ITEMS)], quantity=1 + index % 3)
    return [dict(first, **extra), second]


def _pay(call: Call, client: Record, invoice: Record, amount: float, reference: str) -> Record:
    return save(
        call,
        call.registry.spec("payments"),
        None,
        {
            "client_id": client["id"],
            "amount": amount,
            "date": invoice["date"],
            "type_id": "1",
            "transaction_reference": reference,
            "invoices": [{"invoice_id": invoice["id"], "amount": amount}],
        },
    )


def seed_invoices(call: Call, today: dt.date) -> None:
    spec = call.registry.spec("invoices")
    for index, (plan, age, terms) in enumerate(INVOICE_PLAN):
        client = _client(call.state, CLIENTS[index % len(CLIENTS)])
        date = today - dt.timedelta(days=age)
        invoice = save(
            call,
            spec,
            None,
            {
                "client_id": client["id"],
                "date": date.isoformat(),
                "due_date": (date + dt.timedelta(days=terms)).isoformat(),
                "po_number": f"PO-{100 + index}",
                "public_notes": "Thank you for your business.",
                "line_items": _item(index),
            },
        )
        if plan == "draft":
            continue
        ledger.mark_sent(call, invoice)
        if plan in ("partial", "partial_overdue"):
            _pay(
                call,
                client,
                invoice,
                round(float(invoice["amount"]) * 0.4, 2),
                f"Part payment {invoice['number']}",
            )
        elif plan == "paid":
            ledger.mark_paid(call, invoice, f"Bank transfer {invoice['number']}")
        elif plan == "paid_by_payment":
            _pay(call, client, invoice, float(invoice["amount"]), f"Cheque {invoice['number']}")
        elif plan == "cancelled":
            ledger.cancel(call, invoice)
        elif plan == "reversed":
            ledger.reverse(call, invoice)


def seed_quotes(call: Call, today: dt.date) -> None:
    spec = call.registry.spec("quotes")
    for index, plan in enumerate(("draft", "sent", "sent", "approved", "converted")):
        client = _client(call.state, CLIENTS[index % len(CLIENTS)])
        date = today - dt.timedelta(days=3 + index * 4)
        quote = save(
            call,
            spec,
            None,
            {
                "client_id": client["id"],
                "date": date.isoformat(),
                "due_date": (date + dt.timedelta(days=30)).isoformat(),
                "line_items": _item(index + 1),
            },
        )
        if plan != "draft":
            quotes.mark_quote_sent(call, quote)
        if plan == "approved":
            quotes.approve(call, quote)
        elif plan == "converted":
            quotes.convert(call, quote)


def seed_credits(call: Call, today: dt.date) -> None:
    spec = call.registry.spec("credits")
    acme = _client(call.state, CLIENTS[0])
    globex = _client(call.state, CLIENTS[1])
    save(
        call,
        spec,
        None,
        {
            "client_id": acme["id"],
            "date": (today - dt.timedelta(days=2)).isoformat(),
            "line_items": [
                {"product_key": "refund", "notes": "Goodwill", "quantity": 1, "cost": 40}
            ],
        },
    )
    sent = save(
        call,
        spec,
        None,
        {
            "client_id": globex["id"],
            "date": (today - dt.timedelta(days=9)).isoformat(),
            "line_items": [
                {"product_key": "refund", "notes": "Service credit", "quantity": 1, "cost": 75}
            ],
        },
    )
    ledger.mark_credit_sent(call, sent)
    used = save(
        call,
        spec,
        None,
        {
            "client_id": acme["id"],
            "date": (today - dt.timedelta(days=14)).isoformat(),
            "line_items": [
                {"product_key": "refund", "notes": "Overbilling", "quantity": 1, "cost": 100}
            ],
        },
    )
    ledger.mark_credit_sent(call, used)
    invoice = save(
        call,
        call.registry.spec("invoices"),
        None,
        {
            "client_id": acme["id"],
            "date": (today - dt.timedelta(days=6)).isoformat(),
            "due_date": (today + dt.timedelta(days=24)).isoformat(),
            "line_items": [
                {
                    "product_key": "consulting",
                    "notes": "Workshop follow-up",
                    "quantity": 2,
                    "cost": 150,
                }
            ],
        },
    )
    ledger.mark_sent(call, invoice)
    save(
        call,
        call.registry.spec("payments"),
        None,
        {
            "client_id": acme["id"],
            "amount": 240,
            "date": (today - dt.timedelta(days=1)).isoformat(),
            "type_id": "1",
            "invoices": [{"invoice_id": invoice["id"], "amount": 300}],
            "credits": [{"credit_id": used["id"], "amount": 60}],
        },
    )


def seed_recurring(call: Call, today: dt.date) -> None:
    spec = call.registry.spec("recurring_invoices")
    plans = (("active", "5", 0), ("active", "2", 3), ("paused", "5", 10), ("draft", "10", 0))
    for index, (plan, frequency, offset) in enumerate(plans):
        client = _client(call.state, CLIENTS[index % len(CLIENTS)])
        row = save(
            call,
            spec,
            None,
            {
                "client_id": client["id"],
                "frequency_id": frequency,
                "remaining_cycles": -1,
                "date": today.isoformat(),
                "next_send_date": (today + dt.timedelta(days=offset + 1)).isoformat(),
                "line_items": _item(index + 2),
            },
        )
        if plan in ("active", "paused"):
            recurring.start(call, row)
        if plan == "paused":
            recurring.stop(call, row)


def seed_money(state: SandboxState) -> None:
    """Add the demo's money records (see the module docstring)."""
    call = seed_call(state, _owner(state))
    today = state.clock.today()
    seed_invoices(call, today)
    seed_quotes(call, today)
    seed_credits(call, today)
    seed_recurring(call, today)
