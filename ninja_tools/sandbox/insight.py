"""Reports (queued, then polled once) and the dashboard totals, computed from the store.

Real facts kept (``app/Http/Controllers/Reports/*``, ``GenericReportRequest``,
``app/Jobs/Report/PreviewReport.php``, ``ReportPreviewController``, ``ChartController``,
``app/Services/Chart/ChartService.php`` + ``ChartQueries.php``, ``ShowChartRequest``):

* ``POST reports/{name}``: ``send_email`` defaults to true, and then (without
  ``output``) the report is mailed and the answer is ``{"message":"working..."}``;
  otherwise a job is queued and the answer is ``{"message":"<uuid>"}``. Admin or
  ``view_reports`` only (401). The routes sit behind ``throttle:20,1``, whose key is the
  user (Laravel's request signature), so the 20 a minute are shared by the report routes.
  Rows are filtered as ``BaseExport`` does: ``date_range`` by its own names (``all``,
  ``last7``, ``last30``, ``this_month``...), ``client_id`` (``clients`` on expenses), and
  ``status`` on the invoice reports.
* ``POST reports/preview/{hash}``: 409 ``{"message":"Still working....."}`` until the job
  has cached the result, then the result once (the cache entry is forgotten), then 409
  again. ``output: "json"`` gives ``{"columns": [...], "0": [cells], "1": ...}``; other
  outputs give the CSV text as a JSON string.
* ``POST charts/totals`` (and ``totals_v2``): ``currencies`` plus, per currency id,
  ``invoices``/``revenue``/``outstanding``/``expenses`` (``{}`` when empty) and the
  ``999`` aggregate; sums come back as MySQL decimal strings. Dates default to the last
  20 days. Admin or ``view_dashboard`` only.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .calls import Call, api
from .failures import (
    RouteNotFound,
    TooManyRequests,
    Unauthorized,
    ValidationFailed,
    invalid_selection,
)
from .registry import Registry
from .resources import PREFIX
from .responses import json_response, message
from .state import SandboxState
from .statics import CURRENCIES
from .store import Record

STILL_WORKING = "Still working....."
REPORT_LIMIT = 20
REPORT_WINDOW = 60.0
CHART_RANGES = (
    "last7_days",
    "last30_days",
    "last365_days",
    "this_month",
    "last_month",
    "this_quarter",
    "last_quarter",
    "this_year",
    "last_year",
    "all_time",
    "custom",
)


@dataclass
class ReportDesk:
    """Per-sandbox report state: queued results, how many polls see 409, throttle hits."""

    pending_polls: int = 2  # 409 answers before a queued report is "ready"
    queued: dict[str, dict[str, Any]] = field(default_factory=dict)
    hits: dict[str, deque[float]] = field(default_factory=dict)


def desk(state: SandboxState) -> ReportDesk:
    """The state's report desk (created on first use): ``desk(state).pending_polls = 0``."""
    existing = getattr(state, "reports", None)
    if not isinstance(existing, ReportDesk):
        existing = ReportDesk()
        state.reports = existing  # type: ignore[attr-defined]
    return existing


# ---------------------------------------------------------------- report rows

Context = dict[str, Record]

STATUS_LABELS: dict[str, dict[str, str]] = {
    "invoice": {
        "1": "Draft",
        "2": "Sent",
        "3": "Partial",
        "4": "Paid",
        "5": "Cancelled",
        "6": "Reversed",
    },
    "quote": {"1": "Draft", "2": "Sent", "3": "Approved", "4": "Converted"},
    "credit": {"1": "Draft", "2": "Sent", "3": "Partial", "4": "Applied"},
    "purchase_order": {
        "1": "Draft",
        "2": "Sent",
        "3": "Accepted",
        "4": "Received",
        "5": "Cancelled",
    },
    "recurring_invoice": {"1": "Draft", "2": "Active", "3": "Paused", "4": "Completed"},
    "payment": {
        "1": "Pending",
        "2": "Cancelled",
        "3": "Failed",
        "4": "Completed",
        "5": "Partially Refunded",
        "6": "Refunded",
    },
}


