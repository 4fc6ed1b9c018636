"""Toolbox: the one entry point that runs any action: validate, confirm, execute, shape.

Faces (MCP, Slack, the CLI) translate their world into ``Toolbox.run`` and the result back;
nothing else lives in them. Policy and audit plug in here too.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

from pydantic import BaseModel, SecretStr, ValidationError

from .actions import catalog
from .actions.base import ALWAYS_CONFIRM, Action, Risk
from .actions.context import Context
from .audit import AuditLog, target_ids
from .client import NinjaClient
from .config import Settings
from .errors import (
    ConfirmationRefused,
    ConfirmationRequired,
    InvalidInput,
    NinjaError,
    PolicyDenied,
    UnknownAction,
)
from .policy import LOCAL, Policy, Principal

__all__ = ["Call", "Confirmation", "Confirmer", "Toolbox"]



@dataclass(frozen=True)
class Call:
    """One validated, policy-approved call, waiting to run (or to be confirmed)."""

    action: Action
    params: BaseModel
    risk: Risk
    principal: Principal
    args: dict[str, Any]


@dataclass(frozen=True)
class Confirmation:
    """A human's answer: ``password`` only for ``password`` actions, used once, then dropped;
    ``passwordless`` when the token's user has no password and the human typed the record's
    name instead."""

    approved: bool
    password: SecretStr | None = None
    how: str = ""
    passwordless: bool = False


class Confirmer(Protocol):
    """What a face implements to ask its human (a terminal prompt, a Slack card, a web page)."""

    async def confirm(self, action: Action, args: BaseModel, risk: Risk) -> Confirmation: ...


def _field(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "input"


class Toolbox:
    """Every action of the catalog, run against one Invoice Ninja through one client.

    Usage:
        toolbox = Toolbox(NinjaClient(settings))
        page = await toolbox.run("list_invoices", {"client_status": "overdue"})

    Args:
        client: the NinjaClient all actions call through.
        actions: the catalog to serve (default: the whole catalog).
        policy: who may run what (default: no limits beyond Invoice Ninja's own).
        audit: where writes are recorded (default: nowhere).
        confirm_sends: ask a human before ``send`` actions too.
    """

    def __init__(self, client: NinjaClient, *, actions: Iterable[Action] | None = None,
                 policy: Policy | None = None, audit: AuditLog | None = None,
                 confirm_sends: bool = False) -> None:
        self.context = Context(client)
        self.policy = policy
        self.audit = audit
        self._actions = {a.name: a for a in (actions if actions is not None else catalog())}
        self._confirm: frozenset[Risk] = ALWAYS_CONFIRM | ({"send"} if confirm_sends else set())

    @classmethod
    def for_settings(cls, client: NinjaClient, settings: Settings, *, sandbox: bool = False,
                     exclude: frozenset[str] | None = None,
                     read_only: bool | None = None) -> Toolbox:
        """The Toolbox a face runs: the policy from the settings (flags may override them) and
        the token's own permissions, and the audit log (``NINJA_AUDIT_FILE``, else the user's
        data directory; none for a private in-process sandbox unless asked for)."""
        toolbox = cls(client, confirm_sends=settings.confirm_sends)
        toolbox.policy = Policy(
            identity=toolbox.context.identity,
            exclude=frozenset(settings.exclude_tools) if exclude is None else exclude,
            read_only=settings.read_only if read_only is None else read_only,
        )
        toolbox.audit = AuditLog(settings.audit_file) if settings.audit_file else (
            None if sandbox else AuditLog())
        return toolbox

    @property
    def client(self) -> NinjaClient:
        return self.context.client

    def actions(self) -> list[Action]:
        """Every action, sorted by toolset then name, so listings are stable."""
        return sorted(self._actions.values(), key=lambda a: (a.toolset, a.name))

    def action(self, name: str) -> Action:
        """The action called ``name``, or ``UnknownAction`` naming the closest ones."""
        found = self._actions.get(name)
        if found is None:
            close = difflib.get_close_matches(name, self._actions, n=3, cutoff=0.6)
            raise UnknownAction(
                f"There is no action called {name!r}.",
                hint=(f"Did you mean {', '.join(close)}? " if close else "")
                + "`ninja-tools actions` lists them all.",
            )
        return found

    def validate(self, action: Action, args: Mapping[str, Any] | None) -> BaseModel:
        """The parsed input, or ``InvalidInput`` naming each bad field; nothing is sent."""
        try:
            return action.input.model_validate(dict(args or {}))
        except ValidationError as exc:
            fields: dict[str, list[str]] = {}
            for error in exc.errors(include_input=False, include_url=False):
                fields.setdefault(_field(error["loc"]), []).append(error["msg"])
            detail = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in fields.items())
            raise InvalidInput(
                f"Invalid input for {action.name}: {detail}.", field_errors=fields,
                hint=f"Fix the named fields; `ninja-tools actions --json` shows {action.name}'s"
                " schema.",
            ) from None

    def needs_confirmation(self, action: Action, args: BaseModel) -> Risk | None:
        risk = action.risk_for(args)
        return risk if risk in self._confirm else None

    async def visible(self, principal: Principal = LOCAL) -> list[Action]:
        """The actions this principal may run (all of them when there is no policy)."""
        actions = self.actions()
        return await self.policy.allowed(actions, principal) if self.policy else actions

    async def prepare(self, name: str, args: Mapping[str, Any] | None = None,
                      principal: Principal = LOCAL) -> Call:
        """Validate the input and ask the policy; nothing is sent to Invoice Ninja yet."""
        action = self.action(name)
        params = self.validate(action, args)
        call = Call(action=action, params=params, risk=action.risk_for(params),
                    principal=principal, args=dict(args or {}))
        if self.policy is not None:
            decision = await self.policy.decide(action, principal, call.risk)
            if not decision.allowed:
                await self._record(call, "refused", error=decision.reason)
                raise PolicyDenied(decision.reason,
                                   hint="`ninja-tools check` shows the token's permissions.")
        return call

    def needs_human(self, call: Call) -> bool:
        return call.risk in self._confirm

    async def execute(self, call: Call, *, how: str = "", password: SecretStr | None = None,
                      passwordless: bool = False) -> BaseModel:
        """Run a prepared call (confirmed already, when it needed to be) and record it.

        ``password`` goes on this call only; ``passwordless`` says the human confirmed by typing
        the record's name because the token's user has no password.
        """
        context = replace(self.context, password=password, passwordless=passwordless) if (
            password or passwordless) else self.context
        try:
            result = await call.action.run(context, call.params)
        except NinjaError as exc:
            await self._record(call, "failed", confirmed=how, error=type(exc).__name__)
            raise
        await self._record(call, "done", confirmed=how, result=result)
        return result

    async def decline(self, call: Call, how: str) -> None:
        """Record that the human said no (or could not be asked)."""
        await self._record(call, "declined", confirmed=how)

    async def run(
        self,
        name: str,
        args: Mapping[str, Any] | None = None,
        principal: Principal = LOCAL,
        confirmer: Confirmer | None = None,
    ) -> BaseModel:
        """Validate, ask the policy, confirm when the risk needs it, execute, record.

        Nothing is sent to Invoice Ninja before the input is valid, the policy allows the call
        and, where needed, a human has said yes.
        """
        call = await self.prepare(name, args, principal)
        if not self.needs_human(call):
            return await self.execute(call)
        if confirmer is None:
            await self.decline(call, "no way to ask for confirmation")
            raise ConfirmationRequired(
                f"{call.action.name} is a {call.risk} action and needs a human's confirmation.",
                hint="Run it from a face that can ask (the CLI prompts on a terminal).",
            )
        answer = await confirmer.confirm(call.action, call.params, call.risk)
        if not answer.approved:
            await self.decline(call, answer.how)
            why = f" ({answer.how})" if answer.how else ""
            raise ConfirmationRefused(f"{call.action.name} was not confirmed{why}; nothing was"
                                      " done.")
        return await self.execute(call, how=answer.how, password=answer.password,
                                  passwordless=answer.passwordless)

    async def _record(self, call: Call, outcome: str, *, confirmed: str = "", error: str = "",
                      result: Any = None) -> None:
        """Write this call's audit record (writes only)."""
        if self.audit is None or call.risk == "read":
            return
        await self.audit.record(principal=call.principal.id, action=call.action.name,
                                risk=call.risk, targets=target_ids(call.args, result),
                                outcome=outcome, confirmed=confirmed, error=error)
