"""A password that is not ASCII travels base64-encoded (``X-API-PASSWORD-BASE64`` alone)."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest

from ninja_tools.confirm import Desk
from ninja_tools.sandbox import SandboxState, create_app
from ninja_tools.toolbox import Toolbox

from .conftest import ALICE, TODAY, Recorder, by_name
from .pagekit import submit

UNICODE = "pässwört-日本"


@pytest.fixture
def app() -> Any:
    return create_app(password=UNICODE, today=TODAY)


async def test_a_non_ascii_password_purges(
    toolbox: Toolbox, desk: Desk, page: httpx.AsyncClient, state: SandboxState,
    recorder: Recorder,
) -> None:
    globex = by_name(state, "client", "Globex")["id"]
    pending = await desk.open(await toolbox.prepare("purge_client", {"id": globex}, ALICE))
    answer = await submit(page, pending.id, password=UNICODE)
    assert answer.status_code == 200 and "Done" in answer.text, answer.text
    assert state.store.get("client", globex) is None
    [purge] = recorder.to(f"/clients/{globex}/purge")
    assert base64.b64decode(purge.headers["x-api-password-base64"]).decode() == UNICODE
    assert "x-api-password" not in purge.headers
