"""The Bolt app: acknowledges every Slack request at once, then does the work in a lazy listener.

Slack waits three seconds for an acknowledgement, and Invoice Ninja may be slower: each
listener acks immediately (a malformed command gets its usage line in the ack) and a lazy
listener, run as a task, answers through ``respond()``. Lazy listeners run for every matching
request, so they route on the request again. Request signatures are checked by Bolt (on).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from . import texts
from .answers import answer, more
from .blocks import CANCEL_ID, CONFIRM_ID, MORE_ID, PAGE_ID, Message, esc
from .face import Asker, Face, Reply
from .grammar import Usage, parse
from .modal import CALLBACK_ID, CLIENT_ACTION, read

__all__ = ["build_slack_app"]

log = logging.getLogger(__name__)


class _TokenOnTheClient(logging.Filter):
    """Drops Bolt's notice that SLACK_BOT_TOKEN is unused: our Web API client carries it
    (it must, to use SLACK_API_URL), and Bolt reads the variable anyway."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


def _bolt_logger() -> logging.Logger:
    logger = logging.getLogger("ninja_slack.bolt")
    if not any(isinstance(f, _TokenOnTheClient) for f in logger.filters):
        logger.addFilter(_TokenOnTheClient())
    return logger


def _asker(body: Mapping[str, Any]) -> Asker:
    """Who asked, from a command's body or an interaction's payload."""
    user = body.get("user") or {}
    channel = body.get("channel") or {}
    return Asker(
        user_id=str(body.get("user_id") or user.get("id") or ""),
        user_name=str(body.get("user_name") or user.get("username") or user.get("name") or ""),
        channel_id=str(body.get("channel_id") or channel.get("id") or ""),
        response_url=str(body.get("response_url") or ""),
        trigger_id=str(body.get("trigger_id") or ""),
        text=str(body.get("text") or ""),
    )


def _reply(respond: AsyncRespond) -> Reply:
    async def reply(reply_message: Message) -> None:
        sent = await respond(**reply_message)
        if sent.status_code != 200:
            log.warning("Slack refused a reply (status %s)", sent.status_code)

    return reply


def _webhook(url: str) -> Reply:
    """Replies to a response URL kept from the command (the form has none of its own)."""

    async def reply(reply_message: Message) -> None:
        if not url:
            log.warning(texts.FORM_NO_RESPONSE)
            return
        sent = await AsyncWebhookClient(url).send_dict(dict(reply_message))
        if sent.status_code != 200:
            log.warning("Slack refused a reply (status %s)", sent.status_code)

    return reply


def _value(body: Mapping[str, Any]) -> str:
    pressed = (body.get("actions") or [{}])[0]
    return str(pressed.get("value") or "")


def build_slack_app(face: Face, *, client: AsyncWebClient, signing_secret: str) -> AsyncApp:
    """The ``/invoice`` app for Bolt's HTTP adapter or Socket Mode.

    Usage:
        app = build_slack_app(face, client=AsyncWebClient(token=..., base_url=...),
                              signing_secret=...)
    """
    app = AsyncApp(client=client, signing_secret=signing_secret,
                   request_verification_enabled=True, logger=_bolt_logger())

    async def ack_command(ack: AsyncAck, command: dict[str, Any]) -> None:
        parsed = parse(str(command.get("text") or ""), face.words)
        if isinstance(parsed, Usage):
            await ack(text=f"{texts.WARN} {esc(parsed.text)}", response_type="ephemeral")
        else:
            await ack()

    async def run_command(command: dict[str, Any], respond: AsyncRespond) -> None:
        await face.command(_asker(command), _reply(respond))

    app.command(texts.COMMAND)(ack=ack_command, lazy=[run_command])

    async def ack_now(ack: AsyncAck) -> None:
        await ack()

    async def on_confirm(body: dict[str, Any], respond: AsyncRespond) -> None:
        await answer(face, _value(body), _asker(body), _reply(respond), approve=True)

    async def on_cancel(body: dict[str, Any], respond: AsyncRespond) -> None:
        await answer(face, _value(body), _asker(body), _reply(respond), approve=False)

    async def on_more(body: dict[str, Any], respond: AsyncRespond) -> None:
        await more(face, _value(body), _asker(body), _reply(respond))

    app.action(CONFIRM_ID)(ack=ack_now, lazy=[on_confirm])
    app.action(CANCEL_ID)(ack=ack_now, lazy=[on_cancel])
    app.action(MORE_ID)(ack=ack_now, lazy=[on_more])
    app.action(PAGE_ID)(ack_now)  # a link button: the browser opens the page, nothing to do

    async def client_options(ack: AsyncAck, body: dict[str, Any],
                             payload: dict[str, Any]) -> None:
        await ack(options=await face.client_options(str(payload.get("value") or ""),
                                                    _asker(body)))

    app.options(CLIENT_ACTION)(client_options)

    async def ack_form(ack: AsyncAck, view: dict[str, Any]) -> None:
        submission = read(view)
        if submission.errors:
            await ack(response_action="errors", errors=submission.errors)
        else:
            await ack()

    async def run_form(body: dict[str, Any], view: dict[str, Any]) -> None:
        submission = read(view)
        if submission.errors:
            return  # the form showed them and stays open
        asker = _asker(body)
        await face.submit_form(submission, Asker(
            user_id=asker.user_id, user_name=asker.user_name, channel_id=submission.channel,
            response_url=submission.response_url), _webhook(submission.response_url))

    app.view(CALLBACK_ID)(ack=ack_form, lazy=[run_form])
    return app
