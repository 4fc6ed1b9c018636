"""Users of the company (invite, confirm, detach) and client or vendor locations.

Real facts kept (``UserController``, ``ReconfirmUserRequest``, ``DetachCompanyUserRequest``,
``UserService::invite``; ``StoreLocationRequest`` [2025]):

* ``POST users/{id}/invite`` (password-protected) and ``POST user/{id}/reconfirm`` (singular
  ``user``, no password) e-mail the user a confirmation link; the caller must be that user or
  an admin. Both answer ``{"message":"The confirmation email was resent"}``.
* ``DELETE users/{id}/detach_from_company`` (admin, password-protected) removes the user's
  company row and tokens and answers ``{"message":"User detached from company"}``; the owner
  cannot be detached: 401 with the body ``["message","Cannot detach owner."]`` (a list, from a
  typo in the controller).
* A location needs a unique ``name`` and a ``client_id`` or a ``vendor_id``.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .calls import Call, api
from .entities import EntitySpec
from .failures import Unauthorized
from .mail import company_name, queue
from .registry import Registry
from .resources import PREFIX
from .responses import json_response, message
from .store import Record

CONFIRMATION_RESENT = "The confirmation email was resent"


def _user(call: Call) -> Record:
    return call.lookup(call.registry.spec("users"), call.param("id"))


async def invite(call: Call) -> Response:
    user = _user(call)
    if not (call.actor.is_super or call.actor.id == user["id"]):
        raise Unauthorized()
    name = f"{user.get('first_name', '')} {user.get('last_name', '')}".strip()
    base = str(call.request.base_url).rstrip("/")
    queue(
        call,
        to=str(user.get("email") or ""),
        name=name,
        subject=f"You have been invited to {company_name(call)}",
        body=f"Confirm your account: {base}/user/confirm/{user['id']}",
        template="user_invite",
        kind="user",
        entity="user",
        entity_id=user["id"],
    )
    return message(CONFIRMATION_RESENT)


async def detach(call: Call) -> Response:
    user = _user(call)
    if not call.actor.is_super:
        raise Unauthorized()
    auth = call.state.auth
    company_user = auth.company_users.get(user["id"])
    if company_user is not None and company_user.get("is_owner"):
        return json_response(["message", "Cannot detach owner."], 401)
    auth.company_users.pop(user["id"], None)
    for token in [t for t, info in auth.tokens.items() if info.user_id == user["id"]]:
        del auth.tokens[token]
    call.store.remove("user", user["id"])
    return message("User detached from company")


def validate_location(
    call: Call, spec: EntitySpec, record: Record | None, body: dict[str, Any]
) -> dict[str, list[str]]:
    if record is not None or body.get("client_id") or body.get("vendor_id"):
        return {}
    return {
        "client_id": ["The client id field is required when vendor id is not present."],
        "vendor_id": ["The vendor id field is required when client id is not present."],
    }


def install(reg: Registry) -> None:
    reg.validator("locations")(validate_location)
    reg.add_routes(
        [
            Route(f"{PREFIX}/users/{{id}}/invite", api(invite, password=True), methods=["POST"]),
            Route(f"{PREFIX}/user/{{id}}/reconfirm", api(invite), methods=["POST"]),
            Route(
                f"{PREFIX}/users/{{id}}/detach_from_company",
                api(detach, password=True),
                methods=["DELETE"],
            ),
        ]
    )
