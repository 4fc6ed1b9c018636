"""Invoices: balances on save, query-flag actions, the bulk switch and the per-invoice routes.

Follows InvoiceController (``bulk()``, ``performAction()``), InvoiceSum (a draft keeps
its balance, a cancelled one has none) and TriggeredActions (``?paid``, ``?amount_paid``,
``?send_email``, ``?mark_sent``, ``?cancel``). In a bulk call the controller ignores what
``performAction`` returns, so bulk answers are the list; the single ``GET
invoices/{id}/{action}`` routes answer what ``performAction`` returns.
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from . import downloads, ledger, mail, records
from .calc import money
from .calls import Call, api
from .entities import EntitySpec
from .failures import ApiError, SandboxError
from .registry import Registry, SaveEvent
from .resources import PREFIX, item_response
from .responses import empty, item, json_response, message
from .store import Record

NOT_AUTHORIZED = "You are not authorized"


class NotAuthorizedForPayments(SandboxError):
    """The 422 the invoice bulk answers for mark_paid/auto_bill without create_payment."""

    status = 422
    html_status = None

    def __init__(self) -> None:
        super().__init__({"message": NOT_AUTHORIZED, "errors": {"ids": [NOT_AUTHORIZED]}})


class ErrorWrapped(SandboxError):
    """BaseController::errorResponse: ``{"error": {"message": ...}}``."""

    html_status = None

    def __init__(self, status: int, text: str) -> None:
        super().__init__({"error": {"message": text}})
        self.status = status


# --- save ------------------------------------------------------------------------------


def document_balance(event: SaveEvent) -> None:
    """InvoiceSum::setCalculatedAttributes for invoices, quotes and credits."""
    record, before = event.record, event.before
    status = str(record.get("status_id"))
    if status == ledger.DRAFT:
        record["balance"] = float((before or {}).get("balance") or 0.0)
    elif status in (ledger.CANCELLED, ledger.REVERSED) and event.spec.kind == "invoice":
        record["balance"] = 0.0
    else:
        record["balance"] = money(
            float(record.get("amount") or 0) - float(record.get("paid_to_date") or 0)
        )
    if event.spec.kind == "invoice" and status != ledger.DRAFT:
        event.call.store.add("invoice", record)
        ledger.recalc_client_balance(event.call, str(record.get("client_id")))
        if before and before.get("client_id") != record.get("client_id"):
            ledger.recalc_client_balance(event.call, str(before.get("client_id")))


def invoice_flags(event: SaveEvent) -> None:
    """TriggeredActions: the query flags of POST/PUT invoices."""
    call, invoice = event.call, event.record
    call.store.add("invoice", invoice)
    if call.flag("paid"):
        ledger.mark_paid(call, invoice, call.query("reference") or "")
    amount_paid = call.query("amount_paid")
    if amount_paid not in (None, ""):
        try:
            amount = float(str(amount_paid))
        except ValueError:
            amount = 0.0
        if amount > 0:
            pay_amount(call, invoice, amount, call.query("reference") or "")
    if call.flag("send_email"):
        mail.send_document(call, "invoice", invoice, "email_template_invoice")
    if call.flag("mark_sent"):
        ledger.mark_sent(call, invoice)
    if call.flag("cancel"):
        ledger.cancel(call, invoice)


def pay_amount(call: Call, invoice: Record, amount: float, reference: str = "") -> Record | None:
    """ApplyPaymentAmount: a manual payment of ``amount`` (at most the balance)."""
    if str(invoice.get("status_id")) == ledger.PAID or invoice.get("is_deleted"):
        return None
    ledger.mark_sent(call, invoice)
    amount = min(amount, float(invoice.get("balance") or 0))
    if amount <= 0:
        return None
    payment = ledger.new_payment(
        call, str(invoice["client_id"]), amount, reference=reference or "Manual entry"
    )
    payment["paymentables"].append(ledger.paymentable(call, "invoice_id", invoice["id"], amount))
    payment["applied"] = money(ledger.apply_to_invoice(call, invoice, amount))
    ledger.adjust_client(call, str(invoice["client_id"]), paid_to_date=amount)
    return payment


# --- actions ---------------------------------------------------------------------------


def clone_to_invoice(call: Call, source: Record) -> Record:
    """CloneInvoiceFactory: an unsaved draft copy (no id, number, payments or invitations)."""
    clone = copy.deepcopy(source)
    clone.update(
        id="",
        number="",
        status_id=ledger.DRAFT,
        balance=source.get("amount", 0.0),
        paid_to_date=0.0,
        invitations=[],
        documents=[],
        last_sent_date="",
        is_deleted=False,
        archived_at=0,
        created_at=0,
        updated_at=0,
        user_id=call.actor.id,
        recurring_id="",
        reminder1_sent="",
        reminder2_sent="",
        reminder3_sent="",
        reminder_last_sent="",
    )
    if "entity_type" in clone:
        clone["entity_type"] = "invoice"
    for key in [k for k in clone if k not in records.blank("invoice")]:
        clone.pop(key)
    return clone


def clone_as(call: Call, source: Record, kind: str) -> Record:
    """Clone*To*Factory: an unsaved ``kind`` with the source's content."""
    target = records.on_create(kind)
    for key, value in source.items():
        if key in target and key not in (
            "id",
            "number",
            "status_id",
            "invitations",
            "documents",
            "entity_type",
            "created_at",
            "updated_at",
            "archived_at",
            "is_deleted",
            "invoice_id",
            "paid_to_date",
            "balance",
            "last_sent_date",
            "recurring_id",
        ):
            target[key] = copy.deepcopy(value)
    target["user_id"] = call.actor.id
    return target


