"""The confirm page over HTTP: every state, its headers, forgery checks, and escaping."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette

from ninja_tools.confirm import SECURITY_HEADERS, Desk, Pending, confirm_mount
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import ALICE, PAGE, Clock, Recorder, by_name
from .pagekit import form_token, submit

MARKUP = "<script>alert(1)</script> & <b>"


async def open_delete(toolbox: Toolbox, desk: Desk, state: SandboxState,
                      number: str = "0001") -> tuple[Pending, str]:
    invoice = str(state.store.where("invoice", number=number)[0]["id"])
    return await desk.open(await toolbox.prepare("delete_invoice", {"id": invoice}, ALICE)), invoice


def deleted(state: SandboxState, invoice: str) -> bool:
    return bool(state.store.get("invoice", invoice)["is_deleted"])


async def test_pending_page_shows_the_effect_with_strict_headers(
    toolbox: Toolbox, desk: Desk, page: httpx.AsyncClient, state: SandboxState
) -> None:
    pending, _ = await open_delete(toolbox, desk, state)
    shown = await page.get(f"/confirm/{pending.id}")
    assert shown.status_code == 200
    assert "Delete invoice 0001 Acme Corporation 1,200.00 USD." in shown.text
    assert 'name="form_token"' in shown.text and "<script" not in shown.text
    assert 'value="confirm"' in shown.text and 'value="cancel"' in shown.text
    assert 'type="password"' not in shown.text  # a destructive action needs a yes, no password
    for name, value in SECURITY_HEADERS:
        assert shown.headers[name] == value
    csp = shown.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp


async def test_password_page_has_a_masked_field(
    toolbox: Toolbox, desk: Desk, page: httpx.AsyncClient, state: SandboxState
) -> None:
    globex = by_name(state, "client", "Globex")["id"]
    pending = await desk.open(await toolbox.prepare("purge_client", {"id": globex}, ALICE))
    shown = await page.get(f"/confirm/{pending.id}")
    assert ('<input type="password" id="password" name="password" '
            'autocomplete="current-password">') in shown.text
    assert "Sandra Owner (owner@sandbox.test)" in shown.text
    assert "Purge client Globex (0002, balance 3,094.00 USD) for good" in shown.text


async def test_confirm_runs_it_and_shows_the_outcome(
    toolbox: Toolbox, desk: Desk, page: httpx.AsyncClient, state: SandboxState,
    recorder: Recorder,
) -> None:
    pending, invoice = await open_delete(toolbox, desk, state)
    answer = await submit(page, pending.id)
    assert answer.status_code == 200 and "<h1>Done</h1>" in answer.text
    assert f"&quot;id&quot;: &quot;{invoice}&quot;" in answer.text  # the outcome, as JSON
    assert deleted(state, invoice)
    status = await desk.status(pending.id)
    assert status.state == "done" and status.outcome and status.outcome["id"] == invoice
    assert recorder.writes() == [("DELETE", f"/api/v1/invoices/{invoice}")]


async def test_a_used_link_says_so_and_does_nothing_more(
    toolbox: Toolbox, desk: Desk, page: httpx.AsyncClient, state: SandboxState,
    recorder: Recorder,
) -> None:
    pending, _ = await open_delete(toolbox, desk, state)
    token = await form_token(page, pending.id)
    assert (await submit(page, pending.id, token=token)).status_code == 200
    again = await submit(page, pending.id, token=token)
    assert again.status_code == 409 and "already used" in again.text
    shown = await page.get(f"/confirm/{pending.id}")
    assert shown.status_code == 409 and "It works only once" in shown.text
    assert len(recorder.writes()) == 1


async def test_an_expired_link_says_so_and_does_nothing(
    toolbox: Toolbox, desk: Desk, page: httpx.AsyncClient, state: SandboxState, clock: Clock,
    recorder: Recorder,
) -> None:
    pending, invoice = await open_delete(toolbox, desk, state)
    token = await form_token(page, pending.id)
    clock.advance(10 * 60 + 1)
    shown = await page.get(f"/confirm/{pending.id}")
    assert shown.status_code == 410 and "This link has expired" in shown.text
    answer = await submit(page, pending.id, token=token)
    assert answer.status_code == 410 and not deleted(state, invoice)
    assert recorder.writes() == []


@pytest.mark.parametrize("token", ["", "forged-token", None])
async def test_missing_or_wrong_form_token_is_403(
    token: str | None, toolbox: Toolbox, desk: Desk, page: httpx.AsyncClient,
    state: SandboxState, recorder: Recorder,
) -> None:
    pending, invoice = await open_delete(toolbox, desk, state)
    data = {"decision": "confirm"} | ({"form_token": token} if token is not None else {})
    answer = await page.post(f"/confirm/{pending.id}", data=data, headers={"Origin": PAGE})
    assert answer.status_code == 403 and "form token" in answer.text
    assert not deleted(state, invoice) and recorder.writes() == []
    assert (await desk.status(pending.id)).state == "pending"


@pytest.mark.parametrize("headers", [{"Origin": "https://evil.example"}, {"Origin": "null"},
                                     {"Sec-Fetch-Site": "cross-site"}])
async def test_posts_from_another_origin_are_403(
    headers: dict[str, str], toolbox: Toolbox, desk: Desk, page: httpx.AsyncClient,
    state: SandboxState, recorder: Recorder,
) -> None:
    pending, invoice = await open_delete(toolbox, desk, state)
    token = await form_token(page, pending.id)
    answer = await page.post(f"/confirm/{pending.id}", headers=headers,
                             data={"form_token": token, "decision": "confirm"})
    assert answer.status_code == 403 and not deleted(state, invoice)
    assert recorder.writes() == []


async def test_what_chromium_sends_under_no_referrer_is_accepted(
    toolbox: Toolbox, desk: Desk, page: httpx.AsyncClient, state: SandboxState
) -> None:
    pending, invoice = await open_delete(toolbox, desk, state)
    token = await form_token(page, pending.id)
    answer = await page.post(f"/confirm/{pending.id}",
                             headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"},
                             data={"form_token": token, "decision": "confirm"})
    assert answer.status_code == 200 and deleted(state, invoice)


async def test_a_post_without_origin_but_with_the_token_works(
    toolbox: Toolbox, desk: Desk, page: httpx.AsyncClient, state: SandboxState
) -> None:
    pending, invoice = await open_delete(toolbox, desk, state)
    answer = await submit(page, pending.id, origin=None)
    assert answer.status_code == 200 and deleted(state, invoice)


async def test_cancel_refuses(
    toolbox: Toolbox, desk: Desk, page: httpx.AsyncClient, state: SandboxState,
    recorder: Recorder,
) -> None:
    pending, invoice = await open_delete(toolbox, desk, state)
    answer = await submit(page, pending.id, "cancel")
    assert answer.status_code == 200 and "Cancelled" in answer.text
    assert (await desk.status(pending.id)).state == "refused"
    assert (await page.get(f"/confirm/{pending.id}")).status_code == 409
    assert not deleted(state, invoice) and recorder.writes() == []


async def test_markup_in_names_is_escaped(
    toolbox: Toolbox, desk: Desk, page: httpx.AsyncClient, state: SandboxState,
    elsewhere: httpx.AsyncClient,
) -> None:
    globex = by_name(state, "client", "Globex")["id"]
    renamed = await elsewhere.put(f"/clients/{globex}", json={"name": MARKUP})
    assert renamed.status_code == 200, renamed.text
    toolbox.context.forget()
    pending = await desk.open(await toolbox.prepare("delete_client", {"id": globex}, ALICE))
    assert MARKUP in pending.question
    shown = await page.get(f"/confirm/{pending.id}")
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;"
    assert escaped in shown.text
    assert "<script>" not in shown.text and "<b>" not in shown.text
    done = await submit(page, pending.id)
    assert done.status_code == 200 and "<script>" not in done.text and "<b>" not in done.text


async def test_unknown_links_and_odd_requests(
    toolbox: Toolbox, desk: Desk, page: httpx.AsyncClient, state: SandboxState,
    recorder: Recorder,
) -> None:
    assert (await page.get("/confirm/" + "A" * 22)).status_code == 404
    assert (await page.get("/confirm/not!an!id")).status_code == 404
    pending, invoice = await open_delete(toolbox, desk, state)
    token = await form_token(page, pending.id)
    as_json = await page.post(f"/confirm/{pending.id}", json={"form_token": token,
                                                              "decision": "confirm"})
    assert as_json.status_code == 415
    huge = await page.post(f"/confirm/{pending.id}", data={"form_token": token,
                                                           "decision": "confirm",
                                                           "pad": "x" * 20_000})
    assert huge.status_code == 400
    odd = await submit(page, pending.id, "maybe", token=token)
    assert odd.status_code == 400
    assert not deleted(state, invoice) and recorder.writes() == []


async def test_the_mount_works_inside_another_app(
    toolbox: Toolbox, desk: Desk, state: SandboxState
) -> None:
    host = Starlette(routes=[confirm_mount(desk)])
    pending, invoice = await open_delete(toolbox, desk, state)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=host),
                                 base_url=PAGE) as browser:
        shown = await browser.get(f"/confirm/{pending.id}")
        assert shown.status_code == 200 and shown.headers["x-frame-options"] == "DENY"
        assert (await submit(browser, pending.id)).status_code == 200
    assert deleted(state, invoice)
