"""Reports and dashboard totals: ask Invoice Ninja, wait for the job, and shape the answer small.

A report is a job: ``POST reports/{name}`` answers a hash, and ``POST reports/preview/{hash}``
answers 409 "Still working" until the job is done, then the report once (the server forgets it
after that read). ``run_report`` does both and waits with a bounded back-off.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field, model_validator

from ..client import api_path
from ..errors import NotReady, ProtocolError
from ..resources import REPORTS
from .base import Action, ActionInput, Route
from .context import Context
from .fields import IsoDate, RecordId
from .lookup import resolve_client

__all__ = ["ACTIONS"]

if TYPE_CHECKING:
    ReportName = str
else:
    ReportName = Literal.__getitem__(REPORTS)
#: ``BaseExport::addDateRange``'s own names (not the dashboard's ``last7_days``).
ReportRange = Literal["all", "last7", "last30", "last365_days", "this_month", "last_month",
                      "this_quarter", "last_quarter", "this_year", "custom"]
#: ``ShowChartRequest``'s date ranges.
ChartRange = Literal["last7_days", "last30_days", "last365_days", "this_month", "last_month",
                     "this_quarter", "last_quarter", "this_year", "last_year", "all_time"]

#: Reports whose export filters on ``status``, with the words it understands.
STATUS_CHOICES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("invoices", "invoice_items"),
                    ("all", "draft", "sent", "viewed", "paid", "unpaid", "overdue", "cancelled")),
    **dict.fromkeys(("quotes", "quote_items"),
                    ("all", "draft", "sent", "approved", "expired", "upcoming", "converted")),
    **dict.fromkeys(("purchase_orders", "purchase_order_items"),
                    ("all", "draft", "sent", "accepted", "cancelled")),
    "credits": ("all", "draft", "sent", "partial", "applied"),
    "payments": ("all", "pending", "cancelled", "failed", "completed", "partially_refunded",
                 "refunded", "partially_unapplied"),
    "recurring_invoices": ("all", "active", "paused", "completed"),
    "expenses": ("all", "logged", "pending", "invoiced", "paid", "unpaid"),
}
#: Reports whose export filters on ``client_id``; expenses take a ``clients`` list instead.
CLIENT_FILTERED = frozenset({
    "invoices", "invoice_items", "credits", "payments", "quotes", "quote_items",
    "recurring_invoices", "purchase_orders", "purchase_order_items", "tasks", "expenses",
})
#: How long ``run_report`` waits for a report in all, and its waits between polls.
REPORT_PATIENCE = 30.0
_FIRST_WAIT, _LONGEST_WAIT = 0.5, 4.0


# -- run_report -------------------------------------------------------------------------------

class RunReportInput(ActionInput):
    report: ReportName = Field(description="Which report, e.g. invoices, payments, profitloss")
    date_range: ReportRange | None = Field(
        default=None, description="A named period (default all), or custom with start_date and "
        "end_date")
    start_date: IsoDate | None = Field(default=None, description="First day, YYYY-MM-DD")
    end_date: IsoDate | None = Field(default=None, description="Last day, YYYY-MM-DD")
    client: str | None = Field(default=None, max_length=200,
                               description="Only this client's rows: its name or e-mail")
    client_id: RecordId | None = Field(default=None,
                                       description="Only this client's rows: its hashed id")
    status: str | None = Field(
        default=None, max_length=200, pattern=r"^[a-z_]+(,[a-z_]+)*$",
        description="Comma list of statuses, e.g. unpaid,overdue for invoices; payments: "
        "completed, refunded...; quotes: approved, expired...; expenses: paid, invoiced...")
    include_deleted: bool = Field(default=False, description="Also count deleted records")
    limit: int = Field(default=100, ge=1, le=2000, description="Most rows to return")

    @model_validator(mode="after")
    def _check(self) -> RunReportInput:
        if (self.start_date is None) != (self.end_date is None):
            raise ValueError("give start_date and end_date together")
        if self.start_date is not None:
            if self.date_range not in (None, "custom"):
                raise ValueError("give either date_range or start_date and end_date, not both")
            if self.end_date is not None and self.end_date < self.start_date:
                raise ValueError("end_date is before start_date")
        elif self.date_range == "custom":
            raise ValueError("date_range custom needs start_date and end_date")
        if self.client is not None and self.client_id is not None:
            raise ValueError("give client or client_id, not both")
        if (self.client or self.client_id) and self.report not in CLIENT_FILTERED:
            raise ValueError(f"the {self.report} report cannot be limited to one client; these "
                             f"can: {', '.join(sorted(CLIENT_FILTERED))}")
        if self.status is not None:
            choices = STATUS_CHOICES.get(self.report)
            if choices is None:
                raise ValueError(f"the {self.report} report has no status filter; these do: "
                                 f"{', '.join(sorted(STATUS_CHOICES))}")
            wrong = [s for s in self.status.split(",") if s not in choices]
            if wrong:
                raise ValueError(f"status {wrong[0]!r} is not one of {', '.join(choices)} for "
                                 f"the {self.report} report")
        return self


class ReportResult(BaseModel):
    """A report's rows: its column names, then one list of cells per row, capped by ``limit``."""

    report: str
    columns: list[str]
    rows: list[list[Any]]
    total_rows: int = Field(description="Rows in the whole report; rows may hold fewer")
    note: str | None = None


