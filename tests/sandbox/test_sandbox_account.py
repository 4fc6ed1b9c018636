"""refresh, ping, statics and the error rendering for non-JSON callers and unknown routes."""

from __future__ import annotations

import httpx

from ninja_tools.sandbox import SandboxState

from .conftest import OWNER, RESTRICTED, headers


async def test_refresh_shape_with_nested_system_token(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    response = await api.post("/refresh", params={"current_company": "true", "updated_at": "0"})
    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["pagination"]["total"] == 1
    company_user = body["data"][0]
    assert company_user["is_owner"] is True and company_user["is_admin"] is True
    assert company_user["is_locked"] is False and isinstance(company_user["permissions"], str)
    assert set(company_user["user"]) >= {
        "id",
        "first_name",
        "last_name",
        "email",
        "oauth_provider_id",
    }
    assert company_user["company"]["settings"]["name"] == "Sandbox Co"
    assert company_user["company"]["settings"]["currency_id"] == "1"
    raw_token = company_user["token"]["token"]
    assert raw_token != OWNER and company_user["token"]["is_system"] is True
    # the leaked system token is a working token, which is why clients must drop it
    assert (await api.get("/ping", headers={"X-API-TOKEN": raw_token})).status_code == 200


async def test_refresh_for_restricted_user(restricted: httpx.AsyncClient) -> None:
    company_user = (await restricted.post("/refresh")).json()["data"][0]
    assert company_user["permissions"] == "view_client,view_invoice,create_client"
    assert (company_user["is_owner"], company_user["is_admin"]) == (False, False)


async def test_ping_and_statics(api: httpx.AsyncClient) -> None:
    assert (await api.get("/ping")).json() == {
        "company_name": "Sandbox Co",
        "user_name": "Sandra Owner",
    }
    statics = (await api.get("/statics")).json()
    usd = next(c for c in statics["currencies"] if c["id"] == "1")
    assert (usd["code"], usd["symbol"], usd["precision"]) == ("USD", "$", 2)
    assert {"countries", "payment_types"} <= set(statics)


async def test_unknown_route_and_wrong_verb(raw: httpx.AsyncClient) -> None:
    unknown = await raw.get("/api/v1/nothing_here", headers=headers())
    assert (unknown.status_code, unknown.json()) == (404, {"message": "Route does not exist"})
    wrong = await raw.delete("/api/v1/clients", headers=headers())
    assert (wrong.status_code, wrong.json()) == (
        404,
        {"message": "Method not supported for this route"},
    )
    assert wrong.headers["x-app-version"] == "5.10.42"
    post_unknown = await raw.post("/api/v1/nothing_here", headers=headers())
    assert post_unknown.json() == {"message": "Method not supported for this route"}


async def test_non_json_mode_redirects_and_html(
    raw: httpx.AsyncClient, state: SandboxState
) -> None:
    plain = {"X-API-TOKEN": OWNER, "Referer": "http://sandbox/form"}
    invalid = await raw.post("/api/v1/invoices", json={}, headers=plain)
    assert invalid.status_code == 302 and invalid.headers["location"] == "http://sandbox/form"
    missing = await raw.get("/api/v1/invoices/zzzzzzzzzz", headers=plain)
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    denied = await raw.post("/api/v1/invoices", json={}, headers={"X-API-TOKEN": RESTRICTED})
    assert denied.status_code == 403 and "<html" in denied.text
    route = await raw.get("/api/v1/nothing_here")
    assert route.status_code == 404 and "<html" in route.text
    # token errors come straight from the middleware as JSON in both modes
    token = await raw.get("/api/v1/clients")
    assert (token.status_code, token.json()["message"]) == (403, "Invalid token")
    accept_only = await raw.post(
        "/api/v1/invoices", json={}, headers={"X-API-TOKEN": OWNER, "Accept": "application/json"}
    )
    assert accept_only.status_code == 422
