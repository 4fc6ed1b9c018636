"""Shapes Invoice Ninja records into results a model or a person can read at a glance.

Pure functions on plain data: no I/O. Each entity keeps the fields that matter (id, number,
client name, amounts with currency, balance, status by name, ISO dates), drops empty ones, and
never carries a secret: gateway tokens, passwords, invitation keys and client-portal links (which
open the portal as that contact) are left out unless portal links are asked for. ``raw`` carries
the whole record, secrets scrubbed, when asked for.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from .resources import RESOURCES

__all__ = [
    "Client",
    "Contact",
    "Document",
    "Expense",
    "FileResult",
    "LineItem",
    "Lookups",
    "Message",
    "Page",
    "Payment",
    "PortalLink",
    "Product",
    "Project",
    "Record",
    "Task",
    "Total",
    "Vendor",
    "dump",
    "scrub",
    "shape",
    "shape_page",
]

#: Keys that hold secrets anywhere in a record; dropped even from ``raw``.
_SECRET_KEYS = frozenset({
    "password", "token", "tokens", "gateway_tokens", "oauth_user_token", "google_2fa_secret",
    "api_secret", "contact_key", "client_hash", "token_billing",
})
#: Keys that open the client portal; kept in ``raw`` only with ``portal_links``.
_PORTAL_KEYS = frozenset({"key", "link", "invitation_key", "portal_url"})


@dataclass(frozen=True)
class Lookups:
    """Names and currencies by id, read once by the action context."""

    client_names: Mapping[str, str] = field(default_factory=dict)
    client_currencies: Mapping[str, str] = field(default_factory=dict)
    vendor_names: Mapping[str, str] = field(default_factory=dict)
    currency: str = ""
    today: dt.date = field(default_factory=dt.date.today)
    now: float = field(default_factory=lambda: dt.datetime.now(dt.UTC).timestamp())

    def currency_of(self, client_id: str) -> str:
        return self.client_currencies.get(client_id) or self.currency


class Shaped(BaseModel):
    """Base of every shaped result: ``raw`` is absent unless asked for."""

    model_config = ConfigDict(extra="forbid")

    raw: dict[str, Any] | None = Field(
        default=None, description="The full Invoice Ninja record (only when asked for)")


class PortalLink(BaseModel):
    contact: str
    link: str


class LineItem(BaseModel):
    product_key: str | None = None
    notes: str | None = None
    quantity: float
    cost: float
    discount: float | None = None
    taxes: list[str] | None = None
    line_total: float | None = None
    task_id: str | None = None
    expense_id: str | None = None


class Document(Shaped):
    """An invoice, quote, credit, recurring invoice or purchase order."""

    kind: Literal["invoice", "quote", "credit", "recurring_invoice", "purchase_order"]
    id: str
    number: str | None = None
    status: str
    overdue: bool | None = None
    client_id: str | None = None
    client_name: str | None = None
    vendor_id: str | None = None
    vendor_name: str | None = None
    date: str | None = None
    due_date: str | None = None
    next_send_date: str | None = None
    frequency: str | None = None
    amount: float
    balance: float | None = None
    paid_to_date: float | None = None
    total_taxes: float | None = None
    currency: str | None = None
    po_number: str | None = None
    discount: str | None = None
    public_notes: str | None = None
    terms: str | None = None
    line_items: list[LineItem] | None = None
    invoice_id: str | None = None
    project_id: str | None = None
    archived: bool | None = None
    deleted: bool | None = None
    portal_links: list[PortalLink] | None = None


class Contact(BaseModel):
    id: str
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    primary: bool | None = None


class Client(Shaped):
    id: str
    name: str
    number: str | None = None
    email: str | None = None
    phone: str | None = None
    balance: float | None = None
    paid_to_date: float | None = None
    credit_balance: float | None = None
    currency: str | None = None
    address: str | None = None
    website: str | None = None
    vat_number: str | None = None
    id_number: str | None = None
    public_notes: str | None = None
    contacts: list[Contact] | None = None
    archived: bool | None = None
    deleted: bool | None = None


class Vendor(Shaped):
    id: str
    name: str
    number: str | None = None
    email: str | None = None
    phone: str | None = None
    currency: str | None = None
    address: str | None = None
    contacts: list[Contact] | None = None
    archived: bool | None = None
    deleted: bool | None = None


class Payment(Shaped):
    id: str
    number: str | None = None
    status: str
    client_id: str | None = None
    client_name: str | None = None
    amount: float
    applied: float | None = None
    refunded: float | None = None
    currency: str | None = None
    date: str | None = None
    type_id: str | None = None
    transaction_reference: str | None = None
    invoices: list[dict[str, Any]] | None = None
    credits: list[dict[str, Any]] | None = None
    idempotency_key: str | None = None
    archived: bool | None = None
    deleted: bool | None = None


class Product(Shaped):
    id: str
    product_key: str
    notes: str | None = None
    price: float | None = None
    cost: float | None = None
    quantity: float | None = None
    taxes: list[str] | None = None
    in_stock_quantity: float | None = None
    archived: bool | None = None
    deleted: bool | None = None


class Expense(Shaped):
    id: str
    number: str | None = None
    amount: float
    currency: str | None = None
    date: str | None = None
    vendor_id: str | None = None
    vendor_name: str | None = None
    client_id: str | None = None
    client_name: str | None = None
    category_id: str | None = None
    project_id: str | None = None
    public_notes: str | None = None
    should_be_invoiced: bool | None = None
    invoice_id: str | None = None
    payment_date: str | None = None
    archived: bool | None = None
    deleted: bool | None = None


class Project(Shaped):
    id: str
    name: str
    number: str | None = None
    client_id: str | None = None
    client_name: str | None = None
    budgeted_hours: float | None = None
    current_hours: float | None = None
    task_rate: float | None = None
    due_date: str | None = None
    public_notes: str | None = None
    archived: bool | None = None
    deleted: bool | None = None


class Task(Shaped):
    id: str
    number: str | None = None
    description: str | None = None
    client_id: str | None = None
    client_name: str | None = None
    project_id: str | None = None
    hours: float | None = None
    is_running: bool | None = None
    rate: float | None = None
    invoice_id: str | None = None
    status_id: str | None = None
    archived: bool | None = None
    deleted: bool | None = None


class Record(Shaped):
    """Any other entity: its id, a label, and its non-empty plain fields."""

    kind: str
    id: str
    label: str | None = None
    fields: dict[str, Any] = Field(default_factory=dict)


class Message(BaseModel):
    """A result that is a sentence, such as a queued e-mail or a job id."""

    message: str
    details: dict[str, Any] | None = None


class FileResult(BaseModel):
    """A document Invoice Ninja produced: the bytes travel base64-encoded in JSON."""

    model_config = ConfigDict(ser_json_bytes="base64", val_json_bytes="base64")

    filename: str
    content_type: str
    size: int
    content: bytes = Field(repr=False)


class Total(BaseModel):
    currency: str
    amount: float
    balance: float | None = None


T = TypeVar("T", bound=BaseModel)


class Page(BaseModel, Generic[T]):
    """One page of a list, with what it takes to get the next."""

    items: list[T]
    count: int
    total: int
    page: int
    per_page: int
    next_page: int | None = Field(
        default=None, description="Pass this as page to get more; absent on the last page")
    totals: list[Total] | None = Field(
        default=None, description="Sums of this page's amounts and balances, per currency")


# -- helpers ----------------------------------------------------------------------------------

_STATUSES = {res.singular: dict(res.statuses) for res in RESOURCES if res.statuses}
_FREQUENCIES = {"1": "daily", "2": "weekly", "3": "every two weeks", "4": "every four weeks",
                "5": "monthly", "6": "every two months", "7": "every three months",
                "8": "every four months", "9": "every six months", "10": "yearly",
                "11": "every two years", "12": "every three years"}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _num(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _nonzero(value: Any) -> float | None:
    number = _num(value)
    return number if number else None


def _flag(value: Any) -> bool | None:
    return True if value else None


def _date(value: Any) -> str | None:
    """ISO date from Invoice Ninja's ``YYYY-MM-DD`` strings or unix timestamps."""
    if isinstance(value, int | float) and value > 0:
        return dt.datetime.fromtimestamp(value, dt.UTC).date().isoformat()
    text = _text(value)
    return text[:10] if text else None


