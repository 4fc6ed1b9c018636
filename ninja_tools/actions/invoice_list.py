"""Listing invoices the way people ask: by status word, client name, date spans and amounts.

Replaces the generated ``list_invoices`` and keeps every one of its filters. Invoice Ninja has no
amount filter for invoices, so ``min_amount``/``max_amount`` read every page the other filters
leave and page the matches here, with the right count and sums.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, BeforeValidator, Field, model_validator

from .. import present
from .base import Action, Route
from .context import Context
from .fields import IsoDate, RecordId, split_list
from .generated import ListInput
from .lookup import resolve_client

__all__ = ["ACTIONS"]

InvoiceStatus = Literal["overdue", "unpaid", "draft", "sent", "paid", "cancelled", "partial",
                        "all"]
#: Status words to Invoice Ninja's filters: client_status where it has the word, else status_id.
_STATUS_QUERY: dict[str, tuple[str, str]] = {
    "overdue": ("client_status", "overdue"), "unpaid": ("client_status", "unpaid"),
    "draft": ("client_status", "draft"), "paid": ("client_status", "paid"),
    "cancelled": ("client_status", "cancelled"), "all": ("client_status", "all"),
    "sent": ("status_id", "2"), "partial": ("status_id", "3"),
}
_EARLIEST, _LATEST = "1900-01-01", "9999-12-31"
_PASSED = ("filter", "sort", "created_at", "updated_at", "number", "client_id", "date_range",
           "due_date_range", "payable", "date", "due_date", "private_notes")
_SORT = r"^[A-Za-z0-9_.]+\|[A-Za-z]+$"
ClientStatuses = Annotated[list[Literal["all", "draft", "paid", "unpaid", "overdue",
                                        "cancelled"]], BeforeValidator(split_list)]
StatusIds = Annotated[list[Literal["1", "2", "3", "4", "5", "6"]], BeforeValidator(split_list)]


class ListInvoicesInput(ListInput):
    status: InvoiceStatus | None = Field(
        default=None, description="overdue, unpaid (sent or partly paid), draft, sent, partial "
        "(partly paid), paid, cancelled, or all")
    client: str | None = Field(default=None, min_length=1, max_length=200,
                               description="The client's name or a contact's e-mail")
    client_id: RecordId | None = Field(default=None, description="Hashed id of the client")
    date_from: IsoDate | None = Field(default=None, description="Dated on or after, YYYY-MM-DD")
    date_to: IsoDate | None = Field(default=None, description="Dated on or before, YYYY-MM-DD")
    due_from: IsoDate | None = Field(default=None, description="Due on or after, YYYY-MM-DD")
    due_to: IsoDate | None = Field(default=None, description="Due on or before, YYYY-MM-DD")
    min_amount: float | None = Field(default=None, ge=0, description="Total at least this")
    max_amount: float | None = Field(default=None, ge=0, description="Total at most this")
    number: str | None = Field(default=None, max_length=100,
                               description="The exact number, e.g. 0042")
    search: str | None = Field(default=None, max_length=500,
                               description="Free text: number, client, notes, line items")
    sort: str | None = Field(default=None, max_length=100, pattern=_SORT,
                             description="column|asc or column|desc, e.g. due_date|asc (number, "
                             "date, due_date, amount, balance, status_id, client_id...)")
    # The generated list's filters, kept under their Invoice Ninja names.
    filter: str | None = Field(default=None, max_length=500,
                               description="Free text, as Invoice Ninja's filter= (or search)")
    created_at: str | None = Field(default=None, max_length=40,
                                   description="Created on or after: YYYY-MM-DD or unix time")
    updated_at: str | None = Field(default=None, max_length=40,
                                   description="Updated on or after: YYYY-MM-DD or unix time")
    is_deleted: bool | None = Field(
        default=None, description="true: only deleted invoices; false: none of them")
    date_range: str | None = Field(default=None, max_length=40,
                                   description="YYYY-MM-DD,YYYY-MM-DD (or date_from/date_to)")
    due_date_range: str | None = Field(default=None, max_length=40,
                                       description="YYYY-MM-DD,YYYY-MM-DD (or due_from/due_to)")
    client_status: ClientStatuses | None = Field(
        default=None, description="Invoice Ninja's client_status, a comma list (or use status)")
    status_id: StatusIds | None = Field(
        default=None, description="Status ids: 1 draft, 2 sent, 3 partial, 4 paid, 5 cancelled, "
        "6 reversed")
    upcoming: bool | None = Field(
        default=None, description="true: sent or partly paid, balance due, not yet past due")
    overdue: bool | None = Field(default=None,
                                 description="true: balance due and past its due date")
    payable: RecordId | None = Field(
        default=None, description="Hashed client id: that client's unpaid invoices")
    date: str | None = Field(default=None, max_length=40,
                             description="Invoice date on or after: YYYY-MM-DD or unix time")
    due_date: str | None = Field(default=None, max_length=40,
                                 description="Due date on or after: YYYY-MM-DD or unix time")
    private_notes: str | None = Field(default=None, max_length=500,
                                      description="Text in the private notes")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        pairs = (("client", "client_id"), ("search", "filter"), ("date_from", "date_range"),
                 ("date_to", "date_range"), ("due_from", "due_date_range"),
                 ("due_to", "due_date_range"), ("status", "client_status"),
                 ("status", "status_id"))
        for one, other in pairs:
            if getattr(self, one) is not None and getattr(self, other) is not None:
                raise ValueError(f"give {one} or {other}, not both")
        for low, high in (("date_from", "date_to"), ("due_from", "due_to"),
                          ("min_amount", "max_amount")):
            a, b = getattr(self, low), getattr(self, high)
            if a is not None and b is not None and a > b:
                raise ValueError(f"{low} is after {high}")
        return self


def _span(start: str | None, end: str | None) -> str | None:
    if start is None and end is None:
        return None
    return f"{start or _EARLIEST},{end or _LATEST}"


async def _params(ctx: Context, args: ListInvoicesInput) -> dict[str, Any]:
    params: dict[str, Any] = {name: getattr(args, name) for name in _PASSED
                              if getattr(args, name) is not None}
    if args.search is not None:
        params["filter"] = args.search
    if args.client:
        params["client_id"] = (await resolve_client(ctx, client=args.client)).id
    params["date_range"] = _span(args.date_from, args.date_to) or args.date_range
    params["due_date_range"] = _span(args.due_from, args.due_to) or args.due_date_range
    for key in ("client_status", "status_id"):
        if getattr(args, key):
            params[key] = ",".join(getattr(args, key))
    if args.status is not None:
        key, value = _STATUS_QUERY[args.status]
        params[key] = value
    if args.is_deleted is not None:
        params["is_deleted"] = args.is_deleted
    for flag in ("upcoming", "overdue"):  # any value, even false, turns these on
        if getattr(args, flag):
            params[flag] = "true"
    params["status"] = "active,archived,deleted" if args.include_archived else "active"
    return {k: v for k, v in params.items() if v is not None}


def _in_range(row: dict[str, Any], low: float | None, high: float | None) -> bool:
    amount = float(row.get("amount") or 0)
    return (low is None or amount >= low) and (high is None or amount <= high)


async def _list_invoices(ctx: Context, args: ListInvoicesInput) -> BaseModel:
    params = await _params(ctx, args)
    lookups = await ctx.lookups()
    if args.min_amount is None and args.max_amount is None:
        page = await ctx.client.list_page("invoices", params, page=args.page,
                                          per_page=args.per_page)
        return present.shape_page("invoice", page.items, total=page.total, page=page.page,
                                  per_page=page.per_page, total_pages=page.total_pages,
                                  lookups=lookups, raw=args.raw)
    rows = [row async for row in ctx.client.paginate("invoices", params, per_page=1000)
            if _in_range(row, args.min_amount, args.max_amount)]
    start = (args.page - 1) * args.per_page
    return present.shape_page(
        "invoice", rows[start:start + args.per_page], total=len(rows), page=args.page,
        per_page=args.per_page, total_pages=max(1, math.ceil(len(rows) / args.per_page)),
        lookups=lookups, raw=args.raw)


ACTIONS: list[Action] = [
    Action(
        name="list_invoices", title="List invoices",
        description=(
            "List invoices a page at a time, filtered the way people ask: status (overdue, unpaid, "
            "draft, sent, partial, paid, cancelled), client name or e-mail, date and due-date "
            "spans, amount range, number or free text; with totals per currency. Use "
            "get_invoice for one invoice in full."),
        input=ListInvoicesInput, output=present.Page[present.Document], risk="read",
        permission="view_invoice", toolset="invoices", route=Route("GET", "invoices"),
        routes=(Route("GET", "invoices"), Route("GET", "clients")),
        run=_list_invoices, kind="list"),
]
