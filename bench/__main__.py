"""``python -m bench``: measure, print a table, write ``bench/results.json``."""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio

from . import cold_start, concurrency, context, mcp_calls, overhead, sizes, slack_ack

FIGURES: list[tuple[str, Callable[[], Awaitable[dict[str, Any]]]]] = [
    ("1 overhead", overhead.measure),
    ("2 through MCP", mcp_calls.measure),
    ("3 cold start", cold_start.measure),
    ("4 context cost", context.measure),
    ("5 result size", sizes.measure),
    ("6 concurrency", concurrency.measure),
    ("7 slack ack", slack_ack.measure),
]


def _machine() -> dict[str, Any]:
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count()}


def _print(name: str, figure: dict[str, Any], indent: str = "  ") -> None:
    print(f"{indent}{name}")
    for key, value in figure.items():
        if isinstance(value, dict):
            _print(key, value, indent + "  ")
        else:
            print(f"{indent}  {key:<24} {value}")


async def main() -> dict[str, Any]:
    results: dict[str, Any] = {"machine": _machine(), "figures": {}}
    started = time.perf_counter()
    for name, measure in FIGURES:
        figure = await measure()
        results["figures"][name] = figure
        _print(name, figure, "")
    results["seconds"] = round(time.perf_counter() - started, 1)
    return results


if __name__ == "__main__":
    outcome = anyio.run(main)
    path = Path(__file__).with_name("results.json")
    path.write_text(json.dumps(outcome, indent=2, sort_keys=True) + "\n")
    print(f"\nwrote {path} in {outcome['seconds']} s", file=sys.stderr)
