"""Token authentication (403s) and permission rules (401s, owned/assigned access)."""

from __future__ import annotations

import httpx

from ninja_tools.sandbox import SandboxState
from ninja_tools.sandbox.account import add_user

from .conftest import RESTRICTED, by_name, headers

SEED = "basics"  # these tests count seeded rows


async def test_missing_and_unknown_token_are_403_with_exact_body(raw: httpx.AsyncClient) -> None:
    for token in (None, "nope"):
        response = await raw.get("/api/v1/clients", headers=headers(token))
        assert response.status_code == 403
        assert response.json() == {"message": "Invalid token", "errors": {}}


async def test_locked_and_inactive_users(raw: httpx.AsyncClient, state: SandboxState) -> None:
    user_id = state.auth.tokens[RESTRICTED].user_id
    state.auth.company_users[user_id]["is_locked"] = True
    response = await raw.get("/api/v1/ping", headers=headers(RESTRICTED))
    assert (response.status_code, response.json()) == (
        403,
        {"message": "User access locked", "errors": {}},
    )
    state.auth.company_users[user_id]["is_locked"] = False
    state.users()[user_id]["is_deleted"] = True
    response = await raw.get("/api/v1/ping", headers=headers(RESTRICTED))
    assert (response.status_code, response.json()) == (
        403,
        {"message": "User inactive", "errors": {}},
    )


async def test_restricted_lists_only_owned_or_assigned(restricted: httpx.AsyncClient) -> None:
    clients = (await restricted.get("/clients")).json()["data"]
    # view_client is granted, so every client is listed
    assert len(clients) == 5
    invoices = (await restricted.get("/invoices")).json()["data"]
    assert len(invoices) == 3  # view_invoice too
    products = (await restricted.get("/products")).json()["data"]
    assert products == []  # no view_product and owns none


async def test_restricted_owned_record_access(
    restricted: httpx.AsyncClient, state: SandboxState
) -> None:
    initech = by_name(state, "client", "Initech")  # created by the restricted user
    acme = by_name(state, "client", "Acme Corporation")
    assert (
        await restricted.put(f"/clients/{initech['id']}", json={"website": "x.example"})
    ).status_code == 200
    denied = await restricted.put(f"/clients/{acme['id']}", json={"website": "x.example"})
    assert denied.status_code == 401
    assert denied.json() == {"message": "This action is unauthorized."}
    assigned = next(i for i in state.store.rows("invoice") if i["assigned_user_id"])
    other = next(i for i in state.store.rows("invoice") if not i["assigned_user_id"])
    assert (
        await restricted.put(f"/invoices/{assigned['id']}", json={"po_number": "PO-1"})
    ).status_code == 200
    assert (
        await restricted.put(f"/invoices/{other['id']}", json={"po_number": "PO-1"})
    ).status_code == 401


async def test_create_permission_is_per_entity(
    restricted: httpx.AsyncClient, state: SandboxState
) -> None:
    assert (await restricted.post("/clients", json={"name": "New Co"})).status_code == 200
    acme = by_name(state, "client", "Acme Corporation")
    denied = await restricted.post("/invoices", json={"client_id": acme["id"]})
    assert (denied.status_code, denied.json()) == (401, {"message": "This action is unauthorized."})
    assert (await restricted.get("/invoices/create")).status_code == 401
    assert (await restricted.get("/products/create")).status_code == 401


async def test_products_without_view_permission_show_only_owned(
    app: object, state: SandboxState, restricted: httpx.AsyncClient
) -> None:
    product = state.store.rows("product")[0]
    product["assigned_user_id"] = state.auth.tokens[RESTRICTED].user_id
    rows = (await restricted.get("/products")).json()["data"]
    assert [r["id"] for r in rows] == [product["id"]]
    assert (await restricted.get(f"/products/{product['id']}")).status_code == 200
    other = state.store.rows("product")[1]
    assert (await restricted.get(f"/products/{other['id']}")).status_code == 401


async def test_view_client_only_hides_money_columns(
    raw: httpx.AsyncClient, state: SandboxState
) -> None:
    add_user(
        state,
        first_name="Vic",
        last_name="Viewer",
        email="vic@sandbox.test",
        token="viewer",
        password=None,
        permissions="view_client",
    )
    client = (await raw.get("/api/v1/clients", headers=headers("viewer"))).json()["data"][0]
    for hidden in ("balance", "paid_to_date", "credit_balance", "client_hash"):
        assert hidden not in client
    single = (await raw.get(f"/api/v1/clients/{client['id']}", headers=headers("viewer"))).json()[
        "data"
    ]
    assert "balance" not in single
    # view_invoice is one of the real overrides, so the demo restricted user sees balances
    full = (await raw.get("/api/v1/clients", headers=headers(RESTRICTED))).json()["data"][0]
    assert "balance" in full


async def test_permission_substring_and_all_rules(
    raw: httpx.AsyncClient, state: SandboxState
) -> None:
    add_user(
        state,
        first_name="E",
        last_name="A",
        email="ea@sandbox.test",
        token="edit-all",
        password=None,
        permissions="edit_all",
    )
    add_user(
        state,
        first_name="C",
        last_name="A",
        email="ca@sandbox.test",
        token="create-all",
        password=None,
        permissions="create_all",
    )
    product = state.store.rows("product")[0]
    assert (
        await raw.get(f"/api/v1/products/{product['id']}", headers=headers("edit-all"))
    ).status_code == 200
    assert (
        await raw.get(f"/api/v1/products/{product['id']}", headers=headers("create-all"))
    ).status_code == 401
    made = await raw.post(
        "/api/v1/products", json={"product_key": "p"}, headers=headers("create-all")
    )
    assert made.status_code == 200
    # the creator owns it, so it can view it without any view permission
    assert (
        await raw.get(
            f"/api/v1/products/{made.json()['data']['id']}", headers=headers("create-all")
        )
    ).status_code == 200
