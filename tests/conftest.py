"""Shared test set-up: every ``async def`` test runs on asyncio through anyio's plugin."""

from __future__ import annotations

import inspect
from typing import Any

import pytest


@pytest.fixture
def anyio_backend() -> str:
    # Bolt's async stack is asyncio-only, so the whole suite runs on asyncio.
    return "asyncio"


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(collector: pytest.Collector, name: str, obj: Any) -> None:
    # Mark coroutine tests before anyio's own collection hook looks for the marker.
    if name.startswith("test") and inspect.iscoroutinefunction(obj):
        pytest.mark.anyio(obj)
