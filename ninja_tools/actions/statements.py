"""Client statements: the PDF of a client's invoices, payments and aging over a period, or the
same statement e-mailed to the client (``POST client_statement`` with ``send_email``)."""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import BaseModel, Field, model_validator

from .. import present
from ..errors import NinjaError
from .base import Action, ActionInput, Route
from .context import Context
from .fields import IsoDate, RecordId
from .lookup import Match, resolve_client

__all__ = ["ACTIONS"]


class _StatementInput(ActionInput):
    client_id: RecordId | None = Field(default=None,
                                       description="Hashed id of the client (or give client)")
    client: str | None = Field(default=None, min_length=1, max_length=200,
                               description="The client's name or a contact's e-mail")
    start_date: IsoDate | None = Field(
        default=None, description="First day of the period, YYYY-MM-DD (default: a year ago)")
    end_date: IsoDate | None = Field(default=None,
                                     description="Last day of the period (default: today)")
    status: Literal["all", "paid", "unpaid"] = Field(
        default="all", description="Which invoices to list: all, paid or unpaid")
    show_payments_table: bool = Field(default=True, description="Include the payments table")
    show_aging_table: bool = Field(default=True,
                                   description="Include the aging table (how overdue)")
    show_credits_table: bool = Field(default=False, description="Include the credits table")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if bool(self.client_id) == bool(self.client):
            raise ValueError("give client_id or client (a name or an e-mail), exactly one")
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValueError("start_date is after end_date")
        return self


class DownloadClientStatementInput(_StatementInput):
    pass


class SendClientStatementInput(_StatementInput):
    pass


async def _body(ctx: Context, args: _StatementInput) -> tuple[Match, dict[str, Any]]:
    match = await resolve_client(ctx, client_id=args.client_id, client=args.client)
    body: dict[str, Any] = {
        "client_id": match.id, "status": args.status,
        "show_payments_table": args.show_payments_table,
        "show_aging_table": args.show_aging_table,
        "show_credits_table": args.show_credits_table,
    }
    for key in ("start_date", "end_date"):
        if getattr(args, key):
            body[key] = getattr(args, key)
    return match, body


async def _download(ctx: Context, args: DownloadClientStatementInput) -> BaseModel:
    _, body = await _body(ctx, args)
    got = await ctx.client.download("client_statement", method="POST", json=body,
                                    read_only=True, filename="statement.pdf")
    return present.FileResult(filename=got.filename, content_type=got.content_type,
                              size=len(got.content), content=got.content)


async def _send(ctx: Context, args: SendClientStatementInput) -> BaseModel:
    match, body = await _body(ctx, args)
    emails = [str(c.get("email")) for c in match.record.get("contacts") or []
              if c.get("email") and not c.get("is_deleted")]
    if not emails:
        raise NinjaError(f"The client {match.name} has no contact with an e-mail address, so "
                         "the statement cannot be e-mailed. Nothing was sent.",
                         hint="Add one with update_client add_contacts, or use "
                              "download_client_statement.")
    answer = await ctx.client.post("client_statement", {**body, "send_email": True},
                                   params={"send_email": "true"})
    said = answer.get("message") if isinstance(answer, dict) else None
    period = " to ".join(filter(None, (args.start_date, args.end_date)))
    return present.Message(
        message=f"Statement for {match.name}{f' ({period})' if period else ''} queued to be "
                "e-mailed to the client.",
        details={"client_id": match.id, "client": match.name, "status": args.status,
                 "server": str(said or "")} | ({"period": period} if period else {}))


_ROUTE = Route("POST", "client_statement")

ACTIONS: list[Action] = [
    Action(
        name="download_client_statement", title="Download a client statement",
        description=(
            "Get a client's statement as a PDF: their invoices over a period (all, paid or "
            "unpaid) with payments, aging and credits tables. Use send_client_statement to "
            "e-mail it to the client instead."),
        input=DownloadClientStatementInput, output=present.FileResult, risk="read",
        permission="view_client", toolset="clients", route=_ROUTE,
        routes=(_ROUTE, Route("GET", "clients"), Route("GET", "clients/{id}")),
        run=_download, kind="file"),
    Action(
        name="send_client_statement", title="E-mail a client statement",
        description=(
            "E-mail a client their statement for a period (invoices, payments, aging). Use "
            "download_client_statement to get the PDF without sending anything."),
        input=SendClientStatementInput, output=present.Message, risk="send",
        permission="view_client", toolset="clients", route=_ROUTE,
        routes=(_ROUTE, Route("GET", "clients"), Route("GET", "clients/{id}")),
        run=_send),
]
