"""Shared set-up for the operations-side sandbox tests: an in-process client per test."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from ninja_tools.sandbox.app import create_app
from ninja_tools.sandbox.state import SandboxState

TODAY = dt.date(2025, 3, 14)
HEADERS = {
    "X-API-TOKEN": "sandbox-token",
    "X-Requested-With": "XMLHttpRequest",
    "Accept": "application/json",
}


def make_client(**kwargs: Any) -> tuple[httpx.AsyncClient, SandboxState]:
    """A client talking to a fresh demo sandbox whose clock is frozen at ``TODAY`` 09:00 UTC."""
    app = create_app(today=TODAY, **kwargs)
    state: SandboxState = app.state.sandbox
    state.clock.freeze()
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://sandbox", headers=HEADERS
    )
    return client, state


def by(state: SandboxState, kind: str, **match: Any) -> dict[str, Any]:
    return next(r for r in state.store.rows(kind) if all(r.get(k) == v for k, v in match.items()))
