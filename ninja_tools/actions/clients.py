"""Finding, creating and changing clients, without ever losing a contact nobody mentioned.

Invoice Ninja deletes every contact missing from ``contacts`` when a client is updated, so
``update_client`` takes contact operations (add, change, remove by id or e-mail), reads the client,
and always sends every contact it keeps. Unknown contacts are refused before any write.
"""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import BaseModel, BeforeValidator, Field, model_validator

from .. import present
from ..client import api_path
from ..errors import InvalidInput, NinjaError
from .base import Action, ActionInput, Route
from .client_fields import ClientFields, ClientResult, ContactIn, client_body, contact_body
from .context import Context
from .fields import Email, RecordId, split_list
from .lookup import client_label, resolve_client

__all__ = ["ACTIONS"]

ContactRefs = Annotated[list[Annotated[str, Field(min_length=1, max_length=254)]],
                        BeforeValidator(split_list)]


class FindClientsInput(ActionInput):
    name: str | None = Field(default=None, min_length=1, max_length=190,
                             description="Part of the client's name")
    email: Email | None = Field(default=None, description="Exact e-mail of any contact")
    number: str | None = Field(default=None, min_length=1, max_length=100,
                               description="The exact client number")
    id_number: str | None = Field(default=None, min_length=1, max_length=100,
                                  description="The exact ID (registration) number")
    search: str | None = Field(default=None, min_length=1, max_length=500,
                               description="Free text across name, number, contacts, address")
    page: int = Field(default=1, ge=1, description="Page number, from 1")
    per_page: int = Field(default=20, ge=1, le=500, description="Rows a page")
    include_archived: bool = Field(default=False,
                                   description="Also find archived and deleted clients")
    raw: bool = Field(default=False, description="Add each full Invoice Ninja record")


class CreateClientInput(ClientFields):
    contacts: list[ContactIn] = Field(
        default_factory=list, max_length=50,
        description="People at the client; the first is the primary contact")
    allow_duplicate: bool = Field(
        default=False, description="Create it even when a client has that name or e-mail")

    @model_validator(mode="after")
    def _named(self) -> Self:
        if not self.name and not self.contacts:
            raise ValueError("give a name or at least one contact")
        return self


class ContactChange(ActionInput):
    """New values for one existing contact, found by its id or current e-mail."""

    contact: str = Field(min_length=1, max_length=254,
                         description="The contact's id or current e-mail address")
    first_name: str | None = Field(default=None, max_length=100, description="New first name")
    last_name: str | None = Field(default=None, max_length=100, description="New last name")
    email: Email | None = Field(default=None, description="New e-mail address")
    phone: str | None = Field(default=None, max_length=50, description="New phone number")
    send_email: bool | None = Field(default=None,
                                    description="Whether e-mails to the client reach them")

    @model_validator(mode="after")
    def _changes(self) -> Self:
        if not self.model_fields_set - {"contact"}:
            raise ValueError("say what to change on the contact")
        return self


class UpdateClientInput(ClientFields):
    id: RecordId | None = Field(default=None, description="Hashed id of the client")
    client: str | None = Field(default=None, min_length=1, max_length=200,
                               description="The client's name or a contact's e-mail (or id)")
    add_contacts: list[ContactIn] = Field(default_factory=list, max_length=50,
                                          description="People to add; the others stay")
    change_contacts: list[ContactChange] = Field(
        default_factory=list, max_length=50,
        description="Changes to existing contacts; only the fields given change")
    remove_contacts: ContactRefs = Field(
        default_factory=list, max_length=50,
        description="Contacts to remove, by id or e-mail (nobody else is removed)")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if bool(self.id) == bool(self.client):
            raise ValueError("give id or client (a name or an e-mail), exactly one")
        if not self.model_fields_set - {"id", "client"}:
            raise ValueError("say what to change")
        return self


# -- find -------------------------------------------------------------------------------------