def _rows_of(kind: str) -> Callable[[SandboxState], Iterator[Context]]:
    def rows(state: SandboxState) -> Iterator[Context]:
        for record in state.store.rows(kind):
            ctx: Context = {kind: record}
            for related in ("client", "vendor"):
                target = state.store.get(related, str(record.get(f"{related}_id") or ""))
                if target is not None:
                    ctx[related] = target
            yield ctx

    return rows


def _items_of(kind: str) -> Callable[[SandboxState], Iterator[Context]]:
    def rows(state: SandboxState) -> Iterator[Context]:
        for ctx in _rows_of(kind)(state):
            for item in ctx[kind].get("line_items") or []:
                yield {**ctx, "item": item}

    return rows


def _contacts(state: SandboxState) -> Iterator[Context]:
    for client in state.store.rows("client"):
        for contact in client.get("contacts") or []:
            yield {"contact": contact, "client": client}


@dataclass(frozen=True)
class Report:
    kind: str  # the report's own entity (its cells carry hashed_id None)
    rows: Callable[[SandboxState], Iterator[Context]]
    keys: tuple[str, ...]
    date_field: str = "date"


_DOC_KEYS = (
    "client.name",
    "{k}.number",
    "{k}.amount",
    "{k}.balance",
    "{k}.status",
    "{k}.date",
    "{k}.due_date",
)


def _doc_keys(kind: str) -> tuple[str, ...]:
    return tuple(k.format(k=kind) for k in _DOC_KEYS)


def _item_keys(kind: str, owner: str = "client") -> tuple[str, ...]:
    return (
        f"{owner}.name",
        f"{kind}.number",
        "item.product_key",
        "item.notes",
        "item.quantity",
        "item.cost",
        "item.line_total",
    )


ENTITY_REPORTS: dict[str, Report] = {
    "clients": Report(
        "client",
        _rows_of("client"),
        ("client.name", "client.number", "client.balance", "client.paid_to_date", "client.city"),
        "created_at",
    ),
    "client_contacts": Report(
        "contact",
        _contacts,
        (
            "client.name",
            "contact.first_name",
            "contact.last_name",
            "contact.email",
            "contact.phone",
        ),
        "created_at",
    ),
    "contacts": Report(
        "contact",
        _contacts,
        (
            "client.name",
            "contact.first_name",
            "contact.last_name",
            "contact.email",
            "contact.phone",
        ),
        "created_at",
    ),
    "activities": Report(
        "activity",
        _rows_of("activity"),
        ("activity.activity_type_id", "activity.notes", "activity.created_at"),
        "created_at",
    ),
    "credits": Report("credit", _rows_of("credit"), _doc_keys("credit")),
    "documents": Report(
        "document",
        _rows_of("document"),
        ("document.name", "document.type", "document.size", "document.created_at"),
        "created_at",
    ),
    "expenses": Report(
        "expense",
        _rows_of("expense"),
        (
            "vendor.name",
            "client.name",
            "expense.number",
            "expense.amount",
            "expense.date",
            "expense.public_notes",
        ),
    ),
    "invoices": Report("invoice", _rows_of("invoice"), _doc_keys("invoice")),
    "invoice_items": Report("invoice", _items_of("invoice"), _item_keys("invoice")),
    "product_sales": Report("invoice", _items_of("invoice"), _item_keys("invoice")),
    "purchase_orders": Report(
        "purchase_order",
        _rows_of("purchase_order"),
        (
            "vendor.name",
            "purchase_order.number",
            "purchase_order.amount",
            "purchase_order.status",
            "purchase_order.date",
        ),
    ),
    "purchase_order_items": Report(
        "purchase_order", _items_of("purchase_order"), _item_keys("purchase_order", "vendor")
    ),
    "quotes": Report("quote", _rows_of("quote"), _doc_keys("quote")),
    "quote_items": Report("quote", _items_of("quote"), _item_keys("quote")),
    "recurring_invoices": Report(
        "recurring_invoice",
        _rows_of("recurring_invoice"),
        (
            "client.name",
            "recurring_invoice.number",
            "recurring_invoice.amount",
            "recurring_invoice.status",
            "recurring_invoice.frequency_id",
        ),
    ),
    "payments": Report(
        "payment",
        _rows_of("payment"),
        (
            "client.name",
            "payment.number",
            "payment.amount",
            "payment.date",
            "payment.transaction_reference",
            "payment.status",
        ),
    ),
    "products": Report(
        "product",
        _rows_of("product"),
        (
            "product.product_key",
            "product.notes",
            "product.cost",
            "product.price",
            "product.in_stock_quantity",
        ),
        "created_at",
    ),
    "tasks": Report(
        "task",
        _rows_of("task"),
        (
            "client.name",
            "task.number",
            "task.description",
            "task.duration",
            "task.rate",
            "task.date",
        ),
    ),
    "vendors": Report(
        "vendor", _rows_of("vendor"), ("vendor.name", "vendor.number", "vendor.city"), "created_at"
    ),
}
FINANCIAL_REPORTS = (
    "profitloss",
    "ar_detail_report",
    "ar_summary_report",
    "client_balance_report",
    "client_sales_report",
    "tax_summary_report",
    "user_sales_report",
)


