"""What the invoice actions share: naming one invoice by id or number, shaping it, its recipients.

Recipients are the contacts behind the invoice's live invitations that have an e-mail address;
only their addresses are reported, never the invitation links (they open the client portal).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from .. import present
from ..client import api_path
from ..errors import NinjaError
from .context import Context
from .fields import RecordId, RecordRef
from .lookup import client_label, resolve_document

__all__ = ["InvoiceRef", "InvoiceResult", "find_invoice", "invoice_label", "recipients",
           "shape_invoice"]


class InvoiceRef(RecordRef):
    """Names one invoice: by its hashed id or by its number."""

    id: RecordId | None = Field(default=None, description="Hashed id of the invoice")
    number: str | None = Field(default=None, min_length=1, max_length=100,
                               description="The invoice number, e.g. 0042 (instead of id)")


class InvoiceResult(BaseModel):
    """An invoice after the action, who it was e-mailed to, and what was adjusted on the way."""

    invoice: present.Document
    sent_to: list[str] | None = Field(
        default=None, description="E-mail addresses it was sent to (when it was sent)")
    client_created: bool | None = Field(
        default=None, description="true when the client was created for this invoice")
    remarks: list[str] | None = Field(
        default=None, description="What was adjusted or left out, in plain words")


async def find_invoice(ctx: Context, ref: InvoiceRef) -> dict[str, Any]:
    """The invoice record ``ref`` names (``NotFound`` when none)."""
    return await resolve_document(ctx, "invoices", id=ref.id, number=ref.number)


def invoice_label(record: dict[str, Any]) -> str:
    return f"invoice {record.get('number') or record.get('id')}"


async def shape_invoice(ctx: Context, record: dict[str, Any]) -> present.Document:
    shaped = present.shape("invoice", record, await ctx.lookups(), detail=True)
    assert isinstance(shaped, present.Document)
    return shaped


async def _client(ctx: Context, client_id: str) -> dict[str, Any]:
    body = await ctx.client.get(api_path("clients/{id}", id=client_id))
    record = body.get("data") if isinstance(body, dict) else None
    return record if isinstance(record, dict) else {}


async def recipients(ctx: Context, invoice: dict[str, Any]) -> list[str]:
    """E-mail addresses of the contacts the invoice's live invitations go to."""
    client = await _client(ctx, str(invoice.get("client_id") or ""))
    emails = {str(c.get("id")): str(c.get("email") or "").strip()
              for c in client.get("contacts") or [] if not c.get("is_deleted")}
    found: list[str] = []
    for invitation in invoice.get("invitations") or []:
        if invitation.get("archived_at") or invitation.get("is_deleted"):
            continue
        email = emails.get(str(invitation.get("client_contact_id") or ""), "")
        if email and email not in found:
            found.append(email)
    return found


async def require_recipients(ctx: Context, invoice: dict[str, Any]) -> list[str]:
    """The recipients, or an error before sending when there is nobody to send to."""
    found = await recipients(ctx, invoice)
    if not found:
        client = await _client(ctx, str(invoice.get("client_id") or ""))
        raise NinjaError(
            f"Nobody would receive {invoice_label(invoice)}: no contact of "
            f"{client_label(client) or 'its client'} with an e-mail address is invited to it. "
            "Nothing was sent.",
            hint="Add a contact with an e-mail to the client (update_client add_contacts), "
                 "then send it.")
    return found
