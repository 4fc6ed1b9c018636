"""The amounts of a payment or a refund, worked out from the records before anything is sent.

Pure functions on records as read: they return what to send, or raise ``Refusal`` saying in
words why Invoice Ninja would refuse the payment or book it wrongly (a paid invoice, more than
is owed, a credit with too little left). No I/O here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NoReturn

from pydantic import Field

from ..errors import NinjaError
from .base import ActionInput

__all__ = ["CreditUse", "InvoicePayment", "PaymentPlan", "RefundLine", "RefundPlan", "Refusal",
           "cents", "plan_payment", "plan_refund"]

_DRAFT = "1"
_CLOSED = {"4": "paid", "5": "cancelled", "6": "reversed"}
_REFUNDED = "6"


class InvoicePayment(ActionInput):
    """One invoice a payment pays."""

    invoice: str = Field(min_length=1, max_length=100,
                         description="The invoice: its hashed id or its number")
    amount: float | None = Field(default=None, gt=0, le=1e12,
                                 description="How much of it is paid (default: its balance)")


class CreditUse(ActionInput):
    """One credit applied to the invoices of a payment."""

    credit: str = Field(min_length=1, max_length=100,
                        description="The credit: its hashed id or its number")
    amount: float | None = Field(
        default=None, gt=0, le=1e12,
        description="How much of it to use (default: what the invoices need, up to what is "
        "left of it)")


class RefundLine(ActionInput):
    """One invoice of a payment to refund."""

    invoice: str = Field(min_length=1, max_length=100,
                         description="An invoice the payment paid: its hashed id or number")
    amount: float | None = Field(default=None, gt=0, le=1e12,
                                 description="How much of it to refund (default: all of it)")


class Refusal(NinjaError):
    """Raised when the records as read show Invoice Ninja would refuse or mis-book the payment
    or refund; nothing was sent."""


def _refuse(message: str, hint: str = "") -> NoReturn:
    raise Refusal(message, hint=hint)


def cents(value: Any) -> float:
    """Money to the cent, rounded half up as Invoice Ninja does."""
    return float(Decimal(str(float(value or 0))).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _name(kind: str, record: dict[str, Any]) -> str:
    return f"{kind} {record.get('number') or record.get('id')}"


def owed(invoice: dict[str, Any]) -> float:
    """What an invoice still owes: a draft has no balance yet, so its amount."""
    key = "amount" if str(invoice.get("status_id")) == _DRAFT else "balance"
    return cents(invoice.get(key))


def _left(credit: dict[str, Any]) -> float:
    key = "amount" if str(credit.get("status_id")) == _DRAFT else "balance"
    return cents(credit.get(key))


@dataclass
class PaymentPlan:
    """What ``POST payments`` gets: money received, each invoice's share, each credit's use."""

    amount: float
    invoices: list[tuple[str, float]]
    credits: list[tuple[str, float]] = field(default_factory=list)
    unapplied: float = 0.0


def _invoice_share(want: InvoicePayment, invoice: dict[str, Any],
                   allow_overpayment: bool) -> tuple[float | None, float]:
    """The amount applied to one invoice (None: not given) and the excess beyond its balance."""
    name = _name("invoice", invoice)
    status = str(invoice.get("status_id"))
    if invoice.get("is_deleted"):
        _refuse(f"The {name} is deleted; nothing was recorded.",
                "Restore it with restore_invoices first, or pay another invoice.")
    if status in _CLOSED:
        _refuse(f"The {name} is {_CLOSED[status]}: it owes nothing. Nothing was recorded.",
                "list_invoices client_status=unpaid shows what the client owes.")
    due = owed(invoice)
    if due <= 0:
        _refuse(f"The {name} owes nothing. Nothing was recorded.")
    if want.amount is None:
        return None, 0.0
    amount = cents(want.amount)
    if amount <= due:
        return amount, 0.0
    if not allow_overpayment:
        _refuse(f"{amount:.2f} is more than the {due:.2f} the {name} owes. Nothing was recorded.",
                "Pay at most what it owes, or repeat with allow_overpayment true to record the "
                "excess as unapplied money on the payment.")
    return due, cents(amount - due)


def plan_payment(wanted: Sequence[InvoicePayment], invoices: Sequence[dict[str, Any]],
                 uses: Sequence[CreditUse], credits: Sequence[dict[str, Any]], *,
                 allow_overpayment: bool = False) -> PaymentPlan:
    """The amounts of a payment of ``invoices`` (as read) using ``credits`` (as read).

    Invoice amounts default to what each owes; with credits, to what the credits cover (the
    credits alone pay). Credit amounts default to what the invoices need, up to what is left.
    """
    shares = [_invoice_share(w, r, allow_overpayment) for w, r in zip(wanted, invoices,
                                                                       strict=True)]
    applied: list[float | None] = [share for share, _ in shares]
    excess = cents(sum(extra for _, extra in shares))
    explicit = sum(a for a in applied if a is not None)
    need = cents(explicit + sum(owed(r) for r, a in zip(invoices, applied, strict=True)
                                if a is None))
    used: list[float] = []
    for use, credit in zip(uses, credits, strict=True):
        name = _name("credit", credit)
        left = 0.0 if credit.get("is_deleted") else _left(credit)
        if left <= 0:
            _refuse(f"The {name} has nothing left to apply. Nothing was recorded.",
                    "list_credits applicable=true shows credits with money left.")
        if use.amount is None:
            amount = cents(min(left, need - sum(used)))
            if amount <= 0:
                _refuse(f"The invoices need nothing from the {name}: the credits before it "
                        "cover them. Nothing was recorded.", "Leave that credit out.")
        elif cents(use.amount) > left:
            _refuse(f"The {name} has only {left:.2f} left, not {cents(use.amount):.2f}. Nothing "
                    "was recorded.")
        else:
            amount = cents(use.amount)
        used.append(amount)
    credit_total = cents(sum(used))
    pool = cents(credit_total - explicit)
    for index, given in enumerate(applied):
        if given is not None:
            continue
        due = owed(invoices[index])
        take = cents(min(due, max(pool, 0.0))) if credits else due
        if take <= 0:
            _refuse(f"The credits leave nothing for the {_name('invoice', invoices[index])}. "
                    "Nothing was recorded.", "Give the amount paid for it.")
        applied[index] = take
        pool = cents(pool - take)
    shares_total = cents(sum(a or 0.0 for a in applied))
    if credit_total > shares_total:
        _refuse(f"The credits ({credit_total:.2f}) are more than the invoices take "
                f"({shares_total:.2f}). Nothing was recorded.", "Use less of the credits.")
    return PaymentPlan(
        amount=cents(shares_total - credit_total + excess),
        invoices=[(str(r["id"]), a or 0.0) for r, a in zip(invoices, applied, strict=True)],
        credits=[(str(c["id"]), a) for c, a in zip(credits, used, strict=True)],
        unapplied=excess,
    )


@dataclass
class RefundPlan:
    """What ``POST payments/refund`` gets: the total and each invoice's share."""

    amount: float
    invoices: list[tuple[str, float]] = field(default_factory=list)


