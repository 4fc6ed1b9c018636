"""Fixtures for confirmation tests: a fresh sandbox, a transport that records every request with
its headers, a Toolbox and a Desk on a clock the test moves, and an HTTP client for the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from ninja_tools import NinjaClient, Settings
from ninja_tools.confirm import Desk, confirm_page_app
from ninja_tools.policy import Principal
from ninja_tools.sandbox import SandboxState, create_app
from ninja_tools.toolbox import Toolbox

from ..actions.conftest import Recorder

TODAY = dt.date(2026, 3, 16)
PASSWORD = "sandbox-password"
ALICE = Principal(id="alice")
PAGE = "http://confirm.test"


class Clock:
    """The desk's clock: seconds since the epoch, moved by the test."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


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
def clock() -> Clock:
    return Clock()


ToolboxFor = Callable[[str], Toolbox]


@pytest.fixture
async def toolbox_for(recorder: Recorder) -> AsyncIterator[ToolboxFor]:
    """Toolboxes over the same sandbox, one per token."""
    clients: list[NinjaClient] = []

    def make(token: str) -> Toolbox:
        client = NinjaClient(Settings.load(url="http://sandbox.test", token=token),
                             transport=recorder)
        clients.append(client)
        box = Toolbox(client)
        box.context.today = lambda: TODAY
        return box

    yield make
    for client in clients:
        await client.aclose()


@pytest.fixture
def toolbox(toolbox_for: ToolboxFor) -> Toolbox:
    return toolbox_for("sandbox-token")


@pytest.fixture
def desk(toolbox: Toolbox, clock: Clock) -> Desk:
    return Desk(toolbox, base_url=PAGE, clock=clock)


@pytest.fixture
async def page(desk: Desk) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client for the confirm page, as a browser on the page's own origin."""
    transport = httpx.ASGITransport(app=confirm_page_app(desk))
    async with httpx.AsyncClient(transport=transport, base_url=PAGE) as client:
        yield client


@pytest.fixture
async def elsewhere(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """Someone else changing Invoice Ninja directly (not through our client or recorder)."""
    headers = {"X-API-TOKEN": "sandbox-token", "X-Requested-With": "XMLHttpRequest",
               "Accept": "application/json"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), headers=headers,
                                 base_url="http://sandbox.test/api/v1") as client:
        yield client


def ids(state: SandboxState, kind: str, **match: Any) -> list[str]:
    return [str(r["id"]) for r in state.store.where(kind, **match)]


def by_name(state: SandboxState, kind: str, name: str) -> dict[str, Any]:
    found = state.store.where(kind, name=name)
    assert found, f"the sandbox has no {kind} called {name!r}"
    return found[0]
