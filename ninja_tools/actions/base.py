"""The one abstraction: an Action is data (name, schema, risk, permission, route) plus a coroutine.

Imports the client and pydantic only; knows nothing of MCP, Slack or the command line. Faces
list actions and run them through ``Toolbox.run``, never by calling ``run`` themselves.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict

from ..resources import RISKS, Risk

if TYPE_CHECKING:
    from .context import Context

__all__ = ["ALWAYS_CONFIRM", "RISKS", "Action", "ActionInput", "Risk", "Route", "Runner"]

Runner = Callable[["Context", Any], Awaitable[BaseModel]]

#: How much a risk asks of a human, lowest first; ``Toolbox`` compares risks with it.
RISK_ORDER: dict[Risk, int] = {risk: rank for rank, risk in enumerate(RISKS)}
#: Risks that always need a human's yes, whatever the settings say.
ALWAYS_CONFIRM: frozenset[Risk] = frozenset({"destructive", "password"})


class ActionInput(BaseModel):
    """Base of every action input: unknown fields are errors that name the field.

    Pydantic's lax mode stays on, so ``"5"`` is accepted where 5 is meant: models and chat
    users send numbers as strings.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


@dataclass(frozen=True)
class Route:
    """The Invoice Ninja route an action calls, relative to ``/api/v1``."""

    method: str
    path: str

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True)
class Action:
    """One operation of the catalog.

    Usage:
        action = toolbox.action("list_invoices")
        result = await toolbox.run("list_invoices", {"status": "overdue"})

    Args:
        name: snake_case verb_noun; the MCP tool, Slack ``run`` and CLI ``call`` name.
        title, description: our own words for a model choosing a tool and a person reading help.
        input, output: pydantic models; the input's JSON schema is the tool schema.
        risk: the highest of read, write, send, destructive, password the action can reach;
            exposure and annotations go by it.
        permission: the Invoice Ninja permission it needs (``view_invoice``), ``admin`` or ``any``.
        toolset: the group it is listed and enabled with.
        route: the main route it calls (hand-written actions may call others too).
        run: ``async (context, input) -> output``.
        risk_of: the risk of one call when it depends on the input (``create_invoice`` is
            ``send`` only with ``send=true``); never above ``risk``.
        routes: every route the action may call, for the catalog check (defaults to ``route``).
        generated: made from a ``resources`` row rather than written by hand.
    """

    name: str
    title: str
    description: str
    input: type[ActionInput]
    output: type[BaseModel]
    risk: Risk
    permission: str
    toolset: str
    route: Route
    run: Runner = field(repr=False, compare=False)
    risk_of: Callable[[Any], Risk] | None = field(default=None, repr=False, compare=False)
    routes: tuple[Route, ...] = ()
    generated: bool = False
    kind: Literal["list", "get", "create", "update", "delete", "bulk", "upload", "file",
                  "other"] = "other"

    def risk_for(self, args: BaseModel) -> Risk:
        """The risk of running with these arguments."""
        if self.risk_of is None:
            return self.risk
        risk = self.risk_of(args)
        return risk if RISK_ORDER[risk] <= RISK_ORDER[self.risk] else self.risk

    @property
    def all_routes(self) -> tuple[Route, ...]:
        return self.routes or (self.route,)