def _refundable(payment: dict[str, Any]) -> dict[str, float]:
    """Per invoice the payment paid, what of it can still be refunded."""
    left: dict[str, float] = {}
    for row in payment.get("paymentables") or []:
        if row.get("invoice_id") and not row.get("archived_at"):
            key = str(row["invoice_id"])
            left[key] = cents(left.get(key, 0.0) + cents(row.get("amount"))
                              - cents(row.get("refunded")))
    return left


def _match(ref: str, invoices: dict[str, dict[str, Any]]) -> str | None:
    wanted = ref.strip().casefold()
    for invoice_id, record in invoices.items():
        if wanted in (invoice_id.casefold(), str(record.get("number") or "").casefold()):
            return invoice_id
    return None


def plan_refund(payment: dict[str, Any], invoices: dict[str, dict[str, Any]],
                lines: Sequence[RefundLine] | None, amount: float | None) -> RefundPlan:
    """The refund of ``payment`` (as read) with the invoices it paid (as read, by id)."""
    name = _name("payment", payment)
    if str(payment.get("status_id")) == _REFUNDED:
        _refuse(f"The {name} is already refunded in full. Nothing was refunded.")
    left = _refundable(payment)
    paid = ", ".join(_name("invoice", invoices[i]) for i in left if i in invoices) or "none"
    if lines:
        shares: list[tuple[str, float]] = []
        for line in lines:
            invoice_id = _match(line.invoice, invoices)
            if invoice_id is None:
                _refuse(f"The {name} did not pay invoice {line.invoice}; it paid {paid}. "
                        "Nothing was refunded.")
            rest = left.get(invoice_id, 0.0)
            share = cents(line.amount) if line.amount is not None else rest
            if rest <= 0 or share > rest:
                _refuse(f"Only {rest:.2f} of {_name('invoice', invoices[invoice_id])} can "
                        f"still be refunded from the {name}. Nothing was refunded.")
            shares.append((invoice_id, share))
        return RefundPlan(cents(sum(a for _, a in shares)), shares)
    if left:
        total_left = cents(sum(left.values()))
        total = cents(amount) if amount is not None else total_left
        if total_left <= 0 or total > total_left:
            _refuse(f"Only {total_left:.2f} of the {name} can still be refunded. Nothing was "
                    "refunded.")
        shares, rest = [], total
        for invoice_id, available in left.items():
            share = cents(min(available, rest))
            if share > 0:
                shares.append((invoice_id, share))
                rest = cents(rest - share)
        return RefundPlan(total, shares)
    total_left = cents(cents(payment.get("amount")) - cents(payment.get("refunded")))
    total = cents(amount) if amount is not None else total_left
    if total_left <= 0 or total > total_left:
        _refuse(f"Only {total_left:.2f} of the {name} can still be refunded. Nothing was "
                "refunded.")
    return RefundPlan(total)
