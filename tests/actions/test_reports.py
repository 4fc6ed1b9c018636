"""run_report, get_dashboard_totals and get_reference_data through Toolbox.run.

The toolbox here records the client's sleeps instead of sleeping, so polling through the
sandbox's 409 "Still working" answers costs no time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest

from ninja_tools import NinjaClient, Settings
from ninja_tools.actions.reference import ReferenceData
from ninja_tools.actions.reports import REPORT_PATIENCE, DashboardTotals, ReportResult
from ninja_tools.errors import InvalidInput, NotReady
from ninja_tools.sandbox import SandboxState
from ninja_tools.sandbox.insight import desk
from ninja_tools.toolbox import Toolbox

from .conftest import TODAY, Recorder


@pytest.fixture
def slept() -> list[float]:
    return []


@pytest.fixture
async def toolbox(recorder: Recorder, slept: list[float]) -> AsyncIterator[Toolbox]:
    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    client = NinjaClient(Settings.load(url="http://sandbox.test", token="sandbox-token"),
                         transport=recorder, sleep=sleep)
    box = Toolbox(client)
    box.context.today = lambda: TODAY
    yield box
    await client.aclose()


def live(state: SandboxState, kind: str) -> list[dict[str, Any]]:
    return [r for r in state.store.rows(kind) if not r.get("is_deleted")]


async def test_run_report_polls_through_409s_to_the_rows(
    toolbox: Toolbox, state: SandboxState, recorder: Recorder, slept: list[float]
) -> None:
    desk(state).pending_polls = 2
    result = await toolbox.run("run_report", {"report": "invoices"})
    assert isinstance(result, ReportResult) and result.note is None
    invoices = live(state, "invoice")
    assert result.total_rows == len(invoices) == len(result.rows)
    number = result.columns.index("Invoice Number")
    assert {row[number] for row in result.rows} == {i["number"] for i in invoices}
    polls = [p for m, p in recorder.sent if "/reports/preview/" in p]
    assert len(polls) == 3 and len(slept) == 2 and sum(slept) < 5
    assert ("POST", "/api/v1/reports/invoices") in recorder.sent


async def test_run_report_for_one_client_status_and_period(
    toolbox: Toolbox, state: SandboxState
) -> None:
    acme = next(c for c in state.store.rows("client") if c["name"] == "Acme Corporation")
    result = await toolbox.run("run_report", {"report": "invoices", "client": "Acme Corporation",
                                              "status": "draft,paid"})
    assert isinstance(result, ReportResult)
    expected = [i for i in live(state, "invoice")
                if i["client_id"] == acme["id"] and i["status_id"] in ("1", "4")]
    assert result.total_rows == len(expected) > 0
    assert {row[0] for row in result.rows} == {"Acme Corporation"}
    week = await toolbox.run("run_report", {"report": "expenses", "date_range": "last7"})
    since = (TODAY - dt.timedelta(days=7)).isoformat()
    assert isinstance(week, ReportResult) and week.total_rows == len(
        [e for e in live(state, "expense") if since <= e["date"] <= TODAY.isoformat()])


async def test_run_report_caps_rows_and_reads_csv_reports(toolbox: Toolbox) -> None:
    capped = await toolbox.run("run_report", {"report": "invoices", "limit": 2})
    assert isinstance(capped, ReportResult) and len(capped.rows) == 2
    assert capped.note and str(capped.total_rows) in capped.note
    pnl = await toolbox.run("run_report", {"report": "profitloss", "start_date": "2000-01-01",
                                           "end_date": "2030-12-31"})
    assert isinstance(pnl, ReportResult) and pnl.columns == ["Type", "Amount"]
    assert [row[0] for row in pnl.rows] == ["Income", "Expenses", "Net"]


async def test_run_report_gives_up_after_its_patience_with_the_hash(
    toolbox: Toolbox, state: SandboxState, slept: list[float]
) -> None:
    desk(state).pending_polls = 10_000
    with pytest.raises(NotReady) as caught:
        await toolbox.run("run_report", {"report": "clients"})
    assert "get_report_result" in caught.value.hint
    assert sum(slept) <= REPORT_PATIENCE and len(slept) < 15


async def test_run_report_invalid_input_sends_nothing(
    toolbox: Toolbox, recorder: Recorder
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("run_report", {"report": "nonsense"})
    assert "report" in caught.value.field_errors
    for bad in ({"report": "clients", "status": "paid"},
                {"report": "invoices", "status": "lost"},
                {"report": "vendors", "client": "Acme Corporation"},
                {"report": "invoices", "start_date": "2026-01-01"},
                {"report": "invoices", "date_range": "custom"},
                {"report": "invoices", "date_range": "last7", "start_date": "2026-01-01",
                 "end_date": "2026-02-01"},
                {"report": "invoices", "start_date": "2026-02-01", "end_date": "2026-01-01"}):
        with pytest.raises(InvalidInput):
            await toolbox.run("run_report", bad)
    assert recorder.sent == []


async def test_dashboard_totals_match_the_store(toolbox: Toolbox, state: SandboxState) -> None:
    result = await toolbox.run("get_dashboard_totals", {"date_range": "all_time"})
    assert isinstance(result, DashboardTotals) and result.end_date == TODAY.isoformat()
    usd = next(c for c in result.currencies if c.currency == "USD")
    clients = {c["id"] for c in live(state, "client")}
    invoices = [i for i in live(state, "invoice") if i["client_id"] in clients]
    assert usd.invoiced == pytest.approx(sum(
        i["amount"] for i in invoices if i["status_id"] in ("2", "3", "4") and i["amount"] > 0))
    open_ = [i for i in invoices if i["status_id"] in ("2", "3") and i["balance"] > 0]
    assert usd.outstanding == pytest.approx(sum(i["balance"] for i in open_))
    assert usd.outstanding_invoices == len(open_)
    assert usd.expenses == pytest.approx(sum(e["amount"] for e in live(state, "expense")))
    payments = [p for p in live(state, "payment") if p["client_id"] in clients
                and p["status_id"] in ("1", "4", "5", "6")]
    assert usd.revenue == pytest.approx(sum(p["amount"] - p["refunded"] for p in payments))


async def test_dashboard_totals_for_given_dates(toolbox: Toolbox) -> None:
    result = await toolbox.run("get_dashboard_totals", {"start_date": "2026-03-01",
                                                        "end_date": "2026-03-31"})
    assert isinstance(result, DashboardTotals)
    assert (result.start_date, result.end_date) == ("2026-03-01", "2026-03-31")


async def test_dashboard_invalid_input_sends_nothing(
    toolbox: Toolbox, recorder: Recorder
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("get_dashboard_totals", {"start_date": "2026-13-01"})
    assert "start_date" in caught.value.field_errors
    with pytest.raises(InvalidInput):
        await toolbox.run("get_dashboard_totals", {"date_range": "this_month",
                                                   "start_date": "2026-01-01"})
    assert recorder.sent == []


async def test_reference_data_one_part_compact(toolbox: Toolbox) -> None:
    euro = await toolbox.run("get_reference_data", {"part": "currencies", "search": "euro"})
    assert isinstance(euro, ReferenceData) and euro.count == 1
    assert (euro.items[0].id, euro.items[0].code, euro.items[0].symbol) == ("3", "EUR", "€")
    countries = await toolbox.run("get_reference_data", {"part": "countries"})
    assert isinstance(countries, ReferenceData) and countries.count > 1
    assert any(c.code == "DE" and c.name == "Germany" for c in countries.items)


async def test_reference_data_invalid_input_sends_nothing(
    toolbox: Toolbox, recorder: Recorder
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("get_reference_data", {"part": "planets"})
    assert "part" in caught.value.field_errors
    assert recorder.sent == []
