"""List filters and sorting, as data: common filters plus a table of per-entity ones.

Each filter is ``(ctx, rows, value) -> rows``. Query parameters with no filter of that
name are ignored, and so are values a filter cannot use (the real filters swallow
their errors). Comparisons follow MySQL: LIKE is case-insensitive, and a string
compared with a number counts as its numeric prefix (``'lt'`` is 0).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import ids
from .entities import EntitySpec
from .state import SandboxState
from .store import Record

INVOICE_DRAFT, INVOICE_SENT, INVOICE_PARTIAL, INVOICE_PAID, INVOICE_CANCELLED = (
    "1",
    "2",
    "3",
    "4",
    "5",
)
_NUMERIC_PREFIX = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@dataclass
class FilterContext:
    state: SandboxState
    spec: EntitySpec


Filter = Callable[[FilterContext, list[Record], str], list[Record]]


def mysql_number(value: Any) -> float:
    """How MySQL reads a value in a numeric comparison (``'10abc'`` -> 10, ``'lt'`` -> 0)."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return float(value)
    match = _NUMERIC_PREFIX.match(str(value))
    return float(match.group(0)) if match else 0.0


def _timestamp(value: str) -> float | None:
    """A unix int or any ISO-ish date string (Carbon::parse), else None."""
    if ids.is_php_numeric(value):
        return float(int(float(value)))
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.timestamp()


