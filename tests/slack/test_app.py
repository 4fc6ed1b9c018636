"""The app over HTTP, signed as Slack signs: acks, signatures, roles, help, lists, the form."""

from __future__ import annotations

import json
import time

import pytest

from .conftest import ADMIN, CLERK, GROUPIE, VIEWER, Harness, Slack, button, text_of


async def test_a_slow_invoice_ninja_still_gets_an_ack_within_three_seconds(
        harness: Harness) -> None:
    harness.state.faults.add("latency", latency_ms=5000, path="/api/v1/invoices")
    started = time.monotonic()
    ack, hook = await harness.slack.command("overdue")
    acked = time.monotonic() - started
    assert ack.status_code == 200 and ack.text == "" and acked < 1.5
    reply = await harness.slack.reply(hook, timeout=15)
    assert time.monotonic() - started >= 5  # the answer came later, through respond()
    assert "*List invoices*: 6 of 6" in text_of(reply)


async def test_signatures_are_checked(slack: Slack) -> None:
    body = slack.command_body("overdue", ADMIN, slack.hook_url())
    wrong = await slack.http.post("/slack/events", content=body,
                                  headers=slack.signed(body, secret="not-the-secret"))
    stale = await slack.http.post("/slack/events", content=body,
                                  headers=slack.signed(body, ts=int(time.time()) - 301))
    unsigned = await slack.http.post("/slack/events", content=body,
                                     headers={"content-type": "application/x-www-form-urlencoded"})
    assert (wrong.status_code, stale.status_code, unsigned.status_code) == (401, 401, 401)
    recent = await slack.http.post("/slack/events", content=body,
                                   headers=slack.signed(body, ts=int(time.time()) - 200))
    assert recent.status_code == 200
    await slack.fake.wait("/hooks", 1)
    assert len(slack.fake.to("/hooks")) == 1  # only the signed request was answered


async def test_malformed_input_gets_its_usage_in_the_ack(slack: Slack) -> None:
    ack, _hook = await slack.command("paid")
    assert ack.status_code == 200
    body = ack.json()
    assert body["response_type"] == "ephemeral"
    assert body["text"] == (":warning: Say which invoice: a number like 0042. Usage: `/invoice"
                            " paid &lt;number&gt; [amount]`")
    typo = (await slack.command("shwo 0014"))[0].json()["text"]
    assert "Did you mean `show`?" in typo


async def test_help_shows_each_role_what_it_may_run(slack: Slack) -> None:
    def commands(reply: dict[str, object]) -> set[str]:
        text = text_of(reply)
        return {word for word in ("overdue", "show", "create", "send", "paid", "delete",
                                  "purge", "run", "new") if f"*`{word}" in text
                or f"| {word}" in text}

    viewer = await slack.ask("help", VIEWER)
    assert "Your role: *viewer*" in text_of(viewer)
    assert commands(viewer) == {"overdue", "show", "run"}
    assert "more commands need a higher role" in text_of(viewer)
    clerk = await slack.ask("help", GROUPIE)  # clerk through the S0CLERKS user group
    assert "Your role: *clerk*" in text_of(clerk)
    assert commands(clerk) == {"overdue", "show", "create", "send", "paid", "run", "new"}
    admin = await slack.ask("help", ADMIN)
    assert commands(admin) == {"overdue", "show", "create", "send", "paid", "delete", "purge",
                               "run", "new"}
    assert "more commands need a higher role" not in text_of(admin)
    groups = [c.args["usergroup"] for c in slack.fake.to("usergroups.users.list")]
    assert groups == ["S0CLERKS"]  # read once for two lookups (cached), never for named users


async def test_the_policy_refuses_what_a_role_may_not_run(harness: Harness) -> None:
    reply = await harness.slack.ask("paid 0014", VIEWER)
    assert reply["response_type"] == "ephemeral"
    assert reply["text"] == (":warning: mark_invoice_paid is a write action; your role 'viewer'"
                             " may run up to read actions. `ninja-tools check` shows the token's"
                             " permissions.")
    assert harness.invoice("0014")["status_id"] == "2"  # unchanged
    refused = await harness.slack.ask("delete 0014", CLERK)
    assert "delete_invoices is a destructive action; your role 'clerk'" in refused["text"]
    assert not harness.invoice("0014")["is_deleted"]


async def test_core_errors_are_one_readable_line(slack: Slack) -> None:
    missing = await slack.ask("show 9999")
    assert missing["text"] == ":warning: No invoice numbered 9999."
    unknown = await slack.ask("run list_invoicez")
    assert unknown["text"].startswith(":warning: There is no action called 'list_invoicez'.")
    assert "Did you mean list_invoices" in unknown["text"]
    invalid = await slack.ask("run list_invoices per_page=0")
    assert invalid["text"].startswith(":warning: Invalid input for list_invoices: per_page:")
    assert "\n" not in invalid["text"] and "Traceback" not in text_of(invalid)


