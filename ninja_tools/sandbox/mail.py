"""Outgoing e-mail: the outbox messages and the ``POST emails`` route.

Nothing leaves the sandbox: every e-mail the real server would queue becomes one dict
in ``state.outbox`` (readable by tests, and through ``GET /_sandbox/outbox``). Sending a
document marks it sent first (EmailController -> ``markSent``), then writes one message
per live invitation whose contact has an address, and stamps ``last_sent_date``.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from . import ledger
from .calls import Call, api
from .failures import ValidationFailed, invalid_selection, required
from .registry import Registry
from .resources import PREFIX, item_response
from .responses import json_response
from .store import Record

TEMPLATES = tuple(
    f"email_template_{name}"
    for name in (
        "invoice",
        "quote",
        "credit",
        "payment",
        "payment_partial",
        "statement",
        "reminder1",
        "reminder2",
        "reminder3",
        "reminder_endless",
        "custom1",
        "custom2",
        "custom3",
        "purchase_order",
    )
)
EMAIL_TYPES = (
    "reminder1",
    "reminder2",
    "reminder3",
    "reminder_endless",
    "custom1",
    "custom2",
    "custom3",
    "invoice",
    "quote",
    "credit",
    "payment",
    "payment_partial",
    "statement",
    "purchase_order",
)
ENTITY_ROUTES = {
    "invoice": "invoices",
    "quote": "quotes",
    "credit": "credits",
    "recurring_invoice": "recurring_invoices",
    "purchase_order": "purchase_orders",
    "payment": "payments",
}
_LABELS = {
    "invoice": "Invoice",
    "quote": "Quote",
    "credit": "Credit",
    "purchase_order": "Purchase Order",
    "recurring_invoice": "Invoice",
    "payment": "Payment",
    "statement": "Statement",
}


def company_name(call: Call) -> str:
    return str((call.state.company().get("settings") or {}).get("name") or "Sandbox Company")


def contact_name(contact: Record) -> str:
    return f"{contact.get('first_name', '')} {contact.get('last_name', '')}".strip()


def queue(
    call: Call,
    *,
    to: str,
    name: str,
    subject: str,
    body: str,
    template: str,
    kind: str,
    entity: str = "",
    entity_id: str = "",
    number: str = "",
    cc: list[str] | None = None,
    attachments: list[str] | None = None,
) -> dict[str, Any]:
    """Append one message to the outbox and return it."""
    message = {
        "to": to,
        "name": name,
        "contact_name": name,
        "cc": cc or [],
        "subject": subject,
        "body": body,
        "template": template,
        "kind": kind,
        "entity": entity,
        "entity_id": entity_id,
        "number": number,
        "attachments": attachments or [],
        "sent_at": call.state.now(),
    }
    call.state.outbox.append(message)
    return message


def _owner_contacts(call: Call, kind: str, doc: Record) -> dict[str, Record]:
    parent_kind, field = (
        ("vendor", "vendor_id") if kind == "purchase_order" else ("client", "client_id")
    )
    parent = call.store.get(parent_kind, str(doc.get(field) or "")) or {}
    return {c["id"]: c for c in parent.get("contacts") or [] if not c.get("is_deleted")}


def mark_entity_sent(call: Call, kind: str, doc: Record) -> None:
    """What sending does to the entity's status (each entity's ``markSent``)."""
    if kind == "invoice":
        ledger.mark_sent(call, doc)
    elif kind == "credit":
        ledger.mark_credit_sent(call, doc)
    elif kind in ("quote", "purchase_order") and str(doc.get("status_id")) == "1":
        doc["status_id"] = "2"
        if kind == "quote":
            doc["balance"] = doc.get("amount", 0.0)
        ledger.mark_invitations_sent(call, doc)
        ledger.touch(call, doc)


def send_document(
    call: Call,
    kind: str,
    doc: Record,
    template: str,
    *,
    subject: str = "",
    body: str = "",
    cc: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Mark sent, then one message per live invitation whose contact has an e-mail."""
    mark_entity_sent(call, kind, doc)
    contacts = _owner_contacts(call, kind, doc)
    contact_field = "vendor_contact_id" if kind == "purchase_order" else "client_contact_id"
    label = _LABELS.get(kind, kind.title())
    number = str(doc.get("number") or "")
    default_subject = f"{label} {number} from {company_name(call)}"
    sent = []
    for invitation in doc.get("invitations") or []:
        if invitation.get("archived_at"):
            continue
        contact = contacts.get(str(invitation.get(contact_field) or ""))
        if not contact or not contact.get("email"):
            continue
        text = body or (
            f"Dear {contact_name(contact) or 'customer'},\n\nPlease find {label.lower()} {number} "
            f"for {doc.get('amount', 0.0):.2f} at {invitation.get('link', '')}."
            f"\n\n{company_name(call)}"
        )
        sent.append(
            queue(
                call,
                to=str(contact["email"]),
                name=contact_name(contact),
                subject=subject or default_subject,
                body=text,
                template=template,
                kind="invoice" if kind == "recurring_invoice" else kind,
                entity=kind,
                entity_id=doc["id"],
                number=number,
                cc=cc,
                attachments=[f"{label.replace(' ', '_')}_{number}.pdf"],
            )
        )
        invitation["sent_date"] = invitation.get("sent_date") or call.state.clock.now().strftime(
            "%Y-%m-%d %H:%M:%S"
        )
        invitation["email_status"] = "delivered"
    doc["last_sent_date"] = call.state.clock.today().isoformat()
    ledger.touch(call, doc)
    return sent


