"""The page served alone by uvicorn on 127.0.0.1, over real TCP: it answers, it refuses a Host
that is not loopback (DNS rebinding), and it stops cleanly."""

from __future__ import annotations

import httpx

from ninja_tools.confirm import Desk, serve_confirm_page
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import ALICE, Clock


async def test_served_on_loopback_with_its_own_url(
    toolbox: Toolbox, clock: Clock, state: SandboxState
) -> None:
    desk = Desk(toolbox, clock=clock)
    invoice = str(state.store.where("invoice", number="0001")[0]["id"])
    server = await serve_confirm_page(desk)
    try:
        assert desk.base_url == server.url and str(server) == server.url
        pending = await desk.open(await toolbox.prepare("delete_invoice", {"id": invoice}, ALICE))
        async with httpx.AsyncClient() as browser:
            shown = await browser.get(pending.url)
            assert shown.status_code == 200 and "Delete invoice 0001" in shown.text
            assert shown.headers["x-frame-options"] == "DENY" and "server" not in shown.headers
            rebound = await browser.get(pending.url, headers={"Host": "evil.example"})
            assert rebound.status_code == 400
    finally:
        await server.aclose()
    async with httpx.AsyncClient() as browser:
        try:
            await browser.get(pending.url, timeout=2)
        except httpx.ConnectError:
            pass
        else:
            raise AssertionError("the page still answers after aclose()")


async def test_a_public_url_is_kept(toolbox: Toolbox, clock: Clock) -> None:
    desk = Desk(toolbox, clock=clock, base_url="https://ninja.example.com/")
    async with await serve_confirm_page(desk, port=0) as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert desk.base_url == "https://ninja.example.com"
