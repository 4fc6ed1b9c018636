"""``ninja-tools mcp --transport http``: streamable HTTP at ``/mcp``, the confirm page beside it.

127.0.0.1:8765 by default, with DNS-rebinding protection (Host and Origin must be loopback or
``NINJA_PUBLIC_URL``'s). A non-loopback host refuses to start without ``NINJA_HTTP_TOKEN``,
which every request to ``/mcp`` must then carry as a bearer token (the confirm page is reached
by a browser and guarded by its unguessable link and form token instead). Sessions are kept,
so handshake-era clients can answer elicitations mid-call. SIGINT and SIGTERM stop uvicorn
gracefully, close the runtime and exit with status 0.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import signal
import sys
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import anyio
import uvicorn
from mcp.server import Server
from mcp.server.transport_security import TransportSecuritySettings
from starlette.applications import Starlette
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from ninja_tools import NinjaError

from .options import Options
from .runtime import Runtime
from .server import build_server

__all__ = ["build_http_app", "run_http", "serve_http"]

log = logging.getLogger("ninja_mcp")

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
_WILDCARD = ("0.0.0.0", "::", "[::]", "")


class _Server(uvicorn.Server):
    """uvicorn that stops on SIGINT or SIGTERM and then returns (newer uvicorn re-raises the
    signal after shutting down, which would kill the process before the runtime is closed)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():  # pragma: no cover
            yield
            return
        stops = (signal.SIGINT, signal.SIGTERM)
        previous = {sig: signal.signal(sig, self.handle_exit) for sig in stops}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


class BearerGuard:
    """Refuses ``/mcp`` requests without ``Authorization: Bearer <NINJA_HTTP_TOKEN>``."""

    def __init__(self, app: ASGIApp, token: str, path: str = "/mcp") -> None:
        self.app = app
        self._token = f"Bearer {token}".encode()
        self._path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(self._path):
            given = dict(scope["headers"]).get(b"authorization", b"")
            if not hmac.compare_digest(given, self._token):
                answer = JSONResponse({"error": "invalid_token", "error_description":
                                       "Send NINJA_HTTP_TOKEN as a bearer token."}, 401,
                                      headers={"WWW-Authenticate": "Bearer"})
                await answer(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _base_url(options: Options) -> str:
    public = options.settings.public_url if options.settings else None
    if public:
        return public.rstrip("/")
    host = "127.0.0.1" if options.host in _WILDCARD else options.host
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    return f"http://{shown}:{options.port}"


def _security(options: Options, base_url: str) -> TransportSecuritySettings:
    names = {*LOOPBACK, urlsplit(base_url).hostname or ""}
    if options.host not in _WILDCARD:
        names.add(options.host)
    hosts = sorted(f"[{n.strip('[]')}]" if ":" in n else n for n in names if n)
    origins = [f"{scheme}://{h}:*" for h in hosts for scheme in ("http", "https")]
    origins.append(base_url)
    return TransportSecuritySettings(enable_dns_rebinding_protection=True,
                                     allowed_hosts=[f"{h}:*" for h in hosts] + hosts,
                                     allowed_origins=origins)


def _banner(options: Options) -> str:
    """Where the server listens and how to connect a client, for the person who started it."""
    url = f"{_base_url(options)}/mcp"
    against = "the in-process sandbox (demo data)" if options.sandbox else "Invoice Ninja"
    return (f"ninja-tools MCP server on {url}, against {against}\n"
            f"  Claude Code: claude mcp add --transport http ninja-tools {url}\n"
            f"  Other clients: a streamable HTTP server at {url}\n"
            f"  Confirmations open on {_base_url(options)}/confirm/...\n")


def build_http_app(server: Server[Any], runtime: Runtime, options: Options) -> ASGIApp:
    """The ASGI app: ``/mcp`` and ``/confirm/{id}``, guarded as the module docstring says."""
    from ninja_tools.confirm import confirm_mount

    base_url = _base_url(options)
    core = runtime.ready_core
    routes: list[Any] = []  # a Mount, which Starlette takes among routes
    if core is not None:
        if not core.desk.base_url:
            core.desk.base_url = base_url
        routes.append(confirm_mount(core.desk))
    app: Starlette = server.streamable_http_app(
        streamable_http_path="/mcp", host=options.host,
        transport_security=_security(options, base_url), custom_starlette_routes=routes)
    guarded: ASGIApp = app
    token = options.settings.http_token if options.settings else None
    if token is not None:
        guarded = BearerGuard(guarded, token.get_secret_value())
    if options.host in LOOPBACK:
        guarded = TrustedHostMiddleware(guarded, allowed_hosts=list(LOOPBACK))
    return guarded


async def serve_http(options: Options) -> int:
    """Serve until SIGINT or SIGTERM; 2 when a public host has no bearer token."""
    token = options.settings.http_token if options.settings else None
    if options.host not in LOOPBACK and token is None:
        log.error("ninja-tools mcp: refusing to listen on %s without NINJA_HTTP_TOKEN; set it"
                  " (clients then send it as a bearer token) or use --host 127.0.0.1.",
                  options.host)
        return 2
    runtime = Runtime(options)
    try:
        await runtime.core()
        await runtime.check()
    except NinjaError as exc:
        runtime.tell(exc)
    app = build_http_app(build_server(runtime), runtime, options)
    config = uvicorn.Config(app, host=options.host.strip("[]"), port=options.port,
                            log_level="warning", access_log=False, server_header=False)
    sys.stderr.write(_banner(options))
    try:
        await _Server(config).serve()
    finally:
        with anyio.CancelScope(shield=True):
            await runtime.aclose()
    return 0


def run_http(options: Options) -> int:
    return anyio.run(serve_http, options)