async def test_writes_answer_with_a_card(harness: Harness) -> None:
    paid = await harness.slack.ask("paid 0014", CLERK)
    assert "*Invoice 0014*" in text_of(paid) and "paid" in text_of(paid)
    assert harness.invoice("0014")["status_id"] == "4"
    created = await harness.slack.ask("create Globex 2 x Design @ 400; 1 x Hosting @ 25 due in"
                                      " 14 days", CLERK)
    text = text_of(created)
    assert "*Create an invoice*" in text and "825.00 USD" in text
    assert "2 \u00d7 Design @ 400.00 = 800.00 USD" in text


async def test_more_pages_with_the_more_button(slack: Slack) -> None:
    first = await slack.ask("run list_invoices status=all per_page=10", VIEWER)
    assert "*List invoices*: 10 of 29 (page 1)" in text_of(first)
    more = button(first, "ninja_more")
    ack, hook = await slack.click("ninja_more", more["value"], VIEWER)
    assert ack.status_code == 200
    second = await slack.reply(hook)
    assert "10 of 29 (page 2)" in text_of(second) and second["replace_original"] is False
    assert "`0011`" in text_of(second)
    forged = json.dumps({"a": "delete_invoices", "args": {"ids": ["x"]}})
    ack, hook = await slack.click("ninja_more", forged, ADMIN)
    assert "That button no longer works" in text_of(await slack.reply(hook))


async def test_share_posts_in_the_channel(slack: Slack) -> None:
    reply = await slack.ask("share overdue", VIEWER)
    assert reply["response_type"] == "in_channel"
    assert f"Shared by <@{VIEWER}>: `/invoice share overdue`" in text_of(reply)
    private = await slack.ask("overdue", VIEWER)
    assert private["response_type"] == "ephemeral"


async def test_the_new_form_opens_searches_and_creates(harness: Harness) -> None:
    slack = harness.slack
    ack, hook = await slack.command("new", CLERK)
    assert ack.status_code == 200
    opened = (await slack.fake.wait("views.open"))[0].body
    assert opened["trigger_id"] == "1337.42.trigger"
    view = opened["view"]
    assert view["callback_id"] == "ninja_new_invoice" and "password" not in json.dumps(view)

    options = await slack.interact({
        "type": "block_suggestion", "action_id": "ninja_client_pick", "block_id": "client",
        "value": "glob", "team": {"id": "T0NINJA"}, "user": {"id": CLERK},
        "api_app_id": "A0NINJA", "view": {**view, "id": "V0001"}})
    assert options.status_code == 200
    globex = harness.client("Globex")
    assert globex is not None
    assert options.json()["options"] == [
        {"text": {"type": "plain_text", "text": "Globex"}, "value": globex["id"]}]

    def submitted(lines: str) -> dict[str, object]:
        values = {
            "client": {"ninja_client_pick": {"type": "external_select", "selected_option": {
                "value": globex["id"], "text": {"type": "plain_text", "text": "Globex"}}}},
            "lines": {"value": {"type": "plain_text_input", "value": lines}},
            "due": {"value": {"type": "datepicker", "selected_date": "2030-05-31"}},
            "send": {"value": {"type": "checkboxes", "selected_options": []}}}
        return {"type": "view_submission", "team": {"id": "T0NINJA"}, "api_app_id": "A0NINJA",
                "user": {"id": CLERK, "username": "clerk"},
                "view": {**view, "id": "V0001", "state": {"values": values}}}

    bad = await slack.interact(submitted("ten x Consulting"))
    assert bad.json()["response_action"] == "errors" and "lines" in bad.json()["errors"]
    good = await slack.interact(submitted("3 x Consulting @ 150"))
    assert good.status_code == 200 and good.text == ""
    created = await slack.reply(hook)
    assert "*Create an invoice*" in text_of(created) and "450.00 USD" in text_of(created)
    assert "2030-05-31" in text_of(created)


async def test_a_viewer_gets_no_form(slack: Slack) -> None:
    reply = await slack.ask("new", VIEWER)
    assert reply["text"] == ":warning: Creating invoices needs the clerk role; yours is *viewer*."
    assert not slack.fake.to("views.open")


async def test_a_bug_is_logged_and_the_user_gets_a_plain_sentence(
        harness: Harness, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    async def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("internal detail 1234")

    monkeypatch.setattr(harness.face.toolbox, "run", broken)
    reply = await harness.slack.ask("overdue", VIEWER)
    assert reply["text"] == (":warning: Something went wrong on our side; nothing more is known"
                             " here. The app's log has the details.")
    assert "internal detail" not in text_of(reply)
    failed = [r for r in caplog.records if r.name == "ninja_slack.explain"]
    assert failed and failed[0].exc_info is not None  # the traceback went to the log
