"""``ninja-tools mcp``: run the server over stdio (default) or streamable HTTP.

Under stdio the protocol owns stdout and every log line goes to stderr. The host closing stdin
ends the server; so do SIGINT and SIGTERM, which close the confirm page and the client and then
leave at once with status 0 (the SDK reads stdin in a thread that no cancellation reaches, so
waiting for it could take forever). The HTTP transport is imported only when asked for.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys

import anyio
from mcp.server import NotificationOptions
from mcp.server.stdio import stdio_server

from .options import Options
from .runtime import Runtime
from .server import build_server

__all__ = ["run_mcp"]

log = logging.getLogger("ninja_mcp")


async def _until_signal(runtime: Runtime) -> None:
    """On SIGINT or SIGTERM (where the platform has them): clean up and leave."""
    if sys.platform == "win32":  # pragma: no cover
        return
    with anyio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
        async for received in signals:
            log.info("%s: stopping", signal.Signals(received).name)
            with anyio.CancelScope(shield=True), anyio.move_on_after(5):
                await runtime.aclose()
            logging.shutdown()
            sys.stderr.flush()
            os._exit(0)


async def serve_stdio(options: Options) -> None:
    """Serve one host over stdin/stdout until it goes away or a signal arrives."""
    runtime = Runtime(options)
    server = build_server(runtime)
    init = server.create_initialization_options(NotificationOptions())
    try:
        async with anyio.create_task_group() as group:
            group.start_soon(_until_signal, runtime)
            group.start_soon(runtime.warm_up)
            async with stdio_server() as (read, write):
                await server.run(read, write, init)
            group.cancel_scope.cancel()
    finally:
        with anyio.CancelScope(shield=True):
            await runtime.aclose()


def run_mcp(args: argparse.Namespace) -> int:
    """Entry point of ``ninja-tools mcp``; returns the exit code."""
    options = Options.from_args(args)
    if options.transport == "http":
        from .http import run_http

        return run_http(options)
    anyio.run(serve_stdio, options)
    return 0
