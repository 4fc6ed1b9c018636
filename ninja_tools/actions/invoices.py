"""Creating and changing invoices in one call: client by name or e-mail, friendly line items.

``create_invoice`` finds (or creates) the client, fills lines from products and tax rates, and can
e-mail the invoice in the same request (``?send_email=true``). ``update_invoice`` changes only
what it is given; Invoice Ninja replaces ``line_items`` as a whole, so it reads the invoice, applies
the line operations and sends every line back, refusing unknown positions before any write.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Self

from pydantic import BaseModel, BeforeValidator, Field, model_validator

from ..client import api_path
from ..errors import NinjaError
from ..resources import Risk
from .base import Action, ActionInput, Route
from .context import Context
from .fields import ClientChoice, IsoDate, split_list
from .invoice_shared import (
    InvoiceRef,
    InvoiceResult,
    find_invoice,
    invoice_label,
    recipients,
    shape_invoice,
)
from .lines import (
    Discount,
    DiscountPlan,
    LineChange,
    LineIn,
    apply_discounts,
    build_line,
    change_line,
    existing_discounts,
    refuse_positions,
    require_lines,
)
from .lookup import resolve_client

__all__ = ["ACTIONS"]

_TEXT = 5000


def _check_dates(date: str | None, due_date: str | None, terms: int | None) -> None:
    if due_date is not None and terms is not None:
        raise ValueError("give due_date or payment_terms_days, not both")
    if date and due_date and due_date < date:
        raise ValueError("due_date is before date")


def _check_discount(percent: float | None, amount: float | None) -> None:
    if percent is not None and amount is not None:
        raise ValueError("give discount_percent or discount_amount, not both")


class _InvoiceFields(ActionInput):
    date: IsoDate | None = Field(default=None,
                                 description="Invoice date, YYYY-MM-DD (default: today)")
    due_date: IsoDate | None = Field(default=None, description="Due date, YYYY-MM-DD")
    payment_terms_days: int | None = Field(
        default=None, ge=0, le=3650,
        description="Due this many days after the invoice date (instead of due_date)")
    po_number: str | None = Field(default=None, max_length=180,
                                  description="The client's purchase order number")
    public_notes: str | None = Field(default=None, max_length=_TEXT,
                                     description="Notes shown to the client on the invoice")
    terms: str | None = Field(default=None, max_length=_TEXT,
                              description="Payment terms text shown on the invoice")


class CreateInvoiceInput(_InvoiceFields, ClientChoice):
    line_items: list[LineIn] = Field(min_length=1, max_length=200,
                                     description="The lines of the invoice, in order")
    discount_percent: float | None = Field(
        default=None, gt=0, le=100, description="Discount on the whole invoice, in percent")
    discount_amount: float | None = Field(
        default=None, gt=0, le=1e12, description="Discount on the whole invoice, as an amount")
    number: str | None = Field(default=None, min_length=1, max_length=100,
                               description="Invoice number (default: the next in sequence)")
    send: bool = Field(default=False,
                       description="E-mail the invoice to the client's contacts right away")
    mark_sent: bool = Field(default=False,
                            description="Mark it sent without e-mailing (ignored with send)")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_dates(self.date, self.due_date, self.payment_terms_days)
        _check_discount(self.discount_percent, self.discount_amount)
        return self


PositionList = Annotated[list[Annotated[int, Field(ge=1, le=10000)]],
                         BeforeValidator(split_list)]


class UpdateInvoiceInput(InvoiceRef, _InvoiceFields):
    new_number: str | None = Field(default=None, min_length=1, max_length=100,
                                   description="Give the invoice this number instead")
    discount_percent: float | None = Field(
        default=None, ge=0, le=100, description="Discount on the whole invoice in percent; "
        "0 removes it")
    discount_amount: float | None = Field(
        default=None, ge=0, le=1e12, description="Discount on the whole invoice as an amount; "
        "0 removes it")
    add_lines: list[LineIn] = Field(default_factory=list, max_length=200,
                                    description="Lines to append after the existing ones")
    change_lines: list[LineChange] = Field(
        default_factory=list, max_length=200,
        description="Changes to existing lines by position (1 = first); only the fields given "
        "change")
    remove_lines: PositionList = Field(
        default_factory=list, max_length=200,
        description="Positions of lines to remove (1 = first), as numbered before this change")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if not self.model_fields_set - {"id", "number"}:
            raise ValueError("say what to change")
        _check_dates(self.date, self.due_date, self.payment_terms_days)
        _check_discount(self.discount_percent, self.discount_amount)
        changed = [c.position for c in self.change_lines]
        if len(set(changed)) != len(changed):
            raise ValueError("change_lines names a position twice; merge those changes")
        if len(set(self.remove_lines)) != len(self.remove_lines):
            raise ValueError("remove_lines names a position twice")
        both = sorted(set(changed) & set(self.remove_lines))
        if both:
            raise ValueError(f"line {both[0]} is both changed and removed")
        return self

    @property
    def touches_lines(self) -> bool:
        return bool(self.add_lines or self.change_lines or self.remove_lines
                    or self.discount_percent is not None or self.discount_amount is not None)


# -- create -----------------------------------------------------------------------------------

def _due(start: str | None, today: dt.date, days: int) -> str:
    base = dt.date.fromisoformat(start) if start else today
    return (base + dt.timedelta(days=days)).isoformat()


def _common_fields(ctx: Context, args: _InvoiceFields, start: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {k: v for k, v in (
        ("date", args.date), ("due_date", args.due_date), ("po_number", args.po_number),
        ("public_notes", args.public_notes), ("terms", args.terms)) if v is not None}
    if args.payment_terms_days is not None:
        body["due_date"] = _due(args.date or start, ctx.today(), args.payment_terms_days)
    return body


def _can_receive(client: dict[str, Any]) -> bool:
    return any(c.get("email") and c.get("send_email") and not c.get("is_deleted")
               for c in client.get("contacts") or [])


async def _create_invoice(ctx: Context, args: CreateInvoiceInput) -> BaseModel:
    lines: list[dict[str, Any]] = []
    discounts: list[Discount] = []
    for index, given in enumerate(args.line_items):
        line, discount = await build_line(ctx, given, f"line_items.{index}")
        lines.append(line)
        discounts.append(discount)
    plan = DiscountPlan(lines, discounts, Discount.of(args.discount_percent, args.discount_amount))
    body = apply_discounts(plan)
    match = await resolve_client(ctx, client_id=args.client_id, client=args.client,
                                 create_if_missing=args.create_client_if_missing)
    if args.send and not _can_receive(match.record):
        created = " was created but" if match.created else ""
        raise NinjaError(
            f"The client {match.name}{created} has no contact with an e-mail address that "
            "receives invoices, so the invoice could not be sent. No invoice was created.",
            hint="Add a contact with an e-mail (update_client add_contacts), or create it "
                 "without send.")
    body["client_id"] = match.id
    body.update(_common_fields(ctx, args, None))
    if args.number:
        body["number"] = args.number
    params = ({"send_email": "true"} if args.send
              else {"mark_sent": "true"} if args.mark_sent else None)
    answer = await ctx.client.post("invoices", body, params=params)
    ctx.forget("invoices")
    record = answer["data"]
    remarks = list(plan.remarks)
    if match.created:
        remarks.insert(0, f"Created the client {match.name}.")
    sent_to = await recipients(ctx, record) if args.send else None
    if args.send and not sent_to:
        remarks.append("Invoice Ninja invited no contact with an e-mail address, so it was "
                       "marked sent but reached nobody.")
    return InvoiceResult(invoice=await shape_invoice(ctx, record), sent_to=sent_to,
                         client_created=True if match.created else None,
                         remarks=remarks or None)


def _create_risk(args: CreateInvoiceInput) -> Risk:
    return "send" if args.send else "write"


# -- update -----------------------------------------------------------------------------------

async def _line_fields(ctx: Context, args: UpdateInvoiceInput,
                       invoice: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    lines, discounts, document = existing_discounts(invoice)
    refuse_positions(len(lines), [c.position for c in args.change_lines], "change_lines")
    refuse_positions(len(lines), args.remove_lines, "remove_lines")
    remarks: list[str] = []
    for change in args.change_lines:
        index = change.position - 1
        discounts[index] = await change_line(ctx, lines[index], change, discounts[index],
                                             f"change_lines.{change.position}")
    added = [await build_line(ctx, given, f"add_lines.{i}")
             for i, given in enumerate(args.add_lines)]
    for position in sorted(args.remove_lines, reverse=True):
        gone = lines.pop(position - 1)
        discounts.pop(position - 1)
        label = gone.get("notes") or gone.get("product_key") or ""
        remarks.append(f"Removed line {position}" + (f" ({label})." if label else "."))
    lines += [line for line, _ in added]
    discounts += [discount for _, discount in added]
    require_lines(lines)
    if args.discount_percent is not None or args.discount_amount is not None:
        document = Discount.of(args.discount_percent, args.discount_amount)
    plan = DiscountPlan(lines, discounts, document)
    fields = apply_discounts(plan)
    return fields, remarks + plan.remarks


async def _update_invoice(ctx: Context, args: UpdateInvoiceInput) -> BaseModel:
    invoice = await find_invoice(ctx, args)
    if invoice.get("is_deleted"):
        raise NinjaError(f"{invoice_label(invoice).capitalize()} is deleted and cannot be "
                         "changed.", hint="Restore it with restore_invoices first.")
    body: dict[str, Any] = {}
    remarks: list[str] = []
    if args.touches_lines:
        fields, remarks = await _line_fields(ctx, args, invoice)
        body.update(fields)
    body.update(_common_fields(ctx, args, str(invoice.get("date") or "") or None))
    if args.new_number:
        body["number"] = args.new_number
    if not body:
        raise NinjaError("Nothing to change.", hint="Give the fields to change.")
    answer = await ctx.client.put(api_path("invoices/{id}", id=str(invoice["id"])), body)
    ctx.forget("invoices")
    return InvoiceResult(invoice=await shape_invoice(ctx, answer["data"]),
                         remarks=remarks or None)


ACTIONS: list[Action] = [
    Action(
        name="create_invoice", title="Create an invoice",
        description=(
            "Create an invoice for a client named by id, name or e-mail, with line items "
            "(prices, descriptions and taxes fill in from product keys), dates, discounts, and "
            "optionally e-mail it at once (send) or mark it sent. Use update_invoice to change "
            "an existing invoice, send_invoice to e-mail one later."),
        input=CreateInvoiceInput, output=InvoiceResult, risk="send", risk_of=_create_risk,
        permission="create_invoice", toolset="invoices", route=Route("POST", "invoices"),
        routes=(Route("POST", "invoices"), Route("GET", "clients"), Route("POST", "clients"),
                Route("GET", "clients/{id}"), Route("GET", "products"),
                Route("GET", "tax_rates")),
        run=_create_invoice, kind="create"),
    Action(
        name="update_invoice", title="Change an invoice",
        description=(
            "Change an invoice found by id or number: dates, notes, discount, and lines by "
            "operation (add_lines, change_lines and remove_lines by position); everything not "
            "mentioned stays as it is. Use create_invoice for a new invoice."),
        input=UpdateInvoiceInput, output=InvoiceResult, risk="write",
        permission="edit_invoice", toolset="invoices", route=Route("PUT", "invoices/{id}"),
        routes=(Route("PUT", "invoices/{id}"), Route("GET", "invoices"),
                Route("GET", "invoices/{id}"), Route("GET", "products"),
                Route("GET", "tax_rates")),
        run=_update_invoice, kind="update"),
]
