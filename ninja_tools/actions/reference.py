"""Invoice Ninja's reference lists (currencies, countries, payment types...), one part at a time.

``GET statics`` answers every list at once, large; the action returns the part asked for, each
entry as id, name and the one or two fields that identify it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from ..errors import NotFound
from .base import Action, ActionInput, Route
from .context import Context

__all__ = ["ACTIONS"]

Part = Literal["currencies", "countries", "payment_types", "languages", "timezones",
               "date_formats", "datetime_formats", "industries", "sizes", "gateways"]


class GetReferenceDataInput(ActionInput):
    part: Part = Field(default="currencies", description="Which list")
    search: str | None = Field(default=None, max_length=100,
                               description="Only entries whose name or code contains this text")


class ReferenceItem(BaseModel):
    """One entry: ``id`` is what Invoice Ninja's ``*_id`` fields take."""

    id: str
    name: str
    code: str | None = Field(default=None, description="Currency code, country ISO code, "
                             "language locale")
    symbol: str | None = None
    detail: str | None = None


class ReferenceData(BaseModel):
    """One of Invoice Ninja's reference lists, compact."""

    part: str
    count: int
    items: list[ReferenceItem]


def _text(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _item(part: str, row: dict[str, Any]) -> ReferenceItem:
    name = _text(row.get("name")) or _text(row.get("format")) or str(row.get("id"))
    code = None if part == "timezones" else (
        _text(row.get("code")) or _text(row.get("iso_3166_2")) or _text(row.get("locale"))
        or _text(row.get("key")))
    detail = (_text(row.get("location")) or _text(row.get("format_moment"))
              or _text(row.get("currency_code")))
    return ReferenceItem(id=str(row.get("id") or ""), name=name, code=code,
                         symbol=_text(row.get("symbol")) if part == "currencies" else None,
                         detail=detail)


async def _reference(ctx: Context, args: GetReferenceDataInput) -> ReferenceData:
    rows = (await ctx.statics()).get(args.part)
    if not isinstance(rows, list):
        raise NotFound(f"This Invoice Ninja has no {args.part} list in its reference data.",
                       status=400, hint="Pick another part; currencies and countries are always "
                       "there.")
    items = [_item(args.part, r) for r in rows if isinstance(r, dict)]
    if args.search:
        needle = args.search.casefold()
        items = [i for i in items if any(needle in (v or "").casefold()
                                         for v in (i.name, i.code, i.detail))]
    return ReferenceData(part=args.part, count=len(items), items=items)


ACTIONS: list[Action] = [
    Action(
        name="get_reference_data", title="Get reference data",
        description="List one of Invoice Ninja's reference lists (currencies, countries, payment "
        "types, languages, timezones...) with the ids its records use. Use it to turn a "
        "currency code or payment type name into the id other actions need.",
        input=GetReferenceDataInput, output=ReferenceData, risk="read", permission="any",
        toolset="settings", route=Route("GET", "statics"), run=_reference,
    ),
]
