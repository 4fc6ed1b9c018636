"""Which tools are listed: the curated set, what ``--toolsets``/``--tools`` add, minus what the
policy denies; plus the catalog tools. Exposure never grants: calls go through the policy.

Before the catalog is built, the default listing comes from ``default_tools.json`` (written by
``write_defaults`` from the same functions, and checked fresh by a test), filtered by the same
policy through the actions' metadata, so a host gets its first tools/list without waiting for
the catalog.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ninja_tools.actions.base import Action, ActionInput, Route

from .catalog_tools import catalog_tool_defs
from .listing import CURATED, action_tool
from .runtime import Runtime

__all__ = ["DEFAULTS", "Exposure", "default_entries", "write_defaults"]

log = logging.getLogger("ninja_mcp")

DEFAULTS = Path(__file__).with_name("default_tools.json")


def _entry(action: Action) -> dict[str, Any]:
    return {"name": action.name, "risk": action.risk, "permission": action.permission,
            "toolset": action.toolset, "tool": action_tool(action)}


def default_entries(actions: Mapping[str, Action]) -> list[dict[str, Any]]:
    """The curated tools with the metadata the policy needs, as ``default_tools.json`` holds."""
    return [_entry(actions[name]) for name in CURATED]


def write_defaults(actions: Mapping[str, Action], path: Path = DEFAULTS) -> str:
    text = json.dumps(default_entries(actions), indent=1, sort_keys=True, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return text


async def _never(_context: Any, _params: Any) -> BaseModel:  # pragma: no cover
    raise RuntimeError("a listing stand-in never runs")


def _stand_in(entry: Mapping[str, Any]) -> Action:
    """An Action carrying only what the policy reads (name, risk, permission, toolset)."""
    return Action(name=entry["name"], title=entry["tool"]["title"],
                  description=entry["tool"]["description"], input=ActionInput,
                  output=BaseModel, risk=entry["risk"], permission=entry["permission"],
                  toolset=entry["toolset"], route=Route("GET", ""), run=_never)


class Exposure:
    """The tools one server lists, and whether a name is one of them."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.options = runtime.options
        self._tools: dict[str, dict[str, Any]] = {}
        self._warned = False

    def chosen(self, actions: Mapping[str, Action]) -> list[str]:
        """The action names to list, in order: curated, then toolsets, then ``--tools``."""
        everything = "all" in self.options.toolsets
        sets = set(self.options.toolsets)
        names = [*CURATED, *(a.name for a in actions.values()
                             if everything or a.toolset in sets), *self.options.tools]
        unknown = [n for n in self.options.tools if n not in actions]
        if unknown and not self._warned:
            self._warned = True
            log.warning("--tools names no action called %s; `ninja-tools actions` lists them",
                        ", ".join(unknown))
        return [name for name in dict.fromkeys(names) if name in actions]

    async def tools(self) -> list[dict[str, Any]]:
        """The tools/list answer, as wire JSON."""
        catalog = catalog_tool_defs(self.options)
        if self.runtime.built or not self.options.default_exposure or not DEFAULTS.exists():
            return await self._live() + catalog
        entries: list[dict[str, Any]] = json.loads(DEFAULTS.read_text(encoding="utf-8"))
        stand_ins = {e["name"]: e for e in entries}
        allowed = await self.runtime.settings_policy.allowed(
            [_stand_in(e) for e in entries], self.options.principal)
        return [stand_ins[a.name]["tool"] for a in allowed] + catalog

    async def _live(self) -> list[dict[str, Any]]:
        actions = await self.runtime.actions()
        allowed = await self.runtime.allowed([actions[n] for n in self.chosen(actions)])
        return [self._tool(action) for action in allowed]

    def _tool(self, action: Action) -> dict[str, Any]:
        tool = self._tools.get(action.name)
        if tool is None:
            tool = self._tools[action.name] = action_tool(action)
        return tool

    async def listed(self, name: str) -> bool:
        """Whether ``name`` is an action listed as its own tool here (if the policy allows)."""
        return name in self.chosen(await self.runtime.actions())
