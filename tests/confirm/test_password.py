"""Password actions through the confirm page: the password always goes on the one request (even
with Invoice Ninja's login cache warm), a wrong one is a clear error and purges nothing, and a
user who signs in with Google confirms by typing the target's name."""

from __future__ import annotations

import base64
import logging

import httpx
import pytest

from ninja_tools.actions.generated import generated_actions
from ninja_tools.confirm import Desk, confirm_page_app
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import ALICE, PAGE, PASSWORD, Clock, Recorder, ToolboxFor, by_name
from .pagekit import submit


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


async def test_password_goes_even_when_the_login_cache_is_warm(
    toolbox: Toolbox, desk: Desk, page: httpx.AsyncClient, state: SandboxState,
    recorder: Recorder,
) -> None:
    acme, globex = by_name(state, "client", "Acme Corporation"), by_name(state, "client", "Globex")
    first = await desk.open(await toolbox.prepare("purge_client", {"id": acme["id"]}, ALICE))
    assert (await desk.approve(first.id, password=PASSWORD)).state == "done"
    owner = state.auth.tokens["sandbox-token"].user_id
    assert state.auth.login_cache.get(owner), "the first purge should warm the login cache"

    second = await desk.open(await toolbox.prepare("purge_client", {"id": globex["id"]}, ALICE))
    shown = await page.get(f"/confirm/{second.id}")
    assert 'type="password"' in shown.text and 'autocomplete="current-password"' in shown.text
    answer = await submit(page, second.id, password=PASSWORD)
    assert answer.status_code == 200 and "Done" in answer.text, answer.text
    assert state.store.get("client", globex["id"]) is None
    [purge] = recorder.to(f"/clients/{globex['id']}/purge")
    assert purge.headers.get("x-api-password-base64") == b64(PASSWORD)
    assert purge.headers.get("x-api-password") == PASSWORD
    assert PASSWORD not in answer.text


async def test_a_wrong_password_is_a_clear_error_and_purges_nothing(
    toolbox: Toolbox, desk: Desk, page: httpx.AsyncClient, state: SandboxState,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    globex = by_name(state, "client", "Globex")["id"]
    pending = await desk.open(await toolbox.prepare("purge_client", {"id": globex}, ALICE))
    wrong = await submit(page, pending.id, password="not-the-password")
    assert wrong.status_code == 422
    assert "Invoice Ninja did not accept that password (412 Invalid Password)" in wrong.text
    assert "4 tries left" in wrong.text and 'type="password"' in wrong.text
    assert state.store.get("client", globex) is not None
    assert (await desk.status(pending.id)).state == "pending"
    right = await submit(page, pending.id, password=PASSWORD)
    assert "Done" in right.text and state.store.get("client", globex) is None
    for text in (wrong.text, right.text, caplog.text):
        assert "not-the-password" not in text and PASSWORD not in text


async def test_google_user_types_the_name_instead(
    toolbox_for: ToolboxFor, clock: Clock, state: SandboxState, recorder: Recorder
) -> None:
    """With the catalog's purge_client: the name gate; the purge itself goes without password."""
    box = toolbox_for("sandbox-google-token")
    desk = Desk(box, base_url=PAGE, clock=clock)
    globex = by_name(state, "client", "Globex")["id"]
    pending = await desk.open(await box.prepare("purge_client", {"id": globex}, ALICE))
    assert (pending.needs, pending.type_to_confirm) == ("name", "Globex")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=confirm_page_app(desk)),
                                 base_url=PAGE) as page:
        shown = await page.get(f"/confirm/{pending.id}")
        assert "signs in with Google and has no Invoice Ninja password" in shown.text
        assert 'type="password"' not in shown.text and 'name="typed_name"' in shown.text
        wrong = await submit(page, pending.id, typed_name="Globe")
        assert wrong.status_code == 422 and "That is not the name" in wrong.text
        assert recorder.writes() == [] and state.store.get("client", globex) is not None
        right = await submit(page, pending.id, typed_name="Globex")
    status = await desk.status(pending.id)
    assert status.state == "done" and "Done" in right.text, right.text
    assert state.store.get("client", globex) is None
    [purge] = recorder.to(f"/clients/{globex}/purge")
    assert "x-api-password" not in purge.headers and "x-api-password-base64" not in purge.headers


async def test_google_user_purge_end_to_end_with_a_passwordless_action(
    recorder: Recorder, clock: Clock, state: SandboxState, toolbox_for: ToolboxFor
) -> None:
    """The desk's name path on its own: a purge action that sends no password header."""
    plain = toolbox_for("sandbox-google-token")
    purge = next(a for a in generated_actions() if a.name == "purge_client")
    box = Toolbox(plain.client, actions=[purge])
    desk = Desk(box, base_url=PAGE, clock=clock)
    globex = by_name(state, "client", "Globex")["id"]
    pending = await desk.open(await box.prepare("purge_client", {"id": globex}, ALICE))
    refused = await desk.approve(pending.id, typed_name="Acme Corporation")
    assert refused.state == "pending" and state.store.get("client", globex) is not None
    assert recorder.writes() == []
    done = await desk.approve(pending.id, typed_name=" globex ")
    assert done.state == "done", done
    assert state.store.get("client", globex) is None
    [sent] = recorder.to(f"/clients/{globex}/purge")
    assert "x-api-password-base64" not in sent.headers
