"""Fault injection: make chosen requests slow, fail, drop or return broken JSON.

Rules live in ``app.state.sandbox.faults`` (or are posted to ``/_sandbox/faults``).
A rule matches on an optional method and a glob on the path, fires for a seeded-random
``share`` of matching requests and/or at most ``count`` times (after skipping ``after``
matches), and has one ``kind``:

* ``latency``: sleep ``latency_ms`` first, then handle the request normally;
* ``status``: answer ``status`` without handling (500 is Laravel's JSON, 502/503/504 a
  proxy's HTML page);
* ``disconnect``: drop the connection before handling (nothing is stored);
* ``disconnect_after``: handle the request (the write is stored), then drop the answer;
* ``malformed_json``: handle the request, then answer 200 with a truncated body.

In-process (``httpx.ASGITransport``) a drop surfaces as ``httpx.RemoteProtocolError``;
on a real server the connection is closed mid-answer.
"""

from __future__ import annotations

import fnmatch
import random
from dataclasses import asdict, dataclass, field
from typing import Any

import anyio
import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send

KINDS = ("latency", "status", "disconnect", "disconnect_after", "malformed_json")
_PROXY_TITLES = {
    502: "502 Bad Gateway",
    503: "503 Service Temporarily Unavailable",
    504: "504 Gateway Time-out",
}


class SandboxDisconnect(httpx.RemoteProtocolError):
    """Raised through ASGITransport so the caller sees a dropped connection."""

    def __init__(self) -> None:
        super().__init__("Server disconnected without sending a response.")


@dataclass
class FaultRule:
    """One fault; see the module docstring for the fields."""

    kind: str
    method: str | None = None
    path: str = "*"
    share: float = 1.0
    count: int | None = None
    after: int = 0
    latency_ms: int = 0
    status: int = 500
    matched: int = 0
    fired: int = 0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; use one of {', '.join(KINDS)}")

    def matches(self, method: str, path: str) -> bool:
        if self.method and self.method.upper() != method.upper():
            return False
        return fnmatch.fnmatchcase(path, self.path)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FaultPlan:
    """The active rules and the seeded random source that decides ``share``."""

    rules: list[FaultRule] = field(default_factory=list)
    seed: int = 0
    _rng: random.Random = field(default_factory=lambda: random.Random(0))

    def add(self, kind: str, **options: Any) -> FaultRule:
        rule = FaultRule(kind=kind, **options)
        self.rules.append(rule)
        return rule

    def clear(self) -> None:
        self.rules.clear()

    def reseed(self, seed: int) -> None:
        self.seed = seed
        self._rng = random.Random(seed)

    def pick(self, method: str, path: str) -> list[FaultRule]:
        """The rules that fire for this request (counting matches and firings)."""
        chosen = []
        for rule in self.rules:
            if not rule.matches(method, path):
                continue
            rule.matched += 1
            if rule.matched <= rule.after:
                continue
            if rule.count is not None and rule.fired >= rule.count:
                continue
            if rule.share < 1.0 and self._rng.random() >= rule.share:
                continue
            rule.fired += 1
            chosen.append(rule)
        return chosen


class FaultMiddleware:
    """Outermost ASGI layer: applies the fault plan to everything but ``/_sandbox``."""

    def __init__(self, app: ASGIApp, get_state: Any) -> None:
        self.app = app
        self.get_state = get_state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/_sandbox"):
            await self.app(scope, receive, send)
            return
        state = self.get_state()
        rules = state.faults.pick(scope["method"], scope["path"])
        for rule in rules:
            if rule.kind == "latency":
                await anyio.sleep(rule.latency_ms / 1000)
        final = next((r for r in rules if r.kind != "latency"), None)
        if final is None:
            await self.app(scope, receive, send)
        elif final.kind == "status":
            await _send_status(send, final.status)
        elif final.kind == "disconnect":
            await _drop(send, state.live_server)
        elif final.kind == "disconnect_after":
            await self.app(scope, receive, _discard)
            await _drop(send, state.live_server)
        else:
            await _send_truncated(self.app, scope, receive, send)


async def _discard(message: Message) -> None:
    return None


async def _drop(send: Send, live_server: bool) -> None:
    if live_server:
        # Promise a body and close the connection before it arrives: the client sees a drop.
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-length", b"1024")],
            }
        )
    raise SandboxDisconnect()


async def _send_status(send: Send, status: int) -> None:
    from .responses import VERSION_HEADERS

    if status in _PROXY_TITLES:
        title = _PROXY_TITLES[status]
        body = (
            f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}"
            "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        ).encode()
        headers = [(b"content-type", b"text/html")]
    else:
        message = "Too many requests" if status == 429 else "Server Error"
        body = (f'{{\n    "message": "{message}"\n}}').encode()
        headers = [(b"content-type", b"application/json")]
        headers += [(k.lower().encode(), v.encode()) for k, v in VERSION_HEADERS.items()]
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _send_truncated(app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    start: Message = {}
    chunks: list[bytes] = []

    async def capture(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, capture)
    body = b"".join(chunks)
    broken = body[: len(body) // 2] if len(body) > 1 else b"{"
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
    headers.append((b"content-length", str(len(broken)).encode()))
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": broken})