def _status(kind: str, record: Mapping[str, Any]) -> str:
    status_id = str(record.get("status_id") or "")
    return _STATUSES.get(kind, {}).get(status_id, status_id or "unknown")


def _lifecycle(record: Mapping[str, Any]) -> dict[str, Any]:
    deleted = bool(record.get("is_deleted"))
    return {"deleted": _flag(deleted),
            "archived": _flag(bool(record.get("archived_at")) and not deleted)}


def scrub(value: Any, *, portal_links: bool = False) -> Any:
    """A deep copy of ``value`` without secrets (and without portal keys unless asked)."""
    if isinstance(value, Mapping):
        return {
            k: scrub(v, portal_links=portal_links) for k, v in value.items()
            if k not in _SECRET_KEYS and (portal_links or k not in _PORTAL_KEYS)
        }
    if isinstance(value, list):
        return [scrub(v, portal_links=portal_links) for v in value]
    return value


def _contact_name(contact: Mapping[str, Any]) -> str | None:
    name = " ".join(filter(None, (_text(contact.get("first_name")),
                                  _text(contact.get("last_name")))))
    return name or None


def _contacts(record: Mapping[str, Any]) -> list[Contact] | None:
    found = [
        Contact(id=str(c.get("id") or ""), name=_contact_name(c), email=_text(c.get("email")),
                phone=_text(c.get("phone")), primary=_flag(c.get("is_primary")))
        for c in record.get("contacts") or [] if isinstance(c, Mapping)
    ]
    return found or None


