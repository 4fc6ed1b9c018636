"""Recording and refunding payments: pay invoices, apply credits, refund, each in one call.

``record_payment`` works out every amount from the invoices' balances and refuses, before any
write, what Invoice Ninja would get wrong or refuse (several clients, a paid invoice, paying more
than is owed). It always sends an idempotency key and returns it: repeating the call with that
key after an "outcome unknown" error can never record a second payment.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, Self

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from .. import present
from ..errors import DuplicateRequest, InvalidInput, NinjaError, OutcomeUnknown, ValidationFailed
from . import records
from .base import Action, ActionInput, Risk, Route
from .context import Context
from .fields import IsoDate, RecordRef
from .lookup import client_label
from .payment_plan import (
    CreditUse,
    InvoicePayment,
    RefundLine,
    Refusal,
    plan_payment,
    plan_refund,
)
from .shaping import data_of

__all__ = ["ACTIONS", "PaymentResult"]

_ALL = "active,archived,deleted"
_TYPE_ALIASES = {
    "card": "credit card other", "credit card": "credit card other", "debit card": "debit",
    "cheque": "check", "bank": "bank transfer", "wire": "bank transfer",
    "wire transfer": "bank transfer", "transfer": "bank transfer", "amex": "american express",
    "visa": "visa card", "master card": "mastercard",
}


class PaymentResult(BaseModel):
    """A payment after the call, with the invoices and credits it touched as they are now."""

    message: str
    payment: present.Payment | None = Field(
        default=None, description="The payment (absent when an earlier one could not be found)")
    invoices: list[present.Document] | None = Field(
        default=None, description="The invoices it paid or refunded, with their balances now")
    credits: list[present.Document] | None = Field(
        default=None, description="The credits it used, with what is left of them")
    idempotency_key: str | None = Field(
        default=None, description="Repeat record_payment with this key after an 'outcome "
        "unknown' error: a payment already recorded is reported, never recorded twice")
    already_recorded: bool | None = Field(
        default=None, description="true: a payment with this idempotency key existed already; "
        "nothing new was recorded")
    unapplied: float | None = Field(
        default=None, description="Money recorded beyond what the invoices owed")


# -- record_payment ---------------------------------------------------------------------------

class RecordPaymentInput(ActionInput):
    invoice: str | None = Field(default=None, min_length=1, max_length=100,
                                description="The invoice paid: its hashed id or its number")
    amount: float | None = Field(default=None, gt=0, le=1e12,
                                 description="How much was paid for it (default: its balance)")
    invoices: list[InvoicePayment] | None = Field(
        default=None, min_length=1, max_length=100, validate_default=True,
        description="Several invoices of one client paid at once, each with its amount "
        "(default: its balance); instead of invoice and amount")
    credits: list[CreditUse] | None = Field(
        default=None, min_length=1, max_length=20,
        description="Credits of the same client to apply to the invoices; without invoice "
        "amounts, the credits alone pay them (no money received)")
    date: IsoDate | None = Field(default=None, description="Payment date (default: today)")
    type: str | None = Field(default=None, min_length=1, max_length=60,
                             description="How it was paid, by name: bank transfer, cash, check, "
                             "credit card, paypal...")
    type_id: str | None = Field(default=None, pattern=r"^\d{1,3}$",
                                description="Payment type id instead of type (get_reference_data "
                                "part=payment_types)")
    transaction_reference: str | None = Field(
        default=None, max_length=190, description="The bank's or processor's reference")
    send_receipt: bool = Field(default=False,
                               description="E-mail the client a payment receipt")
    idempotency_key: str | None = Field(
        default=None, min_length=8, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$",
        description="Only when repeating a call: the key an earlier result or error gave. "
        "Left out, a new one is made and returned")
    allow_overpayment: bool = Field(
        default=False, description="Accept an amount above what an invoice owes; the excess is "
        "recorded as unapplied money")

    @field_validator("amount")
    @classmethod
    def _amount_with_invoice(cls, value: float | None, info: ValidationInfo) -> float | None:
        if value is not None and not info.data.get("invoice"):
            raise ValueError("amount goes with invoice; with invoices, give each its amount")
        return value

    @field_validator("invoices")
    @classmethod
    def _some_invoice(cls, value: list[InvoicePayment] | None,
                      info: ValidationInfo) -> list[InvoicePayment] | None:
        if value and info.data.get("invoice"):
            raise ValueError("give invoice or invoices, not both")
        if not value and not info.data.get("invoice"):
            raise ValueError("give the invoice paid (invoice), or several (invoices)")
        _no_repeats([row.invoice for row in value or []], "invoice")
        return value

    @field_validator("credits")
    @classmethod
    def _distinct_credits(cls, value: list[CreditUse] | None) -> list[CreditUse] | None:
        _no_repeats([row.credit for row in value or []], "credit")
        return value

    @model_validator(mode="after")
    def _one_type(self) -> Self:
        if self.type and self.type_id:
            raise ValueError("give type or type_id, not both")
        return self


def _no_repeats(refs: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for ref in refs:
        if ref.casefold() in seen:
            raise ValueError(f"{what} {ref} is listed twice")
        seen.add(ref.casefold())


def _new_key() -> str:
    return f"ninja-tools-{uuid.uuid4().hex}"


async def _type_id(ctx: Context, args: RecordPaymentInput) -> str | None:
    """The payment type id for ``type`` (a name, any case) or ``type_id``; checked against
    Invoice Ninja's own list."""
    if not args.type and not args.type_id:
        return None
    rows = [r for r in (await ctx.statics()).get("payment_types") or [] if isinstance(r, dict)]
    by_name = {str(r.get("name") or "").strip().casefold(): str(r.get("id")) for r in rows}
    known = ", ".join(sorted(str(r.get("name")) for r in rows))
    if args.type_id:
        if args.type_id in by_name.values():
            return args.type_id
        raise InvalidInput(f"There is no payment type with id {args.type_id}. Types: {known}.",
                           field_errors={"type_id": ["unknown payment type id"]},
                           hint="Give type by name instead.")
    key = " ".join((args.type or "").casefold().replace("_", " ").replace("-", " ").split())
    for name in (key, _TYPE_ALIASES.get(key, "")):
        if name in by_name:
            return by_name[name]
    partial = [name for name in by_name if key in name]
    if len(partial) == 1:
        return by_name[partial[0]]
    raise InvalidInput(f"No payment type is called '{args.type}'. Types: {known}.",
                       field_errors={"type": ["unknown payment type"]},
                       hint="Use one of those names.")


