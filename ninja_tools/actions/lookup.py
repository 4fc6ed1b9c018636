"""Finding the record a person means: a client by id, e-mail or name, a document by number.

Shared by every hand-written action that takes ``client`` (a name or an e-mail) or a document
``number`` instead of a hashed id. Reads only, except ``resolve_client(create_if_missing=True)``,
which creates the client when nothing matches. Errors say what matched and what to do.

    match = await resolve_client(ctx, client="billing@acme.example")
    invoice = await resolve_document(ctx, "invoices", number="0042")
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from ..client import api_path
from ..errors import InvalidInput, NinjaError, NotFound
from .context import Context

__all__ = ["Match", "client_label", "resolve_category", "resolve_client",
           "resolve_client_and_project", "resolve_document", "resolve_project",
           "resolve_vendor"]

_ALL = "active,archived,deleted"


@dataclass(frozen=True)
class Match:
    """The record found (or created) for an id or a name: a client, vendor, category or
    project."""

    record: dict[str, Any]
    created: bool = False

    @property
    def id(self) -> str:
        return str(self.record["id"])

    @property
    def name(self) -> str:
        return client_label(self.record)


def client_label(record: dict[str, Any]) -> str:
    """The name a person knows a client by: its name, else its first contact's name or e-mail."""
    if str(record.get("name") or "").strip():
        return str(record["name"]).strip()
    for contact in record.get("contacts") or []:
        name = " ".join(filter(None, (contact.get("first_name"), contact.get("last_name"))))
        if name.strip() or contact.get("email"):
            return str(name.strip() or contact["email"])
    return str(record.get("id") or "")


def _emails(record: dict[str, Any]) -> set[str]:
    return {str(c.get("email") or "").strip().casefold()
            for c in record.get("contacts") or [] if c.get("email")}


def _candidates(rows: list[dict[str, Any]], wanted: str) -> list[dict[str, Any]]:
    """Clients whose contact e-mail equals ``wanted``; else whose name equals it (any case)."""
    live = [r for r in rows if not r.get("is_deleted")]
    key = wanted.strip().casefold()
    by_email = [r for r in live if key in _emails(r)]
    if by_email:
        return by_email
    return [r for r in live if str(r.get("name") or "").strip().casefold() == key]


def _describe(record: dict[str, Any]) -> str:
    emails = sorted(_emails(record))
    extra = f", {emails[0]}" if emails else ""
    archived = ", archived" if record.get("archived_at") else ""
    return f"{client_label(record)} (id {record.get('id')}{extra}{archived})"


def _nearest(rows: list[dict[str, Any]], wanted: str) -> list[str]:
    names = {client_label(r) for r in rows if not r.get("is_deleted")}
    folded = {n.casefold(): n for n in names}
    key = wanted.strip().casefold()
    close = [folded[n] for n in difflib.get_close_matches(key, list(folded), n=3, cutoff=0.5)]
    close += sorted(n for f, n in folded.items() if key and key in f and n not in close)
    return close[:5]


async def resolve_client(
    ctx: Context, *, client_id: str | None = None, client: str | None = None,
    create_if_missing: bool = False, field: str = "client",
) -> Match:
    """The client meant by ``client_id`` (a hashed id) or ``client`` (a name or an e-mail).

    ``client`` matches the exact e-mail of any contact first, then the name in any case;
    deleted clients never match. No match raises ``NotFound`` naming the nearest names, two or
    more raise ``InvalidInput`` listing them; with ``create_if_missing`` a new client is created
    with that name (or with one contact of that e-mail) instead. ``field`` names the input field
    in errors.
    """
    if client_id:
        body = await ctx.client.get(api_path("clients/{id}", id=client_id))
        record = body.get("data") if isinstance(body, dict) else None
        if not isinstance(record, dict):
            raise NotFound(f"No client with id '{client_id}'.", status=400, entity="client",
                           record_id=client_id, hint="find_clients lists clients and their ids.")
        if record.get("is_deleted"):
            raise NinjaError(f"The client {client_label(record)} ({client_id}) is deleted.",
                             hint="Restore it with restore_clients, or pick another client.")
        return Match(record)
    wanted = (client or "").strip()
    if not wanted:
        raise InvalidInput("Give client_id or client (a name or an e-mail).",
                           field_errors={field: ["give a client name, e-mail or client_id"]})
    found = _candidates(await ctx.rows("clients"), wanted)
    if not found:
        ctx.forget("clients")  # the cache may predate a client created elsewhere
        rows = await ctx.rows("clients")
        found = _candidates(rows, wanted)
    else:
        rows = []
    if len(found) == 1:
        return Match(found[0])
    if len(found) > 1:
        listed = "; ".join(_describe(r) for r in found[:10])
        raise InvalidInput(
            f"{len(found)} clients match '{wanted}': {listed}.",
            field_errors={field: [f"matches {len(found)} clients"]},
            hint="Pass client_id with the id of the one you mean.")
    if create_if_missing:
        return Match(await _create_client(ctx, wanted), created=True)
    near = _nearest(rows, wanted)
    raise NotFound(
        f"No client named or with the e-mail '{wanted}'."
        + (f" Did you mean {', '.join(near)}?" if near else ""),
        status=400, entity="client",
        hint="Use the exact name or a contact's e-mail, find_clients to search, or "
             "create_client_if_missing to create it.")