def auto_bill(call: Call, invoice: Record) -> None:
    """AutoBillInvoice without a gateway: mark sent, use the client's credits, then stop."""
    if str(invoice.get("status_id")) not in (
        ledger.DRAFT,
        ledger.SENT,
        ledger.PARTIAL,
    ) or invoice.get("is_deleted"):
        return
    ledger.mark_sent(call, invoice)
    if float(invoice.get("balance") or 0) == 0:
        ledger.mark_paid(call, invoice)
        return
    if str(call.state.company().get("use_credits_payment") or "always") == "off":
        return
    credits = [
        c
        for c in call.store.where("credit", client_id=invoice["client_id"])
        if not c.get("is_deleted")
        and str(c.get("status_id")) in (ledger.CREDIT_SENT, ledger.CREDIT_PARTIAL)
        and float(c.get("balance") or 0) > 0
    ]
    used: list[tuple[Record, float]] = []
    remaining = float(invoice.get("balance") or 0)
    for credit in credits:
        if remaining <= 0:
            break
        take = min(remaining, float(credit["balance"]))
        used.append((credit, take))
        remaining = money(remaining - take)
    if not used:
        return
    total = money(sum(a for _, a in used))
    payment = ledger.new_payment(call, str(invoice["client_id"]), 0.0, type_id="32")
    payment["paymentables"].append(ledger.paymentable(call, "invoice_id", invoice["id"], total))
    for credit, amount in used:
        payment["paymentables"].append(ledger.paymentable(call, "credit_id", credit["id"], amount))
        ledger.use_credit(call, credit, amount)
    ledger.apply_to_invoice(call, invoice, total)
    ledger.adjust_client(call, str(invoice["client_id"]), paid_to_date=total)


def email_template(call: Call, body: dict[str, Any]) -> str:
    email_type = str(body.get("email_type") or call.query("email_type") or "")
    return (
        f"email_template_{email_type}"
        if email_type in mail.EMAIL_TYPES
        else "email_template_invoice"
    )


def perform(
    call: Call, spec: EntitySpec, invoice: Record, action: str, body: dict[str, Any], bulk: bool
) -> Response | None:
    """InvoiceController::performAction."""
    if action == "auto_bill":
        auto_bill(call, invoice)
        return item_response(call, spec, invoice)
    if action == "clone_to_invoice":
        return item(clone_to_invoice(call, invoice))
    if action == "clone_to_quote":
        return item(clone_as(call, invoice, "quote"))
    if action in ("history", "delivery_note"):
        return None
    if action == "mark_paid":
        if str(invoice.get("status_id")) == ledger.PAID or invoice.get("is_deleted"):
            raise ErrorWrapped(400, "Invoice cannot be marked as paid")
        ledger.mark_paid(call, invoice)
        return None if bulk else item_response(call, spec, invoice)
    if action == "mark_sent":
        ledger.mark_sent(call, invoice)
        return None if bulk else item_response(call, spec, invoice)
    if action == "download":
        return downloads.document_download(call, "invoice", invoice)
    if action in ("restore", "archive", "delete"):
        from . import lifecycle

        lifecycle.ACTIONS[action](call, spec, invoice)
        return None if bulk else item_response(call, spec, invoice)
    if action == "cancel":
        ledger.cancel(call, invoice)
        return None
    if action in ("email", "send_email"):
        mail.send_document(call, "invoice", invoice, email_template(call, body))
        return None if bulk else message("email sent")
    raise ApiError(400, f"The requested action {action} is not available.")