def _report_body(args: RunReportInput, client_id: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"send_email": False, "output": "json",
                            "include_deleted": args.include_deleted,
                            "date_range": "custom" if args.start_date else args.date_range or "all"}
    if args.start_date:
        body.update(start_date=args.start_date, end_date=args.end_date)
    if client_id:
        if args.report == "expenses":
            body["clients"] = [client_id]
        else:
            body["client_id"] = client_id
    if args.status:
        body["status"] = args.status
    return body


def _cell(cell: Any) -> Any:
    if isinstance(cell, dict):
        return cell.get("value", cell.get("display_value"))
    return cell


def _table(data: Any, report: str) -> tuple[list[str], list[list[Any]]]:
    """Columns and rows from ``output=json`` (``{"columns": [...], "0": [cells]...}``) or CSV."""
    if isinstance(data, dict) and isinstance(data.get("columns"), list):
        columns = [str(c.get("display_value") or c.get("identifier") or "")
                   if isinstance(c, dict) else str(c) for c in data["columns"]]
        keys = sorted((k for k in data if k.isdigit()), key=int)
        rows = [[_cell(c) for c in data[k]] for k in keys if isinstance(data[k], list)]
        return columns, rows
    if isinstance(data, str):
        table = list(csv.reader(io.StringIO(data)))
        return (table[0], [list(r) for r in table[1:] if r]) if table else ([], [])
    raise ProtocolError(f"The {report} report came back in a shape this tool does not read.",
                        hint="Try get_report_result or download_report_csv.")


async def _poll(ctx: Context, report: str, hash_: str) -> Any:
    """The report once it is ready, waiting between 409s; ``NotReady`` after the patience."""
    sleep = ctx.client.pause
    waited, wait = 0.0, _FIRST_WAIT
    while True:
        try:
            return await ctx.client.post(api_path("reports/preview/{hash}", hash=hash_),
                                         read_only=True)
        except NotReady:
            if waited + wait > REPORT_PATIENCE:
                raise NotReady(
                    f"The {report} report is not ready after {waited:.0f} seconds.", status=409,
                    hint=f"Ask for it later with get_report_result, hash {hash_}.") from None
        await sleep(wait)
        waited += wait
        wait = min(wait * 2, _LONGEST_WAIT)


async def _run_report(ctx: Context, args: RunReportInput) -> ReportResult:
    client_id = args.client_id
    if args.client is not None:
        client_id = (await resolve_client(ctx, client=args.client)).id
    answer = await ctx.client.post(api_path("reports/{report}", report=args.report),
                                   _report_body(args, client_id), read_only=True)
    hash_ = answer.get("message") if isinstance(answer, dict) else None
    if not hash_ or not isinstance(hash_, str) or " " in hash_:
        raise ProtocolError(f"Invoice Ninja did not queue the {args.report} report: {answer!r}.",
                            hint="Check that the server knows this report.")
    columns, rows = _table(await _poll(ctx, args.report, hash_), args.report)
    note = (f"Showing the first {args.limit} of {len(rows)} rows; raise limit or narrow the "
            "dates for more." if len(rows) > args.limit else None)
    return ReportResult(report=args.report, columns=columns, rows=rows[:args.limit],
                        total_rows=len(rows), note=note)


