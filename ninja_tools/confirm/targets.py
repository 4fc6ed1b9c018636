"""Which records a call would change, and their fingerprints; imports no mcp, slack, adapters.

Read from the action's metadata only (its route and its input's field names): ``ids``, ``id``
and ``mergeable_id``, a JSON ``body`` with an ``id``, or a ``number`` looked up in the route's
resource. A fingerprint of each record (``updated_at`` plus amount, balance, status and name,
and for purges and merges how many records hang off it) lets the desk tell whether a target
changed between the question and the yes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import anyio
from pydantic import BaseModel

from ..actions.base import Action
from ..actions.context import Context
from ..client import api_path
from ..errors import NinjaError, NotFound
from ..resources import RESOURCES, Resource, resource

__all__ = ["Named", "Snapshot", "children_of", "fingerprint", "named", "read", "readable",
           "resource_of", "snapshot"]

_ALL = "active,archived,deleted"
#: Fields whose change means the human was shown something else than what would happen.
_WATCHED = ("updated_at", "amount", "balance", "paid_to_date", "status_id", "name", "number",
            "is_deleted", "archived_at")


@dataclass(frozen=True)
class Named:
    """A record a call names, before it is read: by ``id``, or by ``number`` to look up.

    ``role`` is ``keep`` or ``merged`` for the two records of a merge, else empty.
    """

    res: Resource
    id: str = ""
    number: str = ""
    role: str = ""


@dataclass(frozen=True)
class Snapshot:
    """One target as read when the question was built: enough to word it and to re-check it.

    ``record`` is ``None`` when the resource cannot be read without the password (users).
    """

    res: Resource
    id: str
    role: str
    record: Mapping[str, Any] | None
    counts: tuple[tuple[str, int], ...] = ()

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.record, self.counts)


def resource_of(action: Action) -> Resource | None:
    try:
        return resource(action.route.path.split("/", 1)[0])
    except KeyError:
        return None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def named(action: Action, params: BaseModel) -> list[Named]:
    """The records ``params`` name for ``action``, in the order given (no server call)."""
    res = resource_of(action)
    if res is None:
        return []
    ids = getattr(params, "ids", None)
    if isinstance(ids, list) and ids:
        return [Named(res, id=str(i)) for i in dict.fromkeys(ids)]
    merge = action.route.path.endswith("/merge")
    found = []
    for field, role in (("id", "keep" if merge else ""), ("mergeable_id", "merged")):
        value = _text(getattr(params, field, None))
        if value:
            found.append(Named(res, id=value, role=role))
    if found:
        return found
    body = getattr(params, "body", None)
    if isinstance(body, dict) and _text(body.get("id")):
        return [Named(res, id=_text(body["id"]))]
    number = _text(getattr(params, "number", None))
    return [Named(res, number=number)] if number else []


def readable(res: Resource) -> bool:
    """Whether ``GET {path}/{id}`` exists and needs no password (users' does)."""
    return "show" in res.routes and "show" not in res.password_routes + res.withheld


async def _find_number(ctx: Context, res: Resource, number: str) -> str:
    page = await ctx.client.list_page(res.path, {"number": number, "status": _ALL}, per_page=5)
    for row in page.items:
        if str(row.get("number")) == number and row.get("id"):
            return str(row["id"])
    raise NotFound(f"No {res.singular.replace('_', ' ')} numbered {number!r} exists in this "
                   "company; nothing was done.", status=400, entity=res.singular,
                   hint=f"Check the number with list_{res.plural}.")


async def read(ctx: Context, res: Resource, record_id: str) -> dict[str, Any] | None:
    """The record as the server has it now; ``NotFound`` when it is gone."""
    if not readable(res):
        return None
    body = await ctx.client.get(api_path(res.path + "/{id}", id=record_id))
    record = body.get("data") if isinstance(body, dict) else None
    if not isinstance(record, dict):
        raise NotFound(f"No {res.singular.replace('_', ' ')} with id {record_id!r} exists.",
                       status=400, entity=res.singular, record_id=record_id)
    return record


def children_of(res: Resource) -> tuple[Resource, ...]:
    """The resources whose records name a client (or a vendor) and go with it in a purge or
    a merge: those whose lists filter by ``client_id`` (``vendor_id``)."""
    capability = {"clients": "client", "vendors": "vendor"}.get(res.path)
    return tuple(r for r in RESOURCES if capability and capability in r.capabilities)


async def _counts(ctx: Context, res: Resource, record_id: str) -> tuple[tuple[str, int], ...]:
    field = f"{res.singular}_id"
    found: dict[str, int] = {}

    async def count(child: Resource) -> None:
        try:
            page = await ctx.client.list_page(child.path, {field: record_id, "status": _ALL},
                                              per_page=1)
        except NinjaError:  # a list this token may not read: leave it out of the count
            return
        found[child.path] = page.total

    async with anyio.create_task_group() as group:
        for child in children_of(res):
            group.start_soon(count, child)
    return tuple((path, found[path]) for path in sorted(found))


async def snapshot(ctx: Context, target: Named, *, count: bool) -> Snapshot:
    """Read one named target (and, for purges and merges, how many records hang off it)."""
    record_id = target.id or await _find_number(ctx, target.res, target.number)
    record = await read(ctx, target.res, record_id)
    counts = await _counts(ctx, target.res, record_id) if count else ()
    return Snapshot(target.res, record_id, target.role, record, counts)


def fingerprint(record: Mapping[str, Any] | None, counts: tuple[tuple[str, int], ...] = (),
                ) -> str:
    """A short digest of what the human was shown about one record."""
    if record is None:
        return ""
    watched = {k: record.get(k) for k in _WATCHED if k in record}
    text = json.dumps([watched, list(counts)], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
