"""System logs: the helper other modules write them with, and the ``system_logs`` routes.

Real facts kept (``SystemLogController``, ``SystemLogTransformer``, ``app/Models/SystemLog.php``):

* ``GET system_logs`` is admin-only; anyone else gets 403 ``{"error":"Insufficient
  permissions"}`` (``errorResponse``). ``GET system_logs/{id}`` checks nothing but the id.
* Every other resource route answers 400 ``{"message":"Cannot <verb> system log",
  "errors":{}}`` (create, store, edit, update, destroy); there is no bulk route.
* ``log`` is the JSON-encoded log as a string; ``event_id``/``category_id``/``type_id`` ints.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from . import filters, records
from .calls import Call, api
from .failures import ApiError, SandboxError
from .filters import FilterContext
from .registry import Registry
from .resources import PREFIX, item_response, list_response
from .state import SandboxState
from .store import Record

CATEGORY_GATEWAY, CATEGORY_MAIL, CATEGORY_WEBHOOK = 1, 2, 3


class PlainError(SandboxError):
    """``errorResponse($message, $status)``: ``{"error": "<message>"}`` whatever the caller."""

    html_status = None

    def __init__(self, status: int, text: str) -> None:
        super().__init__({"error": text})
        self.status = status


def add_system_log(
    state: SandboxState,
    *,
    category_id: int,
    event_id: int,
    type_id: int,
    log: dict[str, Any],
    user_id: str = "",
    client_id: str = "",
) -> Record:
    """Store one system log row (what the real jobs and webhooks write)."""
    row = records.blank("system_log")
    row.update(
        id=state.store.new_id("system_log"),
        company_id=str(state.company().get("id", "")),
        user_id=user_id,
        client_id=client_id,
        category_id=category_id,
        event_id=event_id,
        type_id=type_id,
        log=json.dumps(log),
        created_at=state.now(),
        updated_at=state.now(),
    )
    return state.store.add("system_log", row)


async def index(call: Call) -> Response:
    if not call.actor.is_super:
        raise PlainError(403, "Insufficient permissions")
    spec = call.registry.spec("system_logs")
    rows = filters.apply(call.state, spec, call.store.rows("system_log"),
                         dict(call.request.query_params))
    return list_response(call, spec, rows)


async def show(call: Call) -> Response:
    spec = call.registry.spec("system_logs")
    return item_response(call, spec, call.lookup(spec, call.param("id")))


def refuse(verb: str) -> Any:
    async def handler(call: Call) -> Response:
        raise ApiError(400, f"Cannot {verb} system log", errors=True)

    handler.__name__ = f"refuse_{verb}"
    return handler


def _int_column(column: str) -> filters.Filter:
    def apply(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
        return [r for r in rows if str(r.get(column)) == value.strip()]

    return apply


def install(reg: Registry) -> None:
    base = f"{PREFIX}/system_logs"
    filters.ENTITY_FILTERS.setdefault("system_logs", {}).update(
        {name: _int_column(name) for name in ("type_id", "category_id", "event_id")}
    )
    reg.add_routes(
        [
            Route(base, api(index), methods=["GET"]),
            Route(base, api(refuse("store")), methods=["POST"]),
            Route(f"{base}/create", api(refuse("create")), methods=["GET"]),
            Route(f"{base}/{{id}}/edit", api(refuse("edit")), methods=["GET"]),
            Route(f"{base}/{{id}}", api(show), methods=["GET"]),
            Route(f"{base}/{{id}}", api(refuse("update")), methods=["PUT", "PATCH"]),
            Route(f"{base}/{{id}}", api(refuse("destroy")), methods=["DELETE"]),
        ]
    )
