"""Bulk actions: generic archive/restore/delete, skipped records, unknown actions, guard."""

from __future__ import annotations

import httpx

from ninja_tools.sandbox import DOMAIN_MODULES, SandboxState, create_app

from .conftest import by_name, headers


async def test_archive_restore_delete(api: httpx.AsyncClient, state: SandboxState) -> None:
    ids = [p["id"] for p in state.store.rows("product")][:2]
    archived = await api.post("/products/bulk", json={"action": "archive", "ids": ids})
    assert archived.status_code == 200
    rows = archived.json()["data"]
    assert [r["id"] for r in rows] == ids and all(
        r["archived_at"] > 0 and not r["is_deleted"] for r in rows
    )
    assert "pagination" in archived.json()["meta"]
    restored = (await api.post("/products/bulk", json={"action": "restore", "ids": ids})).json()[
        "data"
    ]
    assert all(r["archived_at"] == 0 for r in restored)
    deleted = (await api.post("/products/bulk", json={"action": "delete", "ids": ids})).json()[
        "data"
    ]
    assert all(r["is_deleted"] and r["archived_at"] > 0 for r in deleted)
    restored = (await api.post("/products/bulk", json={"action": "restore", "ids": ids})).json()[
        "data"
    ]
    assert all(not r["is_deleted"] and r["archived_at"] == 0 for r in restored)


async def test_records_the_user_may_not_edit_are_skipped(
    restricted: httpx.AsyncClient, state: SandboxState
) -> None:
    initech = by_name(state, "client", "Initech")
    acme = by_name(state, "client", "Acme Corporation")
    response = await restricted.post(
        "/clients/bulk", json={"action": "archive", "ids": [initech["id"], acme["id"]]}
    )
    assert response.status_code == 200
    rows = {r["id"]: r for r in response.json()["data"]}
    assert rows[initech["id"]]["archived_at"] > 0
    assert rows[acme["id"]]["archived_at"] == 0


async def test_unknown_action_validated_entities_422(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    client_id = state.store.rows("client")[0]["id"]
    response = await api.post("/clients/bulk", json={"action": "explode", "ids": [client_id]})
    assert response.status_code == 422
    assert response.json() == {
        "message": "The given data was invalid.",
        "errors": {"action": ["The selected action is invalid."]},
    }
    missing = await api.post("/products/bulk", json={"action": "archive"})
    assert missing.json()["errors"] == {"ids": ["The ids field is required."]}


async def test_unknown_action_switch_entities_ignored(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    invoice = state.store.rows("invoice")[0]
    response = await api.post("/invoices/bulk", json={"action": "explode", "ids": [invoice["id"]]})
    assert response.status_code == 200
    assert response.json()["data"][0]["id"] == invoice["id"]


async def test_unknown_action_repository_entities_500(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    vendor = state.store.rows("vendor")[0]
    response = await api.post("/vendors/bulk", json={"action": "explode", "ids": [vendor["id"]]})
    assert (response.status_code, response.json()) == (500, {"message": "Server Error"})


async def test_known_but_unmodelled_action_is_visible() -> None:
    # Every known action is modelled; leave out the module of the client ones to see the 501.
    domains = [m for m in DOMAIN_MODULES if not m.endswith((".client_more", ".templates"))]
    app = create_app(domains=domains)
    client_id = app.state.sandbox.store.rows("client")[0]["id"]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://sandbox/api/v1", headers=headers()
    ) as api:
        response = await api.post("/clients/bulk", json={"action": "template", "ids": [client_id]})
    assert response.status_code == 501


async def test_invoice_bulk_duplicate_guard(api: httpx.AsyncClient, state: SandboxState) -> None:
    state.clock.freeze()
    ids = [state.store.rows("invoice")[0]["id"]]
    assert (
        await api.post("/invoices/bulk", json={"action": "archive", "ids": ids})
    ).status_code == 200
    again = await api.post("/invoices/bulk", json={"action": "archive", "ids": ids})
    assert (again.status_code, again.json()) == (400, {"message": "Duplicate request"})
    assert (
        await api.post("/invoices/bulk", json={"action": "restore", "ids": ids})
    ).status_code == 200
    state.clock.advance(1.01)
    assert (
        await api.post("/invoices/bulk", json={"action": "archive", "ids": ids})
    ).status_code == 200


async def test_invoice_bulk_without_matches(api: httpx.AsyncClient) -> None:
    response = await api.post("/invoices/bulk", json={"action": "archive", "ids": ["zzzzzzzzzz"]})
    assert (response.status_code, response.json()) == (200, {"message": "No Invoices Found"})