def _since(column: str) -> Filter:
    def apply(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
        since = _timestamp(value)
        if since is None:
            return rows
        return [r for r in rows if float(r.get(column) or 0) >= since]

    return apply


def status(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
    wanted = set(value.split(","))

    def keep(r: Record) -> bool:
        archived = bool(r.get("archived_at"))
        return (
            ("active" in wanted and not archived and not r.get("is_deleted"))
            or ("archived" in wanted and archived and not r.get("is_deleted"))
            or ("deleted" in wanted and bool(r.get("is_deleted")))
        )

    return [r for r in rows if keep(r)] if wanted & {"active", "archived", "deleted"} else rows


def is_deleted(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
    flag = value.lower() in ("true", "1")
    return [r for r in rows if bool(r.get("is_deleted")) == flag]


def _equals(column: str) -> Filter:
    def apply(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
        return [r for r in rows if str(r.get(column, "")) == value]

    return apply


def _like(column: str) -> Filter:
    def apply(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
        needle = value.casefold()
        return [r for r in rows if needle in str(r.get(column, "")).casefold()]

    return apply


def _date_range(column: str) -> Filter:
    def apply(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
        parts = value.split(",")
        if len(parts) != 2:
            return rows
        try:
            start, end = (dt.date.fromisoformat(p.strip()) for p in parts)
        except ValueError:
            return rows
        return [
            r
            for r in rows
            if r.get(column) and start.isoformat() <= str(r[column])[:10] <= end.isoformat()
        ]

    return apply


def _contact_text(contact: Record) -> list[str]:
    return [str(contact.get(k, "")) for k in ("first_name", "last_name", "email", "phone")]


def free_text(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
    """``filter=``: LIKE over the entity's text columns and related names/contacts."""
    needle = value.casefold()
    store = ctx.state.store

    def texts(r: Record) -> list[str]:
        out = [str(r.get(c, "")) for c in ctx.spec.text_columns]
        out += [t for c in r.get("contacts", []) or [] for t in _contact_text(c)]
        out += [str(item.get("notes", "")) for item in r.get("line_items", []) or []]
        for flag, kind, key in (
            (ctx.spec.search_client, "client", "client_id"),
            (ctx.spec.search_vendor, "vendor", "vendor_id"),
        ):
            related = store.get(kind, r.get(key) or "") if flag else None
            if related:
                out.append(str(related.get("name", "")))
                out += [t for c in related.get("contacts", []) or [] for t in _contact_text(c)]
        return out

    return [r for r in rows if any(needle in t.casefold() for t in texts(r))]


def client_status(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
    """Invoices: all, draft, paid, unpaid, overdue, cancelled (comma list)."""
    wanted = set(value.split(","))
    if "all" in wanted:
        return rows
    statuses: set[str] = set()
    for name, codes in (
        ("draft", {INVOICE_DRAFT}),
        ("paid", {INVOICE_PAID}),
        ("cancelled", {INVOICE_CANCELLED}),
        ("unpaid", {INVOICE_SENT, INVOICE_PARTIAL}),
    ):
        if name in wanted:
            statuses |= codes
    today = ctx.state.clock.today().isoformat()

    def overdue(r: Record) -> bool:
        return (
            str(r.get("status_id")) in (INVOICE_SENT, INVOICE_PARTIAL)
            and bool(r.get("due_date"))
            and str(r["due_date"]) < today
            and float(r.get("balance") or 0) > 0
            and not r.get("is_deleted")
        )

    if not statuses and "overdue" not in wanted:
        return rows
    return [
        r
        for r in rows
        if str(r.get("status_id")) in statuses or ("overdue" in wanted and overdue(r))
    ]


def status_id(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
    wanted = set(value.split(","))
    return [r for r in rows if str(r.get("status_id")) in wanted]


_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "lt": lambda a, b: a < b,
    "gt": lambda a, b: a > b,
    "lte": lambda a, b: a <= b,
    "gte": lambda a, b: a >= b,
    "eq": lambda a, b: a == b,
}


def balance(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
    """Clients: the real ``value:operator`` order (``10:lt``); ``lt:10`` compares with 'lt' = 0."""
    parts = value.split(":")
    if len(parts) < 2:
        return rows
    target = mysql_number(parts[0])
    compare = _OPERATORS.get(parts[1], _OPERATORS["eq"])
    return [r for r in rows if compare(float(r.get("balance") or 0), target)]


def between_balance(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
    parts = value.split(":")
    if len(parts) != 2:
        return rows
    low, high = mysql_number(parts[0]), mysql_number(parts[1])
    return [r for r in rows if low <= float(r.get("balance") or 0) <= high]


def contact_email(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
    return [r for r in rows if any(c.get("email") == value for c in r.get("contacts", []) or [])]


def _self_id(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
    return [r for r in rows if r.get("id") == value]


COMMON_FILTERS: dict[str, Filter] = {
    "status": status,
    "created_at": _since("created_at"),
    "updated_at": _since("updated_at"),
    "is_deleted": is_deleted,
    "filter": free_text,
    "number": _equals("number"),
}

# Filters that only apply when the entity's records have the column.
COLUMN_FILTERS: dict[str, tuple[str, Filter]] = {
    "client_id": ("client_id", _equals("client_id")),
    "vendor_id": ("vendor_id", _equals("vendor_id")),
    "date_range": ("date", _date_range("date")),
    "due_date_range": ("due_date", _date_range("due_date")),
}

ENTITY_FILTERS: dict[str, dict[str, Filter]] = {
    "invoices": {"client_status": client_status, "status_id": status_id},
    "clients": {
        "name": _like("name"),
        "email": contact_email,
        "id_number": _equals("id_number"),
        "balance": balance,
        "between_balance": between_balance,
        "client_id": _self_id,
    },
    "vendors": {"name": _like("name"), "id_number": _equals("id_number")},
    "products": {"product_key": _equals("product_key")},
}


def apply(
    state: SandboxState, spec: EntitySpec, rows: list[Record], query: dict[str, str]
) -> list[Record]:
    """Apply every known filter present in ``query``, then ``sort``."""
    ctx = FilterContext(state, spec)
    sample = rows[0] if rows else {}
    own = ENTITY_FILTERS.get(spec.route, {})
    for name, value in query.items():
        if not value:
            continue
        chosen: Filter | None = own.get(name) or COMMON_FILTERS.get(name)
        if chosen is None and name in COLUMN_FILTERS:
            column, candidate = COLUMN_FILTERS[name]
            chosen = candidate if (not sample or column in sample) else None
        if chosen is not None:
            rows = chosen(ctx, rows, value)
    if query.get("sort"):
        rows = sort(state, spec, rows, query["sort"])
    return rows


def _number_key(value: Any) -> float:
    digits = re.sub(r"[^0-9]+", "", str(value))
    return float(digits) if digits else 0.0


def sort(state: SandboxState, spec: EntitySpec, rows: list[Record], value: str) -> list[Record]:
    """``column|asc`` or ``column|desc`` (anything but asc is desc); ``number`` numerically."""
    parts = value.split("|")
    if len(parts) != 2 or parts[0] == "documents":
        return rows
    column, descending = parts[0], parts[1] != "asc"
    if column not in ("number", "client_id") and rows and column not in rows[0]:
        return rows
    return sorted(rows, key=_sort_key(state, spec, column), reverse=descending)


def _sort_key(state: SandboxState, spec: EntitySpec, column: str) -> Callable[[Record], Any]:
    def by_number(row: Record) -> float:
        return _number_key(row.get("number"))

    def by_client_name(row: Record) -> str:
        client = state.store.get("client", row.get("client_id") or "") or {}
        return str(client.get("name", "")).casefold()

    def by_column(row: Record) -> tuple[int, Any]:
        return _sort_value(row.get(column))

    if column == "number":
        return by_number
    if column == "client_id" and spec.search_client:
        return by_client_name
    return by_column


def _sort_value(value: Any) -> tuple[int, Any]:
    if isinstance(value, bool | int | float):
        return (0, float(value))
    return (1, str(value if value is not None else "").casefold())
