"""Tool schemas as sent: an action's pydantic JSON schema, made lean for a model's context.

Pure functions on JSON data; no MCP import. A lean schema keeps every property, its type,
enum, default, description, required list and ``additionalProperties: false``; it drops what a
model does not need to choose arguments and what ``Toolbox.validate`` enforces anyway, with an
error that names the field:

- pydantic's ``title`` on every node (the property name says it);
- ``anyOf: [X, {"type": "null"}]`` with ``default: null``: an optional field is simply left out,
  so it becomes ``X``;
- size limits (``maxLength``, ``minLength``, ``pattern``, and caps of 200 or more), which are
  sanity bounds rather than meaning.
"""

from __future__ import annotations

from typing import Any

__all__ = ["lean_schema"]

_DROPPED = frozenset({"title", "maxLength", "minLength", "pattern"})
_CAPS = frozenset({"maximum", "maxItems"})
_NULL = {"type": "null"}


def _collapse_nullable(node: dict[str, Any]) -> dict[str, Any]:
    """``{"anyOf": [X, null], "default": null, ...}`` -> ``{**X, ...}`` (outer keys win)."""
    branches = node.get("anyOf")
    if not isinstance(branches, list) or _NULL not in branches:
        return node
    kept = [b for b in branches if b != _NULL]
    if len(kept) != 1 or not isinstance(kept[0], dict):
        return node
    outer = {k: v for k, v in node.items() if k != "anyOf"}
    if "default" in outer and outer["default"] is None:
        del outer["default"]
    inner = dict(kept[0])
    if "description" in outer:
        inner.pop("description", None)
    return {**inner, **outer}


def _dropped(key: str, value: Any) -> bool:
    if key in _DROPPED:
        return not isinstance(value, dict)
    return key in _CAPS and isinstance(value, int | float) and value >= 200


def _lean(node: Any) -> Any:
    if isinstance(node, list):
        return [_lean(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = _collapse_nullable(node)
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("properties", "$defs") and isinstance(value, dict):
            out[key] = {name: _lean(sub) for name, sub in value.items()}
        elif not _dropped(key, value):
            out[key] = _lean(value)
    return out


def lean_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema a model sees for an action's input (or output), as the module docstring
    says."""
    lean: dict[str, Any] = _lean(schema)
    lean["type"] = "object"
    lean.setdefault("properties", {})
    return lean
