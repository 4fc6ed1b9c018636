"""NinjaClient against the in-process sandbox: real Invoice Ninja behaviour, end to end."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from ninja_tools import (
    AuthenticationFailed,
    NinjaClient,
    NotFound,
    OutcomeUnknown,
    PasswordRejected,
    PermissionDenied,
    RateLimited,
    RetryPolicy,
    Settings,
    ValidationFailed,
)
from ninja_tools.identity import fetch_identity
from ninja_tools.sandbox import SandboxState, create_app

TODAY = dt.date(2026, 3, 16)


@pytest.fixture
def app() -> Any:
    return create_app(today=TODAY, password="pässwört-日本")


@pytest.fixture
def state(app: Any) -> SandboxState:
    sandbox: SandboxState = app.state.sandbox
    sandbox.clock.freeze()
    return sandbox


def _client(app: Any, state: SandboxState, token: str = "sandbox-token",
            waits: list[float] | None = None) -> NinjaClient:
    async def sleep(seconds: float) -> None:
        state.clock.advance(seconds)  # the sandbox's time passes while we back off
        if waits is not None:
            waits.append(seconds)

    return NinjaClient(
        Settings.load(url="http://sandbox.test", token=token),
        transport=httpx.ASGITransport(app=app),
        retry=RetryPolicy(attempts=12, base_delay=1, max_delay=30, max_total=200),
        sleep=sleep,
    )


@pytest.fixture
async def owner(app: Any, state: SandboxState) -> AsyncIterator[NinjaClient]:
    async with _client(app, state) as client:
        yield client


async def _first_client_id(client: NinjaClient) -> str:
    page = await client.list_page("clients", per_page=1)
    return str(page.items[0]["id"])


async def test_identity_of_each_demo_token(app: Any, state: SandboxState) -> None:
    async with _client(app, state) as client:
        me = await fetch_identity(client)
        assert me.is_owner and me.has_password and client.server_version
    async with _client(app, state, "sandbox-restricted-token") as client:
        me = await fetch_identity(client)
        assert not me.is_superuser and "create_client" in me.permissions
    async with _client(app, state, "sandbox-google-token") as client:
        me = await fetch_identity(client)
        assert me.is_admin and not me.has_password and me.oauth_provider == "google"


async def test_bad_token(app: Any, state: SandboxState) -> None:
    async with _client(app, state, "not-a-token") as client:
        with pytest.raises(AuthenticationFailed):
            await client.get("invoices")


async def test_missing_permission_is_permission_denied(app: Any, state: SandboxState) -> None:
    async with _client(app, state, "sandbox-restricted-token") as client:
        client_id = await _first_client_id(client)
        with pytest.raises(PermissionDenied):
            await client.post("invoices", {"client_id": client_id, "line_items": []})


async def test_unknown_and_numeric_ids_are_not_found(owner: NinjaClient) -> None:
    with pytest.raises(NotFound) as caught:
        await owner.get("invoices/ZZZZZZZZZZ")
    assert caught.value.entity == "invoice" and caught.value.record_id == "ZZZZZZZZZZ"
    with pytest.raises(NotFound) as caught:
        await owner.get("clients/42")
    assert caught.value.record_id == "42"


async def test_duplicate_number_is_a_field_error(owner: NinjaClient) -> None:
    client_id = await _first_client_id(owner)
    first = await owner.post("invoices", {"client_id": client_id, "number": "X-1"})
    assert first["data"]["number"] == "X-1"
    with pytest.raises(ValidationFailed) as caught:
        await owner.post("invoices", {"client_id": client_id, "number": "X-1"})
    assert "number" in caught.value.field_errors


async def test_pagination_walks_every_client(owner: NinjaClient) -> None:
    everyone = [row["id"] async for row in owner.paginate("clients", per_page=2)]
    page = await owner.list_page("clients", per_page=500)
    assert everyone == [row["id"] for row in page.items] and len(everyone) == page.total > 2


async def test_lists_default_to_active_records(owner: NinjaClient) -> None:
    client_id = await _first_client_id(owner)
    await owner.post("clients/bulk", {"action": "archive", "ids": [client_id]})
    active = [row["id"] async for row in owner.paginate("clients")]
    everything = [row["id"] async for row in owner.paginate("clients", {"status": None})]
    assert client_id not in active and client_id in everything


async def test_a_write_is_backed_off_and_retried_after_429(app: Any,
                                                          state: SandboxState) -> None:
    waits: list[float] = []
    async with _client(app, state, waits=waits) as client:
        client_id = await _first_client_id(client)
        before = len(state.store.rows("invoice"))
        state.rate_limit.per_minute = 1
        await client.get("ping")  # uses this minute's allowance
        created = await client.post("invoices", {"client_id": client_id})
    assert created["data"]["client_id"] == client_id
    assert waits and sum(waits) >= 1  # it was throttled, backed off, then went through once
    assert len(state.store.rows("invoice")) == before + 1


async def test_a_lasting_429_ends_in_a_clear_error(app: Any, state: SandboxState) -> None:
    state.rate_limit.per_minute = 1
    async with NinjaClient(Settings.load(url="http://sandbox.test", token="sandbox-token"),
                           transport=httpx.ASGITransport(app=app),
                           retry=RetryPolicy(attempts=3, base_delay=0.01, max_total=0.1),
                           sleep=lambda s: _noop()) as client:
        await client.get("ping")
        with pytest.raises(RateLimited):
            await client.get("ping")


async def _noop() -> None:
    return None


async def test_a_read_survives_503s(owner: NinjaClient, state: SandboxState) -> None:
    state.faults.add("status", status=503, method="GET", path="/api/v1/clients", count=2)
    page = await owner.list_page("clients")
    assert page.items


async def test_a_write_answered_500_is_not_retried(owner: NinjaClient,
                                                   state: SandboxState) -> None:
    client_id = await _first_client_id(owner)
    before = len(state.store.rows("invoice"))
    state.faults.add("status", status=500, method="POST", path="/api/v1/invoices", count=1)
    with pytest.raises(OutcomeUnknown):
        await owner.post("invoices", {"client_id": client_id})
    assert len(state.store.rows("invoice")) == before


async def test_a_write_whose_answer_is_lost_is_unknown_and_not_repeated(
    owner: NinjaClient, state: SandboxState
) -> None:
    client_id = await _first_client_id(owner)
    before = len(state.store.rows("invoice"))
    state.faults.add("disconnect_after", method="POST", path="/api/v1/invoices", count=1)
    with pytest.raises(OutcomeUnknown) as caught:
        await owner.post("invoices", {"client_id": client_id})
    assert "invoices" in caught.value.hint
    assert len(state.store.rows("invoice")) == before + 1  # stored once, never twice


async def test_garbled_read_is_retried(owner: NinjaClient, state: SandboxState) -> None:
    state.faults.add("malformed_json", method="GET", path="/api/v1/clients", count=1)
    assert (await owner.list_page("clients")).items


async def test_password_route_always_sends_the_password(
    owner: NinjaClient, state: SandboxState
) -> None:
    client_id = await _first_client_id(owner)
    with pytest.raises(PasswordRejected):
        await owner.with_password("POST", f"clients/{client_id}/purge", "wrong")
    assert state.store.get("client", client_id) is not None
    await owner.with_password("POST", f"clients/{client_id}/purge", "pässwört-日本")
    assert state.store.get("client", client_id) is None
    # The login cache is warm now, yet a wrong password is still refused: it is always sent.
    other = await _first_client_id(owner)
    with pytest.raises(PasswordRejected):
        await owner.with_password("POST", f"clients/{other}/purge", "wrong")
    assert state.store.get("client", other) is not None
