"""Operations demo data: task statuses, projects, tasks, expenses, POs, stock and documents.

It adds no vendors or products of its own (the core demo has them), so counts the core
tests rely on stay put; it gives two products stock and two vendors expenses and POs.

Called from the demo seed after the core rows exist; everything goes through the normal
save path (so numbering, totals, activities and the task/invoice links all apply) and
every date or time is relative to the sandbox clock, so the data is deterministic.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .state import SandboxState
from .store import Record

HOUR = 3600
TASK_STATUS_NAMES = ("Backlog", "Ready to do", "In progress", "Done")


def _by_name(state: SandboxState, kind: str, name: str) -> Record:
    return next(r for r in state.store.rows(kind) if r.get("name") == name)


def seed_operations(state: SandboxState, users: dict[str, Record]) -> None:
    """Add the operations rows to a store that already has the core demo rows."""
    from .files import attach
    from .seed import seed_call
    from .spend import mark_sent
    from .writes import save

    call = seed_call(state, users["owner"])
    spec = state.registry.spec
    today = state.clock.today()
    now = state.now()

    def day(days_ago: int) -> str:
        return (today - dt.timedelta(days=days_ago)).isoformat()

    def add(route: str, body: dict[str, Any]) -> Record:
        return save(call, spec(route), None, body)

    for order, name in enumerate(TASK_STATUS_NAMES, start=1):
        add("task_statuses", {"name": name, "status_order": order})
    acme = _by_name(state, "client", "Acme Corporation")
    globex = _by_name(state, "client", "Globex")
    stark = _by_name(state, "client", "Stark Industries")
    supplies = _by_name(state, "vendor", "Office Supplies Ltd")
    cloud = _by_name(state, "vendor", "Cloud Hosting Inc")
    travel = _by_name(state, "expense_category", "Travel")
    software = _by_name(state, "expense_category", "Software")
    office = _by_name(state, "expense_category", "Office")

    hosting = add(
        "expenses",
        {
            "vendor_id": cloud["id"],
            "category_id": software["id"],
            "amount": 120,
            "date": day(10),
            "payment_date": day(9),
            "public_notes": "Cloud servers",
            "transaction_reference": "CH-2291",
        },
    )
    add(
        "expenses",
        {
            "vendor_id": supplies["id"],
            "category_id": office["id"],
            "amount": 45.5,
            "date": day(5),
            "client_id": acme["id"],
            "should_be_invoiced": True,
            "public_notes": "Printed workshop handouts",
        },
    )
    flights = add(
        "expenses",
        {
            "category_id": travel["id"],
            "amount": 300,
            "date": day(8),
            "client_id": globex["id"],
            "should_be_invoiced": True,
            "public_notes": "Flights to Globex HQ",
        },
    )
    add("expenses", {"amount": 19.99, "date": day(2), "public_notes": "Parking (uncategorised)"})

    website = add(
        "projects",
        {
            "name": "Acme Website Redesign",
            "client_id": acme["id"],
            "task_rate": 120,
            "budgeted_hours": 40,
            "due_date": day(-30),
            "color": "#2f7ed8",
        },
    )
    add(
        "projects",
        {
            "name": "Globex Support",
            "client_id": globex["id"],
            "task_rate": 95,
            "budgeted_hours": 10,
        },
    )

    def logged(*spans: tuple[int, int]) -> list[list[Any]]:
        """Closed entries, each (hours ago it started, minutes it lasted)."""
        return [
            [now - ago * HOUR, now - ago * HOUR + minutes * 60, "", True] for ago, minutes in spans
        ]

    add(
        "tasks",
        {
            "description": "Wireframes for the new home page",
            "client_id": acme["id"],
            "project_id": website["id"],
            "time_log": logged((50, 120), (26, 90)),
        },
    )
    add(
        "tasks",
        {
            "description": "Build the contact form",
            "client_id": acme["id"],
            "project_id": website["id"],
            "time_log": [[now - 30 * 60, 0, "", True]],
        },
    )
    support = add(
        "tasks",
        {
            "description": "Quarterly support call",
            "client_id": globex["id"],
            "rate": 95,
            "time_log": logged((72, 180)),
        },
    )
    add(
        "tasks",
        {
            "description": "Security review notes",
            "client_id": stark["id"],
            "rate": 150,
            "time_log": logged((4, 60)),
        },
    )
    add(
        "invoices",
        {
            "client_id": globex["id"],
            "date": day(1),
            "line_items": [
                {
                    "product_key": "support",
                    "notes": "Quarterly support call (3 h)",
                    "quantity": 3,
                    "cost": 95,
                    "task_id": support["id"],
                    "type_id": "2",
                },
                {
                    "product_key": "travel",
                    "notes": "Flights to Globex HQ",
                    "quantity": 1,
                    "cost": 300,
                    "expense_id": flights["id"],
                },
            ],
        },
    )

    for key, stock in (("hosting", 12), ("support", 4)):
        product = next(p for p in state.store.rows("product") if p.get("product_key") == key)
        save(call, spec("products"), product, {"in_stock_quantity": stock})
    add(
        "purchase_orders",
        {
            "vendor_id": supplies["id"],
            "date": day(3),
            "line_items": [
                {
                    "product_key": "paper",
                    "notes": "A4 paper, box of 5 reams",
                    "quantity": 10,
                    "cost": 4.5,
                }
            ],
        },
    )
    sent = add(
        "purchase_orders",
        {
            "vendor_id": cloud["id"],
            "date": day(6),
            "line_items": [
                {
                    "product_key": "hosting",
                    "notes": "Managed hosting, per month",
                    "quantity": 6,
                    "cost": 20,
                    "tax_name1": "GST",
                    "tax_rate1": 10,
                }
            ],
        },
    )
    mark_sent(call, sent)

    attach(
        call,
        spec("projects"),
        website,
        "brief.txt",
        b"Acme redesign brief: modern, fast, accessible.\n",
    )
    attach(
        call,
        spec("expenses"),
        hosting,
        "receipt.pdf",
        b"%PDF-1.4\n% receipt CH-2291\n%%EOF\n",
        is_public=False,
    )
