"""Reading the record out of an Invoice Ninja answer and shaping it with the shared lookups.

Hand-written actions read records back after they write; these two helpers keep that short.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .. import present
from ..errors import ProtocolError
from .context import Context

__all__ = ["data_of", "shaped"]


def data_of(body: Any, what: str) -> dict[str, Any]:
    """The ``data`` object of an item answer; a ``ProtocolError`` when there is none."""
    record = body.get("data") if isinstance(body, dict) else None
    if not isinstance(record, dict):
        raise ProtocolError(f"Invoice Ninja answered {what} without the record.",
                            hint="Read the record back with its get action to see what happened.")
    return record


async def shaped(ctx: Context, kind: str, record: dict[str, Any]) -> BaseModel:
    """``record`` as its ``present`` model, with client (and vendor) names filled in."""
    lookups = await ctx.lookups(clients=kind not in ("product", "vendor"),
                                vendors=kind in ("expense", "purchase_order"))
    return present.shape(kind, record, lookups, detail=True)