async def _create_client(ctx: Context, wanted: str) -> dict[str, Any]:
    body: dict[str, Any] = ({"name": "", "contacts": [{"email": wanted}]} if "@" in wanted
                            else {"name": wanted})
    answer = await ctx.client.post("clients", body)
    ctx.forget("clients")
    record = answer.get("data") if isinstance(answer, dict) else None
    if not isinstance(record, dict):
        raise NinjaError(f"Invoice Ninja did not return the new client '{wanted}'.",
                         hint="Check with find_clients before trying again.")
    return record


async def resolve_document(
    ctx: Context, path: str, *, id: str | None = None, number: str | None = None,
) -> dict[str, Any]:
    """The invoice, quote, credit... (``path`` = ``invoices``...) with this id or number.

    By number, a live record wins over an archived one, and an archived one over a deleted one.
    """
    noun = path.rstrip("s").replace("_", " ")
    if id:
        body = await ctx.client.get(api_path(path + "/{id}", id=id))
        record = body.get("data") if isinstance(body, dict) else None
        if isinstance(record, dict):
            return record
        raise NotFound(f"No {noun} with id '{id}'.", status=400, entity=noun, record_id=id)
    wanted = (number or "").strip()
    page = await ctx.client.list_page(path, {"number": wanted, "status": _ALL}, per_page=50)
    rows = [r for r in page.items if str(r.get("number") or "") == wanted]
    if not rows:
        raise NotFound(f"No {noun} numbered '{wanted}'.", status=400, entity=noun,
                       hint=f"list_{path} with search= finds {noun}s by part of the number.")
    rows.sort(key=lambda r: (bool(r.get("is_deleted")), bool(r.get("archived_at"))))
    return rows[0]


# -- vendors, expense categories, projects ----------------------------------------------------



@dataclass(frozen=True)
class _Kind:
    path: str
    noun: str
    creatable: bool


_VENDOR = _Kind("vendors", "vendor", True)
_CATEGORY = _Kind("expense_categories", "expense category", True)
_PROJECT = _Kind("projects", "project", False)


def _named(rows: list[dict[str, Any]], wanted: str, client_id: str | None,
           ) -> list[dict[str, Any]]:
    """Live rows with a contact e-mail equal to ``wanted``, else with that name (any case)."""
    live = [r for r in rows if not r.get("is_deleted")
            and (client_id is None or r.get("client_id") == client_id)]
    key = wanted.strip().casefold()
    by_email = [r for r in live if key in _emails(r)]
    if by_email:
        return by_email
    return [r for r in live if str(r.get("name") or "").strip().casefold() == key]


