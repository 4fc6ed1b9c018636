"""Credit notes in one call each: create one for a client by name (lines or a plain amount) and
e-mail it.

Applying a credit to an invoice is a payment in Invoice Ninja: ``record_payment`` with
``credits``.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, ValidationInfo, field_validator

from ..errors import NinjaError
from . import records
from .base import Action, Route
from .context import Context
from .fields import IsoDate, RecordRef
from .lines import LineIn
from .new_documents import NewDocumentInput, create_document
from .records import DocumentResult

__all__ = ["ACTIONS"]


class CreateCreditInput(NewDocumentInput):
    line_items: list[LineIn] = Field(default_factory=list, max_length=200,
                                     description="The lines of the credit, in order (or amount)")
    amount: float | None = Field(default=None, gt=0, le=1e12, validate_default=True,
                                 description="A plain amount instead of line_items")
    description: str | None = Field(default=None, min_length=1, max_length=5000,
                                    description="What a plain amount is for (default: Credit)")
    date: IsoDate | None = Field(default=None, description="Credit date (default: today)")

    @field_validator("amount")
    @classmethod
    def _lines_or_amount(cls, value: float | None, info: ValidationInfo) -> float | None:
        lines = info.data.get("line_items")
        if value is not None and lines:
            raise ValueError("give line_items or amount, not both")
        if value is None and not lines and "line_items" in info.data:
            raise ValueError("give line_items, or a plain amount")
        return value

    @field_validator("description")
    @classmethod
    def _with_amount(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and info.data.get("amount") is None:
            raise ValueError("description goes with amount; lines have notes")
        return value


class SendCreditInput(RecordRef):
    """The credit to e-mail (its id or its number), and optional wording."""

    subject: str | None = Field(default=None, min_length=4, max_length=300,
                                description="Subject instead of the credit template's")
    body: str | None = Field(default=None, min_length=4, max_length=20000,
                             description="Message instead of the credit template's")


async def _create(ctx: Context, args: CreateCreditInput) -> DocumentResult:
    lines = args.line_items or [LineIn(notes=args.description or "Credit", cost=args.amount)]
    fields: dict[str, Any] = {"date": args.date}
    return await create_document(ctx, "credits", args, lines, fields)


async def _send(ctx: Context, args: SendCreditInput) -> DocumentResult:
    credit = await records.ref_of(ctx, "credits", args)
    if credit.get("is_deleted"):
        raise NinjaError(f"The {records.label('credits', credit)} is deleted.",
                         hint="Restore it with restore_credits first.")
    sent_to = await records.email(ctx, "credits", credit, "email_template_credit",
                                  subject=args.subject, body=args.body)
    after = await records.read(ctx, "credits", str(credit["id"]))
    return DocumentResult(document=await records.document(ctx, "credit", after),
                          sent_to=sent_to)


ACTIONS: list[Action] = [
    Action(
        name="create_credit", title="Create a credit",
        description="Create a credit note for a client named by id, name or e-mail, from line "
        "items or a plain amount. To use it against an invoice, record_payment with credits; "
        "send_credit e-mails it.",
        input=CreateCreditInput, output=DocumentResult, risk="write",
        permission="create_credit", toolset="credits", route=Route("POST", "credits"),
        routes=(Route("POST", "credits"), Route("GET", "clients/{id}"), Route("GET", "clients"),
                Route("POST", "clients"), Route("GET", "products"), Route("GET", "tax_rates")),
        run=_create, kind="create",
    ),
    Action(
        name="send_credit", title="E-mail a credit",
        description="E-mail a credit note to the client's contacts with the credit template "
        "(it is marked sent). Use email_credits to send many at once.",
        input=SendCreditInput, output=DocumentResult, risk="send", permission="edit_credit",
        toolset="credits", route=Route("POST", "emails"),
        routes=(Route("POST", "emails"), Route("GET", "credits/{id}"), Route("GET", "credits"),
                Route("GET", "clients")),
        run=_send,
    ),
]
