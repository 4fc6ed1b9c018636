"""Fixtures for action tests: a Toolbox over a fresh in-process sandbox, and a recording
transport that proves when nothing was sent."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from ninja_tools import NinjaClient, Settings
from ninja_tools.actions.base import Action, Risk
from ninja_tools.sandbox import SandboxState, create_app
from ninja_tools.toolbox import Confirmation, Toolbox

TODAY = dt.date(2026, 3, 16)


class Sent:
    """One request as it left the client: method, path and a copy of its headers."""

    def __init__(self, request: httpx.Request) -> None:
        self.method = request.method
        self.path = request.url.path
        self.headers = httpx.Headers(request.headers)

    def __repr__(self) -> str:  # never the headers: they hold the token and the password
        return f"Sent({self.method} {self.path})"


class Recorder(httpx.AsyncBaseTransport):
    """Passes requests to the sandbox and remembers each one, headers included."""

    def __init__(self, app: Any) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.requests: list[Sent] = []

    @property
    def sent(self) -> list[tuple[str, str]]:
        return [(r.method, r.path) for r in self.requests]

    def writes(self) -> list[tuple[str, str]]:
        """Everything but reads (GETs and the read-only ``POST /refresh``)."""
        return [(m, p) for m, p in self.sent if m != "GET" and not p.endswith("/refresh")]

    def to(self, suffix: str) -> list[Sent]:
        return [r for r in self.requests if r.path.endswith(suffix)]

    def forget(self) -> None:
        self.requests.clear()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(Sent(request))
        return await self.inner.handle_async_request(request)


class Yes:
    """A confirmer that approves everything (and gives a password when one is needed)."""

    def __init__(self, password: str | None = None) -> None:
        self.password = password
        self.asked: list[tuple[str, Risk]] = []

    async def confirm(self, action: Action, args: Any, risk: Risk) -> Confirmation:
        from pydantic import SecretStr

        self.asked.append((action.name, risk))
        secret = SecretStr(self.password) if self.password and risk == "password" else None
        return Confirmation(approved=True, password=secret, how="test")


@pytest.fixture
def app() -> Any:
    return create_app(today=TODAY)


@pytest.fixture
def state(app: Any) -> SandboxState:
    sandbox: SandboxState = app.state.sandbox
    return sandbox


@pytest.fixture
def recorder(app: Any) -> Recorder:
    return Recorder(app)


@pytest.fixture
async def toolbox(recorder: Recorder, state: SandboxState) -> AsyncIterator[Toolbox]:
    client = NinjaClient(Settings.load(url="http://sandbox.test", token="sandbox-token"),
                         transport=recorder)
    box = Toolbox(client)
    box.context.today = lambda: TODAY
    box.context.now = state.clock.time  # running timers count on the sandbox's clock
    yield box
    await client.aclose()


@pytest.fixture
def yes() -> Yes:
    return Yes(password="sandbox-password")
