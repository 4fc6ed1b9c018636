"""Quotes in one call each: create one for a client by name, e-mail it, approve it, turn it into
an invoice.

Approving and converting go through the quotes bulk route (the GET routes that do the same change
data and are refused); the bulk answer skips silently what it cannot do, so each action checks
the quote first and reads it back after. ``approve_quotes`` and ``convert_quotes_to_invoices``
stay for many quotes at once.
"""

from __future__ import annotations

from typing import Any, Self

from pydantic import Field, model_validator

from ..errors import NinjaError
from . import records
from .base import Action, Route
from .context import Context
from .fields import IsoDate, RecordRef
from .lines import LineIn
from .new_documents import NewDocumentInput, create_document
from .records import DocumentResult

__all__ = ["ACTIONS"]

_DRAFT, _SENT, _APPROVED, _CONVERTED = "1", "2", "3", "4"
_TEXT = 5000


class CreateQuoteInput(NewDocumentInput):
    line_items: list[LineIn] = Field(min_length=1, max_length=200,
                                     description="The lines of the quote, in order")
    date: IsoDate | None = Field(default=None, description="Quote date (default: today)")
    valid_until: IsoDate | None = Field(default=None,
                                        description="Last day the client can accept the quote")
    po_number: str | None = Field(default=None, max_length=180,
                                  description="The client's purchase order number")
    terms: str | None = Field(default=None, max_length=_TEXT,
                              description="Terms text shown on the quote")

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.date and self.valid_until and self.valid_until < self.date:
            raise ValueError("valid_until is before date")
        return self


class SendQuoteInput(RecordRef):
    """The quote to e-mail (its id or its number), and optional wording."""

    subject: str | None = Field(default=None, min_length=4, max_length=300,
                                description="Subject instead of the quote template's")
    body: str | None = Field(default=None, min_length=4, max_length=20000,
                             description="Message instead of the quote template's")


class ApproveQuoteInput(RecordRef):
    """The quote to approve: its id or its number."""


class ConvertQuoteToInvoiceInput(RecordRef):
    """The quote to convert: its id or its number."""


async def _create(ctx: Context, args: CreateQuoteInput) -> DocumentResult:
    return await create_document(ctx, "quotes", args, args.line_items, {
        "date": args.date, "due_date": args.valid_until, "po_number": args.po_number,
        "terms": args.terms})


async def _live_quote(ctx: Context, ref: RecordRef) -> dict[str, Any]:
    quote = await records.ref_of(ctx, "quotes", ref)
    if quote.get("is_deleted"):
        raise NinjaError(f"The {records.label('quotes', quote)} is deleted.",
                         hint="Restore it with restore_quotes first.")
    return quote


async def _send(ctx: Context, args: SendQuoteInput) -> DocumentResult:
    quote = await _live_quote(ctx, args)
    sent_to = await records.email(ctx, "quotes", quote, "email_template_quote",
                                  subject=args.subject, body=args.body)
    after = await records.read(ctx, "quotes", str(quote["id"]))
    return DocumentResult(document=await records.document(ctx, "quote", after), sent_to=sent_to)


async def _approve(ctx: Context, args: ApproveQuoteInput) -> DocumentResult:
    quote = await _live_quote(ctx, args)
    name = records.label("quotes", quote)
    status = str(quote.get("status_id"))
    if status == _APPROVED:
        return DocumentResult(document=await records.document(ctx, "quote", quote),
                              remarks=[f"The {name} was already approved; nothing changed."])
    if status not in (_DRAFT, _SENT):
        raise NinjaError(f"The {name} is converted to an invoice already, so it cannot be "
                         "approved. Nothing changed.",
                         hint="get_quote shows the invoice it became (invoice_id).")
    after = await records.bulk(ctx, "quotes", "approve", quote)
    if str(after.get("status_id")) != _APPROVED:
        raise NinjaError(f"Invoice Ninja did not approve the {name}.",
                         hint="Check that your user may edit it (get_quote).")
    return DocumentResult(document=await records.document(ctx, "quote", after))


async def _convert(ctx: Context, args: ConvertQuoteToInvoiceInput) -> DocumentResult:
    quote = await _live_quote(ctx, args)
    name = records.label("quotes", quote)
    remark = f"The {name} was already converted; this is its invoice."
    if not quote.get("invoice_id"):
        quote = await records.bulk(ctx, "quotes", "convert_to_invoice", quote)
        ctx.forget("invoices")
        remark = f"The {name} is converted; the new invoice is a draft."
    if not quote.get("invoice_id"):
        raise NinjaError(f"Invoice Ninja did not convert the {name}.",
                         hint="Check that your user may edit quotes and create invoices.")
    invoice = await records.read(ctx, "invoices", str(quote["invoice_id"]))
    return DocumentResult(document=await records.document(ctx, "invoice", invoice),
                          remarks=[remark])


_FIND = (Route("GET", "quotes/{id}"), Route("GET", "quotes"))
_CLIENTS = (Route("GET", "clients/{id}"), Route("GET", "clients"), Route("POST", "clients"),
            Route("GET", "products"), Route("GET", "tax_rates"))

ACTIONS: list[Action] = [
    Action(
        name="create_quote", title="Create a quote",
        description="Create a quote for a client named by id, name or e-mail, with line items "
        "filled from products; valid_until is the last day it can be accepted. Use send_quote "
        "to e-mail it, convert_quote_to_invoice once it is accepted.",
        input=CreateQuoteInput, output=DocumentResult, risk="write",
        permission="create_quote", toolset="quotes", route=Route("POST", "quotes"),
        routes=(Route("POST", "quotes"), *_CLIENTS), run=_create, kind="create",
    ),
    Action(
        name="send_quote", title="E-mail a quote",
        description="E-mail a quote to the client's contacts with the quote template (it is "
        "marked sent). Use email_quotes to send many at once.",
        input=SendQuoteInput, output=DocumentResult, risk="send", permission="edit_quote",
        toolset="quotes", route=Route("POST", "emails"),
        routes=(Route("POST", "emails"), *_FIND, Route("GET", "clients")), run=_send,
    ),
    Action(
        name="approve_quote", title="Approve a quote",
        description="Mark one draft or sent quote approved, as when the client accepts it; "
        "it stays a quote. Use convert_quote_to_invoice to bill it, approve_quotes for many.",
        input=ApproveQuoteInput, output=DocumentResult, risk="write",
        permission="edit_quote", toolset="quotes", route=Route("POST", "quotes/bulk"),
        routes=(Route("POST", "quotes/bulk"), *_FIND), run=_approve,
    ),
    Action(
        name="convert_quote_to_invoice", title="Convert a quote to an invoice",
        description="Turn one quote into a draft invoice and return that invoice (a quote "
        "converted before returns its invoice). Use convert_quotes_to_invoices for many.",
        input=ConvertQuoteToInvoiceInput, output=DocumentResult, risk="write",
        permission="edit_quote", toolset="quotes", route=Route("POST", "quotes/bulk"),
        routes=(Route("POST", "quotes/bulk"), *_FIND, Route("GET", "invoices/{id}")),
        run=_convert,
    ),
]
