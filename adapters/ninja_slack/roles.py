"""Who is who: Slack users and user groups mapped to roles (``NINJA_SLACK_ROLES``), as Principals.

The TOML file names a default role and two tables::

    default = "viewer"            # everyone not named below (viewer when left out)

    [users]                       # Slack user ids; an entry here wins over any group
    U012ABCDEF = "admin"

    [groups]                      # Slack user-group ids; the highest role of a user's groups
    S0456GHIJK = "clerk"

Group members are read with ``usergroups.users.list`` (scope ``usergroups:read``) and cached.
The core's policy enforces the roles; this module only says which role a person has.
"""

from __future__ import annotations

import logging
import re
import time
import tomllib
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from slack_sdk.web.async_client import AsyncWebClient

from ninja_tools import ConfigError
from ninja_tools.policy import ROLES, Principal, Role

__all__ = ["RoleMap", "Roles", "principal_id", "slack_group_members"]

log = logging.getLogger(__name__)

_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")
_GROUP = re.compile(r"^S[A-Z0-9]{2,}$")
_RANK = {role: rank for rank, role in enumerate(ROLES)}
#: Seconds a group's member list is trusted; a failed read is retried sooner.
MEMBERS_TTL = 300.0
FAILED_TTL = 30.0

GroupMembers = Callable[[str], Awaitable[list[str]]]


def principal_id(user_id: str) -> str:
    """The audit and desk id of a Slack user."""
    return f"slack:{user_id}"


def _role(value: Any, where: str) -> Role:
    if value not in ROLES:
        raise ConfigError(f"NINJA_SLACK_ROLES: {where} has role {value!r}.",
                          hint=f"Use one of {', '.join(ROLES)}.")
    return cast(Role, value)


def _table(data: Mapping[str, Any], name: str, pattern: re.Pattern[str],
           kind: str) -> dict[str, Role]:
    table = data.get(name, {})
    if not isinstance(table, Mapping):
        raise ConfigError(f"NINJA_SLACK_ROLES: [{name}] must be a table of {kind} ids to roles.")
    found: dict[str, Role] = {}
    for key, value in table.items():
        if not pattern.match(str(key)):
            raise ConfigError(f"NINJA_SLACK_ROLES: {key!r} in [{name}] is not a Slack {kind} id.",
                              hint=f"Slack shows {kind} ids in their profile's menu (Copy ID).")
        found[str(key)] = _role(value, f"{kind} {key}")
    return found


@dataclass(frozen=True)
class RoleMap:
    """The roles file, read and checked once."""

    default: Role = "viewer"
    users: Mapping[str, Role] = field(default_factory=dict)
    groups: Mapping[str, Role] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> RoleMap:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"NINJA_SLACK_ROLES is not valid TOML ({exc}).") from None
        unknown = set(data) - {"default", "users", "groups"}
        if unknown:
            raise ConfigError(f"NINJA_SLACK_ROLES: unknown key {sorted(unknown)[0]!r}.",
                              hint="Use default, [users] and [groups].")
        return cls(default=_role(data.get("default", "viewer"), "default"),
                   users=_table(data, "users", _USER, "user"),
                   groups=_table(data, "groups", _GROUP, "user-group"))

    @classmethod
    def load(cls, path: str | Path | None) -> RoleMap:
        """The file at ``path``; everyone is a viewer when there is none."""
        if not path:
            return cls()
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise ConfigError(f"NINJA_SLACK_ROLES: cannot read {path} ({exc.strerror}).") from None
        return cls.parse(text)


class Roles:
    """Slack users to Principals, reading user-group members through Slack (cached).

    Usage:
        roles = Roles(RoleMap.load(path), members=slack_group_members(client))
        principal = await roles.principal("U012ABCDEF")

    An explicit user entry wins; otherwise the highest role among the user's groups; otherwise
    the default. A group whose members cannot be read counts as empty (it grants nothing).
    """

    def __init__(self, mapping: RoleMap, members: GroupMembers,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.mapping = mapping
        self._members = members
        self._clock = clock
        self._cache: dict[str, tuple[frozenset[str], float]] = {}

    async def _group(self, group_id: str) -> frozenset[str]:
        known = self._cache.get(group_id)
        if known is not None and self._clock() < known[1]:
            return known[0]
        try:
            users = frozenset(await self._members(group_id))
            ttl = MEMBERS_TTL
        except Exception as exc:  # a missing scope or a deleted group grants nothing
            log.warning("cannot read the members of user group %s (%s); it grants no role",
                        group_id, type(exc).__name__)
            users, ttl = frozenset(), FAILED_TTL
        self._cache[group_id] = (users, self._clock() + ttl)
        return users

    async def role(self, user_id: str) -> Role:
        if user_id in self.mapping.users:
            return self.mapping.users[user_id]
        best: Role | None = None
        for group_id, role in self.mapping.groups.items():
            if (best is None or _RANK[role] > _RANK[best]) and user_id in await self._group(
                    group_id):
                best = role
        return best or self.mapping.default

    async def principal(self, user_id: str, name: str = "") -> Principal:
        return Principal(id=principal_id(user_id), role=await self.role(user_id), name=name)


def slack_group_members(web: AsyncWebClient) -> GroupMembers:
    """Reads a user group's members with ``usergroups.users.list`` (scope usergroups:read)."""

    async def members(group_id: str) -> list[str]:
        answer = await web.usergroups_users_list(usergroup=group_id)
        return [str(u) for u in answer.get("users") or []]

    return members
