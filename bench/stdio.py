"""A bare stdio JSON-RPC exchange with ``ninja-tools mcp``: start, initialize, list the tools.

No MCP client library on our side, so nothing but the server's own start-up is timed. The
processes keep their bytecode caches (``environment``), as an installed command does.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tests.mcp import processes
from tests.mcp.processes import ROOT, command

_HELLO = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "2025-06-18", "capabilities": {},
    "clientInfo": {"name": "bench", "version": "0"}}}
_READY = {"jsonrpc": "2.0", "method": "notifications/initialized"}
_LIST = {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}


#: Bytecode caches for the benchmarked processes, kept out of the work tree.
_CACHES = str(Path(tempfile.gettempdir()) / "ninja-tools-bench-pycache")


def environment() -> dict[str, str]:
    """The tests' process environment, with bytecode caches written and read (this shell may
    turn writing them off, which would make every start compile our modules afresh)."""
    env = processes.environment(PYTHONPYCACHEPREFIX=_CACHES)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@dataclass
class Listing:
    """One start: seconds from process start to the tools/list answer, and that answer."""

    seconds: float
    line: str

    @property
    def tools(self) -> list[dict[str, Any]]:
        tools: list[dict[str, Any]] = json.loads(self.line)["result"]["tools"]
        return tools


def _send(pipe: IO[bytes], message: dict[str, Any]) -> None:
    pipe.write((json.dumps(message) + "\n").encode())
    pipe.flush()


def _answer(pipe: IO[bytes], wanted: int) -> str:
    while True:
        line = pipe.readline()
        if not line:
            raise RuntimeError("the server closed stdout before answering")
        if json.loads(line).get("id") == wanted:
            return line.decode().rstrip("\n")


def list_tools(*flags: str) -> Listing:
    """Start ``ninja-tools mcp --sandbox [flags]``, list its tools, close stdin (it exits)."""
    started = time.perf_counter()
    process = subprocess.Popen([command("ninja-tools"), "mcp", "--sandbox", *flags],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, env=environment(), cwd=ROOT)
    assert process.stdin is not None and process.stdout is not None
    try:
        _send(process.stdin, _HELLO)
        _answer(process.stdout, 1)
        _send(process.stdin, _READY)
        _send(process.stdin, _LIST)
        line = _answer(process.stdout, 2)
        seconds = time.perf_counter() - started
    finally:
        process.stdin.close()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
    return Listing(seconds, line)
