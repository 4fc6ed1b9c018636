"""The request pipeline of every ``/api/v1`` route: throttle, token, password, handler.

``api(handler)`` turns ``async def handler(call: Call) -> Response`` into a Starlette
endpoint. It applies the real middleware order (throttle -> token auth -> password
check for protected routes), renders ``SandboxError``s the JSON or Laravel way, and
turns any other exception into the real 500 ``{"message":"Server Error"}``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import Response

from . import ids
from .auth import Actor, authenticate
from .entities import EntitySpec
from .failures import (
    ModelNotFound,
    SandboxError,
    ServerError,
    TooManyRequests,
    ValidationFailed,
    invalid_selection,
    required,
)
from .password import require_password
from .registry import Registry
from .responses import error_response
from .state import SandboxState
from .store import Record

log = logging.getLogger(__name__)

Handler = Callable[["Call"], Awaitable[Response]]


@dataclass
class Call:
    """One authenticated API request and everything a handler needs to answer it."""

    request: Request
    state: SandboxState
    actor: Actor
    _body: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def registry(self) -> Registry:
        return self.state.registry

    @property
    def store(self) -> Any:
        return self.state.store

    def param(self, name: str) -> str:
        return str(self.request.path_params[name])

    def query(self, name: str, default: str | None = None) -> str | None:
        return self.request.query_params.get(name, default)

    def flag(self, name: str) -> bool:
        """A boolean query flag such as ``?send_email=true``."""
        return (self.query(name) or "").lower() in ("true", "1", "yes", "on")

    async def body(self) -> dict[str, Any]:
        """The JSON (or form) body; invalid or non-object JSON reads as empty, like Laravel."""
        if self._body is None:
            self._body = await _read_body(self.request)
        return self._body

    def client_key(self) -> str:
        """What the duplicate guards key on: the token (one per caller) or the address."""
        return self.actor.token.token or (self.request.client.host if self.request.client else "")

    def lookup(self, spec: EntitySpec, raw_id: str) -> Record:
        """Route model binding: numeric ids and unknown ids are 400s with the real messages."""
        return find(self.state, spec.kind, spec.model, raw_id)


async def entity_ref(call: Call, kinds: tuple[str, ...]) -> tuple[str, str]:
    """The ``{entity, entity_id}`` body several routes take, checked as their requests do."""
    body = await call.body()
    entity = str(body.get("entity") or "")
    if not entity:
        raise ValidationFailed({"entity": [required("entity")]})
    if entity not in kinds:
        raise ValidationFailed({"entity": [invalid_selection("entity")]})
    entity_id = str(body.get("entity_id") or "")
    if not entity_id:
        raise ValidationFailed({"entity_id": [required("entity_id")]})
    if call.store.get(entity, entity_id) is None:
        raise ValidationFailed({"entity_id": [invalid_selection("entity_id")]})
    return entity, entity_id


def find(state: SandboxState, kind: str, model: str, raw_id: str) -> Record:
    if ids.is_php_numeric(raw_id):
        raise ModelNotFound(value=raw_id)
    record = state.store.get(kind, raw_id)
    if record is None:
        raise ModelNotFound(model)
    return record


async def _read_body(request: Request) -> dict[str, Any]:
    content_type = request.headers.get("content-type", "")
    if "form" in content_type:
        form = await request.form()
        return {k: v for k, v in form.multi_items()}
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def api(handler: Handler, *, password: bool = False) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a handler in the real request pipeline (see the module docstring)."""

    async def endpoint(request: Request) -> Response:
        state: SandboxState = request.app.state.sandbox
        try:
            token = request.headers.get("x-api-token")
            address = request.client.host if request.client else "unknown"
            wait = state.rate_limit.hit(token or address, state.clock.time())
            if wait is not None:
                raise TooManyRequests(wait)
            actor = authenticate(state.auth, state.users(), token)
            if password:
                require_password(state, actor, request)
            return await handler(Call(request=request, state=state, actor=actor))
        except SandboxError as exc:
            return error_response(request, exc)
        except httpx.TransportError:
            raise
        except Exception:
            log.exception("sandbox handler failed")
            return error_response(request, ServerError())

    endpoint.__name__ = getattr(handler, "__name__", "endpoint")
    return endpoint