# -- get_dashboard_totals ---------------------------------------------------------------------

class GetDashboardTotalsInput(ActionInput):
    date_range: ChartRange | None = Field(
        default=None, description="A named period; or give start_date and end_date; neither "
        "means Invoice Ninja's default, the last 20 days")
    start_date: IsoDate | None = Field(default=None, description="First day, YYYY-MM-DD")
    end_date: IsoDate | None = Field(default=None, description="Last day, YYYY-MM-DD")

    @model_validator(mode="after")
    def _check(self) -> GetDashboardTotalsInput:
        if self.date_range and (self.start_date or self.end_date):
            raise ValueError("give either date_range or start_date/end_date, not both")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError("end_date is before start_date")
        return self


class CurrencyTotals(BaseModel):
    """One currency's dashboard figures for the period."""

    currency: str
    invoiced: float = Field(description="Sent, partly paid and paid invoices dated in the period")
    revenue: float = Field(description="Payments received in the period, refunds taken off")
    outstanding: float = Field(description="Open balance of sent and partly paid invoices")
    outstanding_invoices: int
    expenses: float


class DashboardTotals(BaseModel):
    """Invoice Ninja's dashboard totals for a period, one entry per currency in use."""

    start_date: str
    end_date: str
    currencies: list[CurrencyTotals]


def _amount(block: Any, key: str) -> float:
    if not isinstance(block, dict):
        return 0.0
    try:
        return round(float(block.get(key) or 0), 2)
    except (TypeError, ValueError):
        return 0.0


def _totals(data: dict[str, Any]) -> list[CurrencyTotals]:
    found = []
    codes = data.get("currencies") if isinstance(data.get("currencies"), dict) else {}
    for currency_id, code in (codes or {}).items():
        block = data.get(str(currency_id))
        if not isinstance(block, dict):
            continue
        outstanding = block.get("outstanding")
        totals = CurrencyTotals(
            currency=str(code), invoiced=_amount(block.get("invoices"), "invoiced_amount"),
            revenue=_amount(block.get("revenue"), "paid_to_date"),
            outstanding=_amount(outstanding, "amount"),
            outstanding_invoices=int(_amount(outstanding, "outstanding_count")),
            expenses=_amount(block.get("expenses"), "amount"))
        if any((totals.invoiced, totals.revenue, totals.outstanding, totals.expenses)):
            found.append(totals)
    return found


async def _dashboard(ctx: Context, args: GetDashboardTotalsInput) -> DashboardTotals:
    body = args.model_dump(exclude_none=True)
    data = await ctx.client.post("charts/totals", body, read_only=True)
    if not isinstance(data, dict):
        raise ProtocolError("Invoice Ninja's dashboard totals came back empty.",
                            hint="Check the token may view the dashboard (view_dashboard).")
    return DashboardTotals(start_date=str(data.get("start_date") or args.start_date or ""),
                           end_date=str(data.get("end_date") or args.end_date or ""),
                           currencies=_totals(data))


ACTIONS: list[Action] = [
    Action(
        name="run_report", title="Run a report",
        description="Run one of Invoice Ninja's reports (invoices, payments, expenses, tasks, "
        "profit and loss...) for a period and return its rows, waiting while the server "
        "prepares it. Use get_dashboard_totals for headline figures; get_report_result only "
        "to fetch a report that ran out of time here.",
        input=RunReportInput, output=ReportResult, risk="read", permission="view_reports",
        toolset="reports", route=Route("POST", "reports/{report}"), run=_run_report,
        routes=(Route("POST", "reports/{report}"), Route("POST", "reports/preview/{hash}"),
                Route("GET", "clients")),
    ),
    Action(
        name="get_dashboard_totals", title="Get dashboard totals",
        description="Get the dashboard's headline figures for a period: invoiced, revenue, "
        "outstanding and expenses, per currency. Use run_report for row-by-row detail.",
        input=GetDashboardTotalsInput, output=DashboardTotals, risk="read",
        permission="view_dashboard", toolset="reports", route=Route("POST", "charts/totals"),
        run=_dashboard,
    ),
]