def _primary(record: Mapping[str, Any]) -> Mapping[str, Any]:
    contacts = [c for c in record.get("contacts") or [] if isinstance(c, Mapping)]
    return next((c for c in contacts if c.get("is_primary")), contacts[0] if contacts else {})


def _address(record: Mapping[str, Any]) -> str | None:
    parts = [_text(record.get(k)) for k in ("address1", "address2", "city", "state",
                                              "postal_code")]
    return ", ".join(p for p in parts if p) or None


def _taxes(item: Mapping[str, Any]) -> list[str] | None:
    found = []
    for n in (1, 2, 3):
        name, rate = _text(item.get(f"tax_name{n}")), _num(item.get(f"tax_rate{n}"))
        if name and rate:
            found.append(f"{name} {rate:g}%")
    return found or None


def _line_item(item: Mapping[str, Any]) -> LineItem:
    return LineItem(
        product_key=_text(item.get("product_key")), notes=_text(item.get("notes")),
        quantity=_num(item.get("quantity")) or 0.0, cost=_num(item.get("cost")) or 0.0,
        discount=_nonzero(item.get("discount")), taxes=_taxes(item),
        line_total=_num(item.get("line_total")), task_id=_text(item.get("task_id")),
        expense_id=_text(item.get("expense_id")),
    )


def _portal(record: Mapping[str, Any], lookups: Lookups) -> list[PortalLink] | None:
    links = [PortalLink(contact=str(inv.get("client_contact_id") or inv.get("vendor_contact_id")
                                    or ""), link=str(inv["link"]))
             for inv in record.get("invitations") or []
             if isinstance(inv, Mapping) and inv.get("link")]
    return links or None


# -- per entity -------------------------------------------------------------------------------