async def _resolve_named(
    ctx: Context, kind: _Kind, *, record_id: str | None, name: str | None,
    create_if_missing: bool, field: str, client_id: str | None = None,
) -> Match:
    if record_id:
        body = await ctx.client.get(api_path(kind.path + "/{id}", id=record_id))
        record = body.get("data") if isinstance(body, dict) else None
        if not isinstance(record, dict):
            raise NotFound(f"No {kind.noun} with id '{record_id}'.", status=400,
                           entity=kind.noun, record_id=record_id,
                           hint=f"list_{kind.path} lists them and their ids.")
        if record.get("is_deleted"):
            raise NinjaError(f"The {kind.noun} {client_label(record)} ({record_id}) is deleted.",
                             hint=f"Restore it with restore_{kind.path}, or pick another one.")
        return Match(record)
    wanted = (name or "").strip()
    if not wanted:
        raise InvalidInput(f"Give the {kind.noun}'s name or its id.",
                           field_errors={field: [f"give a {kind.noun} name or id"]})
    found = _named(await ctx.rows(kind.path), wanted, client_id)
    rows: list[dict[str, Any]] = []
    if not found:
        ctx.forget(kind.path)  # the cache may predate a record created elsewhere
        rows = await ctx.rows(kind.path)
        found = _named(rows, wanted, client_id)
    if len(found) == 1:
        return Match(found[0])
    if len(found) > 1:
        listed = "; ".join(f"{client_label(r)} (id {r.get('id')})" for r in found[:10])
        raise InvalidInput(f"{len(found)} {kind.path.replace('_', ' ')} match '{wanted}': "
                           f"{listed}.", field_errors={field: [f"matches {len(found)}"]},
                           hint=f"Pass {field}_id with the id of the one you mean.")
    if create_if_missing and kind.creatable:
        answer = await ctx.client.post(kind.path, {"name": wanted})
        ctx.forget(kind.path)
        record = answer.get("data") if isinstance(answer, dict) else None
        if not isinstance(record, dict):
            raise NinjaError(f"Invoice Ninja did not return the new {kind.noun} '{wanted}'.",
                             hint=f"Check with list_{kind.path} before trying again.")
        return Match(record, created=True)
    near = _nearest([r for r in rows if client_id is None or r.get("client_id") == client_id],
                    wanted)
    where = " for that client" if client_id else ""
    raise NotFound(
        f"No {kind.noun} named '{wanted}'{where}."
        + (f" Did you mean {', '.join(near)}?" if near else ""),
        status=400, entity=kind.noun,
        hint=f"Use the exact name, list_{kind.path} to see them"
        + (", or create_missing to create it." if kind.creatable else "."))


async def resolve_vendor(
    ctx: Context, *, vendor_id: str | None = None, vendor: str | None = None,
    create_if_missing: bool = False, field: str = "vendor",
) -> Match:
    """The vendor meant by ``vendor_id`` or ``vendor`` (a name or a contact's e-mail, any
    case); ``create_if_missing`` creates one with that name when nothing matches."""
    return await _resolve_named(ctx, _VENDOR, record_id=vendor_id, name=vendor,
                                create_if_missing=create_if_missing, field=field)


async def resolve_category(
    ctx: Context, *, category_id: str | None = None, category: str | None = None,
    create_if_missing: bool = False, field: str = "category",
) -> Match:
    """The expense category meant by ``category_id`` or ``category`` (a name, any case);
    ``create_if_missing`` creates it when nothing matches."""
    return await _resolve_named(ctx, _CATEGORY, record_id=category_id, name=category,
                                create_if_missing=create_if_missing, field=field)


async def resolve_project(
    ctx: Context, *, project_id: str | None = None, project: str | None = None,
    client_id: str | None = None, field: str = "project",
) -> Match:
    """The project meant by ``project_id`` or ``project`` (a name, any case), among
    ``client_id``'s projects when given. Projects are never created here: they need a client."""
    return await _resolve_named(ctx, _PROJECT, record_id=project_id, name=project,
                                create_if_missing=False, field=field, client_id=client_id)


async def resolve_client_and_project(
    ctx: Context, *, client: str | None = None, client_id: str | None = None,
    project: str | None = None, project_id: str | None = None,
) -> tuple[str | None, Match | None]:
    """The client id and project meant, checked against each other (a project named in words
    is looked for among the client's); without a client, the project's client. Reads only."""
    chosen = client_id
    if client is not None or client_id is not None:
        chosen = (await resolve_client(ctx, client_id=client_id, client=client)).id
    if project is None and project_id is None:
        return chosen, None
    found = await resolve_project(ctx, project_id=project_id, project=project,
                                  client_id=chosen if project is not None else None)
    owner = str(found.record.get("client_id") or "") or None
    if chosen and owner and owner != chosen:
        raise NinjaError(f"The project {found.name} belongs to another client.",
                         hint="Leave out the client, or pick a project of that client.")
    return chosen or owner, found
