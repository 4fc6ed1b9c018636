"""Serving the app: HTTP (``/slack/events`` and the confirm page on one port) or Socket Mode.

HTTP mode is one Starlette app: Slack's signed requests at ``/slack/events`` (commands,
interactivity, options) through Bolt's Starlette adapter, and the core's confirm page at
``/confirm/{id}``. Socket Mode opens an outbound WebSocket instead (no public URL needed);
the confirm page is then served alone, when ``NINJA_PUBLIC_URL`` says where people reach it.
Uvicorn writes no access log: a confirm link is a capability.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator
from types import TracebackType

import uvicorn
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp

from ninja_tools.confirm import Desk, confirm_mount, confirm_page_app

__all__ = ["EVENTS_PATH", "Served", "http_app", "run_socket_mode", "serve"]

EVENTS_PATH = "/slack/events"


def http_app(bolt: AsyncApp, desk: Desk) -> Starlette:
    """Slack's requests and the confirm page, on one ASGI app."""
    handler = AsyncSlackRequestHandler(bolt)

    async def events(request: Request) -> Response:
        return await handler.handle(request)

    return Starlette(routes=[Route(EVENTS_PATH, events, methods=["POST"]), confirm_mount(desk)])


class _Quiet(uvicorn.Server):
    """Leaves SIGINT and SIGTERM to the caller (tests, or a host that stops it itself)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class Served:
    """A running server: ``url`` is its base; ``aclose`` stops it."""

    def __init__(self, server: uvicorn.Server, task: asyncio.Task[None], url: str) -> None:
        self._server = server
        self._task = task
        self.url = url

    def __repr__(self) -> str:
        return f"Served({self.url})"

    async def wait(self) -> None:
        await self._task

    async def aclose(self) -> None:
        self._server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def __aenter__(self) -> Served:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.aclose()


async def serve(app: ASGIApp, host: str = "127.0.0.1", port: int = 0, *,
                signals: bool = False) -> Served:
    """Start ``app`` on ``host:port`` (0: a free port) and return once it accepts connections.

    ``signals``: let uvicorn handle Ctrl-C (the command line); tests and embedders stop it
    with ``aclose``.
    """
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host.strip("[]"), port))
    sock.listen(128)
    sock.setblocking(False)
    shown = f"[{host.strip('[]')}]" if family == socket.AF_INET6 else host
    url = f"http://{shown}:{sock.getsockname()[1]}"
    # log_config=None: uvicorn logs through the process's own logging set-up.
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                            server_header=False, log_config=None)
    server = uvicorn.Server(config) if signals else _Quiet(config)
    task = asyncio.get_running_loop().create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            sock.close()
            task.result()
            raise RuntimeError("the server stopped while starting")
        await asyncio.sleep(0.01)
    return Served(server, task, url)


async def run_socket_mode(bolt: AsyncApp, app_token: str, desk: Desk, *, host: str, port: int,
                          page: bool) -> None:
    """Socket Mode until stopped; the confirm page on ``host:port`` when it is reachable."""
    handler = AsyncSocketModeHandler(bolt, app_token)
    served = await serve(confirm_page_app(desk), host, port, signals=False) if page else None
    try:
        await handler.start_async()  # type: ignore[no-untyped-call]
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]
        if served is not None:
            await served.aclose()
