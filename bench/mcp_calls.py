"""Figure 2: the figure-1 calls through MCP, in memory and over stdio, beside Toolbox.run."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from mcp import Client, StdioServerParameters
from mcp.types import CallToolResult

from ninja_mcp.runtime import Runtime
from ninja_mcp.server import build_server
from ninja_tools.confirm import Desk
from tests.mcp.conftest import options
from tests.mcp.processes import ROOT, command

from .common import Sandbox, summary, timed
from .stdio import environment

RUNS = 200
Call = Callable[[], Awaitable[Any]]


def _checked(client: Client, name: str, args: dict[str, Any]) -> Call:
    async def call() -> CallToolResult:
        result = await client.call_tool(name, args)
        if result.is_error:
            raise RuntimeError(f"{name} failed: {result.content}")
        return result

    return call


def _direct(box: Sandbox, name: str, args: dict[str, Any]) -> Call:
    async def call() -> Any:
        return await box.toolbox.run(name, args)

    return call


async def _first_invoice(client: Client) -> str:
    page = await _checked(client, "list_invoices", {"per_page": 1})()
    assert page.structured_content is not None
    return str(page.structured_content["items"][0]["id"])


async def _interleaved(paths: dict[str, Call]) -> dict[str, list[float]]:
    """Each path's milliseconds, in four interleaved blocks so that noise hits all alike."""
    out: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(4):
        for name, call in paths.items():
            out[name] += await timed(call, RUNS // 4)
    return out


def _report(ms: dict[str, list[float]]) -> dict[str, Any]:
    base = summary(ms["toolbox"])
    report: dict[str, Any] = {"toolbox": base}
    for name in ("in_memory", "stdio"):
        got = summary(ms[name])
        report[name] = got | {
            "added_median_ms": round(got["median_ms"] - base["median_ms"], 3),
            "ratio_median": round(got["median_ms"] / base["median_ms"], 2)}
    return report


async def measure() -> dict[str, Any]:
    box = Sandbox.start()
    runtime = Runtime(options(), toolbox=box.toolbox, desk=Desk(box.toolbox))
    params = StdioServerParameters(command=command("ninja-tools"), args=["mcp", "--sandbox"],
                                   env=environment(), cwd=str(ROOT))
    try:
        async with Client(build_server(runtime)) as memory, Client(params) as stdio:
            mine = await _first_invoice(memory)
            theirs = await _first_invoice(stdio)
            results: dict[str, Any] = {}
            for name, mine_args, theirs_args in (
                    ("get_invoice", {"id": mine}, {"id": theirs}),
                    ("list_invoices", {}, {})):
                results[name] = _report(await _interleaved({
                    "toolbox": _direct(box, name, mine_args),
                    "in_memory": _checked(memory, name, mine_args),
                    "stdio": _checked(stdio, name, theirs_args)}))
            return results
    finally:
        await runtime.aclose()
        await box.close()
