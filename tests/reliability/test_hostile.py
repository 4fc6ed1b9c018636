"""Hostile content comes back intact as data in tool results and confirmation questions;
escaping is each face's job (the confirm page, Block Kit), tested there."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from ninja_tools import NinjaClient, Settings, Toolbox
from ninja_tools.confirm import Desk
from ninja_tools.present import dump
from ninja_tools.sandbox import create_app

NAME = "<!channel> & <b>bold</b> <script>alert(1)</script> \u202e \x07\x1b[31m"
HOSTILE = NAME + " " + "x" * 2000


@pytest.fixture
async def toolbox() -> Any:
    app = create_app()
    client = NinjaClient(Settings.load(url="http://sandbox.test", token="sandbox-token"),
                         transport=httpx.ASGITransport(app=app))
    yield Toolbox(client)
    await client.aclose()


async def test_hostile_names_and_notes_round_trip_as_data(toolbox: Toolbox) -> None:
    made = dump(await toolbox.run("create_client", {
        "name": NAME, "public_notes": HOSTILE,
        "contacts": [{"first_name": "<img src=x>", "email": "x@example.com"}]}))
    client_id = made["client"]["id"]
    got = dump(await toolbox.run("get_client", {"id": client_id}))
    assert got["name"] == NAME and got["public_notes"] == HOSTILE
    invoice = dump(await toolbox.run("create_invoice", {
        "client_id": client_id, "public_notes": HOSTILE,
        "line_items": [{"notes": HOSTILE, "cost": 1}]}))["invoice"]
    assert invoice["client_name"] == NAME
    assert invoice["line_items"][0]["notes"] == HOSTILE


async def test_confirmation_question_keeps_the_name_as_text(toolbox: Toolbox) -> None:
    made = dump(await toolbox.run("create_client", {"name": "<!channel> & <b>"}))
    desk = Desk(toolbox, base_url="http://127.0.0.1:1")
    pending = await desk.open(await toolbox.prepare("purge_client", {"id": made["client"]["id"]}))
    assert "<!channel> & <b>" in pending.question