def _document(kind: str) -> Callable[..., Document]:
    def shape_document(record: Mapping[str, Any], lookups: Lookups, detail: bool,
                       portal_links: bool) -> Document:
        client_id = _text(record.get("client_id"))
        vendor_id = _text(record.get("vendor_id"))
        status = _status(kind, record)
        balance = _num(record.get("balance"))
        due = _date(record.get("due_date"))
        overdue = (kind == "invoice" and status in ("sent", "partial") and bool(balance)
                   and due is not None and due < lookups.today.isoformat()
                   and not record.get("is_deleted"))
        discount = _nonzero(record.get("discount"))
        return Document(
            kind=kind,  # type: ignore[arg-type]
            id=str(record.get("id")), number=_text(record.get("number")), status=status,
            overdue=_flag(overdue),
            client_id=client_id,
            client_name=lookups.client_names.get(client_id) if client_id else None,
            vendor_id=vendor_id,
            vendor_name=lookups.vendor_names.get(vendor_id) if vendor_id else None,
            date=_date(record.get("date")), due_date=due,
            next_send_date=_date(record.get("next_send_date")),
            frequency=_FREQUENCIES.get(str(record.get("frequency_id") or "")),
            amount=_num(record.get("amount")) or 0.0,
            balance=balance if kind in ("invoice", "credit") else None,
            paid_to_date=_nonzero(record.get("paid_to_date")),
            total_taxes=_nonzero(record.get("total_taxes")) if detail else None,
            currency=lookups.currency_of(client_id or "") or None,
            po_number=_text(record.get("po_number")),
            discount=(f"{discount:g}" + ("" if record.get("is_amount_discount") else "%"))
            if detail and discount else None,
            public_notes=_text(record.get("public_notes")) if detail else None,
            terms=_text(record.get("terms")) if detail else None,
            line_items=[_line_item(i) for i in record.get("line_items") or []
                        if isinstance(i, Mapping)] or None if detail else None,
            invoice_id=_text(record.get("invoice_id")),
            project_id=_text(record.get("project_id")) if detail else None,
            portal_links=_portal(record, lookups) if portal_links else None,
            **_lifecycle(record),
        )

    return shape_document


def _client(record: Mapping[str, Any], lookups: Lookups, detail: bool,
            portal_links: bool) -> Client:
    primary = _primary(record)
    client_id = str(record.get("id"))
    return Client(
        id=client_id, name=_text(record.get("name")) or _contact_name(primary) or "(no name)",
        number=_text(record.get("number")), email=_text(primary.get("email")),
        phone=_text(record.get("phone")) or _text(primary.get("phone")),
        balance=_num(record.get("balance")), paid_to_date=_nonzero(record.get("paid_to_date")),
        credit_balance=_nonzero(record.get("credit_balance")),
        currency=lookups.currency_of(client_id) or None,
        address=_address(record) if detail else None,
        website=_text(record.get("website")) if detail else None,
        vat_number=_text(record.get("vat_number")) if detail else None,
        id_number=_text(record.get("id_number")) if detail else None,
        public_notes=_text(record.get("public_notes")) if detail else None,
        contacts=_contacts(record) if detail else None,
        **_lifecycle(record),
    )


def _vendor(record: Mapping[str, Any], lookups: Lookups, detail: bool,
            portal_links: bool) -> Vendor:
    primary = _primary(record)
    return Vendor(
        id=str(record.get("id")),
        name=_text(record.get("name")) or _contact_name(primary) or "(no name)",
        number=_text(record.get("number")), email=_text(primary.get("email")),
        phone=_text(record.get("phone")) or _text(primary.get("phone")),
        address=_address(record) if detail else None,
        contacts=_contacts(record) if detail else None, **_lifecycle(record),
    )


