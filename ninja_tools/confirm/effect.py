"""A call's effect, read once from the server and re-checked; imports no mcp, slack, adapters.

``describe`` reads every target (counting what hangs off a purged or merged record) and words
the question; ``recheck`` reads them again after the human said yes and names what changed.
Only reads: nothing here writes to Invoice Ninja.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import anyio

from .. import present
from ..actions.context import Context
from ..errors import NinjaError, NotFound
from ..toolbox import Call
from .targets import Named, Snapshot, named, resource_of, snapshot
from .wording import label, word

__all__ = ["Effect", "describe", "recheck"]


@dataclass(frozen=True)
class Effect:
    """What a call would do, as read when the question was built."""

    question: str
    details: tuple[str, ...]
    name: str
    targets: tuple[Snapshot, ...]
    labels: tuple[str, ...]


def _counts_children(call: Call, target: Named) -> bool:
    path = call.action.route.path
    return path.endswith("/purge") or (path.endswith("/merge") and target.role == "merged")


async def _lookups(ctx: Context, kinds: set[str]) -> present.Lookups:
    """Client and vendor names for the labels; plain labels when the token may not list them."""
    try:
        return await ctx.lookups(clients=True, vendors=bool(
            kinds & {"expense", "purchase_order", "recurring_expense"}))
    except NinjaError:
        return present.Lookups()


async def _read_all(ctx: Context, call: Call, targets: Sequence[Named]) -> list[Snapshot]:
    found: dict[int, Snapshot] = {}
    errors: list[NinjaError] = []

    async def one(index: int, target: Named) -> None:
        try:
            found[index] = await snapshot(ctx, target, count=_counts_children(call, target))
        except NinjaError as exc:
            errors.append(exc)

    async with anyio.create_task_group() as group:
        for index, target in enumerate(targets):
            group.start_soon(one, index, target)
    if errors:
        raise errors[0]
    return [found[i] for i in range(len(targets))]


async def describe(ctx: Context, call: Call) -> Effect:
    """Read the call's targets now and word the question; ``NotFound`` names a missing one."""
    snaps = await _read_all(ctx, call, named(call.action, call.params))
    lookups = await _lookups(ctx, {s.res.singular for s in snaps})
    wording = word(call.action, resource_of(call.action), snaps, lookups, call.params)
    return Effect(question=wording.question, details=wording.details, name=wording.name,
                  targets=tuple(snaps), labels=tuple(label(s, lookups) for s in snaps))


async def recheck(ctx: Context, call: Call, effect: Effect) -> str | None:
    """``None`` when every target is as it was; else a sentence naming the first change."""
    for snap, shown in zip(effect.targets, effect.labels, strict=True):
        if snap.record is None:
            continue
        try:
            now = await snapshot(ctx, Named(snap.res, id=snap.id, role=snap.role),
                                 count=bool(snap.counts))
        except NotFound:
            return f"{shown} no longer exists"
        if now.fingerprint != snap.fingerprint:
            return f"{shown} changed after the question was asked"
    return None

