"""The company, company users, the ledger, company gateways and client gateway tokens."""

from __future__ import annotations

import httpx

from ninja_tools.sandbox import SandboxState

from .conftest import by_name


async def test_current_company_and_settings_replaced(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    company = state.company()
    current = (await api.post("/companies/current")).json()["data"]
    assert current["id"] == company["id"] and current["settings"]["name"] == "Sandbox Co"
    listed = (await api.get("/companies")).json()["data"]
    assert [c["id"] for c in listed] == [company["id"]]
    updated = await api.put(f"/companies/{company['id']}",
                            json={"size_id": "3", "settings": {"city": "Leeds"}})
    data = updated.json()["data"]
    assert data["size_id"] == "3" and data["settings"]["city"] == "Leeds"
    assert data["settings"]["name"] == ""  # settings left out fall back to their defaults


async def test_logo_and_origin_tax_data(api: httpx.AsyncClient, state: SandboxState) -> None:
    company = state.company()
    logo = await api.get(f"/companies/{company['id']}/logo")
    assert logo.headers["content-type"] == "image/png" and logo.content.startswith(b"\x89PNG")
    same = await api.post(f"/companies/updateOriginTaxData/{company['id']}")
    assert same.status_code == 200 and same.json()["data"]["id"] == company["id"]
    company["settings"]["country_id"] = "826"
    refused = await api.post(f"/companies/updateOriginTaxData/{company['id']}")
    assert refused.json() == {
        "message": "Tax configuration not available due to settings / plan restriction."}


async def test_company_user_update(
    api: httpx.AsyncClient, restricted: httpx.AsyncClient, state: SandboxState
) -> None:
    ray = next(u for u in state.store.rows("user") if u["first_name"] == "Ray")
    owner = next(u for u in state.store.rows("user") if u["first_name"] == "Sandra")
    own = await restricted.put(f"/company_users/{ray['id']}", json={"company_user": {
        "permissions": "edit_all", "settings": {"theme": "dark"}}})
    assert own.status_code == 200 and own.json()["data"]["settings"] == {"theme": "dark"}
    assert "edit_all" not in state.auth.company_users[ray["id"]]["permissions"]
    assert (await restricted.put(f"/company_users/{owner['id']}", json={})).status_code == 401
    admin = await api.put(f"/company_users/{ray['id']}",
                          json={"company_user": {"permissions": "view_client"}})
    assert admin.json()["data"]["permissions"] == "view_client"


async def test_company_ledger_is_admin_only(
    api: httpx.AsyncClient, restricted: httpx.AsyncClient
) -> None:
    entries = (await api.get("/company_ledger", params={"per_page": 500})).json()["data"]
    assert entries and {"balance", "adjustment", "notes", "activity_id"} <= set(entries[0])
    assert any("invoice_id" in e for e in entries) and any("payment_id" in e for e in entries)
    assert (await restricted.get("/company_ledger")).status_code == 401


async def test_company_gateways(
    api: httpx.AsyncClient, restricted: httpx.AsyncClient, state: SandboxState
) -> None:
    stripe, custom = state.store.rows("company_gateway")[:2]
    assert (await api.post(f"/company_gateways/{stripe['id']}/test")).json() == {
        "message": "false"}
    assert (await api.post(f"/company_gateways/{custom['id']}/test")).json() == {
        "message": "true"}
    started = await api.post(f"/company_gateways/{stripe['id']}/import_customers")
    assert started.json()["message"].startswith("Your import has started")
    clone = (await api.post(f"/company_gateways/{custom['id']}/clone")).json()["data"]
    assert clone["id"] != custom["id"] and clone["gateway_key"] == custom["gateway_key"]
    bad = await api.post("/company_gateways", json={"gateway_key": "nope"})
    assert bad.json()["errors"] == {"gateway_key": ["The selected gateway key is invalid."]}
    assert (await restricted.get(f"/company_gateways/{stripe['id']}")).status_code == 401
    assert (await restricted.post(f"/company_gateways/{stripe['id']}/test")).status_code == 401


async def test_client_gateway_tokens(
    api: httpx.AsyncClient, restricted: httpx.AsyncClient, state: SandboxState
) -> None:
    acme = by_name(state, "client", "Acme Corporation")
    first = state.store.rows("client_gateway_token")[0]
    gateway = state.store.rows("company_gateway")[0]
    second = (await api.post("/client_gateway_tokens", json={
        "client_id": acme["id"], "company_gateway_id": gateway["id"], "gateway_type_id": 1,
        "meta": {"last4": "0005"}, "token": "pm_2"})).json()["data"]
    assert first["is_default"] and not second["is_default"]
    made_default = await api.post(f"/client_gateway_tokens/{second['id']}/setAsDefault")
    assert made_default.json()["data"]["is_default"] and not first["is_default"]
    assert (await restricted.get("/client_gateway_tokens")).status_code == 401
    missing = await api.post("/client_gateway_tokens", json={"client_id": acme["id"]})
    assert set(missing.json()["errors"]) == {"company_gateway_id", "gateway_type_id", "meta"}


async def test_company_upload_attaches_documents(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    company = state.company()
    files = [("documents[]", ("terms.pdf", b"%PDF-1.4", "application/pdf"))]
    response = await api.post(f"/companies/{company['id']}/upload", data={"_method": "PUT"},
                              files=files)
    assert response.status_code == 200
    assert [d["name"] for d in response.json()["data"]["documents"]] == ["terms.pdf"]
