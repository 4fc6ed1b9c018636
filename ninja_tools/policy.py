"""Decides whether one principal may run one action; sees actions only through their metadata.

One function, ``Policy.decide``, applies the design's order, a denial anywhere winning:

1. the deployment's settings: the deny list (``--exclude-tools`` / ``NINJA_EXCLUDE_TOOLS``),
   then read-only mode (every action above ``read`` refused, whatever else allows it);
2. the API token's own Invoice Ninja permissions, read once from ``POST /refresh``: owners and
   admins may do everything; others are refused up front only what they can never do (creating
   without ``create_X`` or ``create_all``, admin-only routes). Viewing and editing are left to
   the server, because Invoice Ninja also lets users see and change what they own or are
   assigned to; its 401 becomes a clear error;
3. the face's principal: a role (``viewer`` reads, ``clerk`` also writes and sends, ``admin``
   also runs destructive and password actions).

Exposure (which actions a face lists) is the faces' business and never grants anything.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from .actions.base import RISK_ORDER, Action, Risk
from .identity import Identity

__all__ = ["ROLES", "Decision", "Policy", "Principal"]

Role = Literal["viewer", "clerk", "admin"]
#: The highest risk each role may run.
ROLES: dict[Role, Risk] = {"viewer": "read", "clerk": "send", "admin": "password"}


@dataclass(frozen=True)
class Principal:
    """Who is asking, as the face knows them: ``id`` for the audit, ``role`` if the face has
    roles (``None``: the face puts no limit of its own, e.g. the owner at a terminal)."""

    id: str
    role: Role | None = None
    name: str = ""


LOCAL = Principal(id="local")


@dataclass(frozen=True)
class Decision:
    """Allowed, or refused with one line that names the missing permission or setting."""

    allowed: bool
    reason: str = ""


ALLOW = Decision(True)


def _grants(identity: Identity, permission: str) -> bool:
    """Invoice Ninja's check: the exact permission, or its verb's ``_all``."""
    verb = permission.split("_", 1)[0]
    return permission in identity.permissions or f"{verb}_all" in identity.permissions


@dataclass
class Policy:
    """Allow, or refuse with a reason, one action for one principal.

    Usage:
        policy = Policy(identity=lambda: fetch_identity(client), read_only=True)
        decision = await policy.decide(action, principal)

    Args:
        identity: loads the token's Identity; called once, then cached for ``ttl`` seconds.
        exclude: action names denied everywhere.
        read_only: refuse every action above ``read``.
    """

    identity: Callable[[], Awaitable[Identity]]
    exclude: frozenset[str] = frozenset()
    read_only: bool = False
    ttl: float = 300.0
    _known: tuple[Identity, float] | None = field(default=None, repr=False)

    async def whoami(self) -> Identity:
        if self._known is None or time.monotonic() - self._known[1] > self.ttl:
            self._known = (await self.identity(), time.monotonic())
        return self._known[0]

    async def decide(self, action: Action, principal: Principal = LOCAL,
                     risk: Risk | None = None) -> Decision:
        """The one decision; ``risk`` is the risk of this call (default: the action's)."""
        risk = risk or action.risk
        if action.name in self.exclude:
            return Decision(False, f"{action.name} is turned off here (NINJA_EXCLUDE_TOOLS or"
                                   " --exclude-tools).")
        if self.read_only and risk != "read":
            return Decision(False, f"{action.name} would change data ({risk}), and ninja-tools"
                                   " runs read-only here (NINJA_READ_ONLY or --read-only).")
        identity = await self.whoami()
        if identity.is_locked:
            return Decision(False, "The token's user is locked in Invoice Ninja.")
        if not identity.is_superuser:
            permission = action.permission
            if permission == "admin":
                return Decision(False, f"{action.name} needs an Invoice Ninja administrator;"
                                       " the token's user is not one.")
            if permission.startswith("create_") and "{" not in permission and not _grants(
                    identity, permission):
                return Decision(False, f"{action.name} needs the Invoice Ninja permission"
                                       f" {permission}, which the token's user lacks.")
        if principal.role is not None and RISK_ORDER[risk] > RISK_ORDER[ROLES[principal.role]]:
            return Decision(False, f"{action.name} is a {risk} action; your role"
                                   f" '{principal.role}' may run up to"
                                   f" {ROLES[principal.role]} actions.")
        return ALLOW

    async def allowed(self, actions: Iterable[Action],
                      principal: Principal = LOCAL) -> list[Action]:
        """The actions this principal may run at all (for tools/list and help)."""
        return [a for a in actions if (await self.decide(a, principal)).allowed]