def bulk_handler(action: str):  # type: ignore[no-untyped-def]
    def handler(
        call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]
    ) -> Response | None:
        if action in ("auto_bill", "mark_paid") and not call.actor.has_permission("create_payment"):
            raise NotAuthorizedForPayments()
        found = [
            r
            for r in call.store.rows("invoice")
            if r["id"] in {str(i) for i in body.get("ids") or []}
        ]
        if action == "bulk_download" and len(found) > 1:
            numbers = ", ".join(str(r.get("number")) for r in found)
            mail.mail_user(
                call,
                "Invoices download",
                f"Attached are the invoices {numbers}.",
                kind="download",
                attachments=["invoices.zip"],
            )
            return message("Successfully sent message")
        if action == "download" and found and call.actor.can("view", spec, found[0]):
            return downloads.document_download(call, "invoice", found[0])
        if action == "bulk_print" and found and call.actor.can("view", spec, found[0]):
            return downloads.merged(call, "invoice", found)
        if action == "template" and found and call.actor.can("view", spec, found[0]):
            send = str(body.get("send_email") or "").lower() in ("1", "true")
            if send:
                mail.mail_user(
                    call, "Template", "Your template output is attached.", kind="template"
                )
            return message("email sent" if send else str(uuid.UUID(int=len(call.state.outbox) + 1)))
        if action == "set_payment_link" and "subscription_id" in body:
            for row in rows:
                row["subscription_id"] = str(body.get("subscription_id") or "")
                ledger.touch(call, row)
            return None
        for row in rows:
            try:
                perform(call, spec, row, action, body, bulk=True)
            except SandboxError:
                continue  # the bulk switch ignores what performAction answers
        return None

    handler.__name__ = f"invoice_bulk_{action}"
    return handler


async def action_route(call: Call) -> Response:
    """GET invoices/{id}/{action} (ActionInvoiceRequest needs edit); ``edit`` is the show route."""
    spec = call.registry.spec("invoices")
    invoice = call.lookup(spec, call.param("id"))
    action = call.param("action")
    if action == "edit":
        call.actor.require("view", spec, invoice)
        return item_response(call, spec, invoice)
    call.actor.require("edit", spec, invoice)
    if action in ("auto_bill", "mark_paid") and not call.actor.has_permission("create_payment"):
        raise NotAuthorizedForPayments()
    result = perform(call, spec, invoice, action, dict(call.request.query_params), bulk=False)
    return result if result is not None else empty()


async def delivery_note_route(call: Call) -> Response:
    spec = call.registry.spec("invoices")
    invoice = call.lookup(spec, call.param("id"))
    call.actor.require("view", spec, invoice)
    return downloads.delivery_note(call, invoice)


async def update_reminders(call: Call) -> Response:
    if not call.actor.is_super:
        from .failures import Unauthorized

        raise Unauthorized()
    return json_response({"message": "Updating reminders"})


def _after_delete(call: Call, spec: EntitySpec, record: Record) -> None:
    ledger.on_invoice_deleted(call, record)


def _after_restore(call: Call, spec: EntitySpec, record: Record) -> None:
    ledger.on_invoice_restored(call, record)


def install(reg: Registry) -> None:
    reg.on_save("invoices", "quotes", "credits")(document_balance)
    reg.on_save("invoices")(invoice_flags)
    spec = reg.spec("invoices")
    for action in spec.bulk_actions:
        reg.bulk_action("invoices", action)(bulk_handler(action))
    reg.after_action("invoices", "delete")(_after_delete)
    reg.after_action("invoices", "restore")(_after_restore)
    reg.add_routes(
        [
            Route(f"{PREFIX}/invoices/update_reminders", api(update_reminders), methods=["POST"]),
            Route(
                f"{PREFIX}/invoices/{{id}}/delivery_note", api(delivery_note_route), methods=["GET"]
            ),
            Route(f"{PREFIX}/invoices/{{id}}/{{action}}", api(action_route), methods=["GET"]),
        ]
    )
