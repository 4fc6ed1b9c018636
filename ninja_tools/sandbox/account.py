"""Who-am-I and account routes: refresh, ping, statics, password_timeout, user hooks.

``POST refresh`` answers a list of CompanyUser objects with nested ``user``,
``company``, ``account`` and ``token``; like the real server, ``token.token`` is the
user's raw *system* token (a working API token), which a client must never log.
"""

from __future__ import annotations

import hashlib
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from . import records
from .auth import Actor, TokenInfo
from .calls import Call, api
from .failures import ApiError, Unauthorized
from .pagination import paginate
from .password import cache_is_warm
from .registry import Registry, SaveEvent
from .resources import PREFIX
from .responses import json_response, message
from .state import SandboxState
from .statics import statics
from .store import Record

USER_FIELDS = (
    "id",
    "first_name",
    "last_name",
    "email",
    "oauth_provider_id",
    "has_password",
    "last_login",
    "created_at",
    "updated_at",
    "archived_at",
    "is_deleted",
    "phone",
    "email_verified_at",
    "language_id",
    "signature",
)


def add_user(
    state: SandboxState,
    *,
    first_name: str,
    last_name: str,
    email: str,
    token: str | None,
    password: str | None,
    permissions: str = "",
    is_owner: bool = False,
    is_admin: bool = False,
    is_locked: bool = False,
    oauth_provider_id: str = "",
    purpose: str = "",
    token_name: str = "",
) -> Record:
    """Create a user, its company_user row, its API token and its system token."""
    now = state.now()
    user = records.blank("user")
    user.update(
        id=state.store.new_id("user"),
        first_name=first_name,
        last_name=last_name,
        email=email,
        oauth_provider_id=oauth_provider_id,
        has_password=bool(password),
        created_at=now,
        updated_at=now,
    )
    state.store.add("user", user)
    company_user = records.blank("company_user")
    company_user.update(
        permissions=permissions,
        is_owner=is_owner,
        is_admin=is_admin,
        is_locked=is_locked,
        created_at=now,
        updated_at=now,
    )
    state.auth.company_users[user["id"]] = company_user
    state.auth.set_password(user["id"], password)
    if token:
        state.auth.tokens[token] = TokenInfo(
            token, user["id"], token_name or f"{first_name} token", purpose=purpose
        )
    system = "sys" + hashlib.sha256(f"system:{user['id']}:{email}".encode()).hexdigest()[:61]
    state.auth.tokens[system] = TokenInfo(system, user["id"], "System", is_system=True)
    return user


def system_token(state: SandboxState, user_id: str) -> TokenInfo:
    return next(t for t in state.auth.tokens.values() if t.user_id == user_id and t.is_system)


def company_user_view(state: SandboxState, actor: Actor) -> dict[str, Any]:
    """CompanyUserTransformer output with the includes refresh sends."""
    company = state.company()
    token = system_token(state, actor.id)
    now = state.now()
    view = dict(actor.company_user)
    view["user"] = {k: actor.user.get(k, "") for k in USER_FIELDS}
    view["company"] = company
    view["account"] = {
        "id": company["id"],
        "key": company.get("company_key", ""),
        "default_company_id": company["id"],
        "plan": "",
        "is_hosted": False,
        "created_at": company.get("created_at", now),
        "updated_at": now,
    }
    view["token"] = {
        "id": token.token[-10:],
        "user_id": actor.id,
        "token": token.token,
        "name": token.name,
        "is_system": True,
        "created_at": now,
        "updated_at": now,
        "archived_at": 0,
        "is_deleted": False,
    }
    return view


async def refresh(call: Call) -> Response:
    page = paginate(call.request, [company_user_view(call.state, call.actor)])
    return json_response({"data": page.items, "meta": page.meta})


async def ping(call: Call) -> Response:
    name = f"{call.actor.user.get('first_name', '')} {call.actor.user.get('last_name', '')}".strip()
    company = call.state.company()
    return json_response({"company_name": company["settings"].get("name", ""), "user_name": name})


async def get_statics(call: Call) -> Response:
    return json_response(statics())


async def password_timeout(call: Call) -> Response:
    if cache_is_warm(call.state, call.actor):
        return message("Password is valid")
    raise ApiError(412, "Invalid Password")


def user_save_hook(event: SaveEvent) -> None:
    """Users: a ``password`` sets the login password; admins may change ``company_user``."""
    state = event.call.state
    password = event.body.get("password")
    if isinstance(password, str) and password:
        state.auth.set_password(event.record["id"], password)
        event.record["has_password"] = True
    company_user = state.auth.company_users.setdefault(
        event.record["id"], records.blank("company_user")
    )
    changes = event.body.get("company_user")
    if isinstance(changes, dict):
        if not event.call.actor.is_super:
            raise Unauthorized()
        for key in ("permissions", "is_admin", "is_locked"):
            if key in changes:
                company_user[key] = changes[key] if key == "permissions" else bool(changes[key])
        company_user["updated_at"] = state.now()


def install(reg: Registry) -> None:
    reg.add_routes(
        [
            Route(f"{PREFIX}/refresh", api(refresh), methods=["POST"]),
            Route(f"{PREFIX}/ping", api(ping), methods=["GET"]),
            Route(f"{PREFIX}/statics", api(get_statics), methods=["GET"]),
            Route(f"{PREFIX}/password_timeout", api(password_timeout), methods=["POST"]),
        ]
    )
    reg.on_save("users")(user_save_hook)
