"""``ninja-tools actions``: the catalog, as a table for people or JSON for tools and tests."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ninja_tools.actions import Action, catalog
from ninja_tools.resources import TOOLSETS


def describe(action: Action) -> dict[str, Any]:
    """One catalog row: what other tools and the route-coverage test rely on."""
    return {
        "name": action.name,
        "title": action.title,
        "description": action.description,
        "method": action.route.method,
        "path": action.route.path,
        "routes": [{"method": r.method, "path": r.path} for r in action.all_routes],
        "risk": action.risk,
        "permission": action.permission,
        "toolset": action.toolset,
        "generated": action.generated,
        "input_schema": action.input.model_json_schema(),
    }


def markdown_table() -> str:
    """The README's catalog table: one row per toolset, the everyday actions named."""
    rows = ["| toolset | what | actions | everyday actions |", "| --- | --- | --- | --- |"]
    by_toolset: dict[str, list[Action]] = {}
    for action in catalog():
        by_toolset.setdefault(action.toolset, []).append(action)
    for name, actions in sorted(by_toolset.items()):
        everyday = ", ".join(f"`{a.name}`" for a in actions if not a.generated) or "-"
        rows.append(f"| {name} | {TOOLSETS.get(name, '')} | {len(actions)} | {everyday} |")
    return "\n".join(rows) + "\n"


def run_actions(as_json: bool, toolset: str | None, out: TextIO,
                as_markdown: bool = False) -> int:
    if as_markdown:
        out.write(markdown_table())
        return 0
    actions = [a for a in catalog() if toolset is None or a.toolset == toolset]
    if as_json:
        out.write(json.dumps([describe(a) for a in actions], indent=2, sort_keys=True) + "\n")
        return 0
    width = max((len(a.name) for a in actions), default=0)
    current = ""
    for action in actions:
        if action.toolset != current:
            current = action.toolset
            out.write(f"\n{current}\n")
        out.write(f"  {action.name:<{width}}  {action.risk:<11}  {action.title}\n")
    out.write(f"\n{len(actions)} actions. `ninja-tools call NAME --args JSON` runs one.\n")
    return 0
