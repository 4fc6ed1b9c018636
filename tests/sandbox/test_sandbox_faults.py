"""Rate limiting, fault injection (Python and HTTP control routes), outbox and reset."""

from __future__ import annotations

import json

import httpx
import pytest

from ninja_tools.sandbox import SandboxState, create_app

from .conftest import headers


async def test_rate_limit_429_without_retry_after(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    state.clock.freeze()
    state.rate_limit.per_minute = 2
    assert (await api.get("/ping")).status_code == 200
    assert (await api.get("/ping")).status_code == 200
    limited = await api.get("/ping")
    assert (limited.status_code, limited.json()) == (429, {"message": "Too many requests"})
    assert "retry-after" not in limited.headers
    other = await api.get("/ping", headers={"X-API-TOKEN": "sandbox-restricted-token"})
    assert other.status_code == 200  # per token
    state.clock.advance(61)
    assert (await api.get("/ping")).status_code == 200


async def test_rate_limit_html_mode_keeps_retry_after(
    raw: httpx.AsyncClient, state: SandboxState
) -> None:
    state.rate_limit.per_minute = 1
    await raw.get("/api/v1/ping", headers={"X-API-TOKEN": "t"})
    limited = await raw.get("/api/v1/ping", headers={"X-API-TOKEN": "t"})
    assert limited.status_code == 429 and "retry-after" in limited.headers


async def test_status_faults(api: httpx.AsyncClient, state: SandboxState) -> None:
    state.faults.add("status", status=500, path="/api/v1/clients", count=1)
    failed = await api.get("/clients")
    assert (failed.status_code, failed.json()) == (500, {"message": "Server Error"})
    assert (await api.get("/clients")).status_code == 200  # count exhausted
    state.faults.add("status", status=502, method="POST")
    proxy = await api.post("/refresh")
    assert proxy.status_code == 502 and "Bad Gateway" in proxy.text
    assert (await api.get("/ping")).status_code == 200  # method filter


async def test_share_is_deterministic(state: SandboxState, api: httpx.AsyncClient) -> None:
    async def pattern() -> list[int]:
        state.faults.clear()
        state.faults.reseed(7)
        state.faults.add("status", status=503, share=0.5, path="/api/v1/ping")
        return [(await api.get("/ping")).status_code for _ in range(12)]

    first = await pattern()
    assert set(first) == {200, 503}
    assert await pattern() == first


async def test_disconnect_before_and_after(api: httpx.AsyncClient, state: SandboxState) -> None:
    state.faults.add("disconnect", method="POST", path="/api/v1/products", count=1)
    with pytest.raises(httpx.RemoteProtocolError):
        await api.post("/products", json={"product_key": "lost"})
    assert not [p for p in state.store.rows("product") if p["product_key"] == "lost"]
    state.faults.add("disconnect_after", method="POST", path="/api/v1/products", count=1)
    with pytest.raises(httpx.TransportError):
        await api.post("/products", json={"product_key": "stored"})
    assert [p for p in state.store.rows("product") if p["product_key"] == "stored"]


async def test_latency_and_malformed_json(api: httpx.AsyncClient, state: SandboxState) -> None:
    state.faults.add("latency", latency_ms=20, path="/api/v1/ping", count=1)
    assert (await api.get("/ping")).status_code == 200
    assert state.faults.rules[0].fired == 1
    state.faults.add("malformed_json", path="/api/v1/clients", after=1, count=1)
    assert (await api.get("/clients")).status_code == 200  # skipped by ``after``
    broken = await api.get("/clients")
    assert broken.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(broken.content)


async def test_control_routes(raw: httpx.AsyncClient, state: SandboxState) -> None:
    added = await raw.post(
        "/_sandbox/faults", json={"kind": "status", "status": 503, "path": "/api/v1/ping"}
    )
    assert added.status_code == 200 and added.json()["data"][0]["status"] == 503
    assert (await raw.get("/api/v1/ping", headers=headers())).status_code == 503
    await raw.delete("/_sandbox/faults")
    assert (await raw.get("/api/v1/ping", headers=headers())).status_code == 200
    assert (await raw.post("/_sandbox/faults", json={"kind": "nope"})).status_code == 400
    state.outbox.append({"to": "a@b.c"})
    assert (await raw.get("/_sandbox/outbox")).json()["data"] == [{"to": "a@b.c"}]
    await raw.post("/api/v1/products", json={"product_key": "temp"}, headers=headers())
    assert (await raw.post("/_sandbox/reset")).status_code == 200
    assert len(state.store.rows("product")) == 4 and state.outbox == []
    await raw.post("/_sandbox/rate_limit", json={"per_minute": 1})
    assert state.rate_limit.per_minute == 1
    moved = await raw.post("/_sandbox/clock", json={"freeze": True, "advance": 3600})
    assert moved.status_code == 200 and state.clock.now().hour == 10


async def test_control_routes_can_be_disabled() -> None:
    app = create_app(sandbox_routes=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://sandbox"
    ) as raw:
        response = await raw.post("/_sandbox/reset", headers=headers(None))
        assert (response.status_code, response.json()) == (404, {"message": "Route does not exist"})
