"""A server that cannot reach Invoice Ninja still starts and says so on every tool (and once on
stderr); errors are results with a hint; secrets appear nowhere."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest
from mcp.server import Server

from ninja_mcp import runtime as runtime_module
from ninja_mcp.options import Options
from ninja_mcp.runtime import Runtime
from ninja_mcp.server import build_server
from ninja_tools import RetryPolicy, Settings
from ninja_tools.sandbox import create_app

from .conftest import TODAY, YES, answering, confirm_on_page, connect

CHECK = "ninja-tools check"


async def _every_tool_says(server: Server[Any], expected: str) -> None:
    """Every tool that reaches Invoice Ninja answers with the problem and the hint."""
    async with connect(server) as client:
        tools = (await client.list_tools()).tools
        assert len(tools) >= 15
        for name, args in (("list_invoices", {}), ("find_clients", {"name": "Acme"}),
                           ("run_action", {"name": "list_payments"}),
                           ("download_invoice_pdf", {"number": "0001"})):
            result = await client.call_tool(name, args)
            text = result.content[0].text  # type: ignore[union-attr]
            assert result.is_error and expected in text and CHECK in text, (name, text)


async def test_a_refused_token(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(today=TODAY)
    options = Options(settings=Settings.load(url="http://sandbox.test", token="wrong-token"))
    runtime = Runtime(options, transport=httpx.ASGITransport(app=app))
    with caplog.at_level(logging.ERROR, logger="ninja_mcp"):
        await runtime.warm_up(delay=0)
        await _every_tool_says(build_server(runtime), "token")
        await runtime.warm_up(delay=0)
    told = [r for r in caplog.records if r.name == "ninja_mcp"]
    assert len(told) == 1 and CHECK in told[0].getMessage()
    assert "wrong-token" not in caplog.text
    await runtime.aclose()


async def test_no_token_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NINJA_TOKEN", raising=False)
    monkeypatch.chdir("/")  # no .env file
    options = Options(settings=Settings.load(url="http://sandbox.test"))
    await _every_tool_says(build_server(Runtime(options)), "NINJA_TOKEN")


async def test_an_unreachable_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runtime_module, "RETRY", RetryPolicy(attempts=1))

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    options = Options(settings=Settings.load(url="http://ninja.invalid", token="t0ken"))
    runtime = Runtime(options, transport=httpx.MockTransport(refuse))
    await _every_tool_says(build_server(runtime), "ninja.invalid")
    await runtime.aclose()


async def test_bad_settings_do_not_stop_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    monkeypatch.setenv("NINJA_TIMEOUT", "forever")
    options = Options.from_args(argparse.Namespace(sandbox=False, transport="stdio"))
    assert options.problem is not None
    await _every_tool_says(build_server(Runtime(options)), "NINJA_TIMEOUT")


async def test_mistakes_are_explained(server: Server[Any]) -> None:
    async with connect(server) as client:
        unknown = await client.call_tool("list_invoice", {})
        invalid = await client.call_tool("create_invoice", {"client": "Acme",
                                                            "line_items": "ten hours"})
        missing = await client.call_tool("get_invoice", {"id": "NoSuchId99"})
    texts = [r.content[0].text for r in (unknown, invalid, missing)]  # type: ignore[union-attr]
    assert all(r.is_error for r in (unknown, invalid, missing))
    assert "list_invoices" in texts[0]
    assert "line_items" in texts[1]
    assert "NoSuchId99" in texts[2] or "No invoice" in texts[2]


async def test_an_unexpected_failure_is_logged_not_shown(
        server: Server[Any], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    from ninja_tools.toolbox import Toolbox

    async def broken(self: Toolbox, call: Any, **kwargs: Any) -> Any:
        raise RuntimeError("internal detail 4242")

    monkeypatch.setattr(Toolbox, "execute", broken)
    async with connect(server) as client:
        result = await client.call_tool("list_products", {})
    assert result.is_error
    assert "4242" not in result.content[0].text  # type: ignore[union-attr]
    assert "4242" in caplog.text and "Traceback" in caplog.text


async def test_secrets_appear_nowhere(monkeypatch: pytest.MonkeyPatch,
                                      caplog: pytest.LogCaptureFixture,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    token, secret, password = "tok-Zq8Secret", "api-Zq8Secret", "pw-Zq8Secret"
    app = create_app(today=TODAY, token=token, password=password)
    state = app.state.sandbox
    options = Options(settings=Settings.load(url="http://sandbox.test", token=token,
                                             api_secret=secret))
    runtime = Runtime(options, transport=httpx.ASGITransport(app=app))
    seen: list[str] = []
    caplog.set_level(logging.DEBUG)
    async with connect(build_server(runtime), "legacy", answering("accept", YES)) as client:
        seen.append(json.dumps([t.model_dump(mode="json") for t in
                                (await client.list_tools()).tools]))
        invoice = str(state.store.where("invoice", number="0002")[0]["id"])
        client_id = str(state.store.where("client", name="Initech")[0]["id"])
        for name, args in (("list_invoices", {"status": "overdue"}),
                           ("get_invoice", {"id": invoice}),
                           ("send_invoice", {"id": invoice}),
                           ("delete_invoice", {"id": invoice}),
                           ("purge_client", {"id": client_id})):
            result = await client.call_tool(name, args)
            seen.append(result.model_dump_json())
        waiting = result.structured_content["confirmation"]
        page = await confirm_on_page(waiting["url"], password=password)
        seen.append(page.text)
        status = await client.call_tool("confirmation_status",
                                        {"confirmation_id": waiting["confirmation_id"]})
        seen.append(status.model_dump_json())
        assert status.structured_content["state"] == "done"
    await runtime.aclose()
    out = capsys.readouterr()
    haystack = "\n".join([*seen, caplog.text, out.out, out.err, repr(runtime), repr(options)])
    for value in (token, secret, password):
        assert value not in haystack
    assert "key_login" not in haystack and "invitation" not in haystack.lower()
