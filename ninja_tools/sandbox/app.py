"""Assembles the sandbox ASGI app: registry, domain modules, state, routes, middleware.

Route order: domain routes (specific paths such as ``clients/{id}/purge``) first, then
the generic resource routes of every entity row, then ``/_sandbox``. Unknown paths
and wrong verbs get the real 404 bodies. The outermost layers add the version headers
and apply injected faults.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import admin
from .clock import Clock
from .failures import MethodNotAllowed, RouteNotFound
from .faults import FaultMiddleware
from .registry import Registry
from .resources import routes_for
from .responses import VERSION_HEADERS, error_response
from .seed import SEEDS
from .state import SandboxState, SeedFunction, SeedOptions

# Domain modules, each with ``install(reg: Registry)``. Later phases append theirs here.
DOMAIN_MODULES: list[str] = [
    "ninja_tools.sandbox.lifecycle",
    "ninja_tools.sandbox.account",
    "ninja_tools.sandbox.merge",
    "ninja_tools.sandbox.money",
    "ninja_tools.sandbox.activity",
    "ninja_tools.sandbox.work",
    "ninja_tools.sandbox.spend",
    "ninja_tools.sandbox.files",
    "ninja_tools.sandbox.insight",
    "ninja_tools.sandbox.history",
    "ninja_tools.sandbox.settings_domain",
    "ninja_tools.sandbox.subscriptions",
    "ninja_tools.sandbox.schedules",
    "ninja_tools.sandbox.companies",
    "ninja_tools.sandbox.gateways",
    "ninja_tools.sandbox.banking",
    "ninja_tools.sandbox.people",
    "ninja_tools.sandbox.client_more",
    "ninja_tools.sandbox.recurring_more",
    "ninja_tools.sandbox.work_more",
    "ninja_tools.sandbox.einvoice",
    "ninja_tools.sandbox.dashboard",
    "ninja_tools.sandbox.mail_history",
    "ninja_tools.sandbox.templates",  # last: wraps every bulk ``template`` handler
]


def build_registry(modules: list[str] | None = None) -> Registry:
    reg = Registry()
    for name in modules if modules is not None else DOMAIN_MODULES:
        importlib.import_module(name).install(reg)
    return reg


class SandboxApp(Starlette):
    """Starlette with the sandbox's outer layers (faults, version headers) around everything."""

    def build_middleware_stack(self) -> ASGIApp:
        inner = super().build_middleware_stack()
        return FaultMiddleware(VersionHeaders(inner), lambda: self.state.sandbox)


class VersionHeaders:
    """Adds X-App-Version / X-Api-Version to every answer, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.extra = [(k.lower().encode(), v.encode()) for k, v in VERSION_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                existing = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.extra if k not in existing]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _not_found(request: Request, exc: Exception) -> Response:
    """Laravel's GET-only fallback route turns other verbs on unknown paths into 405s."""
    if request.method in ("GET", "HEAD"):
        return error_response(request, RouteNotFound())
    return error_response(request, MethodNotAllowed())


async def _wrong_method(request: Request, exc: Exception) -> Response:
    return error_response(request, MethodNotAllowed())


def create_app(
    *,
    seed: str | SeedFunction = "demo",
    token: str = "sandbox-token",
    password: str = "sandbox-password",
    today: dt.date | None = None,
    sandbox_routes: bool = True,
    domains: list[str] | None = None,
) -> Starlette:
    """Build a seeded sandbox; its live state is ``app.state.sandbox`` (a ``SandboxState``)."""
    registry = build_registry(domains)
    start = dt.datetime.combine(today, dt.time(9, 0), dt.UTC) if today else None
    seed_function = SEEDS[seed] if isinstance(seed, str) else seed
    clock = Clock(start)
    options = SeedOptions(token=token, password=password, today=clock.today())
    state = SandboxState(
        registry=registry,
        clock=clock,
        seed=seed_function,
        options=options,
        sandbox_routes=sandbox_routes,
    )
    state.load()
    routes: list[BaseRoute] = list(registry.routes)
    for spec in registry.specs.values():
        routes += routes_for(spec)
    routes += admin.routes()
    handlers: dict[Any, Any] = {404: _not_found, 405: _wrong_method}
    app = SandboxApp(routes=routes, exception_handlers=handlers)
    app.state.sandbox = state
    return app


__all__ = ["DOMAIN_MODULES", "SandboxApp", "build_registry", "create_app"]
