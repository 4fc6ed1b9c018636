"""Fixtures for the sandbox server tests: a fresh app per test and raw httpx clients."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from ninja_tools.sandbox import SandboxState, create_app

TODAY = dt.date(2025, 3, 14)
OWNER = "sandbox-token"
RESTRICTED = "sandbox-restricted-token"
GOOGLE = "sandbox-google-token"
JSON_HEADERS = {"X-Requested-With": "XMLHttpRequest", "Accept": "application/json"}


def headers(token: str | None = OWNER, **extra: str) -> dict[str, str]:
    out = dict(JSON_HEADERS)
    if token is not None:
        out["X-API-TOKEN"] = token
    out.update({k.replace("_", "-"): v for k, v in extra.items()})
    return out


@pytest.fixture
def app(request: pytest.FixtureRequest) -> Any:
    # A test module that counts seeded rows sets SEED = "basics" (no money or operations data).
    return create_app(today=TODAY, seed=getattr(request.module, "SEED", "demo"))


@pytest.fixture
def state(app: Any) -> SandboxState:
    sandbox: SandboxState = app.state.sandbox
    return sandbox


@pytest.fixture
async def raw(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """A client with no default headers."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as client:
        yield client


@pytest.fixture
async def api(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """The owner, in JSON mode."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://sandbox/api/v1", headers=headers()
    ) as client:
        yield client


@pytest.fixture
async def restricted(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://sandbox/api/v1", headers=headers(RESTRICTED)
    ) as client:
        yield client


def by_name(state: SandboxState, kind: str, name: str) -> dict[str, Any]:
    return next(r for r in state.store.rows(kind) if r.get("name") == name)
