"""The Slack app under test: served by uvicorn on a loopback port, Slack faked on another.

Each test gets a fresh sandbox Invoice Ninja (in-process), a fake Slack Web API
(``SLACK_API_URL``), the app built exactly as ``ninja-tools slack`` builds it, and a ``Slack``
helper that signs requests the way Slack does and reads the replies sent to response URLs.
One uvicorn server per module serves each test's app in turn (starting and stopping uvicorn
costs a quarter of a second), so every module runs on one event loop.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import quote, urlencode

import httpx
import pytest
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from starlette.types import ASGIApp, Receive, Scope, Send

from ninja_slack.face import Face
from ninja_slack.listeners import build_slack_app
from ninja_slack.roles import RoleMap, Roles, slack_group_members
from ninja_slack.server import EVENTS_PATH, Served, http_app, serve
from ninja_tools import NinjaClient, Policy, Settings, Toolbox
from ninja_tools.confirm import Desk
from ninja_tools.identity import fetch_identity
from ninja_tools.sandbox import SandboxState, create_app

from .fake_slack import TEAM, Call, FakeSlack

BOT_TOKEN = "xoxb-1111-2222-BotTokenZebra"
SIGNING_SECRET = "signing-Secret-Quokka-8842"
NINJA_TOKEN = "ninja-Token-Okapi-5531"
PASSWORD = "Owner-Password-Narwhal-77"

ADMIN, CLERK, VIEWER, GROUPIE = "U0ADMIN", "U0CLERK", "U0VIEWER", "U0GROUPIE"
ROLES = f"""
default = "viewer"

[users]
{ADMIN} = "admin"
{CLERK} = "clerk"

[groups]
S0CLERKS = "clerk"
"""


class Slack:
    """Slack's side of the conversation: signed commands and clicks, and the replies."""

    def __init__(self, http: httpx.AsyncClient, fake: FakeSlack, url: str) -> None:
        self.http = http
        self.fake = fake
        self.url = url
        self._hooks = itertools.count(1)

    def signed(self, body: str, *, ts: int | None = None,
               secret: str = SIGNING_SECRET) -> dict[str, str]:
        stamp = str(int(time.time()) if ts is None else ts)
        return {"content-type": "application/x-www-form-urlencoded",
                "x-slack-request-timestamp": stamp,
                "x-slack-signature": SignatureVerifier(secret).generate_signature(
                    timestamp=stamp, body=body)}

    def hook_url(self) -> str:
        return f"{self.fake.base_url}hooks/{next(self._hooks)}"

    def command_body(self, text: str, user: str, hook: str) -> str:
        return urlencode({
            "token": "deprecated", "team_id": TEAM, "team_domain": "ninja-test",
            "channel_id": "C0GENERAL", "channel_name": "general", "user_id": user,
            "user_name": user.lower(), "command": "/invoice", "text": text,
            "api_app_id": "A0NINJA", "response_url": hook, "trigger_id": "1337.42.trigger"})

    async def command(self, text: str, user: str = ADMIN, **sign: Any) -> tuple[httpx.Response,
                                                                               str]:
        """POST ``/invoice text`` as ``user``; returns the ack and the response URL's path."""
        hook = self.hook_url()
        body = self.command_body(text, user, hook)
        answer = await self.http.post(EVENTS_PATH, content=body, headers=self.signed(body, **sign))
        return answer, "/" + hook.split("/", 3)[3]

    async def reply(self, hook: str, count: int = 1, timeout: float = 10.0) -> dict[str, Any]:
        """The ``count``-th reply sent to a response URL."""
        calls = await self.fake.wait(hook, count, timeout)
        return calls[count - 1].body

    async def ask(self, text: str, user: str = ADMIN) -> dict[str, Any]:
        """A command and its (first) reply."""
        answer, hook = await self.command(text, user)
        assert answer.status_code == 200, answer.text
        return await self.reply(hook)

    async def interact(self, payload: dict[str, Any]) -> httpx.Response:
        body = "payload=" + quote(json.dumps(payload))
        return await self.http.post(EVENTS_PATH, content=body, headers=self.signed(body))

    async def click(self, action_id: str, value: str, user: str = ADMIN) -> tuple[httpx.Response,
                                                                                 str]:
        """Press a button whose value is ``value``; returns the ack and the response URL's path."""
        hook = self.hook_url()
        payload = {
            "type": "block_actions", "team": {"id": TEAM}, "api_app_id": "A0NINJA",
            "user": {"id": user, "username": user.lower(), "team_id": TEAM},
            "channel": {"id": "C0GENERAL"}, "container": {"type": "message"},
            "trigger_id": "1337.43.trigger", "response_url": hook,
            "actions": [{"type": "button", "action_id": action_id, "block_id": "b",
                         "value": value, "action_ts": str(time.time())}],
        }
        return await self.interact(payload), "/" + hook.split("/", 3)[3]