async def _one_client(ctx: Context, invoices: list[dict[str, Any]],
                      credits: list[dict[str, Any]]) -> str:
    owners: dict[str, list[str]] = {}
    for path, rows in (("invoices", invoices), ("credits", credits)):
        for row in rows:
            owners.setdefault(str(row.get("client_id")), []).append(records.label(path, row))
    if len(owners) > 1:
        clients = {str(c.get("id")): client_label(c) for c in await ctx.rows("clients")}
        names = "; ".join(f"{', '.join(labels)} ({clients.get(cid) or cid})"
                          for cid, labels in owners.items())
        raise NinjaError(f"One payment comes from one client, but these are from different "
                         f"clients: {names}. Nothing was recorded.",
                         hint="Record one payment per client.")
    return next(iter(owners))


async def _key_used(ctx: Context, client_id: str, invoice_id: str, key: str) -> bool:
    """Whether a payment with ``key`` exists. The request leaves out the invoice's amount,
    which Invoice Ninja always refuses (so nothing is stored); its answer lists every rule that
    failed, the key's uniqueness among them."""
    try:
        await ctx.client.post("payments", {"client_id": client_id, "idempotency_key": key,
                                           "invoices": [{"invoice_id": invoice_id}]})
    except ValidationFailed as exc:
        return "idempotency_key" in exc.field_errors
    except DuplicateRequest:
        return False
    raise NinjaError("Invoice Ninja stored a payment without an amount while checking the "
                     f"idempotency key '{key}'.", hint="Delete that empty payment (list_payments).")


async def _earlier(ctx: Context, client_id: str, invoice_ids: list[str]) -> dict[str, Any] | None:
    """The client's latest payment on all of these invoices (Invoice Ninja does not show the
    idempotency key, so the payment it belongs to is found this way)."""
    page = await ctx.client.list_page("payments", {"client_id": client_id, "status": _ALL},
                                      per_page=500)
    found = [p for p in page.items if not p.get("is_deleted") and set(invoice_ids) <= {
        str(r.get("invoice_id")) for r in p.get("paymentables") or [] if r.get("invoice_id")}]
    found.sort(key=lambda p: (int(p.get("created_at") or 0), str(p.get("number") or "")))
    return found[-1] if found else None


