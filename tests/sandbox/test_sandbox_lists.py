"""List envelopes, pagination, status scoping, filters and sorting."""

from __future__ import annotations

import httpx

from ninja_tools.sandbox import SandboxState

from .conftest import by_name

SEED = "basics"  # these tests count seeded rows


async def _ids(api: httpx.AsyncClient, path: str, **params: str) -> list[str]:
    response = await api.get(path, params=params)
    assert response.status_code == 200, response.text
    return [r["id"] for r in response.json()["data"]]


async def test_list_envelope_and_single_page_links(api: httpx.AsyncClient) -> None:
    body = (await api.get("/clients")).json()
    assert set(body) == {"data", "meta"}
    assert body["meta"]["pagination"] == {
        "total": 5,
        "count": 5,
        "per_page": 20,
        "current_page": 1,
        "total_pages": 1,
        "links": [],
    }


async def test_pagination_links_and_per_page_cap(api: httpx.AsyncClient) -> None:
    page = (await api.get("/clients", params={"per_page": 2, "page": 2})).json()["meta"][
        "pagination"
    ]
    assert (page["count"], page["total_pages"], page["current_page"]) == (2, 3, 2)
    assert page["links"] == {
        "previous": "http://sandbox/api/v1/clients?page=1",
        "next": "http://sandbox/api/v1/clients?page=3",
    }
    assert (await api.get("/clients", params={"per_page": 999999})).json()["meta"]["pagination"][
        "per_page"
    ] == 5000
    assert (await api.get("/clients", params={"per_page": -3})).json()["meta"]["pagination"][
        "per_page"
    ] == 3
    beyond = (await api.get("/clients", params={"page": 9})).json()
    assert beyond["data"] == [] and beyond["meta"]["pagination"]["count"] == 0


async def test_default_list_includes_archived_and_deleted(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    ids = await _ids(api, "/clients")
    await api.post("/clients/bulk", json={"action": "archive", "ids": [ids[0]]})
    await api.delete(f"/clients/{ids[1]}")
    assert await _ids(api, "/clients") == ids
    assert await _ids(api, "/clients", status="active") == ids[2:]
    assert await _ids(api, "/clients", status="archived") == [ids[0]]
    assert await _ids(api, "/clients", status="deleted") == [ids[1]]
    assert await _ids(api, "/clients", status="archived,deleted") == ids[:2]
    assert await _ids(api, "/clients", is_deleted="true") == [ids[1]]
    assert len(await _ids(api, "/clients", is_deleted="false")) == 4


async def test_balance_filter_uses_value_then_operator(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    rows = state.store.rows("client")
    for row, balance in zip(rows, (0.0, 5.0, 20.0, 100.0, 0.0), strict=True):
        row["balance"] = balance
    zero = {rows[0]["id"], rows[4]["id"]}
    assert set(await _ids(api, "/clients", balance="10:lt")) == {
        rows[0]["id"],
        rows[1]["id"],
        rows[4]["id"],
    }
    assert set(await _ids(api, "/clients", balance="lt:10")) == zero  # balance = 'lt' -> 0
    assert set(await _ids(api, "/clients", balance="20:gte")) == {rows[2]["id"], rows[3]["id"]}
    assert set(await _ids(api, "/clients", balance="20:weird")) == {rows[2]["id"]}
    assert len(await _ids(api, "/clients", balance="10")) == 5  # no operator: ignored
    assert set(await _ids(api, "/clients", between_balance="5:20")) == {
        rows[1]["id"],
        rows[2]["id"],
    }


async def test_client_filters(api: httpx.AsyncClient, state: SandboxState) -> None:
    acme = by_name(state, "client", "Acme Corporation")
    initech = by_name(state, "client", "Initech")
    assert await _ids(api, "/clients", name="acme") == [acme["id"]]
    assert await _ids(api, "/clients", email="road@acme.example") == [acme["id"]]
    assert await _ids(api, "/clients", email="ROAD@acme.example") == []
    assert await _ids(api, "/clients", id_number="IN-42") == [initech["id"]]
    assert await _ids(api, "/clients", filter="lumbergh") == [initech["id"]]
    assert await _ids(api, "/clients", number="0001") == [acme["id"]]
    assert len(await _ids(api, "/clients", unknown_filter="x", balance="")) == 5


async def test_invoice_filters(api: httpx.AsyncClient, state: SandboxState) -> None:
    invoices = state.store.rows("invoice")
    acme = by_name(state, "client", "Acme Corporation")
    assert await _ids(api, "/invoices", client_id=acme["id"]) == [invoices[0]["id"]]
    assert await _ids(api, "/invoices", filter="globex") == [invoices[1]["id"]]
    assert await _ids(api, "/invoices", filter="strategy") == [invoices[0]["id"]]
    invoices[0].update(status_id="2", due_date="2025-03-01", balance=10.0)  # overdue
    invoices[1].update(status_id="4")
    invoices[2].update(status_id="3", due_date="2025-04-01")  # partial, not yet due
    assert await _ids(api, "/invoices", client_status="overdue") == [invoices[0]["id"]]
    assert await _ids(api, "/invoices", client_status="paid") == [invoices[1]["id"]]
    assert await _ids(api, "/invoices", client_status="unpaid") == [
        invoices[0]["id"],
        invoices[2]["id"],
    ]
    assert await _ids(api, "/invoices", client_status="draft") == []
    assert len(await _ids(api, "/invoices", client_status="all")) == 3
    assert await _ids(api, "/invoices", status_id="4,3") == [invoices[1]["id"], invoices[2]["id"]]
    assert await _ids(api, "/invoices", date_range="2025-03-11,2025-03-12") == [invoices[0]["id"]]
    assert await _ids(api, "/invoices", due_date_range="2025-03-01,2025-03-31") == [
        invoices[0]["id"]
    ]
    assert len(await _ids(api, "/invoices", date_range="garbage")) == 3


async def test_created_and_updated_since(api: httpx.AsyncClient, state: SandboxState) -> None:
    rows = state.store.rows("product")
    rows[0]["updated_at"] = 100
    rows[1]["created_at"] = 100
    since = str(state.now() - 60)
    assert rows[0]["id"] not in await _ids(api, "/products", updated_at=since)
    assert rows[1]["id"] not in await _ids(api, "/products", created_at="2025-03-01")
    assert len(await _ids(api, "/products", created_at="not a date")) == 4


async def test_product_key_filter_and_sorting(api: httpx.AsyncClient, state: SandboxState) -> None:
    products = {p["product_key"]: p["id"] for p in state.store.rows("product")}
    assert await _ids(api, "/products", product_key="design") == [products["design"]]
    ordered = await _ids(api, "/products", sort="product_key|asc")
    assert ordered == [products[k] for k in sorted(products)]
    assert await _ids(api, "/products", sort="product_key|whatever") == list(reversed(ordered))
    assert await _ids(api, "/products", sort="product_key") == list(
        products.values()
    )  # no dir: ignored


async def test_number_sorts_numerically(api: httpx.AsyncClient) -> None:
    acme = (await api.get("/clients", params={"name": "acme"})).json()["data"][0]["id"]
    for number in ("INV-10", "INV-9", "INV-100"):
        made = await api.post("/invoices", json={"client_id": acme, "number": number})
        assert made.status_code == 200
    rows = (await api.get("/invoices", params={"sort": "number|desc", "per_page": 3})).json()[
        "data"
    ]
    assert [r["number"] for r in rows] == ["INV-100", "INV-10", "INV-9"]
