"""Report filters as BaseExport applies them: its own date-range names, client and status."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from ninja_tools.sandbox.insight import desk, report_range
from tests.sandbox.ops_helpers import by, make_client


async def _rows(client: httpx.AsyncClient, name: str, body: dict[str, Any]) -> list[list[Any]]:
    queued = await client.post(f"/api/v1/reports/{name}",
                               json={"send_email": False, "output": "json", **body})
    report = (await client.post(f"/api/v1/reports/preview/{queued.json()['message']}")).json()
    return [report[k] for k in report if k != "columns"]


def _column(rows: list[list[Any]], identifier: str) -> list[Any]:
    return [c["value"] for row in rows for c in row if c["identifier"] == identifier]


def test_report_range_names_are_base_exports() -> None:
    today = dt.date(2025, 3, 14)
    assert report_range("all", today) == (None, None)
    assert report_range("last7", today) == (dt.date(2025, 3, 7), today)
    assert report_range("last30", today) == (dt.date(2025, 2, 12), today)
    assert report_range("this_month", today) == (dt.date(2025, 3, 1), today)
    assert report_range("last_month", today) == (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    assert report_range("this_year", today) == (dt.date(2025, 1, 1), today)
    assert report_range("nonsense", today) == (dt.date(2025, 1, 1), today)


async def test_last7_keeps_only_the_last_week() -> None:
    client, state = make_client()
    desk(state).pending_polls = 0
    async with client:
        expenses = await _rows(client, "expenses", {"date_range": "last7"})
        everything = await _rows(client, "expenses", {"date_range": "all"})
    week_ago = (state.clock.today() - dt.timedelta(days=7)).isoformat()
    dates = _column(expenses, "expense.date")
    assert dates and all(d >= week_ago for d in dates)
    assert len(everything) > len(expenses)


async def test_client_and_invoice_status_filters() -> None:
    client, state = make_client()
    desk(state).pending_polls = 0
    acme = by(state, "client", name="Acme Corporation")
    async with client:
        mine = await _rows(client, "invoices", {"client_id": acme["id"]})
        drafts = await _rows(client, "invoices", {"status": "draft"})
        expenses = await _rows(client, "expenses", {"clients": [acme["id"]]})
    live = [i for i in state.store.rows("invoice") if not i["is_deleted"]]
    assert sorted(_column(mine, "invoice.number")) == sorted(
        i["number"] for i in live if i["client_id"] == acme["id"])
    assert set(_column(drafts, "invoice.status")) == {"Draft"}
    assert len(drafts) == sum(1 for i in live if i["status_id"] == "1")
    assert set(_column(expenses, "client.name")) == {"Acme Corporation"}