async def _find_clients(ctx: Context, args: FindClientsInput) -> BaseModel:
    params: dict[str, Any] = {k: v for k, v in (
        ("name", args.name), ("email", args.email), ("number", args.number),
        ("id_number", args.id_number), ("filter", args.search)) if v is not None}
    params["status"] = "active,archived,deleted" if args.include_archived else "active"
    page = await ctx.client.list_page("clients", params, page=args.page, per_page=args.per_page)
    lookups = await ctx.lookups()
    items: list[Any] = [present.shape("client", row, lookups, detail=True, raw=args.raw)
                        for row in page.items]
    result = present.Page[present.Client](
        items=items, count=len(items), total=page.total, page=page.page,
        per_page=page.per_page, next_page=page.page + 1 if page.has_more else None)
    return result


# -- create -----------------------------------------------------------------------------------

async def _refuse_duplicate(ctx: Context, args: CreateClientInput) -> None:
    emails = {c.email.casefold() for c in args.contacts if c.email}
    name = (args.name or "").strip().casefold()
    for row in await ctx.rows("clients"):
        if row.get("is_deleted"):
            continue
        theirs = {str(c.get("email") or "").casefold() for c in row.get("contacts") or []}
        clash = (name and str(row.get("name") or "").strip().casefold() == name) or (
            emails & theirs)
        if clash:
            raise NinjaError(
                f"A client like this exists already: {client_label(row)} (id {row['id']}). "
                "Nothing was created.",
                hint="Use that client, or pass allow_duplicate to create another one.")


async def _create_client(ctx: Context, args: CreateClientInput) -> BaseModel:
    body = await client_body(ctx, args)
    if not args.allow_duplicate:
        await _refuse_duplicate(ctx, args)
    if args.contacts:
        body["contacts"] = [contact_body(c) for c in args.contacts]
    answer = await ctx.client.post("clients", body)
    ctx.forget("clients")
    return ClientResult(client=await _shape(ctx, answer["data"]))


async def _shape(ctx: Context, record: dict[str, Any]) -> present.Client:
    shaped = present.shape("client", record, await ctx.lookups(), detail=True)
    assert isinstance(shaped, present.Client)
    return shaped


# -- update -----------------------------------------------------------------------------------

def _describe(contact: dict[str, Any]) -> str:
    name = " ".join(filter(None, (contact.get("first_name"), contact.get("last_name"))))
    email = contact.get("email") or ""
    return f"{name} <{email}>" if name and email else str(name or email or contact.get("id"))


def _find_contact(contacts: list[dict[str, Any]], ref: str, field: str) -> dict[str, Any]:
    by_id = [c for c in contacts if str(c.get("id")) == ref]
    by_email = [c for c in contacts
                if str(c.get("email") or "").strip().casefold() == ref.strip().casefold()]
    found = by_id or by_email
    if len(found) == 1:
        return found[0]
    listed = "; ".join(f"{_describe(c)} (id {c.get('id')})" for c in contacts)
    problem = "matches several contacts" if found else "is not a contact of this client"
    raise InvalidInput(f"{field}: '{ref}' {problem}. Its contacts: {listed}. Nothing was changed.",
                       field_errors={field: [f"{ref!r} {problem}"]},
                       hint="Name contacts by their id or their exact e-mail.")


