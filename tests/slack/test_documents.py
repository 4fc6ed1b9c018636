"""PDFs by direct message, and names from Invoice Ninja that try to ping the channel."""

from __future__ import annotations

import json

import httpx

from .conftest import ADMIN, NINJA_TOKEN, VIEWER, Harness, button
from .test_blocks import NASTY, harmless


async def test_the_pdf_goes_to_the_user_by_direct_message(harness: Harness) -> None:
    fake = harness.fake
    reply = await harness.slack.ask("pdf 0014", VIEWER)
    assert reply["text"] == (":page_facing_up: I sent you *Invoice_0014.pdf* in a direct"
                             " message.")
    steps = [c.method for c in fake.calls if c.method not in ("auth.test",
                                                             "usergroups.users.list")
             and not c.path.startswith("/hooks/")]
    assert steps == ["conversations.open", "files.getUploadURLExternal", "upload/F0001",
                     "files.completeUploadExternal"]
    assert fake.to("conversations.open")[0].args["users"] == VIEWER
    asked = fake.to("files.getUploadURLExternal")[0].args
    assert asked["filename"] == "Invoice_0014.pdf"
    pdf = fake.uploads["F0001"]
    assert pdf.startswith(b"%PDF") and int(asked["length"]) == len(pdf)
    done = fake.to("files.completeUploadExternal")[0].args
    assert done["channel_id"] == f"D{VIEWER}"  # the DM, never the channel the command came from
    assert json.loads(done["files"])[0]["id"] == "F0001"
    assert "C0GENERAL" not in json.dumps(done)
    assert not fake.to("/upload")[0].headers.get("authorization")  # no token to the upload URL


async def test_a_quote_pdf_by_number(harness: Harness) -> None:
    reply = await harness.slack.ask("share pdf quote 0002", VIEWER)
    assert reply["response_type"] == "ephemeral"  # a file is never shared in the channel
    assert harness.fake.uploads["F0001"].startswith(b"%PDF")


async def _nasty_client(harness: Harness, sandbox: object) -> None:
    async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=sandbox),  # type: ignore[arg-type]
            base_url="http://sandbox.test/api/v1",
            headers={"X-API-TOKEN": NINJA_TOKEN, "X-Requested-With": "XMLHttpRequest"}) as api:
        made = await api.post("/clients", json={
            "name": NASTY, "public_notes": "<!here> hi",
            "contacts": [{"first_name": "<@U0ADMIN>", "email": "evil@example.com"}]})
        assert made.status_code == 200, made.text


async def test_a_client_named_to_ping_the_channel_is_rendered_harmlessly(
        harness: Harness, sandbox: object) -> None:
    await _nasty_client(harness, sandbox)
    slack = harness.slack
    # Slack escapes what people type, so the command text arrives with entities
    typed = "create &lt;!channel&gt; &amp; &lt;b&gt; 2 x &lt;script&gt; @ 50"
    created = await slack.ask(typed, ADMIN)
    assert "Create an invoice" in created["text"], created
    replies = [created]
    number = harness.state.store.where("invoice", client_id=harness.client(NASTY)["id"])[0][
        "number"]  # type: ignore[index]
    for text in ("list", "clients", "client &lt;!channel&gt;", f"show {number}", "drafts",
                 f"delete {number}", "share list"):
        reply = await slack.ask(text, ADMIN)
        assert ":warning:" not in reply["text"], (text, reply)
        replies.append(reply)
    for reply in replies:
        harmless(reply)
    everything = json.dumps(replies, ensure_ascii=False)
    assert "&lt;!channel&gt; &amp; &lt;b&gt;" in everything
    assert "<!channel>" not in everything and "<!here>" not in everything
    assert "2 \u00d7 &lt;script&gt; @ 50.00" in everything
    card = replies[-2]
    assert button(card, "ninja_confirm")  # the confirmation card names it, harmlessly too
