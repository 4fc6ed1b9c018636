"""Confirmations in Slack: cards only the asker can answer, bulk deletes, purge on the page."""

from __future__ import annotations

import html
import re

import pytest

from .conftest import ADMIN, CLERK, PASSWORD, Harness, button, text_of

_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


async def test_a_confirmation_clicked_by_someone_else_changes_nothing(harness: Harness) -> None:
    slack = harness.slack
    card = await slack.ask("delete 0001 0002", ADMIN)
    confirm = button(card, "ninja_confirm")
    for action_id in ("ninja_confirm", "ninja_cancel"):
        ack, hook = await slack.click(action_id, confirm["value"], CLERK)
        assert ack.status_code == 200
        refusal = await slack.reply(hook)
        assert refusal["text"] == (f"Sorry <@{CLERK}>, only the person who asked can confirm or"
                                   " cancel this. Nothing was changed.")
        assert refusal["replace_original"] is False and refusal["response_type"] == "ephemeral"
    assert not harness.invoice("0001")["is_deleted"] and not harness.invoice("0002")["is_deleted"]
    assert (await harness.desk.status(confirm["value"])).state == "pending"
    # the asker still can
    ack, hook = await slack.click("ninja_confirm", confirm["value"], ADMIN)
    done = await slack.reply(hook)
    assert done["replace_original"] is True and ":white_check_mark:" in done["text"]
    assert harness.invoice("0001")["is_deleted"]


async def test_a_confirmed_bulk_delete(harness: Harness) -> None:
    slack = harness.slack
    card = await slack.ask("delete 0001 0002", ADMIN)
    assert card["response_type"] == "ephemeral"
    assert ("Delete 2 invoices: 0001 Acme Corporation 1,200.00 USD, 0002 Globex 1,368.00 USD."
            in text_of(card))
    assert not harness.invoice("0001")["is_deleted"]  # nothing happens before the click
    confirm = button(card, "ninja_confirm")
    assert confirm["value"] == button(card, "ninja_cancel")["value"]
    ack, hook = await slack.click("ninja_confirm", confirm["value"], ADMIN)
    assert ack.status_code == 200 and ack.text == ""
    done = await slack.reply(hook)
    text = text_of(done)
    assert done["replace_original"] is True
    assert "*Delete invoices*" in text and "*Done*: 2" in text
    assert "*0001_deleted* · draft · _done_" in text  # Invoice Ninja renames what it deletes
    assert f"Confirmed by <@{ADMIN}>." in text
    assert harness.invoice("0001")["is_deleted"] and harness.invoice("0002")["is_deleted"]
    _again, hook = await slack.click("ninja_confirm", confirm["value"], ADMIN)
    assert "already used" in text_of(await slack.reply(hook))  # single use


async def test_cancel_does_nothing(harness: Harness) -> None:
    slack = harness.slack
    card = await slack.ask("delete quote 0001", ADMIN)
    _ack, hook = await slack.click("ninja_cancel", button(card, "ninja_cancel")["value"], ADMIN)
    cancelled = await slack.reply(hook)
    assert cancelled["text"] == ":no_entry_sign: Cancelled; nothing was done."
    assert cancelled["replace_original"] is True
    quote = harness.state.store.where("quote", number="0001")[0]
    assert not quote["is_deleted"]


async def test_the_confirm_button_cannot_stand_in_for_a_password(harness: Harness) -> None:
    slack = harness.slack
    card = await slack.ask("purge Initech", ADMIN)
    page = button(card, "ninja_open_page")
    _ack, hook = await slack.click("ninja_confirm", page["value"], ADMIN)  # a forged press
    reply = await slack.reply(hook)
    assert "Type the Invoice Ninja password to confirm." in reply["text"]
    assert harness.client("Initech") is not None


async def test_a_purge_through_the_confirm_page(harness: Harness) -> None:
    slack = harness.slack
    _ack, hook = await slack.command("purge Initech", ADMIN)
    card = await slack.reply(hook)
    assert "Purge client Initech (0003, balance 0.00 USD) for good" in text_of(card)
    assert "typed on our confirm page (never in Slack)" in text_of(card)
    link = button(card, "ninja_open_page")["url"]
    assert link.startswith(slack.url + "/confirm/")
    shown = await slack.http.get(link)
    assert shown.status_code == 200 and 'type="password"' in shown.text
    token = html.unescape(_TOKEN.search(shown.text).group(1))  # type: ignore[union-attr]

    wrong = await slack.http.post(link, data={"form_token": token, "decision": "confirm",
                                              "password": "not-the-password"})
    assert wrong.status_code == 422 and "did not accept that password" in wrong.text
    assert harness.client("Initech") is not None

    right = await slack.http.post(link, data={"form_token": token, "decision": "confirm",
                                              "password": PASSWORD})
    assert right.status_code == 200 and "<h1>Done</h1>" in right.text
    assert harness.client("Initech") is None
    # the card in Slack is replaced by the outcome
    follow = await slack.reply(hook, count=2)
    assert follow["replace_original"] is True and ":white_check_mark:" in follow["text"]
    assert PASSWORD not in text_of(follow)


@pytest.mark.parametrize("page_enabled", [False])
async def test_without_a_public_url_password_actions_say_how_to_enable_them(
        harness: Harness) -> None:
    reply = await harness.slack.ask("purge Initech", ADMIN)
    assert reply["text"] == (":warning: purge_client needs your Invoice Ninja password, and Slack"
                             " cannot take one safely. Ask whoever runs this app to set"
                             " NINJA_PUBLIC_URL to the address where people reach it (the"
                             " confirm page is served there); then run the command again.")
    assert "ninja_open_page" not in text_of(reply)
    assert harness.client("Initech") is not None
    card = await harness.slack.ask("delete 0001", ADMIN)  # button confirmations still work
    assert button(card, "ninja_confirm")
