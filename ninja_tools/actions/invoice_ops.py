"""What happens to an invoice after it exists: e-mail it, mark it paid, cancel it, get its PDF.

Each takes the invoice by id or number, checks what it can before writing (nobody to send to,
already paid, not cancellable), goes through ``POST emails`` or the bulk route (never the
data-changing GET routes), and reads the invoice back to report what really happened.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field

from .. import present
from ..client import api_path
from ..errors import NinjaError
from .base import Action, Route
from .context import Context
from .fields import Email, split_list
from .invoice_shared import (
    InvoiceRef,
    InvoiceResult,
    find_invoice,
    invoice_label,
    require_recipients,
    shape_invoice,
)

__all__ = ["ACTIONS"]

_TEMPLATES = {"initial": "email_template_invoice", "reminder1": "email_template_reminder1",
              "reminder2": "email_template_reminder2", "reminder3": "email_template_reminder3"}
_PAID, _CANCELLED, _REVERSED = "4", "5", "6"
_STATUS = {"1": "draft", "2": "sent", "3": "partly paid", "4": "paid", "5": "cancelled",
           "6": "reversed"}


class SendInvoiceInput(InvoiceRef):
    template: Literal["initial", "reminder1", "reminder2", "reminder3"] = Field(
        default="initial",
        description="Which e-mail: the invoice itself (initial) or the first, second or third "
        "reminder")
    subject: str | None = Field(
        default=None, min_length=4, max_length=500,
        description="Subject instead of the template's (4 characters or more)")
    body: str | None = Field(
        default=None, min_length=4, max_length=20000,
        description="Message instead of the template's (4 characters or more)")
    cc: Annotated[list[Email], BeforeValidator(split_list)] = Field(
        default_factory=list, max_length=4,
        description="Up to 4 addresses to copy (kept on self-hosted and paid plans)")


class MarkInvoicePaidInput(InvoiceRef):
    pass


class CancelInvoiceInput(InvoiceRef):
    pass


class DownloadInvoicePdfInput(InvoiceRef):
    pass


class PaidInvoiceResult(BaseModel):
    """The invoice after marking it paid, and the payment Invoice Ninja recorded for it."""

    invoice: present.Document
    paid: bool = Field(description="true when the invoice now shows as paid")
    payment: present.Payment | None = Field(
        default=None, description="The payment created for the balance, when it can be seen")


def _live(invoice: dict[str, Any]) -> None:
    if invoice.get("is_deleted"):
        raise NinjaError(f"{invoice_label(invoice).capitalize()} is deleted.",
                         hint="Restore it with restore_invoices first.")


async def _read(ctx: Context, invoice_id: str) -> dict[str, Any]:
    body = await ctx.client.get(api_path("invoices/{id}", id=invoice_id))
    record: dict[str, Any] = body["data"]
    return record


async def _bulk(ctx: Context, action: str, invoice: dict[str, Any]) -> dict[str, Any]:
    await ctx.client.post("invoices/bulk", {"action": action, "ids": [invoice["id"]]})
    ctx.forget("invoices")
    return await _read(ctx, str(invoice["id"]))


# -- send -------------------------------------------------------------------------------------

async def _send_invoice(ctx: Context, args: SendInvoiceInput) -> BaseModel:
    invoice = await find_invoice(ctx, args)
    _live(invoice)
    sent_to = await require_recipients(ctx, invoice)
    body: dict[str, Any] = {"entity": "invoice", "entity_id": invoice["id"],
                            "template": _TEMPLATES[args.template]}
    if args.subject:
        body["subject"] = args.subject
    if args.body:
        body["body"] = args.body
    if args.cc:
        body["cc_email"] = ",".join(args.cc)
    answer = await ctx.client.post("emails", body)
    ctx.forget("invoices")
    record = answer.get("data") if isinstance(answer, dict) else None
    if not isinstance(record, dict):
        record = await _read(ctx, str(invoice["id"]))
    remarks = [f"Copied to {', '.join(args.cc)}."] if args.cc else None
    return InvoiceResult(invoice=await shape_invoice(ctx, record), sent_to=sent_to,
                         remarks=remarks)


# -- mark paid --------------------------------------------------------------------------------

async def _payment_ids(ctx: Context, client_id: str) -> set[str]:
    return {str(p.get("id")) async for p in ctx.client.paginate(
        "payments", {"client_id": client_id, "status": "active,archived,deleted"},
        per_page=1000)}


async def _new_payment(ctx: Context, invoice: dict[str, Any],
                       before: set[str]) -> dict[str, Any] | None:
    async for payment in ctx.client.paginate(
            "payments", {"client_id": invoice["client_id"], "status": "active"}, per_page=1000):
        if str(payment.get("id")) in before:
            continue
        if any(link.get("invoice_id") == invoice["id"]
               for link in payment.get("paymentables") or []):
            return payment
    return None


async def _mark_invoice_paid(ctx: Context, args: MarkInvoicePaidInput) -> BaseModel:
    invoice = await find_invoice(ctx, args)
    _live(invoice)
    status = str(invoice.get("status_id") or "")
    if status in (_PAID, _CANCELLED, _REVERSED):
        raise NinjaError(
            f"{invoice_label(invoice).capitalize()} is {_STATUS[status]}, so it cannot be "
            "marked paid. Nothing was changed.",
            hint="list_payments shows its payments." if status == _PAID else "")
    before = await _payment_ids(ctx, str(invoice["client_id"]))
    after = await _bulk(ctx, "mark_paid", invoice)
    paid = str(after.get("status_id")) == _PAID
    payment = await _new_payment(ctx, after, before) if paid else None
    lookups = await ctx.lookups()
    shaped = present.shape("payment", payment, lookups, detail=True) if payment else None
    return PaidInvoiceResult(invoice=await shape_invoice(ctx, after), paid=paid,
                             payment=shaped if isinstance(shaped, present.Payment) else None)


# -- cancel -----------------------------------------------------------------------------------

async def _cancel_invoice(ctx: Context, args: CancelInvoiceInput) -> BaseModel:
    invoice = await find_invoice(ctx, args)
    _live(invoice)
    status = str(invoice.get("status_id") or "")
    if status not in ("2", "3"):
        raise NinjaError(
            f"{invoice_label(invoice).capitalize()} is {_STATUS.get(status, status)}; only sent "
            "or partly paid invoices can be cancelled. Nothing was changed.",
            hint="A draft can be deleted (delete_invoices) instead." if status == "1" else "")
    after = await _bulk(ctx, "cancel", invoice)
    if str(after.get("status_id")) != _CANCELLED:
        raise NinjaError(
            f"Invoice Ninja did not cancel {invoice_label(invoice)}; it is still "
            f"{_STATUS.get(str(after.get('status_id')), 'unchanged')}.",
            hint="Archived invoices and invoices you may not edit are skipped; check with "
                 "get_invoice.")
    return InvoiceResult(invoice=await shape_invoice(ctx, after),
                         remarks=[f"The balance of {float(invoice.get('balance') or 0):.2f} "
                                  "is no longer owed."])


# -- PDF --------------------------------------------------------------------------------------

async def _download_invoice_pdf(ctx: Context, args: DownloadInvoicePdfInput) -> BaseModel:
    invoice_id = args.id or str((await find_invoice(ctx, args))["id"])
    got = await ctx.client.download(api_path("invoices/{id}/download", id=invoice_id),
                                    filename=f"invoice-{args.number or invoice_id}.pdf")
    return present.FileResult(filename=got.filename, content_type=got.content_type,
                              size=len(got.content), content=got.content)


_BY = " Takes the invoice's id or its number."

ACTIONS: list[Action] = [
    Action(
        name="send_invoice", title="E-mail an invoice",
        description=(
            "E-mail an invoice to its client's contacts, as the invoice or as reminder 1, 2 or "
            "3, optionally with your own subject, message and cc; it is marked sent. Use "
            "create_invoice with send to create and send in one step." + _BY),
        input=SendInvoiceInput, output=InvoiceResult, risk="send", permission="edit_invoice",
        toolset="invoices", route=Route("POST", "emails"),
        routes=(Route("POST", "emails"), Route("GET", "invoices"),
                Route("GET", "invoices/{id}"), Route("GET", "clients/{id}")),
        run=_send_invoice),
    Action(
        name="mark_invoice_paid", title="Mark an invoice paid",
        description=(
            "Record that an invoice was paid in full outside Invoice Ninja: a manual payment of "
            "its balance is created (needs create_payment too). Use record_payment for a part "
            "payment or a specific date, amount or method." + _BY),
        input=MarkInvoicePaidInput, output=PaidInvoiceResult, risk="write",
        permission="edit_invoice", toolset="invoices", route=Route("POST", "invoices/bulk"),
        routes=(Route("POST", "invoices/bulk"), Route("GET", "invoices"),
                Route("GET", "invoices/{id}"), Route("GET", "payments")),
        run=_mark_invoice_paid, kind="bulk"),
    Action(
        name="cancel_invoice", title="Cancel an invoice",
        description=(
            "Cancel a sent or partly paid invoice: its balance is no longer owed and it shows as "
            "cancelled. Use delete_invoices for drafts or mistakes." + _BY),
        input=CancelInvoiceInput, output=InvoiceResult, risk="destructive",
        permission="edit_invoice", toolset="invoices", route=Route("POST", "invoices/bulk"),
        routes=(Route("POST", "invoices/bulk"), Route("GET", "invoices"),
                Route("GET", "invoices/{id}")),
        run=_cancel_invoice, kind="bulk"),
    Action(
        name="download_invoice_pdf", title="Download an invoice PDF",
        description=(
            "Get the PDF of an invoice as a file. Use print_invoices for one PDF of several "
            "invoices." + _BY),
        input=DownloadInvoicePdfInput, output=present.FileResult, risk="read",
        permission="edit_invoice", toolset="invoices",
        route=Route("GET", "invoices/{id}/download"),
        routes=(Route("GET", "invoices/{id}/download"), Route("GET", "invoices")),
        run=_download_invoice_pdf, kind="file"),
]