def _payment(record: Mapping[str, Any], lookups: Lookups, detail: bool,
             portal_links: bool) -> Payment:
    client_id = _text(record.get("client_id"))
    links = [p for p in record.get("paymentables") or [] if isinstance(p, Mapping)]
    invoices = [{"invoice_id": p.get("invoice_id"), "amount": _num(p.get("amount")),
                 "refunded": _nonzero(p.get("refunded"))}
                for p in links if p.get("invoice_id")]
    credits = [{"credit_id": p.get("credit_id"), "amount": _num(p.get("amount"))}
               for p in links if p.get("credit_id")]
    return Payment(
        id=str(record.get("id")), number=_text(record.get("number")),
        status=_status("payment", record), client_id=client_id,
        client_name=lookups.client_names.get(client_id) if client_id else None,
        amount=_num(record.get("amount")) or 0.0, applied=_num(record.get("applied")),
        refunded=_nonzero(record.get("refunded")),
        currency=lookups.currency_of(client_id or "") or None, date=_date(record.get("date")),
        type_id=_text(record.get("type_id")),
        transaction_reference=_text(record.get("transaction_reference")),
        invoices=[{k: v for k, v in i.items() if v is not None} for i in invoices] or None,
        credits=credits or None, idempotency_key=_text(record.get("idempotency_key")),
        **_lifecycle(record),
    )


def _product(record: Mapping[str, Any], lookups: Lookups, detail: bool,
             portal_links: bool) -> Product:
    return Product(
        id=str(record.get("id")), product_key=str(record.get("product_key") or ""),
        notes=_text(record.get("notes")), price=_num(record.get("price")),
        cost=_nonzero(record.get("cost")) if detail else None,
        quantity=_nonzero(record.get("quantity")), taxes=_taxes(record),
        in_stock_quantity=_nonzero(record.get("in_stock_quantity")), **_lifecycle(record),
    )


def _expense(record: Mapping[str, Any], lookups: Lookups, detail: bool,
             portal_links: bool) -> Expense:
    client_id = _text(record.get("client_id"))
    vendor_id = _text(record.get("vendor_id"))
    return Expense(
        id=str(record.get("id")), number=_text(record.get("number")),
        amount=_num(record.get("amount")) or 0.0,
        currency=lookups.currency_of(client_id or "") or None, date=_date(record.get("date")),
        vendor_id=vendor_id, vendor_name=lookups.vendor_names.get(vendor_id or ""),
        client_id=client_id, client_name=lookups.client_names.get(client_id or ""),
        category_id=_text(record.get("category_id")), project_id=_text(record.get("project_id")),
        public_notes=_text(record.get("public_notes")),
        should_be_invoiced=_flag(record.get("should_be_invoiced")),
        invoice_id=_text(record.get("invoice_id")),
        payment_date=_date(record.get("payment_date")), **_lifecycle(record),
    )


def _project(record: Mapping[str, Any], lookups: Lookups, detail: bool,
             portal_links: bool) -> Project:
    client_id = _text(record.get("client_id"))
    return Project(
        id=str(record.get("id")), name=str(record.get("name") or "(no name)"),
        number=_text(record.get("number")), client_id=client_id,
        client_name=lookups.client_names.get(client_id or ""),
        budgeted_hours=_nonzero(record.get("budgeted_hours")),
        current_hours=_nonzero(record.get("current_hours")),
        task_rate=_nonzero(record.get("task_rate")), due_date=_date(record.get("due_date")),
        public_notes=_text(record.get("public_notes")) if detail else None,
        **_lifecycle(record),
    )


def _task_hours(record: Mapping[str, Any], now: float) -> float | None:
    """Hours logged; a running entry counts up to ``now``."""
    try:
        log = json.loads(record.get("time_log") or "[]")
    except (TypeError, ValueError):
        log = []
    seconds = 0.0
    for entry in log if isinstance(log, list) else []:
        if isinstance(entry, list) and len(entry) >= 2 and entry[0]:
            end = entry[1] or now
            seconds += max(0.0, float(end) - float(entry[0]))
    if not seconds:
        seconds = _num(record.get("duration")) or 0.0
    return round(seconds / 3600, 2) or None