def _contacts(current: list[dict[str, Any]], args: UpdateClientInput,
              remarks: list[str]) -> list[dict[str, Any]]:
    """The whole ``contacts`` array to send: every kept contact by id, then the new ones."""
    changes = {id(c): change for change in args.change_contacts
               for c in [_find_contact(current, change.contact, "change_contacts")]}
    removed = {id(_find_contact(current, ref, "remove_contacts")) for ref in args.remove_contacts}
    if set(changes) & removed:
        raise InvalidInput("A contact is both changed and removed; nothing was changed.",
                           field_errors={"remove_contacts": ["also in change_contacts"]})
    kept = [c for c in current if id(c) not in removed]
    kept.sort(key=lambda c: not c.get("is_primary"))  # Invoice Ninja makes the first primary
    body: list[dict[str, Any]] = []
    for contact in kept:
        entry: dict[str, Any] = {"id": contact["id"]}
        change = changes.get(id(contact))
        if change is not None:
            entry.update(change.model_dump(exclude_none=True, exclude={"contact"}))
        body.append(entry)
    body += [contact_body(c) for c in args.add_contacts]
    if not body:
        raise InvalidInput("That would remove every contact; a client keeps at least one. "
                           "Nothing was changed.",
                           field_errors={"remove_contacts": ["removes every contact"]})
    remarks += [f"Removed contact {_describe(c)}." for c in current if id(c) in removed]
    primary = next((c for c in current if c.get("is_primary")), None)
    if primary is not None and id(primary) in removed and kept:
        remarks.append(f"{_describe(kept[0])} is now the primary contact.")
    emails = [str(c.email or "").casefold() for c in args.add_contacts]
    for contact in kept:
        change = changes.get(id(contact))
        emails.append(str((change.email if change else None) or contact.get("email") or "")
                      .casefold())
    dupes = sorted({e for e in emails if e and emails.count(e) > 1})
    if dupes:
        raise InvalidInput(f"Two contacts would share the e-mail {dupes[0]}; nothing was changed.",
                           field_errors={"add_contacts": [f"duplicate e-mail {dupes[0]}"]})
    return body


async def _update_client(ctx: Context, args: UpdateClientInput) -> BaseModel:
    match = await resolve_client(ctx, client_id=args.id, client=args.client)
    fresh = await ctx.client.get(api_path("clients/{id}", id=match.id))
    record: dict[str, Any] = fresh["data"]
    if record.get("is_deleted"):
        raise NinjaError(f"The client {client_label(record)} is deleted.",
                         hint="Restore it with restore_clients first.")
    body = await client_body(ctx, args, settings=record.get("settings") or {})
    remarks: list[str] = []
    if args.add_contacts or args.change_contacts or args.remove_contacts:
        current = [c for c in record.get("contacts") or [] if not c.get("is_deleted")]
        body["contacts"] = _contacts(current, args, remarks)
    answer = await ctx.client.put(api_path("clients/{id}", id=match.id), body)
    ctx.forget("clients")
    return ClientResult(client=await _shape(ctx, answer["data"]), remarks=remarks or None)


ACTIONS: list[Action] = [
    Action(
        name="find_clients", title="Find clients",
        description=(
            "Find clients by part of the name, a contact's exact e-mail, number, ID number or "
            "free text, with their contacts. Use list_clients for balance filters and sorting."),
        input=FindClientsInput, output=present.Page[present.Client], risk="read",
        permission="view_client", toolset="clients", route=Route("GET", "clients"),
        run=_find_clients, kind="list"),
    Action(
        name="create_client", title="Create a client",
        description=(
            "Create a client with its contacts (the first is primary), address, country and "
            "currency by code or name; refuses a duplicate name or e-mail unless "
            "allow_duplicate. Use create_invoice with create_client_if_missing to create one "
            "while invoicing."),
        input=CreateClientInput, output=ClientResult, risk="write",
        permission="create_client", toolset="clients", route=Route("POST", "clients"),
        routes=(Route("POST", "clients"), Route("GET", "clients"), Route("GET", "statics")),
        run=_create_client, kind="create"),
    Action(
        name="update_client", title="Change a client",
        description=(
            "Change a client's fields and contacts (add_contacts, change_contacts, "
            "remove_contacts by id or e-mail); contacts you do not mention are always kept. "
            "Use create_client for a new client."),
        input=UpdateClientInput, output=ClientResult, risk="write",
        permission="edit_client", toolset="clients", route=Route("PUT", "clients/{id}"),
        routes=(Route("PUT", "clients/{id}"), Route("GET", "clients/{id}"),
                Route("GET", "clients"), Route("GET", "statics")),
        run=_update_client, kind="update"),
]
