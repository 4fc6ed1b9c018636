"""Payments: store with its validation and application, refunds, receipts and deletion.

``POST payments`` runs StorePaymentRequest (1-second duplicate guard on client + amount,
``idempotency_key`` unique per company, the payable/homogeneous/balance rules) and then
PaymentRepository::applyPayment: the client's ``paid_to_date`` goes up by the amount
(plus credits used), each invoice gets a paymentable and ApplyPayment, each credit is
drawn down, and ``applied`` is invoices minus credits. ``POST payments/refund`` follows
RefundPayment; deleting a payment follows DeletePayment (its invoices owe again).
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from . import ledger, mail
from .calc import money
from .calls import Call, api
from .entities import EntitySpec
from .failures import ApiError, ValidationFailed, required, taken
from .registry import Registry, SaveEvent
from .resources import PREFIX, item_response
from .store import Record
from .writes import save

IDEMPOTENCY = "_payment_idempotency"  # store table: key -> {"id": key, "payment_id", "client_id"}


def _num(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _rows(body: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = body.get(name)
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def normalise(call: Call, body: dict[str, Any]) -> dict[str, Any]:
    """prepareForValidation: default amount, date and idempotency key."""
    body = dict(body)
    invoices_total = sum(_num(r.get("amount")) for r in _rows(body, "invoices"))
    credits_total = sum(_num(r.get("amount")) for r in _rows(body, "credits") if r.get("credit_id"))
    if not body.get("amount") or _num(body.get("amount")) == 0:
        body["amount"] = money(invoices_total - credits_total)
    if not body.get("date"):
        body["date"] = call.state.clock.today().isoformat()
    if not body.get("idempotency_key"):
        company_key = str(call.state.company().get("company_key") or "")
        body["idempotency_key"] = (
            f"{call.state.now()}{body['date']}{body['amount']}{credits_total}"
            f"{body.get('client_id', '')}{company_key}"
        )[:64]
    return body


def validate_store(
    call: Call, spec: EntitySpec, record: Record | None, body: dict[str, Any]
) -> dict[str, list[str]]:
    """The StorePaymentRequest rules beyond the generic ones (only on store)."""
    if record is not None:
        return {}
    errors: dict[str, list[str]] = {}
    client_id = str(body.get("client_id") or "")
    invoices, credits = _rows(body, "invoices"), _rows(body, "credits")
    seen: set[str] = set()
    for index, row in enumerate(invoices):
        key = f"invoices.{index}.invoice_id"
        invoice = call.store.get("invoice", str(row.get("invoice_id") or ""))
        if "amount" not in row:
            errors.setdefault(f"invoices.{index}.amount", []).append(
                required(f"invoices.{index}.amount")
            )
            continue
        if invoice is None:
            errors.setdefault(key, []).append("The requested invoice is not available")
        elif str(invoice.get("status_id")) in (ledger.PAID, ledger.CANCELLED, ledger.REVERSED):
            errors.setdefault("invoices", []).append("One or more of these invoices have been paid")
        elif invoice.get("client_id") != client_id:
            errors.setdefault(key, []).append("Selected invoices are not from a single client")
        elif str(invoice.get("status_id")) == ledger.DRAFT and _num(row["amount"]) > _num(
            invoice.get("amount")
        ):
            errors.setdefault(key, []).append("Amount cannot be greater than invoice balance")
        elif str(invoice.get("status_id")) != ledger.DRAFT and _num(row["amount"]) > _num(
            invoice.get("balance")
        ):
            errors.setdefault(key, []).append(
                "The amount is greater than the invoice balance. You cannot overpay an invoice."
            )
        elif invoice.get("is_deleted"):
            errors.setdefault(key, []).append(
                "One or more invoices in this request have since been deleted"
            )
        elif row.get("invoice_id") in seen:
            errors.setdefault(key, []).append("Duplicate invoices submitted.")
        seen.add(str(row.get("invoice_id")))
    if credits:
        total = sum(_num(r.get("amount")) for r in credits)
        for index, row in enumerate(credits):
            key = f"credits.{index}.credit_id"
            credit = call.store.get("credit", str(row.get("credit_id") or ""))
            if total <= 0:
                errors.setdefault(key, []).append("Total of credits must be more than zero.")
            elif credit is None:
                errors.setdefault(key, []).append("Credit not found")
            elif credit.get("client_id") != client_id:
                errors.setdefault(key, []).append("Selected invoices are not from a single client")
            elif not invoices:
                errors.setdefault(key, []).append(
                    "You must have an invoice set when using a credit in a payment"
                )
            else:
                available = (
                    _num(credit.get("balance"))
                    if str(credit.get("status_id")) != ledger.CREDIT_DRAFT
                    else _num(credit.get("amount"))
                )
                if available < _num(row.get("amount")):
                    errors.setdefault(key, []).append("Insufficient balance on credit.")
    if invoices and "amount" not in errors:
        paying = _num(body.get("amount")) + sum(_num(r.get("amount")) for r in credits)
        if round(paying, 2) < round(sum(_num(r.get("amount")) for r in invoices), 2):
            errors.setdefault("amount", []).append("Amounts do not balance correctly.")
    key = str(body.get("idempotency_key") or "")
    if len(key) > 64:
        errors.setdefault("idempotency_key", []).append(
            "The idempotency key field must not be greater than 64 characters."
        )
    elif key and key in call.store.tables.get(IDEMPOTENCY, {}):
        errors.setdefault("idempotency_key", []).append(taken("idempotency_key"))
    return errors


def apply_new_payment(event: SaveEvent) -> None:
    """PaymentRepository::applyPayment on a new payment; an update never changes the amount."""
    call, payment, body = event.call, event.record, event.body
    if not event.creating:
        payment["amount"] = event.before["amount"] if event.before else payment["amount"]
        return
    client_id = str(payment["client_id"])
    payment.update(is_manual=True, status_id=ledger.PAYMENT_COMPLETED)
    if not payment.get("currency_id"):
        client = ledger.client_of(call, payment) or {}
        payment["currency_id"] = str((client.get("settings") or {}).get("currency_id") or "1")
    call.store.add("payment", payment)
    invoices, credits = _rows(body, "invoices"), _rows(body, "credits")
    credit_total = sum(_num(r.get("amount")) for r in credits)
    ledger.adjust_client(call, client_id, paid_to_date=_num(payment["amount"]) + credit_total)
    invoice_total = 0.0
    for row in invoices:
        invoice = call.store.get("invoice", str(row["invoice_id"]))
        if invoice is None:
            continue
        amount = _num(row["amount"])
        invoice_total += amount
        payment["paymentables"].append(
            ledger.paymentable(call, "invoice_id", invoice["id"], amount)
        )
        ledger.mark_sent(call, invoice)
        ledger.apply_to_invoice(call, invoice, amount)
    for row in credits:
        credit = call.store.get("credit", str(row["credit_id"]))
        if credit is None:
            continue
        amount = _num(row["amount"])
        payment["paymentables"].append(ledger.paymentable(call, "credit_id", credit["id"], amount))
        ledger.mark_credit_sent(call, credit)
        ledger.use_credit(call, credit, amount)
    payment["applied"] = money(_num(payment.get("applied")) + invoice_total - credit_total)
    key = str(body.get("idempotency_key") or "")
    if key:
        call.store.tables.setdefault(IDEMPOTENCY, {})[key] = {
            "id": key,
            "payment_id": payment["id"],
            "client_id": client_id,
        }
    email_receipt = body.get("email_receipt")
    if str(email_receipt).lower() in ("true", "1"):
        mail.send_receipt(call, payment)


async def store_payment(call: Call) -> Response:
    """POST payments: the duplicate guard comes first (prepareForValidation)."""
    spec = call.registry.spec("payments")
    body = await call.body()
    call.actor.require("create", spec)
    guard = (
        "payment",
        call.client_key(),
        str(body.get("amount", 0)),
        str(body.get("client_id", "")),
    )
    if call.state.duplicate(guard):
        raise ApiError(400, "Duplicate request")
    payment = save(call, spec, None, normalise(call, body))
    return item_response(call, spec, payment)


def refund(call: Call, payment: Record, body: dict[str, Any]) -> Record:
    """RefundPayment: credits first, the gateway (none here), status, paymentables, invoices."""
    invoices = _rows(body, "invoices")
    total = sum(_num(r.get("amount")) for r in invoices) if invoices else _num(body.get("amount"))
    credits_used = 0.0
    remaining = total
    for row in [r for r in payment.get("paymentables") or [] if r.get("credit_id")]:
        if remaining <= 0:
            break
        available = _num(row.get("amount")) - _num(row.get("refunded"))
        take = min(available, remaining)
        row["refunded"] = money(_num(row.get("refunded")) + take)
        credit = call.store.get("credit", str(row["credit_id"]))
        if credit is not None:
            credit["status_id"] = ledger.CREDIT_SENT
            credit["balance"] = money(_num(credit.get("balance")) + take)
            credit["paid_to_date"] = money(_num(credit.get("paid_to_date")) - take)
            ledger.adjust_client(call, str(credit["client_id"]), credit_balance=take)
        credits_used += take
        remaining = money(remaining - take)
    gateway_refund = str(body.get("gateway_refund", False)).lower() in ("true", "1")
    if not gateway_refund:
        payment["refunded"] = money(_num(payment.get("refunded")) + total - credits_used)
    # gateway_refund with no company gateway: the real service skips the gateway and
    # does not count the refund on the payment, but still moves the invoices below.
    if money(total) == money(payment.get("amount")) or money(payment.get("amount")) == money(
        payment.get("refunded")
    ):
        payment["status_id"] = ledger.PAYMENT_REFUNDED
    else:
        payment["status_id"] = ledger.PAYMENT_PARTIALLY_REFUNDED
    client_id = str(payment["client_id"])
    for refunded in invoices:
        for row in payment.get("paymentables") or []:
            if row.get("invoice_id") == refunded.get("invoice_id"):
                row["refunded"] = money(_num(row.get("refunded")) + _num(refunded.get("amount")))
        invoice = call.store.get("invoice", str(refunded.get("invoice_id")))
        if invoice is None:
            continue
        amount = _num(refunded.get("amount"))
        invoice["archived_at"] = 0 if not invoice.get("is_deleted") else invoice.get("archived_at")
        invoice["balance"] = money(_num(invoice.get("balance")) + amount)
        invoice["paid_to_date"] = money(_num(invoice.get("paid_to_date")) - amount)
        invoice["status_id"] = (
            ledger.SENT if money(invoice["amount"]) == invoice["balance"] else ledger.PARTIAL
        )
        invoice["auto_bill_enabled"] = False
        ledger.touch(call, invoice)
        ledger.recalc_client_balance(call, str(invoice["client_id"]))
        ledger.adjust_client(call, str(invoice["client_id"]), paid_to_date=-amount)
    if not invoices:
        ledger.adjust_client(call, client_id, paid_to_date=-total)
    ledger.touch(call, payment)
    if str(body.get("email_receipt") or body.get("send_email") or "").lower() in ("true", "1"):
        mail.send_receipt(call, payment, "email_template_payment_refund")
    ledger.activity(
        call,
        40,
        "payment",
        payment,
        notes=f"Refunded : {money(total)} - Gateway Refund : {'Yes' if gateway_refund else 'No'}",
    )
    return payment


def validate_refund(call: Call, body: dict[str, Any]) -> Record:
    """RefundPaymentRequest + ValidRefundableRequest/ValidRefundableInvoices."""
    errors: dict[str, list[str]] = {}
    payment: Record | None = (
        call.store.get("payment", str(body.get("id") or "")) if body.get("id") else None
    )
    invoices = _rows(body, "invoices")
    if not body.get("id"):
        errors["id"] = [required("id")]
    elif payment is None:
        errors["id"] = ["Unable to retrieve specified payment"]
    else:
        attached = {
            r["invoice_id"]: r
            for r in payment.get("paymentables") or []
            if r.get("invoice_id") and not r.get("archived_at")
        }
        message = ""
        if attached:
            found = False
            for row in invoices:
                match = attached.get(str(row.get("invoice_id")))
                if match is not None:
                    found = True
                    refundable = money(_num(match.get("amount")) - _num(match.get("refunded")))
                    if _num(row.get("amount")) > refundable:
                        message = (
                            "Attempting to refund more than allowed for invoice id "
                            f"{row.get('invoice_id')}, "
                            f"maximum refundable amount is {refundable:g}"
                        )
            if not found:
                message = message or (
                    "Attempting to refund a payment with invoices attached, please specify "
                    "valid invoice/s to be refunded."
                )
        for row in invoices:
            if call.store.get("invoice", str(row.get("invoice_id"))) is None:
                message = "Invoice not found for refund"
            elif str(row.get("invoice_id")) not in attached:
                message = f"Invoice id {row.get('invoice_id')} is not related to this payment"
        if not invoices:
            refundable = money(_num(payment.get("amount")) - _num(payment.get("refunded")))
            if _num(body.get("amount")) > refundable:
                message = (
                    message
                    or "Attempting to refund more than payment amount, enter a value less than "
                    f"or equal to {refundable:g}"
                )
        if message:
            errors["id"] = [message]
    if (
        "amount" in body
        and body.get("amount") not in (None, "")
        and not _is_number(body.get("amount"))
    ):
        errors["amount"] = ["The amount field must be a number."]
    if not body.get("date"):
        errors["date"] = [required("date")]
    for index, row in enumerate(invoices):
        if not row.get("invoice_id"):
            errors[f"invoices.{index}.invoice_id"] = [required(f"invoices.{index}.invoice_id")]
        if row.get("amount") in (None, ""):
            errors[f"invoices.{index}.amount"] = [required(f"invoices.{index}.amount")]
    if errors:
        raise ValidationFailed(errors)
    assert payment is not None
    return payment


def _is_number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return not isinstance(value, bool)


async def refund_route(call: Call) -> Response:
    spec = call.registry.spec("payments")
    body = await call.body()
    payment = validate_refund(call, body)
    call.actor.require("edit", spec, payment)
    return item_response(call, spec, refund(call, payment, body))


def on_payment_deleted(call: Call, spec: EntitySpec, payment: Record) -> None:
    """DeletePayment: give each invoice its money back, put credits back, lower paid_to_date."""
    client_id = str(payment["client_id"])
    for row in payment.get("paymentables") or []:
        if row.get("archived_at"):
            continue
        net = _num(row.get("amount")) - _num(row.get("refunded"))
        if row.get("invoice_id"):
            invoice = call.store.get("invoice", str(row["invoice_id"]))
            if invoice is not None and not invoice.get("is_deleted"):
                invoice["balance"] = money(_num(invoice.get("balance")) + net)
                invoice["paid_to_date"] = money(_num(invoice.get("paid_to_date")) - net)
                if str(invoice.get("status_id")) in (ledger.PARTIAL, ledger.PAID, ledger.SENT):
                    invoice["status_id"] = (
                        ledger.SENT
                        if money(invoice["balance"]) == money(invoice["amount"])
                        else ledger.PARTIAL
                    )
                ledger.touch(call, invoice)
                ledger.recalc_client_balance(call, client_id)
        elif row.get("credit_id"):
            credit = call.store.get("credit", str(row["credit_id"]))
            if credit is not None:
                credit["balance"] = money(_num(credit.get("balance")) + net)
                credit["paid_to_date"] = money(_num(credit.get("paid_to_date")) - net)
                credit["status_id"] = (
                    ledger.CREDIT_SENT
                    if money(credit["balance"]) == money(credit["amount"])
                    else ledger.CREDIT_PARTIAL
                )
                ledger.adjust_client(call, client_id, credit_balance=net, paid_to_date=-net)
    ledger.adjust_client(
        call, client_id, paid_to_date=-(_num(payment.get("amount")) - _num(payment.get("refunded")))
    )


def bulk_email(call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]) -> None:
    for payment in rows:
        mail.send_receipt(call, payment)


def bulk_template(
    call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]
) -> Response:
    from .responses import message

    send = str(body.get("send_email") or "").lower() in ("1", "true")
    return message("email sent" if send else "00000000-0000-0000-0000-000000000001")


def install(reg: Registry) -> None:
    reg.validator("payments")(validate_store)
    reg.on_save("payments")(apply_new_payment)
    reg.after_action("payments", "delete")(on_payment_deleted)
    reg.bulk_action("payments", "email", "email_receipt")(bulk_email)
    reg.bulk_action("payments", "template")(bulk_template)
    reg.add_routes(
        [
            Route(f"{PREFIX}/payments/refund", api(refund_route), methods=["POST"]),
            Route(f"{PREFIX}/payments", api(store_payment), methods=["POST"]),
        ]
    )
