"""Recurring invoices in one call each: create one (frequency by name), start it, stop it, send
the next invoice now.

Start, stop and send-now go through the bulk route, which skips silently what it cannot do, so
each action checks the status first and reads the record back. Invoice Ninja sends "now" only a
recurring invoice that has not started yet (a draft): it starts it and e-mails the first invoice.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator

from ..errors import InvalidInput, NinjaError
from . import records
from .base import Action, Route
from .context import Context
from .fields import IsoDate, RecordRef
from .lines import LineIn
from .new_documents import NewDocumentInput, create_document
from .records import DocumentResult

__all__ = ["ACTIONS"]

_DRAFT, _ACTIVE, _PAUSED, _COMPLETED = "1", "2", "3", "4"
_ALL = "active,archived,deleted"
#: Frequency names and Invoice Ninja's ``frequency_id``s.
FREQUENCIES = {
    "daily": "1", "weekly": "2", "every_two_weeks": "3", "every_four_weeks": "4",
    "monthly": "5", "every_two_months": "6", "quarterly": "7", "every_four_months": "8",
    "every_six_months": "9", "yearly": "10", "every_two_years": "11", "every_three_years": "12",
}
_SAYINGS = {"biweekly": "every_two_weeks", "fortnightly": "every_two_weeks",
            "every_three_months": "quarterly", "half_yearly": "every_six_months",
            "annually": "yearly", "annual": "yearly", "every_year": "yearly",
            "every_month": "monthly", "every_week": "weekly", "every_day": "daily"}


def _frequency_name(value: Any) -> Any:
    """``Every two weeks`` and ``biweekly`` as well as ``every_two_weeks``."""
    if not isinstance(value, str):
        return value
    key = "_".join(value.strip().casefold().replace("-", " ").split())
    return _SAYINGS.get(key, key)


Frequency = Annotated[Literal[
    "daily", "weekly", "every_two_weeks", "every_four_weeks", "monthly", "every_two_months",
    "quarterly", "every_four_months", "every_six_months", "yearly", "every_two_years",
    "every_three_years"], BeforeValidator(_frequency_name)]


class CreateRecurringInvoiceInput(NewDocumentInput):
    line_items: list[LineIn] = Field(min_length=1, max_length=200,
                                     description="The lines of every invoice, in order")
    frequency: Frequency = Field(default="monthly", description="How often an invoice is sent")
    start_date: IsoDate | None = Field(
        default=None, description="When the first invoice goes out, today or later (default: "
        "today, once started)")
    remaining_cycles: int = Field(default=-1, ge=-1, le=1000,
                                  description="How many invoices to send; -1 for no end")
    auto_bill: Literal["off", "optin", "optout", "always"] = Field(
        default="off", description="Charge the client's saved payment method: off, optin (the "
        "client may switch it on), optout (on unless the client switches it off), always")
    po_number: str | None = Field(default=None, max_length=180,
                                  description="The client's purchase order number")
    terms: str | None = Field(default=None, max_length=5000,
                              description="Terms text shown on every invoice")
    start: bool = Field(default=False,
                        description="Start it now; otherwise it stays a draft until "
                        "start_recurring_invoice")

    @field_validator("remaining_cycles")
    @classmethod
    def _some_cycles(cls, value: int) -> int:
        if value == 0:
            raise ValueError("0 would never send; give -1 (no end) or at least 1")
        return value


class StartRecurringInvoiceInput(RecordRef):
    """The recurring invoice to start: its id or its number."""


class StopRecurringInvoiceInput(RecordRef):
    """The recurring invoice to pause: its id or its number."""


class SendRecurringInvoiceNowInput(RecordRef):
    """The recurring invoice (not started yet) to send now: its id or its number."""


async def _create(ctx: Context, args: CreateRecurringInvoiceInput) -> DocumentResult:
    today = ctx.today().isoformat()
    if args.start_date and args.start_date < today:
        raise InvalidInput(f"start_date {args.start_date} is in the past; nothing was created.",
                           field_errors={"start_date": [f"must be {today} or later"]},
                           hint="Give today or a later date.")
    result = await create_document(ctx, "recurring_invoices", args, args.line_items, {
        "frequency_id": FREQUENCIES[args.frequency], "next_send_date": args.start_date or today,
        "remaining_cycles": args.remaining_cycles, "auto_bill": args.auto_bill,
        "po_number": args.po_number, "terms": args.terms})
    if not args.start:
        return result
    record = await records.read(ctx, "recurring_invoices", result.document.id)
    started = await records.bulk(ctx, "recurring_invoices", "start", record)
    result.document = await records.document(ctx, "recurring_invoice", started)
    return result


async def _live(ctx: Context, ref: RecordRef) -> dict[str, Any]:
    record = await records.ref_of(ctx, "recurring_invoices", ref)
    if record.get("is_deleted"):
        raise NinjaError(f"The {records.label('recurring_invoices', record)} is deleted.",
                         hint="Restore it with restore_recurring_invoices first.")
    return record


def _name(record: dict[str, Any]) -> str:
    return records.label("recurring_invoices", record)


async def _start(ctx: Context, args: StartRecurringInvoiceInput) -> DocumentResult:
    record = await _live(ctx, args)
    status = str(record.get("status_id"))
    if status == _ACTIVE:
        return DocumentResult(document=await records.document(ctx, "recurring_invoice", record),
                              remarks=[f"The {_name(record)} was already active."])
    if status == _COMPLETED or int(record.get("remaining_cycles") or 0) == 0:
        raise NinjaError(f"The {_name(record)} has no cycles left, so it cannot start.",
                         hint="Give it more with update_recurring_invoice "
                         "(remaining_cycles), then start it.")
    after = await records.bulk(ctx, "recurring_invoices", "start", record)
    if str(after.get("status_id")) != _ACTIVE:
        raise NinjaError(f"Invoice Ninja did not start the {_name(record)}.",
                         hint="Check that your user may edit it.")
    return DocumentResult(
        document=await records.document(ctx, "recurring_invoice", after),
        remarks=[f"The next invoice goes out on {after.get('next_send_date')}."])


async def _stop(ctx: Context, args: StopRecurringInvoiceInput) -> DocumentResult:
    record = await _live(ctx, args)
    status = str(record.get("status_id"))
    if status in (_PAUSED, _COMPLETED):
        state = "paused" if status == _PAUSED else "completed"
        return DocumentResult(document=await records.document(ctx, "recurring_invoice", record),
                              remarks=[f"The {_name(record)} was already {state}."])
    after = await records.bulk(ctx, "recurring_invoices", "stop", record)
    if str(after.get("status_id")) != _PAUSED:
        raise NinjaError(f"Invoice Ninja did not stop the {_name(record)}.",
                         hint="Check that your user may edit it.")
    return DocumentResult(document=await records.document(ctx, "recurring_invoice", after),
                          remarks=["No invoices go out until it is started again."])


async def _generated(ctx: Context, record: dict[str, Any]) -> list[dict[str, Any]]:
    """The client's invoices made from this recurring invoice."""
    params = {"client_id": record["client_id"], "status": _ALL}
    return [row async for row in ctx.client.paginate("invoices", params, per_page=500)
            if row.get("recurring_id") == record["id"]]


