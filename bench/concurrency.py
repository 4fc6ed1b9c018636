"""Figure 6: 200 concurrent tool calls against a sandbox that adds 20 ms to every answer."""

from __future__ import annotations

import time
import tracemalloc
from typing import Any

import anyio

from .common import Sandbox

CALLS = 200
LATENCY_MS = 20


async def measure() -> dict[str, Any]:
    box = Sandbox.start()
    try:
        await box.toolbox.run("list_invoices", {})  # warm the lookups once
        box.app.state.sandbox.faults.add("latency", latency_ms=LATENCY_MS)
        errors: list[str] = []

        async def one() -> None:
            try:
                await box.toolbox.run("list_invoices", {"per_page": 5})
            except Exception as exc:
                errors.append(type(exc).__name__)

        tracemalloc.start()
        started = time.perf_counter()
        async with anyio.create_task_group() as group:
            for _ in range(CALLS):
                group.start_soon(one)
        wall = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        serial = CALLS * LATENCY_MS / 1000
        return {"calls": CALLS, "latency_ms": LATENCY_MS, "wall_s": round(wall, 3),
                "serial_s": serial, "speedup": round(serial / wall, 1), "errors": len(errors),
                "peak_traced_mib": round(peak / 2**20, 1)}
    finally:
        await box.close()