def button(reply: dict[str, Any], action_id: str) -> dict[str, Any]:
    """The button ``action_id`` in a reply's blocks."""
    for block in reply.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("action_id") == action_id:
                found: dict[str, Any] = element
                return found
    raise AssertionError(f"no {action_id} button in {reply.get('blocks')}")


def text_of(reply: dict[str, Any]) -> str:
    """Every text of a reply, blocks included, as one string."""
    return json.dumps(reply, ensure_ascii=False)


class Harness:
    def __init__(self, slack: Slack, fake: FakeSlack, state: SandboxState, face: Face,
                 desk: Desk) -> None:
        self.slack = slack
        self.fake = fake
        self.state = state
        self.face = face
        self.desk = desk

    def invoice(self, number: str) -> dict[str, Any]:
        """The invoice numbered ``number`` (Invoice Ninja renames deleted ones)."""
        found = (self.state.store.where("invoice", number=number)
                 or self.state.store.where("invoice", number=f"{number}_deleted"))
        assert found, f"no invoice {number}"
        record: dict[str, Any] = found[0]
        return record

    def client(self, name: str) -> dict[str, Any] | None:
        found = self.state.store.where("client", name=name)
        return found[0] if found else None


class Swap:
    """An ASGI app that hands each request to the current test's app."""

    def __init__(self) -> None:
        self.app: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.app is not None, "no app under test"
        await self.app(scope, receive, send)


@pytest.fixture(scope="module")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
async def server() -> AsyncIterator[tuple[Swap, Served]]:
    swap = Swap()
    served = await serve(swap)
    yield swap, served
    await served.aclose()


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    fake = FakeSlack(groups={"S0CLERKS": [GROUPIE]})
    yield fake
    fake.close()


@pytest.fixture
def sandbox() -> Any:
    return create_app(token=NINJA_TOKEN, password=PASSWORD)


@pytest.fixture
def page_enabled() -> bool:
    """Whether NINJA_PUBLIC_URL is set (a test overrides this fixture to turn it off)."""
    return True


@pytest.fixture
async def harness(fake: FakeSlack, sandbox: Any, page_enabled: bool,
                  server: tuple[Swap, Served]) -> AsyncIterator[Harness]:
    client = NinjaClient(Settings.load(url="http://sandbox.test", token=NINJA_TOKEN),
                         transport=httpx.ASGITransport(app=sandbox))
    toolbox = Toolbox(client, policy=Policy(identity=lambda: fetch_identity(client)))
    desk = Desk(toolbox)
    web = AsyncWebClient(token=BOT_TOKEN, base_url=fake.base_url)
    roles = Roles(RoleMap.parse(ROLES), members=slack_group_members(web))
    face = Face(toolbox, desk, roles, web, page=page_enabled)
    bolt = build_slack_app(face, client=web, signing_secret=SIGNING_SECRET)
    swap, served = server
    swap.app = http_app(bolt, desk)
    desk.base_url = served.url  # NINJA_PUBLIC_URL: the confirm page is on the same server
    http = httpx.AsyncClient(base_url=served.url, timeout=20)
    try:
        yield Harness(Slack(http, fake, served.url), fake, sandbox.state.sandbox, face, desk)
    finally:
        await face.aclose()
        await http.aclose()
        swap.app = None
        await client.aclose()


@pytest.fixture
def slack(harness: Harness) -> Slack:
    return harness.slack


def calls_text(calls: list[Call]) -> str:
    """Everything the app sent to Slack except the Authorization header, for secret scans."""
    parts = []
    for call in calls:
        headers = {k: v for k, v in call.headers.items() if k != "authorization"}
        parts += [call.path, json.dumps(call.query), json.dumps(headers),
                  call.raw.decode("utf-8", "replace")]
    return "\n".join(parts)
