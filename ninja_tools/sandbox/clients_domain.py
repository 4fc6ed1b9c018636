"""Client money routes: statements, and the password-protected purge and merge.

``POST client_statement`` renders ``Statement.pdf`` (or, with ``send_email``, queues it
to the client and answers ``{"message":"Email queued"}``). ``POST clients/{id}/purge``
(admin only) hard-deletes the client and everything of it, as ClientRepository::purge.
``POST clients/{id}/{mergeable}/merge`` moves every record of the mergeable client to the
survivor (Client Merge service), keeps only contacts with a new e-mail, adds the money
columns, recomputes the balance and removes the merged client. These replace the core's
placeholder handlers for the same paths.
"""

from __future__ import annotations

import datetime as dt

from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from . import downloads, ledger, mail, pdf
from .calc import money
from .calls import Call, api
from .failures import ApiError, Unauthorized, ValidationFailed, invalid_selection, required
from .registry import Registry
from .resources import PREFIX, item_response
from .responses import json_response
from .store import Record

OWNED_KINDS = (
    "invoice",
    "quote",
    "credit",
    "recurring_invoice",
    "recurring_quote",
    "payment",
    "expense",
    "recurring_expense",
    "project",
    "task",
    "document",
    "activity",
    "client_gateway_token",
    "system_log",
)
INVITATION_KINDS = (
    "invoice_invitation",
    "quote_invitation",
    "credit_invitation",
    "recurring_invoice_invitation",
)


def statement_rows(call: Call, client: Record, start: str, end: str, status: str) -> list[Record]:
    rows = []
    for invoice in call.store.where("invoice", client_id=client["id"]):
        if invoice.get("is_deleted") or str(invoice.get("status_id")) in (
            ledger.DRAFT,
            ledger.CANCELLED,
            ledger.REVERSED,
        ):
            continue
        if (start and str(invoice.get("date")) < start) or (end and str(invoice.get("date")) > end):
            continue
        if status == "paid" and str(invoice.get("status_id")) != ledger.PAID:
            continue
        if status == "unpaid" and str(invoice.get("status_id")) not in (
            ledger.SENT,
            ledger.PARTIAL,
        ):
            continue
        rows.append(
            {k: invoice.get(k) for k in ("number", "date", "due_date", "amount", "balance")}
        )
    return rows


async def client_statement(call: Call) -> Response:
    body = await call.body()
    errors: dict[str, list[str]] = {}
    client = (
        call.store.get("client", str(body.get("client_id") or ""))
        if body.get("client_id")
        else None
    )
    if not body.get("client_id"):
        errors["client_id"] = [required("client_id")]
    elif client is None:
        errors["client_id"] = [invalid_selection("client_id")]
    if errors:
        raise ValidationFailed(errors)
    assert client is not None
    call.actor.require("view", call.registry.spec("clients"), client)
    today = call.state.clock.today()
    start = str(body.get("start_date") or (today - dt.timedelta(days=365)).isoformat())
    end = str(body.get("end_date") or today.isoformat())
    rows = statement_rows(call, client, start, end, str(body.get("status") or "all"))
    company = str((call.state.company().get("settings") or {}).get("name") or "")
    data = pdf.statement_pdf(
        client_name=str(client.get("name") or ""),
        company_name=company,
        rows=rows,
        start_date=start,
        end_date=end,
    )
    send = str(call.query("send_email") or body.get("send_email") or "").lower() in ("true", "1")
    if send:
        contacts = [c for c in client.get("contacts") or [] if c.get("email")]
        contact = next(
            (c for c in contacts if c.get("is_primary")), contacts[0] if contacts else None
        )
        if contact is not None:
            due = money(sum(float(r.get("balance") or 0) for r in rows))
            mail.queue(
                call,
                to=str(contact["email"]),
                name=mail.contact_name(contact),
                subject=f"Statement from {company}",
                body=f"Please find your statement for {start} to {end}. Balance due: {due:.2f}.",
                template="email_template_statement",
                kind="statement",
                entity="client",
                entity_id=client["id"],
                attachments=["Statement.pdf"],
            )
            ledger.activity(call, 140, "client", client)
        return json_response({"message": "Email queued"})
    return downloads.pdf_response(data, "Statement.pdf")


