"""Dashboard charts and calculated fields (``charts/totals`` lives in ``insight``).

Real facts kept (``ChartController``, ``ShowChartRequest``, ``ShowCalculatedFieldRequest``,
``ChartService::chart_summary``, ``ChartQueries``, ``ChartCalculations``):

* ``POST charts/chart_summary`` (admin or ``view_dashboard``; dates default to the last 20
  days, ``date_range`` names a range): ``start_date``, ``end_date``, then per currency id
  ``invoices``/``outstanding``/``payments``/``expenses`` as rows ``{total, date,
  currency_id}`` grouped by date (sums are MySQL decimal strings), and ``999`` with one
  aggregate row per series. Non-admins only see their own clients' documents.
* ``POST charts/calculated_fields`` ``{field, calculation: sum|avg|count, period:
  current|previous|total}`` answers a bare number. The period never narrows the rows (the
  real check compares it with the single string ``'current,previous'``), and the ``field``
  rule lists ``unapproved_quotes logged_tasks`` as one word, so neither of those two is
  accepted. Task sums and averages need ``format`` (``time`` or ``money``); without it the
  calculation fails (500).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .calls import Call, api
from .failures import ServerError, Unauthorized, ValidationFailed, invalid_selection, required
from .insight import CHART_RANGES, range_dates
from .registry import Registry
from .resources import PREFIX
from .responses import json_response
from .store import Record

FIELDS = ("active_invoices", "outstanding_invoices", "completed_payments", "refunded_payments",
          "active_quotes", "unapproved_quotes logged_tasks", "invoiced_tasks", "paid_tasks",
          "logged_expenses", "pending_expenses", "invoiced_expenses", "invoice_paid_expenses")


def _may(call: Call) -> None:
    if not (call.actor.is_super or call.actor.has_permission("view_dashboard")):
        raise Unauthorized()


def _dates(call: Call, body: dict[str, Any]) -> tuple[str, str]:
    today = call.state.clock.today()
    start, end = body.get("start_date"), body.get("end_date")
    choice = body.get("date_range")
    if choice is not None:
        if choice not in CHART_RANGES:
            raise ValidationFailed({"date_range": [invalid_selection("date_range")]})
        if choice == "all_time":
            start, end = "1970-01-01", today.isoformat()
        elif choice != "custom":
            first, last = range_dates(str(choice), today)
            start = first.isoformat() if first else None
            end = last.isoformat() if last else None
    start = str(start or (today - dt.timedelta(days=20)).isoformat())[:10]
    end = str(end or today.isoformat())[:10]
    for name, value in (("start_date", start), ("end_date", end)):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValidationFailed(
                {name: [f"The {name.replace('_', ' ')} field must be a valid date."]}
            ) from None
    return start, end


def _live(rows: Iterable[Record]) -> list[Record]:
    return [r for r in rows if not r.get("is_deleted")]


def _series(rows: list[tuple[str, str, float]]) -> list[dict[str, Any]]:
    """Rows (date, currency, value) summed per date: ``[{total, date, currency_id}]``."""
    sums: dict[tuple[str, str], float] = {}
    for date, currency, value in rows:
        sums[(date, currency)] = sums.get((date, currency), 0.0) + value
    return [{"total": f"{total:.6f}", "date": date, "currency_id": int(currency)}
            for (date, currency), total in sorted(sums.items())]


def chart_summary(call: Call, start: str, end: str) -> dict[str, Any]:
    store, actor = call.store, call.actor
    company_currency = str((call.state.company().get("settings") or {}).get("currency_id") or "1")

    def currency_of(record: Record) -> str:
        client = store.get("client", str(record.get("client_id") or "")) or {}
        return str((client.get("settings") or {}).get("currency_id") or company_currency)

    def visible(record: Record) -> bool:
        client = store.get("client", str(record.get("client_id") or ""))
        if client is None or client.get("is_deleted"):
            return False
        return actor.is_super or client.get("user_id") == actor.id

    def within(record: Record) -> bool:
        return start <= str(record.get("date") or "") <= end

    invoices = [i for i in _live(store.rows("invoice")) if visible(i) and within(i)]
    payments = [p for p in _live(store.rows("payment")) if visible(p) and within(p)]
    expenses = [e for e in _live(store.rows("expense")) if within(e)
                and (actor.is_super or e.get("user_id") == actor.id)]
    series: dict[str, list[tuple[str, str, float]]] = {
        "invoices": [(i["date"], currency_of(i), float(i.get("amount") or 0)) for i in invoices
                     if str(i.get("status_id")) in ("2", "3", "4")],
        "outstanding": [(i["date"], currency_of(i), float(i.get("balance") or 0))
                        for i in invoices if str(i.get("status_id")) in ("2", "3")],
        "payments": [(p["date"], str(p.get("currency_id") or currency_of(p)),
                      float(p.get("amount") or 0) - float(p.get("refunded") or 0))
                     for p in payments],
        "expenses": [(e["date"], str(e.get("currency_id") or company_currency),
                      float(e.get("amount") or 0)) for e in expenses],
    }
    currencies = sorted({company_currency} | {c for rows in series.values() for _, c, _ in rows},
                        key=int)
    data: dict[str, Any] = {"start_date": start, "end_date": end}
    for currency in currencies:
        data[currency] = {name: _series([r for r in rows if r[1] == currency])
                          for name, rows in series.items()}
    data["999"] = {
        name: [{"total": f"{sum(v for _, _, v in rows):.6f}" if rows else None,
                "date": rows[0][0] if rows else None}]
        for name, rows in series.items()
    }
    return data


async def summary(call: Call) -> Response:
    _may(call)
    start, end = _dates(call, await call.body())
    return json_response(chart_summary(call, start, end))


def _calculate(values: list[float], calculation: str) -> float | int:
    if calculation == "count":
        return len(values)
    if not values:
        return 0
    total = sum(values)
    return round(total / len(values), 6) if calculation == "avg" else round(total, 6)


def _field_values(call: Call, field: str, body: dict[str, Any]) -> list[float]:
    store, today = call.store, call.state.clock.today().isoformat()

    def status(record: Record, wanted: tuple[str, ...]) -> bool:
        return str(record.get("status_id")) in wanted

    invoices, payments = _live(store.rows("invoice")), _live(store.rows("payment"))
    quotes, expenses = _live(store.rows("quote")), _live(store.rows("expense"))
    if field == "active_invoices":
        return [float(i["amount"]) for i in invoices if status(i, ("2", "3", "4"))]
    if field == "outstanding_invoices":
        return [float(i["balance"]) for i in invoices if status(i, ("2", "3"))]
    if field == "completed_payments":
        return [float(p["amount"]) for p in payments if status(p, ("4",))]
    if field == "refunded_payments":
        return [float(p["refunded"]) for p in payments if status(p, ("5", "6"))]
    if field == "active_quotes":
        return [float(q["amount"]) for q in quotes if status(q, ("2", "3"))
                and (not q.get("due_date") or str(q["due_date"]) >= today)]
    if field.endswith("_tasks"):
        tasks = _live(store.rows("task"))
        if field != "logged_tasks":
            tasks = [t for t in tasks if t.get("invoice_id")]
        if body.get("calculation") != "count" and body.get("format") not in ("time", "money"):
            raise ServerError()  # $data['format'] read unguarded
        hours = body.get("format") == "money"
        return [float(t.get("duration") or 0) / (3600 if hours else 1)
                * (float(t.get("rate") or 0) if hours else 1) for t in tasks]
    if field == "pending_expenses":
        expenses = [e for e in expenses if e.get("should_be_invoiced") and not e.get("invoice_id")]
    elif field in ("invoiced_expenses", "invoice_paid_expenses"):
        expenses = [e for e in expenses if e.get("invoice_id")]
    return [float(e.get("amount") or 0) for e in expenses]


async def calculated_field(call: Call) -> Response:
    _may(call)
    body = await call.body()
    errors: dict[str, list[str]] = {}
    for name, choices in (("field", FIELDS), ("calculation", ("sum", "avg", "count")),
                          ("period", ("current", "previous", "total"))):
        if body.get(name) in (None, ""):
            errors[name] = [required(name)]
        elif body[name] not in choices:
            errors[name] = [invalid_selection(name)]
    if body.get("format") not in (None, "time", "money"):
        errors["format"] = [invalid_selection("format")]
    if errors:
        raise ValidationFailed(errors)
    _dates(call, body)
    values = _field_values(call, str(body["field"]), body)
    return json_response(_calculate(values, str(body["calculation"])))


def install(reg: Registry) -> None:
    reg.add_routes(
        [
            Route(f"{PREFIX}/charts/chart_summary", api(summary), methods=["POST"]),
            Route(f"{PREFIX}/charts/calculated_fields", api(calculated_field), methods=["POST"]),
        ]
    )
