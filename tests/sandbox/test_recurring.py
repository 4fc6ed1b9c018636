"""Recurring invoices: start/stop, send_now producing a real invoice, flags, price updates."""

from __future__ import annotations

import httpx

from ninja_tools.sandbox import SandboxState

from .money_helpers import get, new_client


async def _recurring(api: httpx.AsyncClient, client_id: str, query: str = "") -> dict[str, object]:
    response = await api.post(
        f"/recurring_invoices{query}",
        json={
            "client_id": client_id,
            "frequency_id": "5",
            "remaining_cycles": 2,
            "line_items": [{"product_key": "hosting", "quantity": 1, "cost": 25}],
        },
    )
    assert response.status_code == 200, response.text
    data: dict[str, object] = response.json()["data"]
    return data


async def test_send_now_creates_sent_invoice(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = await new_client(api)
    recurring = await _recurring(api, client["id"])
    assert (recurring["status_id"], recurring["next_send_date"]) == ("1", "2025-03-14")
    await api.post(
        "/recurring_invoices/bulk", json={"action": "send_now", "ids": [recurring["id"]]}
    )
    after = await get(api, f"/recurring_invoices/{recurring['id']}")
    assert (after["status_id"], after["next_send_date"], after["remaining_cycles"]) == (
        "2",
        "2025-04-14",
        1,
    )
    invoices = [r for r in state.store.rows("invoice") if r["recurring_id"] == recurring["id"]]
    assert len(invoices) == 1
    invoice = invoices[0]
    assert (invoice["status_id"], invoice["amount"], invoice["balance"]) == ("2", 25.0, 25.0)
    assert [m["entity_id"] for m in state.outbox] == [invoice["id"]]
    assert (await get(api, f"/clients/{client['id']}"))["balance"] == 25.0
    # send_now only acts on a draft
    await api.post(
        "/recurring_invoices/bulk", json={"action": "send_now", "ids": [recurring["id"]]}
    )
    assert (
        len([r for r in state.store.rows("invoice") if r["recurring_id"] == recurring["id"]]) == 1
    )


async def test_start_stop_and_put_flags(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = await new_client(api)
    recurring = await _recurring(api, client["id"], "?start=true")
    assert recurring["status_id"] == "2"
    await api.post("/recurring_invoices/bulk", json={"action": "stop", "ids": [recurring["id"]]})
    assert (await get(api, f"/recurring_invoices/{recurring['id']}"))["status_id"] == "3"
    put = await api.put(f"/recurring_invoices/{recurring['id']}?start=true", json={})
    assert put.json()["data"]["status_id"] == "2"
    put = await api.put(f"/recurring_invoices/{recurring['id']}?stop=true", json={})
    assert put.json()["data"]["status_id"] == "3"


async def test_price_updates(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = await new_client(api)
    recurring = await _recurring(api, client["id"])
    answer = await api.post(
        "/recurring_invoices/bulk",
        json={"action": "increase_prices", "ids": [recurring["id"]], "percentage_increase": 10},
    )
    assert answer.json() == {"message": "Update in progress."}
    assert (await get(api, f"/recurring_invoices/{recurring['id']}"))["amount"] == 27.5
    await api.post(
        "/recurring_invoices/bulk", json={"action": "update_prices", "ids": [recurring["id"]]}
    )
    assert (await get(api, f"/recurring_invoices/{recurring['id']}"))[
        "amount"
    ] == 25.0  # product price
    await api.post(
        "/recurring_invoices/bulk",
        json={
            "action": "bulk_update",
            "ids": [recurring["id"]],
            "column": "public_notes",
            "new_value": "Hi",
        },
    )
    assert (await get(api, f"/recurring_invoices/{recurring['id']}"))["public_notes"] == "Hi"