def purge_client(call: Call, client: Record) -> None:
    """Hard-delete the client and everything that names it (and what hangs off those)."""
    store = call.store
    doc_ids: set[str] = set()
    for kind in OWNED_KINDS:
        for row in store.where(kind, client_id=client["id"]):
            doc_ids.add(row["id"])
            store.remove(kind, row["id"])
    for kind in INVITATION_KINDS:
        for row in store.rows(kind):
            if row.get("client_contact_id") in {c["id"] for c in client.get("contacts") or []}:
                store.remove(kind, row["id"])
    for row in store.rows("document"):
        if row.get("documentable_id") in doc_ids | {client["id"]}:
            store.remove("document", row["id"])
    for key, row in list(store.tables.get("_payment_idempotency", {}).items()):
        if row.get("client_id") == client["id"]:
            store.tables["_payment_idempotency"].pop(key, None)
    for contact in client.get("contacts") or []:
        store.remove("client_contact", contact["id"])
    store.remove("client", client["id"])


async def purge(call: Call) -> Response:
    client = call.lookup(call.registry.spec("clients"), call.param("id"))
    if not call.actor.is_super:
        raise Unauthorized()
    purge_client(call, client)
    return json_response({"message": "Success"})


def merge_clients(call: Call, keep: Record, other: Record) -> None:
    for kind in OWNED_KINDS:
        for row in call.store.where(kind, client_id=other["id"]):
            row["client_id"] = keep["id"]
    for row in call.store.rows("document"):
        if row.get("documentable_id") == other["id"]:
            row["documentable_id"] = keep["id"]
    for row in call.store.tables.get("_payment_idempotency", {}).values():
        if row.get("client_id") == other["id"]:
            row["client_id"] = keep["id"]
    emails = {str(c.get("email") or "") for c in keep.get("contacts") or []}
    for contact in other.get("contacts") or []:
        email = str(contact.get("email") or "").strip()
        if email and email not in emails:
            contact["is_primary"] = False
            keep.setdefault("contacts", []).append(contact)
            emails.add(email)
    for column in ("paid_to_date", "credit_balance"):
        keep[column] = money(float(keep.get(column) or 0) + float(other.get(column) or 0))
    ledger.recalc_client_balance(call, keep["id"])
    keep["updated_at"] = call.state.now()
    call.store.remove("client", other["id"])


async def merge(call: Call) -> Response:
    spec = call.registry.spec("clients")
    keep = call.lookup(spec, call.param("id"))
    if not call.actor.is_super:
        raise Unauthorized()
    other = call.store.get("client", call.param("mergeable_id"))
    if other is None:
        raise ApiError(400, "Client not found")
    if other["id"] == keep["id"]:
        raise ApiError(400, "Attempting to merge the same client is not possible.")
    merge_clients(call, keep, other)
    return item_response(call, spec, keep)


def _replace(reg: Registry, routes: list[BaseRoute]) -> None:
    """Drop routes already registered for the same paths, then add ours in front."""
    paths = {getattr(r, "path", None) for r in routes}
    reg.routes[:] = [r for r in reg.routes if getattr(r, "path", None) not in paths]
    reg.routes[:0] = routes


def install(reg: Registry) -> None:
    _replace(
        reg,
        [
            Route(f"{PREFIX}/clients/{{id}}/purge", api(purge, password=True), methods=["POST"]),
            Route(
                f"{PREFIX}/clients/{{id}}/{{mergeable_id}}/merge",
                api(merge, password=True),
                methods=["POST"],
            ),
        ],
    )
    reg.add_routes([Route(f"{PREFIX}/client_statement", api(client_statement), methods=["POST"])])