async def _result(ctx: Context, message: str, payment: dict[str, Any] | None,
                  invoice_ids: list[str], credit_ids: list[str], **extra: Any) -> PaymentResult:
    invoices = [await records.document(ctx, "invoice", await records.read(ctx, "invoices", i),
                                       detail=False) for i in invoice_ids]
    credits = [await records.document(ctx, "credit", await records.read(ctx, "credits", c),
                                      detail=False) for c in credit_ids]
    shaped: present.Payment | None = None
    if payment is not None:
        model = present.shape("payment", payment, await ctx.lookups(), detail=True)
        assert isinstance(model, present.Payment)
        shaped = model
    return PaymentResult(message=message, payment=shaped, invoices=invoices or None,
                         credits=credits or None, **extra)


async def _already(ctx: Context, client_id: str, invoice_ids: list[str], credit_ids: list[str],
                   key: str) -> PaymentResult:
    payment = await _earlier(ctx, client_id, invoice_ids)
    found = (f" It is most likely payment {payment.get('number') or payment.get('id')}."
             if payment else " Find it with list_payments.")
    return await _result(
        ctx, f"A payment with idempotency key {key} was already recorded, so nothing new was "
        f"recorded.{found}", payment, invoice_ids, credit_ids, idempotency_key=key,
        already_recorded=True)


async def _record(ctx: Context, args: RecordPaymentInput) -> PaymentResult:
    key = args.idempotency_key or _new_key()
    wanted = ([InvoicePayment(invoice=args.invoice, amount=args.amount)] if args.invoice
              else list(args.invoices or []))
    invoices = [await records.find(ctx, "invoices", w.invoice) for w in wanted]
    credits = [await records.find(ctx, "credits", c.credit) for c in args.credits or []]
    for path, rows in (("invoices", invoices), ("credits", credits)):
        ids = [str(r["id"]) for r in rows]
        if len(set(ids)) < len(ids):
            raise NinjaError(f"The same {records.noun(path)} is named twice (by id and by "
                             "number). Nothing was recorded.", hint="Name each one once.")
    client_id = await _one_client(ctx, invoices, credits)
    type_id = await _type_id(ctx, args)
    invoice_ids, credit_ids = [str(r["id"]) for r in invoices], [str(r["id"]) for r in credits]
    try:
        plan = plan_payment(wanted, invoices, args.credits or [], credits,
                            allow_overpayment=args.allow_overpayment)
    except Refusal:
        if args.idempotency_key and await _key_used(ctx, client_id, invoice_ids[0], key):
            return await _already(ctx, client_id, invoice_ids, credit_ids, key)
        raise
    body: dict[str, Any] = {
        "client_id": client_id, "amount": plan.amount,
        "date": args.date or ctx.today().isoformat(), "idempotency_key": key,
        "invoices": [{"invoice_id": i, "amount": a} for i, a in plan.invoices],
        "credits": [{"credit_id": c, "amount": a} for c, a in plan.credits],
    }
    if type_id:
        body["type_id"] = type_id
    if args.transaction_reference:
        body["transaction_reference"] = args.transaction_reference
    if args.send_receipt:
        body["email_receipt"] = "true"
    try:
        answer = await ctx.client.post("payments", body)
    except ValidationFailed as exc:
        if "idempotency_key" in exc.field_errors:
            return await _already(ctx, client_id, invoice_ids, credit_ids, key)
        raise
    except OutcomeUnknown as exc:
        raise OutcomeUnknown(
            exc.message, status=exc.status,
            hint=f"Repeat record_payment with the same arguments and idempotency_key '{key}': "
            "if the payment was recorded, the repeat says so and records nothing.") from None
    except DuplicateRequest as exc:
        raise DuplicateRequest(
            "Invoice Ninja refused this payment as a duplicate of one sent for the same client "
            "less than a second ago.", status=exc.status,
            hint=f"Wait a second and repeat with idempotency_key '{key}'; a payment already "
            "recorded with that key is reported, not recorded again.") from None
    ctx.forget("payments", "invoices", "credits", "clients")
    payment = data_of(answer, "POST payments")
    paid = ", ".join(f"{records.label('invoices', r)} {a:.2f}"
                     for r, (_, a) in zip(invoices, plan.invoices, strict=True))
    message = f"Recorded payment {payment.get('number') or payment.get('id')}: {paid}."
    if plan.credits:
        message += f" Credits applied: {sum(a for _, a in plan.credits):.2f}."
    if plan.unapplied:
        message += f" Unapplied: {plan.unapplied:.2f}."
    if args.send_receipt:
        message += " A receipt was e-mailed to the client."
    return await _result(ctx, message, payment, invoice_ids, credit_ids, idempotency_key=key,
                         unapplied=plan.unapplied or None)


def _record_risk(args: RecordPaymentInput) -> Risk:
    return "send" if args.send_receipt else "write"


