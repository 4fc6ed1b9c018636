"""Every example of the help text, run as an admin would run it, against the sandbox."""

from __future__ import annotations

import pytest

from ninja_slack import texts

from .conftest import ADMIN, Harness, text_of


@pytest.mark.parametrize("example", texts.example_commands())
async def test_every_help_example_works(harness: Harness, example: str) -> None:
    slack = harness.slack
    ack, hook = await slack.command(example, ADMIN)
    assert ack.status_code == 200 and ack.text == "", ack.text
    if example == "new":
        opened = await slack.fake.wait("views.open")
        assert opened[0].body["view"]["callback_id"] == "ninja_new_invoice"
        return
    reply = await slack.reply(hook)
    assert ":warning:" not in text_of(reply), reply
    if example.split()[0] in ("delete", "purge"):
        assert "ninja_cancel" in text_of(reply)  # a confirmation card, nothing done yet


async def test_portal_links_reach_only_the_asker(harness: Harness) -> None:
    slack = harness.slack
    _, hook = await slack.command("links 0014", ADMIN)
    reply = await slack.reply(hook)
    assert reply.get("response_type", "ephemeral") == "ephemeral"
    assert "Portal link" in text_of(reply)
