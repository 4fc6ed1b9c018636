"""Fixtures for the MCP server: a sandbox, a Toolbox on it, and the server around them, plus
elicitation answers and a browser for the confirm page."""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from mcp import Client
from mcp.server import Server
from mcp.types import ElicitResult

from ninja_mcp.options import Options
from ninja_mcp.runtime import Runtime
from ninja_mcp.server import build_server
from ninja_tools import NinjaClient, Settings
from ninja_tools.confirm import Desk
from ninja_tools.identity import fetch_identity
from ninja_tools.policy import Policy
from ninja_tools.sandbox import SandboxState, create_app
from ninja_tools.toolbox import Toolbox

TODAY = dt.date(2026, 3, 16)
PASSWORD = "sandbox-password"
MODES = ["auto", "legacy"]

Elicit = Callable[[Any, Any], Awaitable[ElicitResult]]


def options(**flags: Any) -> Options:
    """Options as ``ninja-tools mcp --sandbox [flags]`` would make them."""
    values: dict[str, Any] = {"sandbox": True, "transport": "stdio"} | flags
    return Options.from_args(argparse.Namespace(**values))


@pytest.fixture
def app() -> Any:
    return create_app(today=TODAY)


@pytest.fixture
def state(app: Any) -> SandboxState:
    sandbox: SandboxState = app.state.sandbox
    return sandbox


@pytest.fixture(autouse=True)
def _no_audit_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    monkeypatch.setenv("NINJA_AUDIT_FILE", str(tmp_path / "audit.jsonl"))


MakeRuntime = Callable[..., Runtime]


@pytest.fixture
async def make_runtime(app: Any) -> AsyncIterator[MakeRuntime]:
    """Runtimes over the fixture's sandbox, with the server's own policy (token: owner)."""
    made: list[Runtime] = []

    def make(token: str = "sandbox-token", **flags: Any) -> Runtime:
        opts = options(**flags)
        client = NinjaClient(Settings.load(url="http://sandbox.test", token=token),
                             transport=httpx.ASGITransport(app=app))
        policy = Policy(identity=lambda: fetch_identity(client), exclude=opts.exclude,
                        read_only=opts.read_only)
        toolbox = Toolbox(client, policy=policy)
        toolbox.context.today = lambda: TODAY
        runtime = Runtime(opts, toolbox=toolbox, desk=Desk(toolbox))
        made.append(runtime)
        return runtime

    yield make
    for runtime in made:
        await runtime.aclose()


@pytest.fixture
def runtime(make_runtime: MakeRuntime) -> Runtime:
    return make_runtime()


@pytest.fixture
def server(runtime: Runtime) -> Server[Any]:
    return build_server(runtime)


def answering(action: str, content: dict[str, Any] | None = None,
              asked: list[str] | None = None) -> Elicit:
    """An elicitation callback that always gives this answer (and notes the questions)."""
    async def callback(context: Any, params: Any) -> ElicitResult:
        if asked is not None:
            asked.append(params.message)
        return ElicitResult(action=action, content=content)  # type: ignore[arg-type]
    return callback


YES = {"confirm": True}
_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


async def confirm_on_page(url: str, decision: str = "confirm", **fields: str) -> httpx.Response:
    """Open the confirm page like a browser, then press a button (with the given fields)."""
    async with httpx.AsyncClient(timeout=10) as browser:
        shown = await browser.get(url)
        assert shown.status_code == 200, shown.text
        found = _TOKEN.search(shown.text)
        assert found, "the page has no form"
        data = {"form_token": html.unescape(found.group(1)), "decision": decision, **fields}
        return await browser.post(url, data=data)


def connect(server: Server[Any], mode: str = "auto", elicit: Elicit | None = None) -> Client:
    return Client(server, mode=mode, elicitation_callback=elicit)  # type: ignore[arg-type]