def send_receipt(
    call: Call, payment: Record, template: str = "email_template_payment"
) -> list[dict[str, Any]]:
    """A payment receipt to the client's contacts that have an address (and send_email)."""
    client = ledger.client_of(call, payment) or {}
    contacts = [c for c in client.get("contacts") or [] if c.get("email") and c.get("send_email")]
    if not contacts:
        contacts = [c for c in client.get("contacts") or [] if c.get("email")][:1]
    numbers = [
        str((call.store.get("invoice", r.get("invoice_id", "")) or {}).get("number", ""))
        for r in payment.get("paymentables") or []
        if r.get("invoice_id")
    ]
    sent = []
    for contact in contacts:
        body = (
            f"Dear {contact_name(contact) or 'customer'},\n\nThank you for your payment of "
            f"{float(payment.get('amount') or 0):.2f}"
            + (f" for invoice(s) {', '.join(numbers)}" if numbers else "")
            + f".\n\n{company_name(call)}"
        )
        sent.append(
            queue(
                call,
                to=str(contact["email"]),
                name=contact_name(contact),
                subject=f"Payment Receipt for {company_name(call)}",
                body=body,
                template=template,
                kind="receipt",
                entity="payment",
                entity_id=payment["id"],
                number=str(payment.get("number") or ""),
            )
        )
    return sent


def mail_user(
    call: Call, subject: str, body: str, *, kind: str, attachments: list[str] | None = None
) -> dict[str, Any]:
    """A message to the calling user (zipped downloads, exports)."""
    user = call.actor.user
    name = f"{user.get('first_name', '')} {user.get('last_name', '')}".strip()
    return queue(
        call,
        to=str(user.get("email") or ""),
        name=name,
        subject=subject,
        body=body,
        template="",
        kind=kind,
        attachments=attachments,
    )


def cc_list(raw: Any) -> list[str]:
    """cc_email: a comma string; at most 4 plausible addresses are kept."""
    parts = [p.strip() for p in str(raw or "").split(",") if "@" in p]
    return parts[:4]


async def send_email_route(call: Call) -> Response:
    """POST emails: validate (SendEmailRequest), send, answer the entity."""
    body = await call.body()
    errors: dict[str, list[str]] = {}
    entity = str(body.get("entity") or "")
    entity = entity.split("\\")[-1]
    entity = {"RecurringInvoice": "recurring_invoice", "PurchaseOrder": "purchase_order"}.get(
        entity, entity
    ).lower()
    template = str(body.get("template") or "")
    if not template or template not in TEMPLATES:
        errors["template"] = [required("template")]
    if not body.get("entity"):
        errors.setdefault("entity", []).append(required("entity"))
    elif entity not in ENTITY_ROUTES:
        errors.setdefault("entity", []).append(invalid_selection("entity"))
    if not body.get("entity_id"):
        errors.setdefault("entity_id", []).append(required("entity_id"))
    if errors:
        raise ValidationFailed(errors)
    spec = call.registry.spec(ENTITY_ROUTES[entity])
    record = call.store.get(spec.kind, str(body["entity_id"]))
    if record is None:
        raise ValidationFailed({"entity_id": [invalid_selection("entity_id")]})
    call.actor.require("edit", spec, record)
    subject = str(body.get("subject") or "")
    text = str(body.get("body") or "")
    subject = subject if len(subject) > 3 else ""
    text = text if len(text) > 3 else ""
    if entity == "payment":
        send_receipt(call, record, template)
    else:
        send_document(
            call,
            entity,
            record,
            template,
            subject=subject,
            body=text,
            cc=cc_list(body.get("cc_email")),
        )
    return item_response(call, spec, record)


async def outbox_route(request: Any) -> Response:
    """Sandbox-only: everything "sent" so far (not part of the real API)."""
    return json_response({"data": list(request.app.state.sandbox.outbox)})


def install(reg: Registry) -> None:
    reg.add_routes([Route(f"{PREFIX}/emails", api(send_email_route), methods=["POST"])])
