"""The server's options from the command line and the ``NINJA_*`` settings; no MCP import.

Flags win over the environment. Bad settings do not stop the server: the problem is kept and
every tool answers with it, because hosts show a server that died at start badly.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import Any

from ninja_tools import ConfigError, NinjaError, Settings
from ninja_tools.policy import Principal

__all__ = ["SANDBOX_TOKEN", "SANDBOX_URL", "Options"]

SANDBOX_URL = "http://sandbox.invalid"
SANDBOX_TOKEN = "sandbox-token"


def _names(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    items = value.split(",") if isinstance(value, str) else value
    return tuple(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))


@dataclass(frozen=True)
class Options:
    """Everything ``ninja-tools mcp`` was asked to do.

    Args:
        settings: the connection settings, or ``None`` when they are invalid (``problem``).
        toolsets, tools: actions listed as tools besides the default set (``all`` lists all).
        exclude, read_only: denials, applied through the policy.
        transport, host, port: ``stdio`` or ``http`` and where HTTP listens.
        confirm_port: the confirm page's port under stdio (0: any free port).
    """

    settings: Settings | None
    problem: NinjaError | None = None
    sandbox: bool = False
    toolsets: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()
    exclude: frozenset[str] = frozenset()
    read_only: bool = False
    transport: str = "stdio"
    host: str = "127.0.0.1"
    port: int = 8765
    confirm_port: int = 0
    principal: Principal = field(default_factory=lambda: Principal(id="mcp"))

    @property
    def default_exposure(self) -> bool:
        """Only the curated set and the catalog tools are listed."""
        return not self.toolsets and not self.tools

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Options:
        flags: dict[str, Any] = {
            "timeout": getattr(args, "timeout", None),
            "read_only": getattr(args, "read_only", None),
            "toolsets": getattr(args, "toolsets", None),
            "tools": getattr(args, "tools", None),
            "exclude_tools": getattr(args, "exclude_tools", None),
        }
        sandbox = bool(getattr(args, "sandbox", False))
        settings: Settings | None
        problem: NinjaError | None = None
        try:
            if sandbox:
                settings = Settings.load(url=SANDBOX_URL, token=SANDBOX_TOKEN, **flags)
            else:
                settings = Settings.load(url=getattr(args, "url", None),
                                         verify_tls=getattr(args, "verify_tls", None), **flags)
        except ConfigError as exc:
            settings, problem = None, exc
        source: Any = settings if settings is not None else argparse.Namespace(
            toolsets=_names(flags["toolsets"]), tools=_names(flags["tools"]),
            exclude_tools=_names(flags["exclude_tools"]), read_only=bool(flags["read_only"]))
        return cls(
            settings=settings, problem=problem, sandbox=sandbox,
            toolsets=_names(source.toolsets), tools=_names(source.tools),
            exclude=frozenset(_names(source.exclude_tools)), read_only=bool(source.read_only),
            transport=getattr(args, "transport", "stdio") or "stdio",
            host=getattr(args, "host", "127.0.0.1") or "127.0.0.1",
            port=int(getattr(args, "port", 8765) or 8765),
            confirm_port=int(getattr(args, "confirm_port", 0) or 0),
            principal=Principal(id=f"mcp-{getattr(args, 'transport', 'stdio') or 'stdio'}"),
        )
