"""The catalog tools: find, describe and run any action the policy allows, and read where a
confirmation stands. Their definitions are plain JSON; their answers are plain data.

``run_action`` goes through exactly the same path as an action's own tool (validation, policy,
human confirmation), so it is annotated with the highest risk it can reach: destructive, or
read-only when the server runs read-only. ``confirmation_status`` only reads: nothing a model
can send completes a confirmation.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ninja_tools.actions.base import Action, Risk
from ninja_tools.errors import InvalidInput, PolicyDenied
from ninja_tools.resources import TOOLSETS

from .listing import annotations_for, description_for
from .schema import lean_schema

if TYPE_CHECKING:
    from .options import Options
    from .runtime import Runtime

__all__ = ["CATALOG_TOOLS", "catalog_tool_defs", "describe", "find", "run_arguments",
           "status_arguments"]

CATALOG_TOOLS = ("find_actions", "describe_action", "run_action", "confirmation_status")
_WAIT_MAX = 50


def catalog_tool_defs(options: Options) -> list[dict[str, Any]]:
    """The four catalog tools as wire JSON (``run_action``'s annotations follow read-only)."""
    local = annotations_for("read", open_world=False)
    run_risk: Risk = "read" if options.read_only else "destructive"
    return [
        {"name": "find_actions", "title": "Find actions",
         "description": "Search every Invoice Ninja action this server may run, beyond the "
         "tools listed here (expenses, vendors, projects, tasks, credits, recurring invoices, "
         "reports, settings...). Give words such as 'refund payment' and/or a toolset; with "
         "neither, it lists the toolsets. Then describe_action shows the arguments and "
         "run_action runs it.",
         "inputSchema": {"type": "object", "additionalProperties": False, "properties": {
             "query": {"type": "string", "description": "Words to look for in names, titles "
                       "and descriptions"},
             "toolset": {"type": "string", "enum": sorted(TOOLSETS),
                         "description": "Only this group"},
             "limit": {"type": "integer", "minimum": 1, "default": 20}}},
         "annotations": local},
        {"name": "describe_action", "title": "Describe an action",
         "description": "An action's description, risk, whether a human confirms it, and its "
         "input and output schemas, before running it with run_action.",
         "inputSchema": {"type": "object", "additionalProperties": False, "required": ["name"],
                         "properties": {"name": {"type": "string",
                                                 "description": "The action's name"}}},
         "annotations": local},
        {"name": "run_action", "title": "Run an action",
         "description": "Run any action by name with its arguments (describe_action shows "
         "them), with the same checks, permissions and human confirmation as its own tool.",
         "inputSchema": {"type": "object", "additionalProperties": False, "required": ["name"],
                         "properties": {
                             "name": {"type": "string", "description": "The action's name"},
                             "arguments": {"type": "object",
                                           "description": "The action's arguments"}}},
         "annotations": annotations_for(run_risk)},
        {"name": "confirmation_status", "title": "Check a confirmation",
         "description": "Where a pending confirmation stands (pending, done, refused, expired "
         "or failed) and, once done, the action's result. Only a human confirms, on the page "
         "or in the client; this only reads. wait_seconds waits for the answer.",
         "inputSchema": {"type": "object", "additionalProperties": False,
                         "required": ["confirmation_id"], "properties": {
                             "confirmation_id": {"type": "string"},
                             "wait_seconds": {"type": "integer", "minimum": 0,
                                              "maximum": _WAIT_MAX, "default": 0}}},
         "annotations": local},
    ]


def _invalid(tool: str, field: str, problem: str) -> InvalidInput:
    return InvalidInput(f"Invalid input for {tool}: {field}: {problem}.",
                        field_errors={field: [problem]},
                        hint=f"See {tool}'s input schema in tools/list.")


def _text(args: Mapping[str, Any], tool: str, field: str, *, required: bool) -> str:
    value = args.get(field)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _invalid(tool, field, "a non-empty string is required" if required
                       else "must be a string")
    return value.strip()


def _number(args: Mapping[str, Any], tool: str, field: str, default: int, low: int,
            high: int) -> int:
    value = args.get(field, default)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise _invalid(tool, field, "must be a whole number") from None
    if not low <= number <= high:
        raise _invalid(tool, field, f"must be between {low} and {high}")
    return number


def _unknown_keys(args: Mapping[str, Any], tool: str, allowed: set[str]) -> None:
    extra = sorted(set(args) - allowed)
    if extra:
        raise _invalid(tool, extra[0], "unknown field")


def run_arguments(args: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """``run_action``'s name and arguments (a JSON text for ``arguments`` is accepted too)."""
    _unknown_keys(args, "run_action", {"name", "arguments"})
    name = _text(args, "run_action", "name", required=True)
    arguments = args.get("arguments") or {}
    if isinstance(arguments, str):
        try:
            arguments = json.loads(arguments)
        except json.JSONDecodeError:
            raise _invalid("run_action", "arguments", "must be an object") from None
    if not isinstance(arguments, dict):
        raise _invalid("run_action", "arguments", "must be an object")
    return name, arguments


def status_arguments(args: Mapping[str, Any]) -> tuple[str, int]:
    _unknown_keys(args, "confirmation_status", {"confirmation_id", "wait_seconds"})
    return (_text(args, "confirmation_status", "confirmation_id", required=True),
            _number(args, "confirmation_status", "wait_seconds", 0, 0, _WAIT_MAX))


def _words(text: str) -> list[str]:
    words = text.lower().replace("_", " ").split()
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words]


def _score(action: Action, words: list[str]) -> int:
    name, title = action.name.replace("_", " "), action.title.lower()
    description = action.description.lower()
    score = 0
    for word in words:
        hit = 3 * (word in name) + 2 * (word in title) + (word in description)
        if not hit:
            return 0
        score += hit
    return score


def _summary(action: Action, confirmed: bool) -> dict[str, Any]:
    row: dict[str, Any] = {"name": action.name, "title": action.title, "risk": action.risk,
           "toolset": action.toolset}
    if confirmed:
        row["needs_confirmation"] = True
    return row


async def find(runtime: Runtime, args: Mapping[str, Any]) -> dict[str, Any]:
    """Actions matching the words and toolset, best first; the toolsets when asked nothing."""
    _unknown_keys(args, "find_actions", {"query", "toolset", "limit"})
    query = _text(args, "find_actions", "query", required=False)
    toolset = _text(args, "find_actions", "toolset", required=False)
    limit = _number(args, "find_actions", "limit", 20, 1, 100)
    if toolset and toolset not in TOOLSETS:
        raise _invalid("find_actions", "toolset", f"one of {', '.join(sorted(TOOLSETS))}")
    allowed = await runtime.allowed(list((await runtime.actions()).values()))
    if not query and not toolset:
        counts: dict[str, int] = {}
        for action in allowed:
            counts[action.toolset] = counts.get(action.toolset, 0) + 1
        return {"toolsets": [{"name": name, "description": TOOLSETS.get(name, ""),
                              "actions": n} for name, n in sorted(counts.items())],
                "hint": "Ask again with a toolset or some words."}
    words = _words(query)
    found = [(_score(a, words) if words else 1, a) for a in allowed
             if not toolset or a.toolset == toolset]
    ranked = [a for score, a in sorted(found, key=lambda p: (-p[0], p[1].name)) if score]
    confirm = runtime.confirms
    return {"actions": [_summary(a, confirm(a)) for a in ranked[:limit]],
            "total": len(ranked)}


async def describe(runtime: Runtime, args: Mapping[str, Any],
                   listed: bool) -> dict[str, Any]:
    """One action in full, if the policy allows it here."""
    _unknown_keys(args, "describe_action", {"name"})
    name = _text(args, "describe_action", "name", required=True)
    actions = await runtime.actions()
    action = actions.get(name)
    if action is None:
        raise runtime.unknown(name)
    allowed = await runtime.allowed([action])
    if not allowed:
        raise PolicyDenied(await runtime.denial(action),
                           hint="`ninja-tools check` shows the token's permissions.")
    return {
        "name": action.name, "title": action.title, "description": description_for(action),
        "risk": action.risk, "toolset": action.toolset, "permission": action.permission,
        "needs_confirmation": runtime.confirms(action), "listed_as_tool": listed,
        "input_schema": lean_schema(action.input.model_json_schema()),
        "output_schema": lean_schema(action.output.model_json_schema()),
    }
