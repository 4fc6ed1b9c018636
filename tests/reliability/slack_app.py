"""The Slack app as ``ninja-tools slack`` builds it, served on a loopback port over a given
sandbox and given secrets, with Slack's Web API faked.

Shared by the reliability tests and ``bench``'s Slack figure; Slack's side of the conversation
(signed commands and clicks, replies read from the fake) is ``tests/slack``'s own helper.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from slack_sdk.web.async_client import AsyncWebClient

from ninja_slack.face import Face  # type: ignore[import-untyped]
from ninja_slack.listeners import build_slack_app  # type: ignore[import-untyped]
from ninja_slack.roles import RoleMap, Roles, slack_group_members  # type: ignore[import-untyped]
from ninja_slack.server import http_app, serve  # type: ignore[import-untyped]
from ninja_tools import AuditLog, NinjaClient, Policy, Settings, Toolbox
from ninja_tools.confirm import Desk
from ninja_tools.identity import fetch_identity
from tests.slack.conftest import ADMIN, ROLES, Slack, button
from tests.slack.fake_slack import FakeSlack

__all__ = ["ADMIN", "Secrets", "SlackApp", "button", "slack_app"]


@dataclass
class Secrets:
    """What the app is configured with (tests pass marker values)."""

    ninja_token: str = "sandbox-token"
    api_secret: str | None = None
    bot_token: str = "xoxb-0000-0000-not-a-secret"
    signing_secret: str = "signing-not-a-secret"


class SlackApp(Slack):
    """``tests/slack``'s Slack helper for one served app: signs with the app's secret, and
    keeps the app's Desk (for confirmations opened by hand)."""

    def __init__(self, http: httpx.AsyncClient, fake: FakeSlack, url: str, desk: Desk,
                 signing_secret: str) -> None:
        super().__init__(http, fake, url)
        self.desk = desk
        self.signing_secret = signing_secret

    def signed(self, body: str, *, ts: int | None = None,
               secret: str | None = None) -> dict[str, str]:
        return super().signed(body, ts=ts, secret=secret or self.signing_secret)


@asynccontextmanager
async def slack_app(sandbox: Any, secrets: Secrets | None = None, *,
                    audit: Path | None = None) -> AsyncIterator[SlackApp]:
    """The app over ``sandbox`` (an ASGI app), its confirm page on the same port."""
    secrets = secrets or Secrets()
    fake = FakeSlack()
    client = NinjaClient(Settings.load(url="http://sandbox.test", token=secrets.ninja_token,
                                       api_secret=secrets.api_secret),
                         transport=httpx.ASGITransport(app=sandbox))
    toolbox = Toolbox(client, policy=Policy(identity=lambda: fetch_identity(client)),
                      audit=AuditLog(audit) if audit else None)
    desk = Desk(toolbox)
    web = AsyncWebClient(token=secrets.bot_token, base_url=fake.base_url)
    face = Face(toolbox, desk, Roles(RoleMap.parse(ROLES), members=slack_group_members(web)),
                web, page=True)
    bolt = build_slack_app(face, client=web, signing_secret=secrets.signing_secret)
    served = await serve(http_app(bolt, desk))
    desk.base_url = served.url  # NINJA_PUBLIC_URL: the confirm page is on the same server
    http = httpx.AsyncClient(base_url=served.url, timeout=20)
    try:
        yield SlackApp(http, fake, served.url, desk, secrets.signing_secret)
    finally:
        await face.aclose()
        await http.aclose()
        await served.aclose()
        await client.aclose()
        fake.close()
