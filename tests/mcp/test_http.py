"""``ninja-tools mcp --transport http``: uvicorn on a free loopback port, the confirm page on the
same server, DNS-rebinding protection, and the bearer token a public host requires."""

from __future__ import annotations

import subprocess
from typing import Any

import httpx
import pytest
from mcp import Client

from ninja_mcp.http import build_http_app
from ninja_mcp.runtime import Runtime
from ninja_mcp.server import build_server
from ninja_tools import Settings

from .conftest import YES, answering, options
from .processes import command, environment, free_port, running
from .scenario import WHO, run_scenario


@pytest.fixture(scope="module")
def http_server() -> Any:
    port = free_port()
    args = [command("ninja-tools"), "mcp", "--transport", "http", "--sandbox", "--port",
            str(port)]
    with running(args, port):
        yield f"http://127.0.0.1:{port}"


@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_scenario_over_http(http_server: str, mode: str) -> None:
    async with Client(f"{http_server}/mcp", mode=mode) as client:
        await run_scenario(client, WHO[mode])


async def test_confirm_page_on_the_same_server(http_server: str) -> None:
    async with Client(f"{http_server}/mcp") as client:
        found = await client.call_tool("list_invoices", {"status": "draft", "per_page": 1})
        invoice = found.structured_content["items"][0]["id"]
        waiting = await client.call_tool("delete_invoice", {"id": invoice})
    url = waiting.structured_content["confirmation"]["url"]
    assert url.startswith(f"{http_server}/confirm/")
    async with httpx.AsyncClient() as browser:
        page = await browser.get(url)
        rebound = await browser.post(f"{http_server}/mcp", headers={"Host": "evil.example:80"},
                                     json={})
    assert page.status_code == 200 and "Confirm" in page.text
    assert rebound.status_code in (400, 421)


def test_a_public_host_needs_a_token() -> None:
    done = subprocess.run([command("ninja-tools"), "mcp", "--transport", "http", "--sandbox",
                           "--host", "0.0.0.0", "--port", str(free_port())],
                          capture_output=True, env=environment(), timeout=30)
    assert done.returncode == 2 and b"NINJA_HTTP_TOKEN" in done.stderr


async def test_the_bearer_token_is_required_when_set() -> None:
    opts = options(transport="http")
    settings = Settings.load(url="http://sandbox.test", token="sandbox-token",
                             http_token="s3cret-bearer")
    opts = type(opts)(**{**opts.__dict__, "settings": settings})
    runtime = Runtime(opts)
    app = build_http_app(build_server(runtime), runtime, opts)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8765") as web:
        missing = await web.post("/mcp", json={})
        wrong = await web.post("/mcp", json={}, headers={"Authorization": "Bearer nope"})
    assert missing.status_code == wrong.status_code == 401
    assert "s3cret-bearer" not in missing.text


@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_elicitation_over_http(http_server: str, mode: str) -> None:
    asked: list[str] = []
    async with Client(f"{http_server}/mcp", mode=mode,
                      elicitation_callback=answering("accept", YES, asked)) as client:
        found = await client.call_tool("list_invoices", {"status": "draft", "per_page": 1})
        invoice = found.structured_content["items"][0]["id"]
        deleted = await client.call_tool("delete_invoice", {"id": invoice})
        gone = await client.call_tool("get_invoice", {"id": invoice})
    assert not deleted.is_error and len(asked) == 1
    assert gone.is_error or gone.structured_content.get("deleted") is True
