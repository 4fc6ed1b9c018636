"""Turns the records people name (``0042``, ``Globex``) into the ids actions take, via the core.

Each ``Ref`` of a parsed command becomes one read through ``Toolbox.run`` with the asking
user's principal (so the policy sees it): a document by its exact number, a client by its
number or by (part of) its name. Several matches are refused with their names, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ninja_tools import NinjaError, Toolbox
from ninja_tools.policy import Principal
from ninja_tools.present import dump

from . import texts
from .entities import Vocabulary
from .grammar import Ref

__all__ = ["resolve"]

_HASHED_ID = re.compile(r"^[A-Za-z0-9_-]{6,64}$")
_SHOWN = 5


def _label(item: Mapping[str, Any]) -> str:
    return str(item.get("name") or item.get("number") or item.get("product_key")
               or item.get("id"))


def _exact(items: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    wanted = text.casefold()
    return [i for i in items if wanted in {str(i.get(k) or "").casefold()
                                           for k in ("number", "name", "product_key")}]


async def _client(toolbox: Toolbox, ref: Ref, principal: Principal) -> list[dict[str, Any]]:
    by = "number" if ref.text.isdigit() else "name"
    page = await toolbox.run("find_clients", {by: ref.text, "include_archived": True,
                                              "per_page": 20}, principal)
    return list(dump(page).get("items") or [])


async def _record(toolbox: Toolbox, ref: Ref, principal: Principal,
                  words: Vocabulary) -> list[dict[str, Any]]:
    entity = words.entities.get(ref.entity)
    if entity is None:
        raise NinjaError(texts.NOT_FOUND_NAME.format(what=ref.entity, text=ref.text))
    by = "number" if "number" in entity.list_fields else "filter"
    page = await toolbox.run(entity.list_action, {by: ref.text, "include_archived": True,
                                                  "per_page": 20}, principal)
    return list(dump(page).get("items") or [])


async def _one(toolbox: Toolbox, ref: Ref, principal: Principal, words: Vocabulary) -> str:
    what = ref.entity.replace("_", " ")
    if ref.entity == "client":
        items = await _client(toolbox, ref, principal)
    else:
        items = await _record(toolbox, ref, principal, words)
    if len(items) > 1:
        items = _exact(items, ref.text) or items
    if len(items) == 1:
        return str(items[0]["id"])
    if not items:
        if _HASHED_ID.match(ref.text) and not ref.text.isdigit() and ref.entity != "client":
            return ref.text  # a hashed id given as is; the action says if it is unknown
        if ref.text.isdigit() or ref.entity != "client":
            raise NinjaError(texts.NOT_FOUND_NUMBER.format(what=what, number=ref.text))
        raise NinjaError(texts.NOT_FOUND_NAME.format(what=what, text=ref.text))
    names = ", ".join(_label(i) for i in items[:_SHOWN]) + (" …" if len(items) > _SHOWN else "")
    raise NinjaError(texts.MANY_FOUND.format(what=what, text=ref.text, names=names))


async def resolve(args: Mapping[str, Any], toolbox: Toolbox, principal: Principal,
                  words: Vocabulary) -> dict[str, Any]:
    """``args`` with every ``Ref`` (alone or in a list) replaced by the record's id."""
    found: dict[str, Any] = {}
    for key, value in args.items():
        if isinstance(value, Ref):
            found[key] = await _one(toolbox, value, principal, words)
        elif isinstance(value, list) and any(isinstance(v, Ref) for v in value):
            found[key] = [await _one(toolbox, v, principal, words) if isinstance(v, Ref) else v
                          for v in value]
        else:
            found[key] = value
    return found
