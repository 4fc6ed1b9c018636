"""The words people use for Invoice Ninja's entities, read from the catalog. Pure, no I/O.

``quotes`` lists quotes, ``quote 0002`` shows one, ``pdf quote 0002`` fetches its PDF:
which of those exist, which fields their actions take and which statuses a list knows all
come from the actions' own names and input schemas, so new catalog actions need no change here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from ninja_tools.actions import Action
from ninja_tools.resources import RESOURCES

__all__ = ["Entity", "Vocabulary"]

#: Extra words for an entity's list, beyond its singular and plural names.
_ALIASES = {"recurring": "recurring_invoice"}


@cache
def _properties(model: type[BaseModel]) -> dict[str, Any]:
    """An input model's JSON-schema properties (built once per model: it is not cheap)."""
    properties: dict[str, Any] = model.model_json_schema().get("properties", {})
    return properties


def _choices(action: Action | None, field: str) -> tuple[str, ...]:
    """The enum values a (list of) choice field accepts, from the input's JSON schema."""
    if action is None:
        return ()
    prop: dict[str, Any] = _properties(action.input).get(field, {})
    for option in [prop, *prop.get("anyOf", [])]:
        found = option.get("enum") or option.get("items", {}).get("enum")
        if found:
            return tuple(str(v) for v in found if v != "all")
    return ()


@dataclass(frozen=True)
class Entity:
    """One kind of record, as the grammar needs it."""

    singular: str
    plural: str
    list_fields: frozenset[str]
    statuses: tuple[str, ...]

    @property
    def label(self) -> str:
        """How people write it: ``purchase order``."""
        return self.singular.replace("_", " ")

    @property
    def plural_label(self) -> str:
        return self.plural.replace("_", " ")

    @property
    def list_action(self) -> str:
        return f"list_{self.plural}"

    @property
    def get_action(self) -> str:
        return f"get_{self.singular}"


class Vocabulary:
    """Entity words and action fields of one catalog.

    Usage:
        words = Vocabulary(toolbox.actions())
        entity, plural = words.entity("quotes")        # (Entity(quote), True)
    """

    def __init__(self, actions: Iterable[Action]) -> None:
        self.actions = {a.name: a for a in actions}
        self.entities: dict[str, Entity] = {}
        self._words: dict[str, tuple[Entity, bool]] = {}
        for res in RESOURCES:
            listing = self.actions.get(f"list_{res.plural}")
            if listing is None:
                continue
            entity = Entity(res.singular, res.plural, frozenset(listing.input.model_fields),
                            _choices(listing, "client_status") or _choices(listing, "status"))
            self.entities[res.singular] = entity
            for word, plural in ((res.plural, True), (res.singular, False)):
                self._words[word] = (entity, plural)
                self._words[word.replace("_", "-")] = (entity, plural)
                self._words[word.replace("_", "")] = (entity, plural)
        for word, singular in _ALIASES.items():
            if singular in self.entities:
                self._words[word] = (self.entities[singular], True)

    def entity(self, word: str) -> tuple[Entity, bool] | None:
        """The entity a word names, and whether it was the plural (a list)."""
        return self._words.get(word.lower())

    def words(self) -> list[str]:
        return sorted(self._words)

    def has(self, name: str) -> bool:
        return name in self.actions

    def choices(self, name: str, field: str) -> tuple[str, ...]:
        """The values a choice field of an action accepts (``all`` left out)."""
        return _choices(self.actions.get(name), field)

    def fields(self, name: str) -> frozenset[str]:
        """The input fields of an action (empty when there is no such action)."""
        action = self.actions.get(name)
        return frozenset(action.input.model_fields) if action else frozenset()
