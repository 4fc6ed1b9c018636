"""Money bookkeeping shared by the money flows: invoice states, client balances, payments.

The functions here are the sandbox's version of the real InvoiceService/ClientService
steps (MarkSent, ApplyPayment, MarkPaid, HandleCancellation, HandleReversal,
MarkInvoiceDeleted, HandleRestore, credit MarkSent). They change records in place, so
the API handlers, the bulk actions and the demo seed all go through the same code and
the numbers always add up. The client's ``balance`` is recomputed from its open invoices
(``ClientService::calculateBalance``); ``paid_to_date`` and ``credit_balance`` move by
deltas, as on the real server.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import records
from .calc import money
from .calls import Call
from .store import Record

DRAFT, SENT, PARTIAL, PAID, CANCELLED, REVERSED = "1", "2", "3", "4", "5", "6"
CREDIT_DRAFT, CREDIT_SENT, CREDIT_PARTIAL, CREDIT_APPLIED = "1", "2", "3", "4"
PAYMENT_COMPLETED, PAYMENT_PARTIALLY_REFUNDED, PAYMENT_REFUNDED = "4", "5", "6"
DELETED_SUFFIX = "_deleted"


def client_of(call: Call, doc: Record) -> Record | None:
    client: Record | None = call.store.get("client", str(doc.get("client_id") or ""))
    return client


def recalc_client_balance(call: Call, client_id: str) -> None:
    """calculateBalance: the sum of open (sent/partial), non-deleted invoice balances."""
    client = call.store.get("client", client_id)
    if client is None:
        return
    open_rows = [
        r
        for r in call.store.where("invoice", client_id=client_id)
        if str(r.get("status_id")) in (SENT, PARTIAL) and not r.get("is_deleted")
    ]
    client["balance"] = money(sum(float(r.get("balance") or 0) for r in open_rows))
    client["updated_at"] = call.state.now()


def adjust_client(
    call: Call, client_id: str, *, paid_to_date: float = 0.0, credit_balance: float = 0.0
) -> None:
    client = call.store.get("client", client_id)
    if client is None:
        return
    client["paid_to_date"] = money(float(client.get("paid_to_date") or 0) + paid_to_date)
    client["credit_balance"] = money(float(client.get("credit_balance") or 0) + credit_balance)
    client["updated_at"] = call.state.now()


def payment_terms(call: Call, client: Record | None) -> str:
    """getSetting('payment_terms'): the client's, else the company's ("" means none)."""
    terms = str(((client or {}).get("settings") or {}).get("payment_terms") or "")
    if terms == "":
        terms = str((call.state.company().get("settings") or {}).get("payment_terms") or "")
    return terms


def set_due_date(call: Call, doc: Record) -> None:
    """SetDueDate: only when empty and the client (or company) has payment terms."""
    terms = payment_terms(call, client_of(call, doc))
    if doc.get("due_date") or terms == "":
        return
    try:
        start = dt.date.fromisoformat(str(doc.get("date") or call.state.clock.today().isoformat()))
        days = int(float(terms))
    except ValueError:
        return
    target = (
        "partial_due_date"
        if float(doc.get("partial") or 0) > 0 and not doc.get("partial_due_date")
        else "due_date"
    )
    doc[target] = (start + dt.timedelta(days=days)).isoformat()


def touch(call: Call, doc: Record) -> None:
    doc["updated_at"] = call.state.now()


def mark_invitations_sent(call: Call, doc: Record) -> None:
    today = call.state.clock.now().strftime("%Y-%m-%d %H:%M:%S")
    for invitation in doc.get("invitations") or []:
        if not invitation.get("sent_date"):
            invitation["sent_date"] = today


# --- invoices -------------------------------------------------------------------------


def mark_sent(call: Call, invoice: Record) -> Record:
    """MarkSent: draft -> sent, the balance becomes the amount, the client owes it."""
    if str(invoice.get("status_id")) != DRAFT or invoice.get("is_deleted"):
        return invoice
    invoice["status_id"] = SENT
    invoice["balance"] = money(
        float(invoice.get("balance") or 0) + float(invoice.get("amount") or 0)
    )
    set_due_date(call, invoice)
    mark_invitations_sent(call, invoice)
    touch(call, invoice)
    recalc_client_balance(call, str(invoice.get("client_id")))
    return invoice


def apply_to_invoice(call: Call, invoice: Record, amount: float) -> float:
    """ApplyPayment: lower balance, raise paid_to_date, set partial/paid; returns what applied."""
    balance = float(invoice.get("balance") or 0)
    applied = balance if amount > balance else amount
    partial = float(invoice.get("partial") or 0)
    if partial > 0 and partial > amount:
        invoice["partial"] = money(partial - amount)
        status = PARTIAL
    else:
        invoice["partial"] = 0.0
        invoice["partial_due_date"] = ""
        status = PAID if money(balance - applied) == 0 else PARTIAL
    invoice["balance"] = money(balance - applied)
    invoice["paid_to_date"] = money(float(invoice.get("paid_to_date") or 0) + applied)
    invoice["status_id"] = status
    touch(call, invoice)
    recalc_client_balance(call, str(invoice.get("client_id")))
    return applied


def new_payment(
    call: Call, client_id: str, amount: float, *, reference: str = "", type_id: str = ""
) -> Record:
    """A completed manual payment with the next payment number (PaymentFactory + applyNumber)."""
    payment = records.blank("payment")
    now = call.state.now()
    payment.update(
        id=call.store.new_id("payment"),
        user_id=call.actor.id,
        client_id=client_id,
        amount=money(amount),
        applied=0.0,
        status_id=PAYMENT_COMPLETED,
        is_manual=True,
        transaction_reference=reference,
        type_id=type_id,
        created_at=now,
        updated_at=now,
        date=call.state.clock.today().isoformat(),
        currency_id=str(
            ((client_of(call, payment) or {}).get("settings") or {}).get("currency_id") or "1"
        ),
    )
    taken = {str(r.get("number")) for r in call.store.rows("payment")}
    payment["number"] = call.store.next_number("payments", taken)
    call.store.add("payment", payment)
    return payment


def paymentable(call: Call, target_field: str, target_id: str, amount: float) -> Record:
    row = records.blank("paymentable")
    if target_field != "invoice_id":
        row.pop("invoice_id", None)
    row[target_field] = target_id
    row["id"] = call.store.new_id("paymentable")
    row["amount"] = money(amount)
    row["created_at"] = row["updated_at"] = call.state.now()
    return row


def mark_paid(call: Call, invoice: Record, reference: str = "") -> Record | None:
    """MarkPaid: pay the whole balance with a new manual payment; returns the payment."""
    if str(invoice.get("status_id")) == PAID:
        return None
    mark_sent(call, invoice)
    payable = float(invoice.get("balance") or 0)
    invoice["partial"] = 0.0
    invoice["partial_due_date"] = ""
    invoice["balance"] = money(float(invoice.get("balance") or 0) - payable)
    invoice["paid_to_date"] = money(float(invoice.get("paid_to_date") or 0) + payable)
    invoice["status_id"] = PAID
    invoice["next_send_date"] = ""
    touch(call, invoice)
    payment = new_payment(
        call, str(invoice["client_id"]), payable, reference=reference or "Manual entry"
    )
    payment["applied"] = money(payable)
    payment["paymentables"].append(paymentable(call, "invoice_id", invoice["id"], payable))
    recalc_client_balance(call, str(invoice["client_id"]))
    adjust_client(call, str(invoice["client_id"]), paid_to_date=payable)
    return payment


def cancellable(invoice: Record) -> bool:
    return (
        str(invoice.get("status_id")) in (SENT, PARTIAL)
        and not invoice.get("is_deleted")
        and not invoice.get("archived_at")
    )


def cancel(call: Call, invoice: Record) -> Record:
    """HandleCancellation: balance to 0 (remembered for a reversal), status cancelled."""
    if not cancellable(invoice):
        return invoice
    _backups(call)[invoice["id"]] = {
        "balance": float(invoice.get("balance") or 0),
        "status_id": str(invoice.get("status_id")),
    }
    invoice["balance"] = 0.0
    invoice["status_id"] = CANCELLED
    touch(call, invoice)
    recalc_client_balance(call, str(invoice["client_id"]))
    return invoice


def reverse(call: Call, invoice: Record) -> Record:
    """HandleReversal: undo a cancellation, unhook the payments, balance and paid to 0.

    The real server has no route for this; the seed uses it for a reversed invoice.
    """
    status = str(invoice.get("status_id"))
    if (
        invoice.get("is_deleted")
        or invoice.get("archived_at")
        or status not in (SENT, PARTIAL, PAID, CANCELLED)
    ):
        return invoice
    if status == CANCELLED:
        backup = _backups(call).pop(invoice["id"], None) or {"balance": 0.0, "status_id": SENT}
        invoice["balance"] = money(backup["balance"])
        invoice["status_id"] = backup["status_id"]
    for payment, row in invoice_paymentables(call, invoice["id"]):
        reversible = float(row.get("amount") or 0) - float(row.get("refunded") or 0)
        payment["applied"] = money(float(payment.get("applied") or 0) - reversible)
        row["amount"] = row.get("refunded", 0.0)
        touch(call, payment)
    invoice["balance"] = 0.0
    invoice["paid_to_date"] = 0.0
    invoice["status_id"] = REVERSED
    touch(call, invoice)
    recalc_client_balance(call, str(invoice["client_id"]))
    return invoice


def _backups(call: Call) -> dict[str, dict[str, Any]]:
    """Cancellation backups (the real ``invoices.backup`` column), kept off the record."""
    table: dict[str, dict[str, Any]] = call.store.tables.setdefault("_cancellation_backup", {})
    return table


def invoice_paymentables(
    call: Call, invoice_id: str, *, include_deleted: bool = False
) -> list[tuple[Record, Record]]:
    out = []
    for payment in call.store.rows("payment"):
        for row in payment.get("paymentables") or []:
            if row.get("invoice_id") == invoice_id and (
                include_deleted or not row.get("archived_at")
            ):
                out.append((payment, row))
    return out


def on_invoice_deleted(call: Call, invoice: Record) -> None:
    """MarkInvoiceDeleted: rename, take its payments back off the client and the payments."""
    if not str(invoice.get("number") or "").endswith(DELETED_SUFFIX) and DELETED_SUFFIX not in str(
        invoice.get("number")
    ):
        invoice["number"] = _free_number(call, f"{invoice.get('number')}{DELETED_SUFFIX}")
    pairs = invoice_paymentables(call, invoice["id"])
    adjustment = sum(float(r.get("amount") or 0) - float(r.get("refunded") or 0) for _, r in pairs)
    payments = {p["id"]: p for p, _ in pairs}
    total_payments = sum(
        float(p.get("amount") or 0) - float(p.get("refunded") or 0) for p in payments.values()
    )
    now = call.state.now()
    for payment, row in pairs:
        net = float(row.get("amount") or 0) - float(row.get("refunded") or 0)
        row["archived_at"] = now
        payment["amount"] = money(float(payment.get("amount") or 0) - net)
        payment["applied"] = money(float(payment.get("applied") or 0) - net)
        touch(call, payment)
    if pairs and money(adjustment) == money(total_payments):
        for payment in payments.values():
            payment["is_deleted"] = True
            payment["archived_at"] = payment.get("archived_at") or now
    for quote in call.store.where("quote", invoice_id=invoice["id"]):
        quote["invoice_id"] = ""
        quote["status_id"] = SENT
    recalc_client_balance(call, str(invoice["client_id"]))
    adjust_client(call, str(invoice["client_id"]), paid_to_date=-adjustment)


def on_invoice_restored(call: Call, invoice: Record) -> None:
    """HandleRestore: only a deleted invoice (its number carries ``_deleted``) moves money back."""
    number = str(invoice.get("number") or "")
    if DELETED_SUFFIX not in number:
        return
    base = number[: number.index(DELETED_SUFFIX)]
    taken = {str(r.get("number")) for r in call.store.rows("invoice") if r is not invoice}
    invoice["number"] = (
        base if base and base not in taken else call.store.next_number("invoices", taken)
    )
    pairs = invoice_paymentables(call, invoice["id"], include_deleted=True)
    adjustment = 0.0
    for payment, row in pairs:
        net = float(row.get("amount") or 0) - float(row.get("refunded") or 0)
        row["archived_at"] = 0
        payment["amount"] = money(float(payment.get("amount") or 0) + net)
        payment["applied"] = money(float(payment.get("applied") or 0) + net)
        payment["is_deleted"] = False
        payment["archived_at"] = 0
        adjustment += net
        touch(call, payment)
    recalc_client_balance(call, str(invoice["client_id"]))
    adjust_client(
        call, str(invoice["client_id"]), paid_to_date=float(invoice.get("paid_to_date") or 0)
    )


def _free_number(call: Call, wanted: str) -> str:
    taken = {str(r.get("number")) for r in call.store.rows("invoice")}
    candidate, n = wanted, 0
    while candidate in taken:
        n += 1
        candidate = f"{wanted}_{n}"
    return candidate


# --- credits --------------------------------------------------------------------------


def mark_credit_sent(call: Call, credit: Record) -> Record:
    """Credit MarkSent: draft -> sent, balance = amount, client credit_balance up."""
    if str(credit.get("status_id")) != CREDIT_DRAFT:
        return credit
    mark_invitations_sent(call, credit)
    credit["status_id"] = CREDIT_SENT
    credit["balance"] = money(float(credit.get("balance") or 0) + float(credit.get("amount") or 0))
    touch(call, credit)
    adjust_client(call, str(credit["client_id"]), credit_balance=float(credit.get("amount") or 0))
    return credit


def use_credit(call: Call, credit: Record, amount: float) -> None:
    """ApplyCreditPayment: the credit's balance goes down, its status follows."""
    credit["balance"] = money(float(credit.get("balance") or 0) - amount)
    credit["paid_to_date"] = money(float(credit.get("paid_to_date") or 0) + amount)
    credit["status_id"] = CREDIT_APPLIED if credit["balance"] == 0 else CREDIT_PARTIAL
    touch(call, credit)
    adjust_client(call, str(credit["client_id"]), credit_balance=-amount)


def activity(call: Call, type_id: int, kind: str, record: Record, *, notes: str = "") -> None:
    """Record an activity row when the activity module is installed (the core's recorder)."""
    if not any(
        str(getattr(route, "path", "")).endswith("/activities") for route in call.registry.routes
    ):
        return
    from .activity import record_activity

    ip = call.request.client.host if call.request.client else ""
    record_activity(call.state, type_id, kind, record, user_id=call.actor.id, notes=notes, ip=ip)
