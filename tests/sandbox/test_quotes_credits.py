"""Quotes (approve, convert) and credits (mark sent, mark paid, bulk strings) through HTTP."""

from __future__ import annotations

import httpx

from ninja_tools.sandbox import SandboxState

from .money_helpers import get, later, new_client


async def _quote(api: httpx.AsyncClient, client_id: str, query: str = "") -> dict[str, object]:
    response = await api.post(
        f"/quotes{query}",
        json={
            "client_id": client_id,
            "line_items": [{"product_key": "q", "quantity": 2, "cost": 75}],
        },
    )
    data: dict[str, object] = response.json()["data"]
    return data


async def test_approve_then_convert(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = await new_client(api)
    quote = await _quote(api, client["id"], "?mark_sent=true")
    assert (quote["status_id"], quote["amount"]) == ("2", 150.0)
    approved = await api.get(f"/quotes/{quote['id']}/approve")
    assert approved.json()["data"]["status_id"] == "3"
    again = await api.get(f"/quotes/{quote['id']}/approve")
    assert (again.status_code, again.json()) == (
        400,
        {"message": "Unable to approve this quote as it has expired."},
    )
    converted = await api.get(f"/quotes/{quote['id']}/convert")
    invoice = converted.json()["data"]
    assert (
        invoice["entity_type"] == "invoice"
        and invoice["amount"] == 150.0
        and invoice["status_id"] == "1"
    )
    assert invoice["client_id"] == client["id"] and len(invoice["invitations"]) == 1
    after = await get(api, f"/quotes/{quote['id']}")
    assert (after["status_id"], after["invoice_id"]) == ("4", invoice["id"])


async def test_bulk_convert_and_bulk_strings(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = await new_client(api)
    quote = await _quote(api, client["id"])
    listed = await api.post(
        "/quotes/bulk", json={"action": "convert_to_invoice", "ids": [quote["id"]]}
    )
    row = listed.json()["data"][0]
    assert row["status_id"] == "4" and state.store.get("invoice", row["invoice_id"]) is not None
    bad = await api.post("/quotes/bulk", json={"action": "frobnicate", "ids": [quote["id"]]})
    assert bad.status_code == 422
    project = await api.get(f"/quotes/{quote['id']}/convert_to_project")
    assert project.json()["data"]["client_id"] == client["id"]
    emailed = await api.post("/quotes/bulk", json={"action": "email", "ids": [quote["id"]]})
    assert emailed.status_code == 200
    assert [m["kind"] for m in state.outbox] == ["quote"]


async def test_credit_flow(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = await new_client(api)
    credit = (
        await api.post(
            "/credits",
            json={
                "client_id": client["id"],
                "line_items": [{"product_key": "c", "quantity": 1, "cost": 25}],
            },
        )
    ).json()["data"]
    await api.post("/credits/bulk", json={"action": "mark_sent", "ids": [credit["id"]]})
    sent = await get(api, f"/credits/{credit['id']}")
    assert (sent["status_id"], sent["balance"]) == ("2", 25.0)
    assert (await get(api, f"/clients/{client['id']}"))["credit_balance"] == 25.0
    clone = await api.get(f"/credits/{credit['id']}/clone_to_credit")
    assert clone.json()["data"]["id"] == "" and clone.json()["data"]["amount"] == 25.0
    later(state)
    email = await api.get(f"/credits/{credit['id']}/email")
    assert email.json() == {"message": "email sent"}
    assert state.outbox[-1]["kind"] == "credit" and state.outbox[-1]["number"] == sent["number"]
    invalid = await api.post("/credits/bulk", json={"action": "approve", "ids": [credit["id"]]})
    assert invalid.status_code == 422
