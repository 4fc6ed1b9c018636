"""A client whose name holds markup, a Slack mention, HTML, control and direction characters
and thousands of characters, asked about in a confirmation through each face: escaped in the
Slack card and on the confirm page, intact as data in MCP results.

What was covered already: ``<!channel> & <b>`` in Slack replies and cards
(``tests/slack/test_documents.py``), ``<script>`` on the confirm page
(``tests/confirm/test_page.py``), the whole name as data in the Toolbox
(``test_hostile.py``). Added here: the rest of the hostile name, through each face.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from ninja_mcp.runtime import Runtime
from ninja_mcp.server import build_server
from ninja_tools import NinjaClient, Policy, Settings, Toolbox
from ninja_tools.confirm import Desk
from ninja_tools.identity import fetch_identity
from ninja_tools.sandbox import create_app
from tests.mcp.conftest import confirm_on_page, connect, options

from .slack_app import ADMIN, SlackApp, button, slack_app

MARKUP = "<!channel> <@U0ADMIN> <b>bold</b> <script>alert(1)</script> & <https://x.test|click>"
TRICKS = "\u202e\u2066evil\u2069 \x07\x1b[31m\x7f\u0085"
NAME = f"{MARKUP} {TRICKS} " + "long " * 800 + "end"
#: The markup as each face must show it: every <, > and & an entity.
ESCAPED = ("&lt;!channel&gt; &lt;@U0ADMIN&gt; &lt;b&gt;bold&lt;/b&gt; &lt;script&gt;alert(1)"
           "&lt;/script&gt; &amp; &lt;https://x.test|click&gt;")
_SLACK_CONTROL = re.compile(r"<[^>]*>")


_DIRECTION = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


def _unseen(text: str) -> list[str]:
    """Characters a reader cannot see that can hide or reorder text: controls (but line breaks
    and tabs) and the direction formats (embeddings, overrides, isolates)."""
    return sorted({c for c in text if c not in "\t\n\r" and (
        unicodedata.category(c) == "Cc" or unicodedata.bidirectional(c) in _DIRECTION)})


@pytest.fixture
def sandbox() -> Any:
    return create_app()


@pytest.fixture
async def hostile(sandbox: Any) -> dict[str, Any]:
    """The client, made straight through the API (the Toolbox caps names at 190)."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sandbox),
                                 base_url="http://sandbox.test/api/v1",
                                 headers={"X-API-TOKEN": "sandbox-token",
                                          "X-Requested-With": "XMLHttpRequest"}) as api:
        made = await api.post("/clients", json={"name": NAME, "public_notes": NAME})
    assert made.status_code == 200, made.text
    record: dict[str, Any] = made.json()["data"]
    assert record["name"] == NAME
    return record


@pytest.fixture
async def slack(sandbox: Any) -> AsyncIterator[SlackApp]:
    async with slack_app(sandbox) as app:
        yield app


def _slack_texts(value: Any) -> list[str]:
    """Every ``text`` string in a Block Kit message."""
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (
            [v] if k == "text" and isinstance(v, str) else _slack_texts(v))]
    if isinstance(value, list):
        return [t for item in value for t in _slack_texts(item)]
    return []


async def test_the_slack_card_shows_the_name_escaped(hostile: dict[str, Any],
                                                    slack: SlackApp) -> None:
    card = await slack.ask(f"delete client {hostile['number']}")
    assert button(card, "ninja_confirm")
    everything = json.dumps(card, ensure_ascii=False)
    assert ESCAPED in everything
    for found in _SLACK_CONTROL.findall(everything):
        assert found == f"<@{ADMIN}>", f"{found!r} would be parsed by Slack"
    assert not re.search(r"&(?!amp;|lt;|gt;)", everything), "a bare & would be parsed by Slack"
    assert _unseen(everything) == []
    shown = "\n".join(_slack_texts(card))
    assert "\\u202e\\u2066evil\\u2069 \\x07\\x1b[31m\\x7f\\x85" in shown
    for block in card["blocks"]:
        text = block.get("text") or {}
        assert len(text.get("text", "")) <= 3000  # Slack refuses longer sections
    assert len(card["blocks"]) <= 50


async def test_the_confirm_page_shows_the_name_escaped(hostile: dict[str, Any],
                                                      slack: SlackApp) -> None:
    toolbox = slack.desk.toolbox
    pending = await slack.desk.open(await toolbox.prepare("delete_client",
                                                          {"id": hostile["id"]}))
    assert NAME in pending.question  # the question itself holds the data as it is
    url = f"{slack.url}/confirm/{pending.id}"
    shown = await slack.http.get(url)
    assert shown.status_code == 200
    done = await confirm_on_page(url)
    assert done.status_code == 200, done.text
    for page in (shown.text, done.text):
        assert "<script" not in page and "<b>" not in page and "<!channel>" not in page
        assert "<https://" not in page and "<@U0ADMIN>" not in page
        assert _unseen(page) == []
    assert ESCAPED in shown.text and "long " * 800 + "end" in shown.text
    assert "\\u202e\\u2066evil\\u2069 \\x07\\x1b[31m\\x7f\\x85" in shown.text


async def test_mcp_results_keep_the_name_as_data(hostile: dict[str, Any], sandbox: Any) -> None:
    client = NinjaClient(Settings.load(url="http://sandbox.test", token="sandbox-token"),
                         transport=httpx.ASGITransport(app=sandbox))
    toolbox = Toolbox(client, policy=Policy(identity=lambda: fetch_identity(client)))
    runtime = Runtime(options(), toolbox=toolbox, desk=Desk(toolbox))
    async with connect(build_server(runtime)) as mcp:
        got = await mcp.call_tool("get_client", {"id": hostile["id"]})
        waiting = await mcp.call_tool("run_action", {"name": "delete_client",
                                                     "arguments": {"id": hostile["id"]}})
    await runtime.aclose()
    assert got.structured_content is not None and waiting.structured_content is not None
    assert got.structured_content["name"] == NAME
    assert got.structured_content["public_notes"] == NAME
    question = waiting.structured_content["confirmation"]["question"]
    assert NAME in question
    assert question in waiting.content[0].text  # type: ignore[union-attr]
