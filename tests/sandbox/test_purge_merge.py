"""Password-protected client purge and merge, with the money moving along."""

from __future__ import annotations

import httpx

from ninja_tools.sandbox import SandboxState

from .money_helpers import get, new_client, new_invoice

PASSWORD = {"X-API-PASSWORD": "sandbox-password"}


async def test_purge_removes_everything(api: httpx.AsyncClient, state: SandboxState) -> None:
    acme = next(c for c in state.store.rows("client") if c["name"] == "Acme Corporation")
    assert state.store.where("invoice", client_id=acme["id"]) and state.store.where(
        "payment", client_id=acme["id"]
    )
    refused = await api.post(f"/clients/{acme['id']}/purge")
    assert refused.status_code == 412
    response = await api.post(f"/clients/{acme['id']}/purge", headers=PASSWORD)
    assert response.json() == {"message": "Success"}
    assert state.store.get("client", acme["id"]) is None
    for kind in (
        "invoice",
        "quote",
        "credit",
        "payment",
        "recurring_invoice",
        "expense",
        "task",
        "project",
        "activity",
    ):
        assert state.store.where(kind, client_id=acme["id"]) == [], kind
    gone = await api.get(f"/clients/{acme['id']}")
    assert gone.status_code == 400


async def test_merge_moves_everything(api: httpx.AsyncClient, state: SandboxState) -> None:
    keep = await new_client(api, "Keeper", "keep@x.test")
    other = await new_client(api, "Merged", "merged@x.test")
    await new_invoice(api, keep["id"], cost=10, query="?mark_sent=true")
    moved = await new_invoice(api, other["id"], cost=30, query="?paid=true")
    open_invoice = await new_invoice(api, other["id"], cost=5, query="?mark_sent=true")
    response = await api.post(f"/clients/{keep['id']}/{other['id']}/merge", headers=PASSWORD)
    merged = response.json()["data"]
    assert (merged["balance"], merged["paid_to_date"]) == (15.0, 30.0)
    assert sorted(c["email"] for c in merged["contacts"]) == ["keep@x.test", "merged@x.test"]
    assert state.store.get("client", other["id"]) is None
    assert (await get(api, f"/invoices/{moved['id']}"))["client_id"] == keep["id"]
    assert (await get(api, f"/invoices/{open_invoice['id']}"))["client_id"] == keep["id"]
    assert all(
        p["client_id"] == keep["id"]
        for p in state.store.rows("payment")
        if p["amount"] == 30.0 and p["paymentables"][0].get("invoice_id") == moved["id"]
    )
    same = await api.post(f"/clients/{keep['id']}/{keep['id']}/merge", headers=PASSWORD)
    assert (same.status_code, same.json()) == (
        400,
        {"message": "Attempting to merge the same client is not possible."},
    )
