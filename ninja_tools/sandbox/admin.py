"""Sandbox-only control routes under ``/_sandbox`` (never part of the Invoice Ninja API).

No token needed; ``serve()`` turns them off on a non-loopback host unless asked.

* ``GET|POST|DELETE /_sandbox/faults``: list, add (one rule object, or
  ``{"rules": [...], "seed": n}``) or clear fault rules (see ``faults.py``);
* ``GET|DELETE /_sandbox/outbox``: mail the sandbox "sent";
* ``POST /_sandbox/reset``: reseed everything;
* ``POST /_sandbox/rate_limit`` ``{"per_minute": n | null}``;
* ``POST /_sandbox/clock`` ``{"advance": seconds}`` / ``{"freeze": true|false}``.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .failures import RouteNotFound
from .responses import error_response, json_response
from .state import SandboxState


def _guarded(handler: Any) -> Any:
    async def endpoint(request: Request) -> Response:
        state: SandboxState = request.app.state.sandbox
        if not state.sandbox_routes:
            return error_response(request, RouteNotFound())
        try:
            raw = await request.body()
            body = json.loads(raw) if raw.strip() else {}
        except ValueError:
            return json_response({"message": "Body must be JSON"}, 400)
        try:
            answer: Response = await handler(state, request, body if isinstance(body, dict) else {})
            return answer
        except (TypeError, ValueError) as exc:
            return json_response({"message": str(exc)}, 400)

    return endpoint


async def faults(state: SandboxState, request: Request, body: dict[str, Any]) -> Response:
    if request.method == "POST":
        if "seed" in body:
            state.faults.reseed(int(body["seed"]))
        for rule in body.get("rules", [body] if "kind" in body else []):
            state.faults.add(**rule)
    elif request.method == "DELETE":
        state.faults.clear()
    return json_response({"data": [r.as_dict() for r in state.faults.rules]})


async def outbox(state: SandboxState, request: Request, body: dict[str, Any]) -> Response:
    if request.method == "DELETE":
        state.outbox.clear()
    return json_response({"data": state.outbox})


async def reset(state: SandboxState, request: Request, body: dict[str, Any]) -> Response:
    state.reset()
    return json_response({"message": "Sandbox reset"})


async def rate_limit(state: SandboxState, request: Request, body: dict[str, Any]) -> Response:
    value = body.get("per_minute")
    state.rate_limit.per_minute = int(value) if value else None
    state.rate_limit.reset()
    return json_response({"per_minute": state.rate_limit.per_minute})


async def clock(state: SandboxState, request: Request, body: dict[str, Any]) -> Response:
    if body.get("freeze") is True:
        state.clock.freeze()
    elif body.get("freeze") is False:
        state.clock.unfreeze()
    if body.get("advance"):
        state.clock.advance(float(body["advance"]))
    return json_response(
        {"now": state.clock.now().isoformat(), "timestamp": state.clock.timestamp()}
    )


def routes() -> list[Route]:
    return [
        Route("/_sandbox/faults", _guarded(faults), methods=["GET", "POST", "DELETE"]),
        Route("/_sandbox/outbox", _guarded(outbox), methods=["GET", "DELETE"]),
        Route("/_sandbox/reset", _guarded(reset), methods=["POST"]),
        Route("/_sandbox/rate_limit", _guarded(rate_limit), methods=["POST"]),
        Route("/_sandbox/clock", _guarded(clock), methods=["POST"]),
    ]
