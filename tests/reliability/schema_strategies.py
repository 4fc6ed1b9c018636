"""Hypothesis strategies from a tool's JSON input schema: arguments that fit the schema, and
arguments that break it in exactly one place, each tagged with which it is.

The schemas are the lean ones tools/list sends (``type``, ``properties``, ``required``,
``additionalProperties``, ``items``, ``enum``, bounds, ``$ref`` into ``$defs``). Fitting
arguments may still be refused (the Toolbox checks more than the schema says: lengths, formats,
which fields go together), but broken ones must be refused, before anything is sent. A broken
value is one no lax conversion can rescue: a list or an object where a scalar belongs, a word
where a number belongs, a number where a list or an object belongs (a comma-separated text is
a list to the Toolbox, by design).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from typing import Any

from hypothesis import strategies as st

__all__ = ["Arguments", "SchemaStrategies"]

Node = dict[str, Any]

#: Some strings that mean something to the sandbox, mixed with arbitrary text.
_WORDS = ("0001", "0002", "Acme", "Globex", "2026-03-16", "USD", "active", "")
_SCALAR = st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(max_size=8)
_UNKNOWN = "zz_not_a_field"
_BAD_WORD = "not-a-number"
_BAD_CHOICE = "not-one-of-the-choices"


@dataclass(frozen=True)
class Arguments:
    """Generated arguments and whether they fit the schema (and how they break it if not)."""

    values: dict[str, Any]
    fits: bool
    broken: str = ""


def _types(node: Node) -> set[str]:
    kind = node.get("type")
    if isinstance(kind, list):
        return set(kind)
    found = {kind} if isinstance(kind, str) else set()
    return found | ({"object"} if "properties" in node else set())


#: Values of one JSON shape, and the types that can never take them (lax conversion included).
_WRONG: tuple[tuple[st.SearchStrategy[Any], frozenset[str]], ...] = (
    (st.lists(st.integers(0, 9), min_size=1, max_size=2),
     frozenset({"string", "integer", "number", "boolean", "object"})),
    (st.dictionaries(st.sampled_from("ab"), st.integers(0, 9), min_size=1, max_size=2),
     frozenset({"string", "integer", "number", "boolean", "array"})),
    # not "array": the Toolbox takes "a,b" for ["a", "b"] (chat users and models send both)
    (st.just(_BAD_WORD), frozenset({"integer", "number", "boolean", "object"})),
    (st.integers(2, 9), frozenset({"string", "boolean", "array", "object"})),
)


def _wrong(types: set[str]) -> list[st.SearchStrategy[Any]]:
    """Strategies of values that none of ``types`` accepts."""
    if not types or "null" in types:
        return []
    return [values for values, never in _WRONG if types <= never]


def _without(args: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in args.items() if k != name}


def _setting(pair: tuple[dict[str, Any], Any], name: str) -> dict[str, Any]:
    return {**pair[0], name: pair[1]}


def _unknown(args: dict[str, Any]) -> dict[str, Any]:
    return {**args, _UNKNOWN: 1}


def _tagged(values: dict[str, Any], how: str) -> Arguments:
    return Arguments(values, fits=not how, broken=how)


class SchemaStrategies:
    """Strategies for one tool's input schema (``root``, the whole ``inputSchema``)."""

    def __init__(self, root: Node) -> None:
        self.root = root
        self.defs: dict[str, Node] = root.get("$defs", {})

    def resolve(self, node: Node) -> Node:
        """``node`` with any ``$ref`` replaced by its definition (sibling keys win)."""
        while "$ref" in node:
            target = self.defs[str(node["$ref"]).rsplit("/", 1)[-1]]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    # -- fitting ---------------------------------------------------------------------------

    def fitting(self, node: Node, depth: int = 0) -> st.SearchStrategy[Any]:
        node = self.resolve(node)
        if "enum" in node:
            return st.sampled_from(node["enum"])
        types = _types(node)
        if "object" in types or "properties" in node:
            return self._object(node, depth)
        if "array" in types:
            low = int(node.get("minItems", 0))
            high = min(int(node.get("maxItems", low + 2)), low + 2)
            return st.lists(self.fitting(node.get("items", {}), depth + 1), min_size=low,
                            max_size=high)
        if "integer" in types:
            return st.integers(*self._bounds(node, integer=True))
        if "number" in types:
            low, high = self._bounds(node, integer=False)
            exclusive = "exclusiveMinimum" in node
            whole = st.integers(math.floor(low) + 1 if exclusive else math.ceil(low),
                                math.floor(high))
            return whole | st.floats(low, high, allow_nan=False, allow_infinity=False,
                                     exclude_min=exclusive)
        if "boolean" in types:
            return st.booleans()
        if "string" in types:
            return st.sampled_from(_WORDS) | st.text(max_size=16)
        return _SCALAR

    def _bounds(self, node: Node, *, integer: bool) -> tuple[Any, Any]:
        low = node.get("minimum", -1000)
        if "exclusiveMinimum" in node:
            low = node["exclusiveMinimum"] + (1 if integer else 0)
        high = node.get("maximum", max(low, 0) + 10_000)
        return low, high

    def _object(self, node: Node, depth: int) -> st.SearchStrategy[dict[str, Any]]:
        properties: dict[str, Node] = node.get("properties", {})
        required = set(node.get("required", []))
        extra = node.get("additionalProperties", True)
        if depth > 4:  # keep nested records small: only what they must have
            properties = {k: v for k, v in properties.items() if k in required}
        fixed = st.fixed_dictionaries(
            {k: self.fitting(v, depth + 1) for k, v in properties.items() if k in required},
            optional={k: self.fitting(v, depth + 1) for k, v in properties.items()
                      if k not in required})
        if extra is False or properties:
            return fixed
        values = self.fitting(extra, depth + 1) if isinstance(extra, dict) else _SCALAR
        return st.dictionaries(st.text(min_size=1, max_size=8), values, max_size=3)

    # -- broken ----------------------------------------------------------------------------

    def _breakings(self) -> list[tuple[str, st.SearchStrategy[dict[str, Any]]]]:
        """Every way to break the top level once: (how, strategy)."""
        base = self._object(self.root, 0)
        ways: list[tuple[str, st.SearchStrategy[dict[str, Any]]]] = []
        if self.root.get("additionalProperties") is False:
            ways.append(("unknown field", base.map(_unknown)))
        for name in self.root.get("required", []):
            ways.append((f"no {name}", base.map(partial(_without, name=name))))
        for name, raw in self.root.get("properties", {}).items():
            bad = self._bad_values(self.resolve(raw))
            if bad:
                ways.append((f"bad {name}", st.tuples(base, st.one_of(bad)).map(
                    partial(_setting, name=name))))
        return ways

    def _bad_values(self, node: Node) -> list[st.SearchStrategy[Any]]:
        """Values the property can never take (none when the schema does not say enough)."""
        types = _types(node)
        found = _wrong(types)
        if "enum" in node and all(isinstance(v, str) for v in node["enum"]):
            found.append(st.just(_BAD_CHOICE))
        if "minimum" in node and types & {"integer", "number"}:
            found.append(st.just(node["minimum"] - 1))
        if "exclusiveMinimum" in node:
            found.append(st.just(node["exclusiveMinimum"]))
        if int(node.get("minItems", 0)) >= 1:
            found.append(st.just([]))
        return found

    def arguments(self) -> st.SearchStrategy[Arguments]:
        """Fitting and broken arguments, mixed (fitting ones have ``fits`` set)."""
        ways = [st.builds(_tagged, strategy, st.just(how)) for how, strategy in
                self._breakings()]
        fitting = st.builds(_tagged, self._object(self.root, 0), st.just(""))
        return fitting | st.one_of(ways) if ways else fitting
