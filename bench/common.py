"""Shared pieces of the benchmarks: an in-process sandbox, a toolbox on it, and statistics."""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from ninja_tools import NinjaClient, Settings, Toolbox
from ninja_tools.sandbox import create_app

TOKEN = "sandbox-token"
HEADERS = {"X-API-TOKEN": TOKEN, "X-Requested-With": "XMLHttpRequest",
           "Accept": "application/json"}


@dataclass
class Sandbox:
    """One in-process sandbox with a bare httpx client and a Toolbox over the same transport."""

    app: Any
    transport: httpx.ASGITransport
    raw: httpx.AsyncClient
    toolbox: Toolbox

    @classmethod
    def start(cls) -> Sandbox:
        app = create_app()
        transport = httpx.ASGITransport(app=app)
        raw = httpx.AsyncClient(transport=transport, base_url="http://sandbox.test/api/v1",
                                headers=HEADERS)
        client = NinjaClient(Settings.load(url="http://sandbox.test", token=TOKEN),
                             transport=transport)
        return cls(app, transport, raw, Toolbox(client))

    async def close(self) -> None:
        await self.raw.aclose()
        await self.toolbox.client.aclose()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def timed(call: Callable[[], Awaitable[Any]], runs: int) -> list[float]:
    """Milliseconds per call, ``runs`` times, after a few warm-up calls."""
    for _ in range(5):
        await call()
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        out.append((time.perf_counter() - started) * 1000)
    return out


def summary(values: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(values), 3),
            "p99_ms": round(percentile(values, 0.99), 3)}