# -- refund_payment ---------------------------------------------------------------------------

class RefundPaymentInput(RecordRef):
    """The payment to refund (its id or its number) and how much of it."""

    amount: float | None = Field(default=None, gt=0, le=1e12,
                                 description="How much to refund (default: all that is left); "
                                 "spread over the payment's invoices in order")
    invoices: list[RefundLine] | None = Field(
        default=None, min_length=1, max_length=100,
        description="Refund these invoices of the payment, each its own amount; instead of "
        "amount")
    date: IsoDate | None = Field(default=None, description="Refund date (default: today)")
    gateway_refund: bool = Field(
        default=False, description="Also send the money back through the payment gateway "
        "(only for payments made online); false only records the refund")
    send_email: bool = Field(default=False, description="E-mail the client a refund receipt")

    @field_validator("invoices")
    @classmethod
    def _amount_or_invoices(cls, value: list[RefundLine] | None,
                            info: ValidationInfo) -> list[RefundLine] | None:
        if value and info.data.get("amount") is not None:
            raise ValueError("give amount or invoices, not both")
        _no_repeats([row.invoice for row in value or []], "invoice")
        return value


async def _refund(ctx: Context, args: RefundPaymentInput) -> PaymentResult:
    payment = await records.ref_of(ctx, "payments", args)
    name = records.label("payments", payment)
    if payment.get("is_deleted"):
        raise NinjaError(f"The {name} is deleted; nothing was refunded.",
                         hint="Restore it with restore_payments first.")
    if args.gateway_refund and not payment.get("company_gateway_id"):
        raise NinjaError(f"The {name} was recorded by hand, not paid through a gateway, so no "
                         "money can go back through one. Nothing was refunded.",
                         hint="Repeat with gateway_refund false to record the refund.")
    attached = [str(r["invoice_id"]) for r in payment.get("paymentables") or []
                if r.get("invoice_id") and not r.get("archived_at")]
    invoices = {i: await records.read(ctx, "invoices", i) for i in dict.fromkeys(attached)}
    plan = plan_refund(payment, invoices, args.invoices, args.amount)
    body: dict[str, Any] = {
        "id": payment["id"], "amount": plan.amount,
        "date": args.date or ctx.today().isoformat(),
        "gateway_refund": args.gateway_refund, "send_email": args.send_email,
    }
    if plan.invoices:
        body["invoices"] = [{"invoice_id": i, "amount": a} for i, a in plan.invoices]
    answer = await ctx.client.post("payments/refund", body)
    ctx.forget("payments", "invoices", "credits", "clients")
    after = data_of(answer, "POST payments/refund")
    where = ("" if not plan.invoices else " on " + ", ".join(
        f"{records.label('invoices', invoices[i])} {a:.2f}" for i, a in plan.invoices))
    how = " through the gateway" if args.gateway_refund else ""
    return await _result(ctx, f"Refunded {plan.amount:.2f} of {name}{how}{where}.", after,
                         [i for i, _ in plan.invoices], [])


def _refund_risk(args: RefundPaymentInput) -> Risk:
    if args.gateway_refund:
        return "destructive"
    return "send" if args.send_email else "write"


ACTIONS: list[Action] = [
    Action(
        name="record_payment", title="Record a payment",
        description="Record money received for one or more invoices of one client (and apply "
        "the client's credits to them); amounts default to what each invoice owes. Use "
        "refund_payment to give money back, and create_credit for money owed to the client.",
        input=RecordPaymentInput, output=PaymentResult, risk="send", risk_of=_record_risk,
        permission="create_payment", toolset="payments", route=Route("POST", "payments"),
        routes=(Route("POST", "payments"), Route("GET", "payments"),
                Route("GET", "invoices/{id}"), Route("GET", "invoices"),
                Route("GET", "credits/{id}"), Route("GET", "credits"), Route("GET", "statics")),
        run=_record, kind="create",
    ),
    Action(
        name="refund_payment", title="Refund a payment",
        description="Refund all or part of a payment, on the invoices it paid (they owe that "
        "amount again); with gateway_refund the money also goes back through the gateway. Use "
        "delete_payment only for a payment recorded by mistake.",
        input=RefundPaymentInput, output=PaymentResult, risk="destructive",
        risk_of=_refund_risk, permission="admin", toolset="payments",
        route=Route("POST", "payments/refund"),
        routes=(Route("POST", "payments/refund"), Route("GET", "payments/{id}"),
                Route("GET", "payments"), Route("GET", "invoices/{id}")),
        run=_refund,
    ),
]