def _value(ctx: Context, key: str) -> Any:
    entity, _, column = key.partition(".")
    record = ctx.get(entity)
    if record is None:
        return ""
    if column == "status" and entity in STATUS_LABELS:
        return STATUS_LABELS[entity].get(str(record.get("status_id")), "")
    value = record.get(column, "")
    return "" if value is None else value


def _display(key: str) -> str:
    entity, _, column = key.partition(".")
    return f"{entity.replace('_', ' ').title()} {column.replace('_', ' ').title()}".strip()


def _date_window(
    state: SandboxState, body: dict[str, Any]
) -> tuple[dt.date | None, dt.date | None]:
    today = state.clock.today()
    choice = str(body.get("date_range") or "all")
    if choice == "custom":
        try:
            return dt.date.fromisoformat(str(body.get("start_date"))), dt.date.fromisoformat(
                str(body.get("end_date"))
            )
        except ValueError:
            return None, None
    return report_range(choice, today)


def report_range(choice: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """``BaseExport::addDateRange``: reports name their ranges ``last7``/``last30`` (not the
    charts' ``last7_days``); ``all`` is no filter, this month and this year run to today, and
    ``last_year`` and unknown names query this year so far, as the real switch does."""
    if choice == "all":
        return None, None
    if choice in ("last7", "last30"):
        return today - dt.timedelta(days=int(choice[4:])), today
    if choice in ("last365_days", "last_month", "this_quarter", "last_quarter"):
        return range_dates(choice, today)
    if choice == "this_month":
        return today.replace(day=1), today
    return today.replace(month=1, day=1), today


def range_dates(choice: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The named date ranges of reports and charts (``calculateStartAndEndDates``)."""
    month_start = today.replace(day=1)
    quarter_start = today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1)
    if choice == "last7_days":
        return today - dt.timedelta(days=7), today
    if choice == "last30_days":
        return today - dt.timedelta(days=30), today
    if choice == "last365_days":
        return today - dt.timedelta(days=365), today
    if choice == "this_month":
        return month_start, today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if choice == "last_month":
        end = month_start - dt.timedelta(days=1)
        return end.replace(day=1), end
    if choice == "this_quarter":
        end_month = quarter_start.month + 2
        return quarter_start, quarter_start.replace(
            month=end_month, day=calendar.monthrange(today.year, end_month)[1]
        )
    if choice == "last_quarter":
        end = quarter_start - dt.timedelta(days=1)
        return end.replace(month=3 * ((end.month - 1) // 3) + 1, day=1), end
    if choice == "this_year":
        return today.replace(month=1, day=1), today.replace(month=12, day=31)
    if choice == "last_year":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    return None, None


def _in_window(record: Record, date_field: str, start: dt.date | None, end: dt.date | None) -> bool:
    if start is None or end is None:
        return True
    raw = record.get(date_field)
    if isinstance(raw, int):
        day = dt.datetime.fromtimestamp(raw, dt.UTC).date() if raw else None
    else:
        try:
            day = dt.date.fromisoformat(str(raw)[:10]) if raw else None
        except ValueError:
            day = None
    return day is not None and start <= day <= end


def build_report(state: SandboxState, name: str, body: dict[str, Any]) -> Any:
    """What PreviewReport caches: the JSON shape for ``output=json``, else the CSV text."""
    if name in FINANCIAL_REPORTS:
        return _financial_csv(state, name)
    report = ENTITY_REPORTS[name]
    keys = [str(k) for k in body.get("report_keys") or []] or list(report.keys)
    start, end = _date_window(state, body)
    include_deleted = str(body.get("include_deleted", "")).lower() in ("1", "true")
    contexts = [
        ctx
        for ctx in report.rows(state)
        if (include_deleted or not ctx[report.kind].get("is_deleted"))
        and _in_window(ctx[report.kind], report.date_field, start, end)
        and _wanted(name, ctx[report.kind], body, state.clock.today())
    ]
    if body.get("output") == "json":
        out: dict[str, Any] = {
            "columns": [{"identifier": k, "display_value": _display(k)} for k in keys]
        }
        for index, ctx in enumerate(contexts):
            out[str(index)] = [_cell(ctx, report.kind, k) for k in keys]
        return out
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_display(k) for k in keys])
    for ctx in contexts:
        writer.writerow([_value(ctx, k) for k in keys])
    return buffer.getvalue()


#: Exports that apply ``addClientFilter`` to ``client_id``; the expense export reads ``clients``.
CLIENT_FILTERED = frozenset({
    "invoices", "invoice_items", "credits", "payments", "quotes", "quote_items",
    "recurring_invoices", "purchase_orders", "purchase_order_items", "tasks",
})
#: ``addInvoiceStatusFilter``'s words and the status ids they stand for.
INVOICE_STATUS_WORDS = {
    "draft": {"1"}, "sent": {"2"}, "paid": {"4"}, "unpaid": {"2", "3"}, "cancelled": {"5"},
}


def _wanted(name: str, record: Record, body: dict[str, Any], today: dt.date) -> bool:
    """The export's client filter (hashed ids, a comma string or a list) and, for invoice
    reports, its status filter (``overdue``: sent or partial and past due)."""
    raw = body.get("clients") if name == "expenses" else (
        body.get("client_id") if name in CLIENT_FILTERED else None)
    clients = raw.split(",") if isinstance(raw, str) else raw if isinstance(raw, list) else []
    clients = [str(c) for c in clients if c and c != "all"]
    if clients and str(record.get("client_id") or "") not in clients:
        return False
    words = str(body.get("status") or "").split(",")
    if name not in ("invoices", "invoice_items") or not any(words) or "all" in words:
        return True
    status = str(record.get("status_id") or "")
    if any(status in INVOICE_STATUS_WORDS.get(w, set()) for w in words):
        return True
    due = str(record.get("due_date") or "")
    return "overdue" in words and status in ("2", "3") and bool(due) and due < today.isoformat()


def _cell(ctx: Context, kind: str, key: str) -> dict[str, Any]:
    entity, _, column = key.partition(".")
    related = ctx.get(entity)
    value = _value(ctx, key)
    return {
        "entity": entity,
        "id": column or entity,
        "hashed_id": None if entity == kind or related is None else related.get("id"),
        "value": value,
        "identifier": key,
        "display_value": value,
    }


def _financial_csv(state: SandboxState, name: str) -> str:
    """A short CSV summary standing in for the real PDF/CSV of the financial reports."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    invoices = [i for i in state.store.rows("invoice") if not i.get("is_deleted")]
    if name == "profitloss":
        income = sum(
            float(p.get("amount") or 0) - float(p.get("refunded") or 0)
            for p in state.store.rows("payment")
            if not p.get("is_deleted")
        )
        spent = sum(
            float(e.get("amount") or 0)
            for e in state.store.rows("expense")
            if not e.get("is_deleted")
        )
        writer.writerows(
            [
                ["Type", "Amount"],
                ["Income", f"{income:.2f}"],
                ["Expenses", f"{spent:.2f}"],
                ["Net", f"{income - spent:.2f}"],
            ]
        )
    else:
        writer.writerow(["Client", "Invoices", "Amount", "Balance"])
        for client in state.store.rows("client"):
            mine = [i for i in invoices if i.get("client_id") == client["id"]]
            writer.writerow(
                [
                    client.get("name", ""),
                    len(mine),
                    f"{sum(float(i['amount']) for i in mine):.2f}",
                    f"{sum(float(i['balance']) for i in mine):.2f}",
                ]
            )
    return buffer.getvalue()


# ---------------------------------------------------------------- report routes


def _may_report(call: Call) -> None:
    if not (call.actor.is_super or call.actor.has_permission("view_reports")):
        raise Unauthorized()


def _throttle(call: Call) -> int:
    """throttle:20,1 keyed by the user; returns the remaining count for the headers."""
    hits = desk(call.state).hits.setdefault(call.actor.id, deque())
    now = call.state.clock.time()
    while hits and hits[0] <= now - REPORT_WINDOW:
        hits.popleft()
    if len(hits) >= REPORT_LIMIT:
        raise TooManyRequests(max(1, int(hits[0] + REPORT_WINDOW - now + 0.999)))
    hits.append(now)
    return REPORT_LIMIT - len(hits)


async def run_report(call: Call) -> Response:
    name = call.param("name")
    if name not in ENTITY_REPORTS and name not in FINANCIAL_REPORTS:
        raise RouteNotFound()
    remaining = _throttle(call)
    _may_report(call)
    body = await call.body()
    send_email = body.get("send_email", True)
    if str(send_email).lower() not in ("1", "true", "0", "false", ""):
        raise ValidationFailed({"send_email": ["The send email field must be true or false."]})
    if str(send_email).lower() in ("1", "true") and "output" not in body:
        call.state.outbox.append(
            {
                "to": call.actor.user.get("email", ""),
                "template": "download_report",
                "entity": "report",
                "report": name,
                "sent_at": call.state.now(),
                "attachment": build_report(call.state, name, {**body, "output": "csv"}),
            }
        )
        response = message("working...")
    else:
        hash_ = str(uuid.uuid4())
        desk(call.state).queued[hash_] = {
            "polls_left": desk(call.state).pending_polls,
            "data": build_report(call.state, name, body),
        }
        response = message(hash_)
    response.headers["X-RateLimit-Limit"] = str(REPORT_LIMIT)
    response.headers["X-RateLimit-Remaining"] = str(remaining)
    return response


async def preview(call: Call) -> Response:
    _may_report(call)
    queued = desk(call.state).queued
    entry = queued.get(call.param("hash"))
    if entry is None or entry["polls_left"] > 0:
        if entry is not None:
            entry["polls_left"] -= 1
        return json_response({"message": STILL_WORKING}, 409)
    del queued[call.param("hash")]  # Cache::forget after the one read
    return json_response(entry["data"])


# ---------------------------------------------------------------- charts


def _dec(value: float, places: int = 6) -> str:
    return f"{value:.{places}f}"


def _codes() -> dict[str, str]:
    return {c["id"]: c["code"] for c in CURRENCIES}


def chart_totals(
    state: SandboxState, *, is_admin: bool, user_id: str, start: str, end: str
) -> dict[str, Any]:
    store = state.store
    company_currency = str(state.company()["settings"].get("currency_id") or "1")
    codes = _codes()

    def mine(record: Record) -> bool:
        return is_admin or record.get("user_id") == user_id

    def client_currency(client_id: str) -> str:
        client = store.get("client", client_id) or {}
        return str((client.get("settings") or {}).get("currency_id") or company_currency)

    def live_client(record: Record) -> Record | None:
        client = store.get("client", str(record.get("client_id") or ""))
        return client if client is not None and not client.get("is_deleted") else None

    def within(record: Record) -> bool:
        return start <= str(record.get("date") or "") <= end

    currency_ids = {
        client_currency(c["id"])
        for c in store.rows("client")
        if not c.get("is_deleted") and mine(c)
    }
    currency_ids.add(company_currency)
    currency_ids |= {
        str(e["currency_id"])
        for e in store.rows("expense")
        if e.get("currency_id") and not e.get("is_deleted") and mine(e)
    }
    currencies = {cid: codes[cid] for cid in sorted(currency_ids, key=int) if cid in codes}

    invoices: dict[str, float] = {}
    outstanding: dict[str, list[float]] = {}
    for invoice in store.rows("invoice"):
        client = live_client(invoice)
        if client is None or invoice.get("is_deleted") or not within(invoice) or not mine(client):
            continue
        cid = client_currency(client["id"])
        status = str(invoice.get("status_id"))
        if status in ("2", "3", "4") and float(invoice.get("amount") or 0) > 0:
            invoices[cid] = invoices.get(cid, 0.0) + float(invoice["amount"])
        if status in ("2", "3") and float(invoice.get("balance") or 0) > 0:
            bucket = outstanding.setdefault(cid, [0.0, 0])
            bucket[0] += float(invoice["balance"])
            bucket[1] += 1
    revenue: dict[str, float] = {}
    for payment in store.rows("payment"):
        client = live_client(payment)
        if client is None or payment.get("is_deleted") or not within(payment) or not mine(payment):
            continue
        if str(payment.get("status_id")) not in ("1", "4", "5", "6"):
            continue
        cid = str(payment.get("currency_id") or client_currency(client["id"]))
        revenue[cid] = (
            revenue.get(cid, 0.0)
            + float(payment.get("amount") or 0)
            - float(payment.get("refunded") or 0)
        )
    expenses: dict[str, float] = {}
    for expense in store.rows("expense"):
        if expense.get("is_deleted") or not within(expense) or not mine(expense):
            continue
        cid = str(expense.get("currency_id") or company_currency)
        expenses[cid] = expenses.get(cid, 0.0) + float(expense.get("amount") or 0)

    data: dict[str, Any] = {"currencies": currencies, "start_date": start, "end_date": end}
    for cid in currencies:
        code = codes.get(cid, "")
        data[cid] = {
            "invoices": {"invoiced_amount": _dec(invoices[cid]), "currency_id": cid, "code": code}
            if cid in invoices
            else {},
            "revenue": {"paid_to_date": _dec(revenue[cid]), "currency_id": cid, "code": code}
            if cid in revenue
            else {},
            "outstanding": {
                "amount": _dec(outstanding[cid][0]),
                "outstanding_count": int(outstanding[cid][1]),
                "currency_id": cid,
                "code": code,
            }
            if cid in outstanding
            else {},
            "expenses": {"amount": _dec(expenses[cid]), "currency_id": cid, "code": code}
            if cid in expenses
            else {},
        }
    total_outstanding = sum(v[0] for v in outstanding.values())
    count_outstanding = int(sum(v[1] for v in outstanding.values()))
    data["999"] = {
        "invoices": {
            "invoiced_amount": _dec(sum(invoices.values()), 10),
            "currency_id": company_currency,
        }
        if invoices
        else False,
        "expense": {"amount": _dec(sum(expenses.values()))} if expenses else False,
        "outstanding": {
            "amount": _dec(total_outstanding, 10) if count_outstanding else None,
            "outstanding_count": count_outstanding,
            "currency_id": company_currency if count_outstanding else None,
        },
        "revenue": {"paid_to_date": _dec(sum(revenue.values()), 10)} if revenue else False,
    }
    return data


async def totals(call: Call) -> Response:
    if not (call.actor.is_super or call.actor.has_permission("view_dashboard")):
        raise Unauthorized()
    body = await call.body()
    today = call.state.clock.today()
    start, end = body.get("start_date"), body.get("end_date")
    if body.get("date_range") is not None:
        choice = str(body["date_range"])
        if choice not in CHART_RANGES:
            raise ValidationFailed({"date_range": [invalid_selection("date_range")]})
        if choice == "all_time":
            start, end = "1970-01-01", today.isoformat()
        elif choice != "custom":
            first, last = range_dates(choice, today)
            start, end = (
                (first.isoformat() if first else None),
                (last.isoformat() if last else None),
            )
    start = str(start or (today - dt.timedelta(days=20)).isoformat())
    end = str(end or today.isoformat())
    for name, value in (("start_date", start), ("end_date", end)):
        try:
            dt.date.fromisoformat(value[:10])
        except ValueError:
            raise ValidationFailed(
                {name: [f"The {name.replace('_', ' ')} field must be a valid date."]}
            ) from None
    return json_response(
        chart_totals(
            call.state,
            is_admin=call.actor.is_super,
            user_id=call.actor.id,
            start=start[:10],
            end=end[:10],
        )
    )


def install(reg: Registry) -> None:
    reg.add_routes(
        [
            Route(f"{PREFIX}/reports/preview/{{hash}}", api(preview), methods=["POST"]),
            Route(f"{PREFIX}/reports/{{name}}", api(run_report), methods=["POST"]),
            Route(f"{PREFIX}/charts/totals", api(totals), methods=["POST"]),
            Route(f"{PREFIX}/charts/totals_v2", api(totals), methods=["POST"]),
        ]
    )
