"""Faults from the sandbox's fault injection, through Toolbox.run: what we retry, what we
never repeat, and a clear message every time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import pytest

from ninja_tools import (
    ConnectionFailed,
    NinjaClient,
    NinjaError,
    OutcomeUnknown,
    ProtocolError,
    RateLimited,
    RetryPolicy,
    ServerError,
    Settings,
    Toolbox,
)
from ninja_tools.sandbox import SandboxState, create_app


@pytest.fixture
def app() -> Any:
    return create_app()


@pytest.fixture
def state(app: Any) -> SandboxState:
    sandbox: SandboxState = app.state.sandbox
    sandbox.clock.freeze()
    return sandbox


def _box(app: Any, state: SandboxState, *, timeout: float = 30, attempts: int = 12,
         max_total: float = 200) -> Toolbox:
    async def sleep(seconds: float) -> None:
        state.clock.advance(seconds)  # backing off lets the sandbox's minute pass

    client = NinjaClient(Settings.load(url="http://sandbox.test", token="sandbox-token",
                                       timeout=timeout),
                         transport=httpx.ASGITransport(app=app),
                         retry=RetryPolicy(attempts=attempts, base_delay=1, max_delay=30,
                                           max_total=max_total), sleep=sleep)
    return Toolbox(client)


@pytest.fixture
async def box(app: Any, state: SandboxState) -> AsyncIterator[Toolbox]:
    toolbox = _box(app, state)
    await toolbox.run("list_invoices", {})  # warm the lookups
    yield toolbox
    await toolbox.client.aclose()


def _open_invoice(state: SandboxState) -> dict[str, Any]:
    return next(r for r in state.store.rows("invoice")
                if r["status_id"] in ("2", "3") and r["balance"] > 50 and not r["is_deleted"])


def _payments(state: SandboxState) -> int:
    return len(state.store.rows("payment"))


async def test_a_429_burst_on_a_read_is_backed_off_then_done(box: Toolbox,
                                                             state: SandboxState) -> None:
    state.rate_limit.per_minute = 2
    for _ in range(4):
        page = await box.run("list_clients", {})
        assert page.count  # type: ignore[attr-defined]


async def test_a_429_burst_on_a_write_is_backed_off_then_done_once(box: Toolbox,
                                                                   state: SandboxState) -> None:
    invoice = _open_invoice(state)
    before = _payments(state)
    state.rate_limit.per_minute = 1
    await box.run("list_clients", {})  # uses this minute
    result = await box.run("record_payment", {"invoice": invoice["id"], "amount": 10})
    assert result.payment  # type: ignore[attr-defined]
    assert _payments(state) == before + 1


async def test_a_lasting_429_ends_in_a_clear_error_after_a_bounded_wait(
    app: Any, state: SandboxState,
) -> None:
    toolbox = _box(app, state, attempts=4, max_total=5)
    state.rate_limit.per_minute = 1
    await toolbox.client.get("ping")
    with pytest.raises(RateLimited) as caught:
        await toolbox.run("list_clients", {})
    assert "Wait a minute" in str(caught.value)


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_reads_are_retried_through_server_errors(box: Toolbox, state: SandboxState,
                                                       status: int) -> None:
    state.faults.add("status", status=status, method="GET", path="/api/v1/clients", count=2)
    assert (await box.run("list_clients", {})).count  # type: ignore[attr-defined]


async def test_a_read_that_keeps_failing_says_so(app: Any, state: SandboxState) -> None:
    toolbox = _box(app, state, attempts=3)
    state.faults.add("status", status=503, method="GET", path="/api/v1/clients")
    with pytest.raises(ServerError) as caught:
        await toolbox.run("list_clients", {})
    assert "503" in caught.value.message and caught.value.hint


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_writes_are_never_repeated_on_server_errors(box: Toolbox, state: SandboxState,
                                                          status: int) -> None:
    invoice = _open_invoice(state)
    before = _payments(state)
    state.faults.add("status", status=status, method="POST", path="/api/v1/payments", count=1)
    with pytest.raises(OutcomeUnknown) as caught:
        await box.run("record_payment", {"invoice": invoice["id"], "amount": 10})
    assert "may or may not" in caught.value.message
    assert "idempotency_key" in caught.value.hint  # how to check, and repeat safely
    assert _payments(state) == before


async def test_a_lost_answer_after_the_write_is_unknown_and_the_key_prevents_a_second_payment(
    box: Toolbox, state: SandboxState,
) -> None:
    invoice = _open_invoice(state)
    before = _payments(state)
    state.faults.add("disconnect_after", method="POST", path="/api/v1/payments", count=1)
    with pytest.raises(OutcomeUnknown):
        await box.run("record_payment", {"invoice": invoice["id"], "amount": 10,
                                         "idempotency_key": "pay-once-123"})
    assert _payments(state) == before + 1  # stored once, and not sent again
    state.clock.advance(2)  # past the server's 1-second duplicate guard
    again = await box.run("record_payment", {"invoice": invoice["id"], "amount": 10,
                                             "idempotency_key": "pay-once-123"})
    assert again.already_recorded  # type: ignore[attr-defined]
    assert _payments(state) == before + 1


@pytest.fixture
async def served(app: Any) -> AsyncIterator[str]:
    """The sandbox on a real loopback port: timeouts only exist on a real socket."""
    import uvicorn

    app.state.sandbox.live_server = True  # drop connections for real, as serve() does
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error",
                                           lifespan="off"))
    async with anyio.create_task_group() as group:
        group.start_soon(server.serve)
        while not server.started:
            await anyio.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
        server.should_exit = True


async def test_timeouts_dropped_connections_and_garbled_json_give_clear_errors(
    app: Any, state: SandboxState, served: str,
) -> None:
    state.clock.unfreeze()
    client = NinjaClient(Settings.load(url=served, token="sandbox-token", timeout=0.2),
                         retry=RetryPolicy(attempts=2, base_delay=0.01, max_total=1))
    toolbox = Toolbox(client)
    state.faults.add("latency", latency_ms=500, path="/api/v1/products")
    with pytest.raises(ConnectionFailed) as timed_out:
        await toolbox.run("list_products", {})
    assert "timed out" in timed_out.value.message
    state.faults.clear()
    state.faults.add("disconnect", path="/api/v1/products")
    with pytest.raises(ConnectionFailed) as dropped:
        await toolbox.run("list_products", {})
    state.faults.clear()
    state.faults.add("malformed_json", path="/api/v1/products")
    with pytest.raises(ProtocolError) as garbled:
        await toolbox.run("list_products", {})
    assert "not valid JSON" in garbled.value.message
    for error in (timed_out.value, dropped.value, garbled.value):
        assert isinstance(error, NinjaError) and error.hint
    state.faults.clear()
    assert (await toolbox.run("list_products", {})).count  # type: ignore[attr-defined]
    await client.aclose()
