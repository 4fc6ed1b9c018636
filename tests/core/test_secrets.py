"""The token, API secret and password never reach a log line, an error, a repr or a traceback."""

from __future__ import annotations

import logging
import traceback

import httpx
import pytest

from ninja_tools import NinjaError, Settings
from ninja_tools.identity import fetch_identity

from .fakes import Script, make_client, reply

TOKEN = "TOKEN-marker-7d1f"
SECRET = "SECRET-marker-93ab"
PASSWORD = "PASSWORD-marker-55c2"
MARKERS = (TOKEN, SECRET, PASSWORD)


def _answers() -> list[httpx.Response | Exception]:
    refresh = {"data": [{"is_owner": True, "permissions": "", "token": {"token": TOKEN},
                         "user": {"first_name": "Ada"}, "company": {"settings": {"name": "Co"}}}]}
    return [
        reply(200, refresh),
        reply(403, {"message": "Invalid token", "errors": {}}),
        reply(401, {"message": "This action is unauthorized."}),
        reply(400, {"message": "No query results for model [App\\Models\\Client]."}),
        reply(412, {"message": "Invalid Password", "errors": {}}),
        reply(422, {"message": "invalid", "errors": {"name": ["required"]}}),
        reply(500, {"message": "Server Error"}),
        httpx.ReadTimeout("slow"),
        httpx.ConnectError("refused"),
        reply(302, content=b"", headers={"location": "https://ninja.test/login"}),
        reply(200, content=b"<html></html>", headers={"content-type": "text/html"}),
    ]


async def test_no_secret_in_logs_errors_reprs_or_tracebacks(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    client = make_client(Script(*_answers()), attempts=1, api_secret=SECRET, token=TOKEN)
    identity = await fetch_identity(client)
    seen += [repr(identity), identity.model_dump_json(), repr(client)]
    for _ in range(len(_answers()) - 1):
        try:
            await client.with_password("POST", "clients/abc/purge", PASSWORD, json={"a": 1})
        except NinjaError as exc:
            seen += [str(exc), repr(exc), exc.hint, "".join(traceback.format_exception(exc))]
    settings = Settings.load(url="https://ninja.test", token=TOKEN, api_secret=SECRET)
    seen += [repr(settings), str(settings), str(settings.model_dump())]
    seen += [record.getMessage() for record in caplog.records]
    seen.append(caplog.text)
    assert len(seen) > 30
    for text in seen:
        for marker in MARKERS:
            assert marker not in text
