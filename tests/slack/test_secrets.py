"""No secret in anything sent to Slack or in any log line, over a session that touches them all.

The secrets: the bot token, the signing secret, the Invoice Ninja token and password, and the
client-portal links and keys (each opens the portal as a contact). The bot token travels only
in the Authorization header of Web API calls, never to a response URL or an upload URL.
"""

from __future__ import annotations

import html
import logging
import re
from typing import Any

import pytest

from .conftest import (
    ADMIN,
    BOT_TOKEN,
    CLERK,
    NINJA_TOKEN,
    PASSWORD,
    SIGNING_SECRET,
    Harness,
    button,
    calls_text,
)

_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
_KINDS = ("invoice", "quote", "credit", "purchase_order", "recurring_invoice", "client",
          "vendor")


def portal_secrets(harness: Harness) -> set[str]:
    """Every portal link and key in the sandbox (invitations and contacts)."""
    found: set[str] = set()
    for kind in _KINDS:
        for record in harness.state.store.rows(kind):
            for item in [*(record.get("invitations") or []), *(record.get("contacts") or [])]:
                found |= {str(item[k]) for k in ("link", "key", "contact_key")
                          if len(str(item.get(k) or "")) > 8}
    assert len(found) > 20
    return found


async def session(harness: Harness) -> list[str]:
    """One of everything: reads, writes, a file, confirmations, the page, the form, errors."""
    slack = harness.slack
    pages: list[str] = []
    for text in ("help", "overdue", "show 0014", "clients", "client Globex", "pdf 0014",
                 "paid 0015 100", "create Acme Corporation 2 x Audit @ 300 send", "show 9999",
                 "run list_invoices per_page=0", "send quote 0002", "quotes", "payment 0001"):
        await slack.ask(text, ADMIN)
    card = await slack.ask("delete 0001 0002", ADMIN)
    value = button(card, "ninja_confirm")["value"]
    for user in (CLERK, ADMIN):
        await slack.reply((await slack.click("ninja_confirm", value, user))[1])
    _ack, hook = await slack.command("purge Initech", ADMIN)
    link = button(await slack.reply(hook), "ninja_open_page")["url"]
    shown = await slack.http.get(link)
    token = html.unescape(_TOKEN.search(shown.text).group(1))  # type: ignore[union-attr]
    for password in ("wrong-password", PASSWORD):
        answer = await slack.http.post(link, data={"form_token": token, "decision": "confirm",
                                                   "password": password})
        pages.append(answer.text)
    await slack.reply(hook, count=2)
    body = slack.command_body("overdue", ADMIN, slack.hook_url())
    bad = await slack.http.post("/slack/events", content=body,
                                headers=slack.signed(body, secret="forged"))
    assert bad.status_code == 401
    return pages


async def test_nothing_secret_reaches_slack_or_the_log(harness: Harness,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    secrets = {BOT_TOKEN, SIGNING_SECRET, NINJA_TOKEN, PASSWORD} | portal_secrets(harness)
    pages = await session(harness)
    assert harness.client("Initech") is None  # the purge ran: the password was used

    sent = calls_text(harness.fake.calls)
    logged = "\n".join([caplog.text, *(r.getMessage() for r in caplog.records)])
    assert len(harness.fake.calls) > 20 and len(caplog.records) > 50
    for secret in secrets:
        assert secret not in sent, "a secret was sent to Slack"
        assert secret not in logged, "a secret was logged"
        for page in pages:
            assert secret not in page, "a secret was shown on the confirm page"
    for text in (repr(harness.face.desk), repr(harness.face.roles.mapping)):
        assert not any(secret in text for secret in secrets)


async def test_the_bot_token_goes_only_to_web_api_methods(harness: Harness) -> None:
    await harness.slack.ask("pdf 0014", ADMIN)
    await harness.slack.ask("overdue", ADMIN)
    carried: dict[str, Any] = {c.path: c.headers.get("authorization") for c in harness.fake.calls}
    for path, auth in carried.items():
        if path.startswith(("/hooks/", "/upload/")):
            assert auth is None, f"{path} got the token"
        else:
            assert auth == f"Bearer {BOT_TOKEN}", path
