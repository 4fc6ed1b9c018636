"""A scripted Invoice Ninja for client tests: faults the sandbox cannot produce, and a record.

Each test queues answers (a response, or an exception to raise); every request is recorded.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from ninja_tools import NinjaClient, RetryPolicy, Settings

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


def reply(status: int = 200, body: Any = None, *, headers: dict[str, str] | None = None,
          content: bytes | None = None) -> httpx.Response:
    """An Invoice Ninja-style answer: JSON unless ``content`` is given."""
    base = {"X-App-Version": "5.10.42"}
    if content is not None:
        return httpx.Response(status, content=content, headers={**base, **(headers or {})})
    return httpx.Response(status, json=body if body is not None else {"data": {}},
                          headers={**base, **(headers or {})})


class Script:
    """A MockTransport handler that plays queued answers and records requests."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if not self.answers:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        if callable(answer) and not isinstance(answer, httpx.Response):
            return answer(request)
        return answer

    def body(self, index: int = -1) -> Any:
        return json.loads(self.requests[index].content)


class Sleeps:
    """Records the waits the client asks for, without waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def make_client(script: Script, *, sleeps: Sleeps | None = None, attempts: int = 4,
                max_total: float = 30.0, **settings: Any) -> NinjaClient:
    values = {"url": "https://ninja.test", "token": "tok-123", **settings}
    return NinjaClient(
        Settings.load(**values),
        transport=httpx.MockTransport(script),
        retry=RetryPolicy(attempts=attempts, base_delay=0.5, max_delay=4, max_total=max_total),
        sleep=sleeps or Sleeps(),
    )
