"""``serve_confirm_page``: the page alone on 127.0.0.1; imports no mcp, slack or adapters.

For faces without an HTTP app of their own (the MCP server under stdio). Uvicorn runs as a task
of the caller's event loop (the desk and the Invoice Ninja client live there), leaves the
process's signal handlers alone and writes no access log (the link is a capability).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator
from types import TracebackType

import uvicorn

from .desk import Desk
from .page import confirm_page_app

__all__ = ["PageServer", "serve_confirm_page"]

_LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


class _QuietServer(uvicorn.Server):
    """A uvicorn server that never takes over SIGINT or SIGTERM from the host process."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class PageServer:
    """The running page: ``url`` is its base (``http://127.0.0.1:PORT``); ``aclose`` stops it."""

    def __init__(self, server: uvicorn.Server, task: asyncio.Task[None], url: str) -> None:
        self._server = server
        self._task = task
        self.url = url

    def __repr__(self) -> str:
        return f"PageServer({self.url})"

    def __str__(self) -> str:
        return self.url

    async def aclose(self) -> None:
        self._server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def __aenter__(self) -> PageServer:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.aclose()


async def serve_confirm_page(desk: Desk, host: str = "127.0.0.1", port: int = 0) -> PageServer:
    """Start the confirm page in the background and return it once it accepts connections.

    ``port=0`` picks a free port. The desk's ``base_url`` is set to the page's URL unless it
    already has one (``NINJA_PUBLIC_URL``). On a loopback host, only loopback Host headers are
    accepted (no DNS rebinding).
    """
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host.strip("[]"), port))
    sock.listen(64)
    sock.setblocking(False)
    bound = sock.getsockname()[1]
    shown = f"[{host.strip('[]')}]" if family == socket.AF_INET6 else host
    url = f"http://{shown}:{bound}"
    hosts = ["127.0.0.1", "localhost", "[::1]", "::1"] if host.strip("[]") in _LOOPBACK else None
    app = confirm_page_app(desk, allowed_hosts=hosts)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                            server_header=False)
    server = _QuietServer(config)
    task = asyncio.create_task(server.serve(sockets=[sock]), name="confirm-page")
    while not server.started:
        if task.done():
            sock.close()
            task.result()  # raises what stopped it
            raise RuntimeError("the confirm page stopped while starting")
        await asyncio.sleep(0.01)
    if not desk.base_url:
        desk.base_url = url
    return PageServer(server, task, url)
