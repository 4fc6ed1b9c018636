"""Quotes and credits: their bulk switches, GET {id}/{action} routes and save flags.

QuoteController: approve (only a draft or sent quote; otherwise the 400 "Unable to
approve this quote as it has expired."), convert / convert_to_invoice (a real invoice,
``invoice_id`` set, status converted), convert_to_project, clone_to_invoice, email,
mark_sent, downloads. CreditController: mark_sent, mark_paid, clone_to_credit, email,
downloads. Bulk calls ignore what ``performAction`` answers, as on the real server.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from . import downloads, ledger, lifecycle, mail
from .calc import money
from .calls import Call, api
from .entities import EntitySpec
from .failures import ApiError, SandboxError
from .invoices import clone_as
from .registry import Registry, SaveEvent
from .resources import PREFIX, item_response
from .responses import empty, item, message
from .store import Record
from .writes import save

QUOTE_DRAFT, QUOTE_SENT, QUOTE_APPROVED, QUOTE_CONVERTED = "1", "2", "3", "4"
UNAPPROVABLE = "Unable to approve this quote as it has expired."


def mark_quote_sent(call: Call, quote: Record) -> None:
    mail.mark_entity_sent(call, "quote", quote)


def approve(call: Call, quote: Record) -> Record:
    """approveWithNoCoversion: a draft or sent quote becomes approved."""
    if str(quote.get("status_id")) not in (QUOTE_DRAFT, QUOTE_SENT):
        raise ApiError(400, UNAPPROVABLE)
    quote["status_id"] = QUOTE_APPROVED
    ledger.touch(call, quote)
    ledger.activity(call, 29, "quote", quote)
    return quote


def convert(call: Call, quote: Record) -> Record | None:
    """ConvertQuote: save a draft invoice copy through the normal save path, link it."""
    if quote.get("invoice_id"):
        linked: Record | None = call.store.get("invoice", str(quote["invoice_id"]))
        return linked
    body = clone_as(call, quote, "invoice")
    body = {
        k: v
        for k, v in body.items()
        if k not in ("amount", "balance", "paid_to_date", "total_taxes")
    }
    body["date"] = call.state.clock.today().isoformat()
    body["due_date"] = ""
    invoice = save(call, call.registry.spec("invoices"), None, body)
    quote["invoice_id"] = invoice["id"]
    quote["status_id"] = QUOTE_CONVERTED
    ledger.touch(call, quote)
    return invoice


def convert_to_project(call: Call, quote: Record) -> Record:
    """ConvertQuoteToProject: a project named after the quote, linked both ways."""
    project = save(
        call,
        call.registry.spec("projects"),
        None,
        {
            "client_id": quote["client_id"],
            "name": f"Quote {quote.get('number', '')}".strip(),
            "budgeted_hours": 0,
            "public_notes": quote.get("public_notes", ""),
        },
    )
    if "project_id" in quote:
        quote["project_id"] = project["id"]
    ledger.touch(call, quote)
    return project


def perform_quote(
    call: Call, spec: EntitySpec, quote: Record, action: str, bulk: bool
) -> Response | None:
    if action == "convert_to_project":
        return item(convert_to_project(call, quote))
    if action in ("convert", "convert_to_invoice"):
        invoice = convert(call, quote)
        return item(invoice) if invoice is not None else None
    if action == "clone_to_invoice":
        return item(clone_as(call, quote, "invoice"))
    if action == "clone_to_quote":
        return item(clone_as(call, quote, "quote"))
    if action == "approve":
        return item_response(call, spec, approve(call, quote))
    if action == "history":
        return None
    if action == "download":
        return downloads.document_download(call, "quote", quote)
    if action in lifecycle.ACTIONS:
        lifecycle.ACTIONS[action](call, spec, quote)
        return None if bulk else item_response(call, spec, quote)
    if action in ("email", "send_email"):
        mail.send_document(call, "quote", quote, "email_template_quote")
        ledger.activity(call, 20, "quote", quote)
        return message("Successfully sent message")
    if action == "mark_sent":
        mark_quote_sent(call, quote)
        return None if bulk else item_response(call, spec, quote)
    raise ApiError(400, f"The requested action {action} is not available.")


def credit_mark_paid(call: Call, credit: Record) -> None:
    """CreditService::markPaid: only a credit with no balance left does anything."""
    if float(credit.get("balance") or 0) > 0:
        return
    ledger.mark_credit_sent(call, credit)
    adjustment = float(credit.get("balance") or 0)
    credit["balance"] = money(float(credit.get("balance") or 0) + adjustment)
    credit["paid_to_date"] = money(float(credit.get("paid_to_date") or 0) + adjustment)
    credit["status_id"] = ledger.CREDIT_APPLIED
    payment = ledger.new_payment(call, str(credit["client_id"]), adjustment, type_id="32")
    payment["applied"] = money(adjustment)
    payment["paymentables"].append(ledger.paymentable(call, "credit_id", credit["id"], adjustment))
    ledger.adjust_client(
        call, str(credit["client_id"]), paid_to_date=adjustment, credit_balance=-adjustment
    )


def perform_credit(
    call: Call, spec: EntitySpec, credit: Record, action: str, bulk: bool
) -> Response | None:
    if action == "mark_paid":
        credit_mark_paid(call, credit)
        return item_response(call, spec, credit)
    if action == "clone_to_credit":
        return item(clone_as(call, credit, "credit"))
    if action == "history":
        return None
    if action == "mark_sent":
        ledger.mark_credit_sent(call, credit)
        return None if bulk else item_response(call, spec, credit)
    if action == "download":
        return downloads.document_download(call, "credit", credit)
    if action in lifecycle.ACTIONS:
        lifecycle.ACTIONS[action](call, spec, credit)
        return None if bulk else item_response(call, spec, credit)
    if action in ("email", "send_email"):
        mail.send_document(call, "credit", credit, "email_template_credit")
        return None if bulk else message("email sent")
    raise ApiError(400, f"The requested action {action} is not available.")


PERFORM = {"quotes": (perform_quote, "quote"), "credits": (perform_credit, "credit")}


def bulk_handler(route: str, action: str):  # type: ignore[no-untyped-def]
    perform, kind = PERFORM[route]

    def handler(
        call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]
    ) -> Response | None:
        wanted = {str(i) for i in body.get("ids") or []}
        found = [r for r in call.store.rows(kind) if r["id"] in wanted]
        minimum = 1 if kind == "quote" else 2
        if action == "bulk_download" and len(found) >= minimum:
            mail.mail_user(
                call,
                f"{kind.title()}s download",
                "Your files are attached.",
                kind="download",
                attachments=[f"{kind}s.zip"],
            )
            return message("Successfully sent message")
        if action == "download" and found and call.actor.can("view", spec, found[0]):
            return downloads.document_download(call, kind, found[0])
        if action == "bulk_print" and found and call.actor.can("view", spec, found[0]):
            return downloads.merged(call, kind, found)
        if action == "template" and found and call.actor.can("view", spec, found[0]):
            send = str(body.get("send_email") or "").lower() in ("1", "true")
            return message("email sent" if send else "00000000-0000-0000-0000-000000000002")
        for row in rows:
            if (
                kind == "quote"
                and action in ("convert", "convert_to_invoice")
                and row.get("invoice_id")
            ):
                continue
            try:
                perform(call, spec, row, action, True)
            except SandboxError:
                continue
        return None

    handler.__name__ = f"{kind}_bulk_{action}"
    return handler


def action_route(route: str):  # type: ignore[no-untyped-def]
    perform, _ = PERFORM[route]

    async def handler(call: Call) -> Response:
        spec = call.registry.spec(route)
        record = call.lookup(spec, call.param("id"))
        action = call.param("action")
        if action == "edit":
            call.actor.require("view", spec, record)
            return item_response(call, spec, record)
        call.actor.require("edit", spec, record)
        result = perform(call, spec, record, action, False)
        return result if result is not None else empty()

    handler.__name__ = f"{route}_action"
    return handler


def quote_flags(event: SaveEvent) -> None:
    """Quote TriggeredActions: send_email, mark_sent, convert, approve."""
    call, quote = event.call, event.record
    call.store.add("quote", quote)
    if call.flag("send_email"):
        mail.send_document(call, "quote", quote, "email_template_quote")
    if call.flag("mark_sent"):
        mark_quote_sent(call, quote)
    if call.flag("convert"):
        convert(call, quote)
    if call.flag("approve") and str(quote.get("status_id")) in (QUOTE_DRAFT, QUOTE_SENT):
        approve(call, quote)


def credit_flags(event: SaveEvent) -> None:
    """Credit TriggeredActions: send_email, mark_sent, mark_paid."""
    call, credit = event.call, event.record
    call.store.add("credit", credit)
    if call.flag("send_email"):
        mail.send_document(call, "credit", credit, "email_template_credit")
    if call.flag("mark_sent"):
        ledger.mark_credit_sent(call, credit)
    if call.flag("mark_paid"):
        credit_mark_paid(call, credit)


def install(reg: Registry) -> None:
    for route in ("quotes", "credits"):
        for action in reg.spec(route).bulk_actions:
            reg.bulk_action(route, action)(bulk_handler(route, action))
        reg.add_routes(
            [
                Route(
                    f"{PREFIX}/{route}/{{id}}/{{action}}", api(action_route(route)), methods=["GET"]
                )
            ]
        )
    reg.on_save("quotes")(quote_flags)
    reg.on_save("credits")(credit_flags)