async def _send_now(ctx: Context, args: SendRecurringInvoiceNowInput) -> DocumentResult:
    record = await _live(ctx, args)
    if str(record.get("status_id")) != _DRAFT:
        when = record.get("next_send_date")
        raise NinjaError(
            f"Invoice Ninja sends now only a recurring invoice that has not started; the "
            f"{_name(record)} is already running" + (f" (next invoice on {when})." if when
                                                     else ".") + " Nothing was sent.",
            hint="To bill now, create_invoice with the same lines.")
    sent_to = await records.recipients(ctx, record)
    before = {str(r["id"]) for r in await _generated(ctx, record)}
    after = await records.bulk(ctx, "recurring_invoices", "send_now", record)
    ctx.forget("invoices")
    new = [r for r in await _generated(ctx, record) if str(r["id"]) not in before]
    remarks = [f"The {_name(after)} is now active; the next invoice goes out on "
               f"{after.get('next_send_date') or 'no date (no cycles left)'}."]
    if not new:
        return DocumentResult(
            document=await records.document(ctx, "recurring_invoice", after),
            remarks=[*remarks, "The new invoice was not found; list_invoices with this client "
                     "shows it."])
    invoice = max(new, key=lambda r: (int(r.get("created_at") or 0), str(r.get("number"))))
    return DocumentResult(document=await records.document(ctx, "invoice", invoice),
                          sent_to=sent_to, remarks=remarks)


_FIND = (Route("GET", "recurring_invoices/{id}"), Route("GET", "recurring_invoices"))
_BULK = Route("POST", "recurring_invoices/bulk")

ACTIONS: list[Action] = [
    Action(
        name="create_recurring_invoice", title="Create a recurring invoice",
        description="Set up an invoice sent on a schedule (weekly, monthly, yearly...) for a "
        "client named by id, name or e-mail; start=true starts it at once. Use create_invoice "
        "for a one-off invoice.",
        input=CreateRecurringInvoiceInput, output=DocumentResult, risk="write",
        permission="create_recurring_invoice", toolset="recurring",
        route=Route("POST", "recurring_invoices"),
        routes=(Route("POST", "recurring_invoices"), _BULK, *_FIND, Route("GET", "clients/{id}"),
                Route("GET", "clients"), Route("POST", "clients"), Route("GET", "products"),
                Route("GET", "tax_rates")),
        run=_create, kind="create",
    ),
    Action(
        name="start_recurring_invoice", title="Start a recurring invoice",
        description="Start (or resume) one recurring invoice so that its invoices go out on "
        "schedule from its next send date. Use send_recurring_invoice_now to send the first "
        "one today, start_recurring_invoices for many.",
        input=StartRecurringInvoiceInput, output=DocumentResult, risk="write",
        permission="edit_recurring_invoice", toolset="recurring", route=_BULK,
        routes=(_BULK, *_FIND), run=_start,
    ),
    Action(
        name="stop_recurring_invoice", title="Stop a recurring invoice",
        description="Pause one recurring invoice: no more invoices go out until it is started "
        "again. Use stop_recurring_invoices for many.",
        input=StopRecurringInvoiceInput, output=DocumentResult, risk="write",
        permission="edit_recurring_invoice", toolset="recurring", route=_BULK,
        routes=(_BULK, *_FIND), run=_stop,
    ),
    Action(
        name="send_recurring_invoice_now", title="Send a recurring invoice now",
        description="Start a recurring invoice that has not started yet and e-mail its first "
        "invoice today; returns that invoice. Use start_recurring_invoice to wait for the "
        "start date instead.",
        input=SendRecurringInvoiceNowInput, output=DocumentResult, risk="send",
        permission="edit_recurring_invoice", toolset="recurring", route=_BULK,
        routes=(_BULK, *_FIND, Route("GET", "invoices"), Route("GET", "clients")),
        run=_send_now,
    ),
]