def _task(record: Mapping[str, Any], lookups: Lookups, detail: bool,
          portal_links: bool) -> Task:
    client_id = _text(record.get("client_id"))
    return Task(
        id=str(record.get("id")), number=_text(record.get("number")),
        description=_text(record.get("description")), client_id=client_id,
        client_name=lookups.client_names.get(client_id or ""),
        project_id=_text(record.get("project_id")), hours=_task_hours(record, lookups.now),
        is_running=_flag(record.get("is_running")), rate=_nonzero(record.get("rate")),
        invoice_id=_text(record.get("invoice_id")), status_id=_text(record.get("status_id")),
        **_lifecycle(record),
    )


_LABEL_KEYS = ("name", "number", "product_key", "description", "first_name", "email", "id")


def _record(kind: str) -> Callable[..., Record]:
    def shape_record(record: Mapping[str, Any], lookups: Lookups, detail: bool,
                     portal_links: bool) -> Record:
        clean = scrub(record)
        fields = {k: v for k, v in clean.items()
                  if k != "id" and isinstance(v, str | int | float | bool) and v not in ("", 0,
                                                                                        False)}
        label = next((str(record[k]) for k in _LABEL_KEYS if _text(record.get(k))), None)
        return Record(kind=kind, id=str(record.get("id") or ""), label=label, fields=fields)

    return shape_record


SHAPERS: dict[str, Callable[..., BaseModel]] = {
    "invoice": _document("invoice"), "quote": _document("quote"), "credit": _document("credit"),
    "recurring_invoice": _document("recurring_invoice"),
    "purchase_order": _document("purchase_order"),
    "client": _client, "vendor": _vendor, "payment": _payment, "product": _product,
    "expense": _expense, "project": _project, "task": _task,
}
OUTPUTS: dict[str, type[BaseModel]] = {
    "invoice": Document, "quote": Document, "credit": Document, "recurring_invoice": Document,
    "purchase_order": Document, "client": Client, "vendor": Vendor, "payment": Payment,
    "product": Product, "expense": Expense, "project": Project, "task": Task,
}


def output_model(kind: str) -> type[BaseModel]:
    """The shaped model of an entity kind (``Record`` for the long tail)."""
    return OUTPUTS.get(kind, Record)


def shape(kind: str, record: Mapping[str, Any], lookups: Lookups, *, detail: bool = False,
          raw: bool = False, portal_links: bool = False) -> BaseModel:
    """One record of ``kind`` (singular: ``invoice``) as its shaped model."""
    shaper = SHAPERS.get(kind) or _record(kind)
    shaped = shaper(record, lookups, detail, portal_links)
    if raw and isinstance(shaped, Shaped):
        shaped.raw = scrub(dict(record), portal_links=portal_links)
    return shaped


def _totals(items: Iterable[BaseModel]) -> list[Total] | None:
    sums: dict[str, list[float]] = {}
    for item in items:
        amount = getattr(item, "amount", None)
        currency = getattr(item, "currency", None)
        if amount is None or not currency:
            continue
        acc = sums.setdefault(currency, [0.0, 0.0])
        acc[0] += amount
        acc[1] += getattr(item, "balance", None) or 0.0
    if not sums:
        return None
    return [Total(currency=c, amount=round(a, 2), balance=round(b, 2) if b else None)
            for c, (a, b) in sorted(sums.items())]


def shape_page(kind: str, rows: Sequence[Mapping[str, Any]], *, total: int, page: int,
               per_page: int, total_pages: int, lookups: Lookups, raw: bool = False,
               ) -> Page[Any]:
    """A page of records of ``kind`` with count, total, sums and the next page number."""
    items = [shape(kind, row, lookups, raw=raw) for row in rows]
    model: Any = Page[output_model(kind)]  # type: ignore[misc]
    page_result: Page[Any] = model(
        items=items, count=len(items), total=total, page=page, per_page=per_page,
        next_page=page + 1 if page < total_pages else None, totals=_totals(items),
    )
    return page_result


def dump(result: BaseModel) -> dict[str, Any]:
    """The JSON-ready form of a result, with empty fields left out."""
    data: dict[str, Any] = result.model_dump(mode="json", exclude_none=True)
    return data
