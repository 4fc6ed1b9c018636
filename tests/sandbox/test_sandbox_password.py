"""The password middleware's decision order, its cache, and password_timeout."""

from __future__ import annotations

import base64

import httpx

from ninja_tools.sandbox import SandboxState
from ninja_tools.sandbox.account import add_user

from .conftest import GOOGLE, RESTRICTED, by_name, headers

INVALID = {"message": "Invalid Password", "errors": {}}


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


async def test_missing_and_wrong_password_412(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = by_name(state, "client", "Globex")
    response = await api.post(f"/clients/{client['id']}/purge")
    assert (response.status_code, response.json()) == (412, INVALID)
    response = await api.post(f"/clients/{client['id']}/purge", headers={"X-API-PASSWORD": "wrong"})
    assert (response.status_code, response.json()) == (412, INVALID)
    assert state.store.get("client", client["id"]) is not None


async def test_correct_password_warms_cache_for_headerless_calls(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    assert (await api.post("/password_timeout")).json() == {"message": "Invalid Password"}
    assert (await api.post("/password_timeout")).status_code == 412
    response = await api.get("/users/create", headers={"X-API-PASSWORD": "sandbox-password"})
    assert response.status_code == 200
    assert (await api.post("/password_timeout")).json() == {"message": "Password is valid"}
    assert (await api.get("/users/create")).status_code == 200  # warm cache, no header
    wrong = await api.get("/users/create", headers={"X-API-PASSWORD": "wrong"})
    assert (wrong.status_code, wrong.json()) == (412, INVALID)  # a wrong header beats the cache


async def test_cache_slides_and_expires_on_the_sandbox_clock(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    state.clock.freeze()
    await api.get("/users/create", headers={"X-API-PASSWORD": "sandbox-password"})
    state.clock.advance(29 * 60)
    assert (await api.get("/users/create")).status_code == 200  # refreshes the 30 minutes
    state.clock.advance(29 * 60)
    assert (await api.get("/users/create")).status_code == 200
    state.clock.advance(31 * 60)
    assert (await api.get("/users/create")).status_code == 412


async def test_cache_is_per_user_not_per_token(raw: httpx.AsyncClient, state: SandboxState) -> None:
    owner_id = state.auth.tokens["sandbox-token"].user_id
    add_user(state, first_name="x", last_name="y", email="x@y.z", token=None, password=None)
    second = "second-owner-token"
    from ninja_tools.sandbox.auth import TokenInfo

    state.auth.tokens[second] = TokenInfo(second, owner_id, "second")
    await raw.post("/api/v1/password_timeout", headers=headers())
    ok = await raw.get("/api/v1/users/create", headers=headers(X_API_PASSWORD="sandbox-password"))
    assert ok.status_code == 200
    assert (await raw.get("/api/v1/users/create", headers=headers(second))).status_code == 200
    assert (await raw.get("/api/v1/users/create", headers=headers(RESTRICTED))).status_code == 412


async def test_base64_header_takes_precedence_and_handles_utf8(
    raw: httpx.AsyncClient, state: SandboxState
) -> None:
    add_user(
        state,
        first_name="Ü",
        last_name="ser",
        email="u@sandbox.test",
        token="umlaut",
        password="pässwörd-€",
        is_admin=True,
    )
    good = await raw.get(
        "/api/v1/users/create",
        headers=headers(
            "umlaut", **{"X-API-PASSWORD-BASE64": b64("pässwörd-€"), "X-API-PASSWORD": "wrong"}
        ),
    )
    assert good.status_code == 200
    state.auth.login_cache.clear()
    bad = await raw.get(
        "/api/v1/users/create",
        headers=headers(
            **{"X-API-PASSWORD-BASE64": b64("wrong"), "X-API-PASSWORD": "sandbox-password"}
        ),
    )
    assert bad.status_code == 412


async def test_google_user_passes_without_any_header(
    raw: httpx.AsyncClient, state: SandboxState
) -> None:
    response = await raw.get("/api/v1/users/create", headers=headers(GOOGLE))
    assert response.status_code == 200
    state.company()["oauth_password_required"] = True
    assert (await raw.get("/api/v1/users/create", headers=headers(GOOGLE))).status_code == 412


async def test_purge_and_merge_effects(api: httpx.AsyncClient, state: SandboxState) -> None:
    pw = {"X-API-PASSWORD": "sandbox-password"}
    acme = by_name(state, "client", "Acme Corporation")
    globex = by_name(state, "client", "Globex")
    merged = await api.post(f"/clients/{acme['id']}/{globex['id']}/merge", headers=pw)
    assert merged.status_code == 200
    assert "hank@globex.example" in [c["email"] for c in merged.json()["data"]["contacts"]]
    assert state.store.get("client", globex["id"]) is None
    assert {i["client_id"] for i in state.store.rows("invoice")} >= {acme["id"]}
    assert globex["id"] not in {i["client_id"] for i in state.store.rows("invoice")}
    same = await api.post(f"/clients/{acme['id']}/{acme['id']}/merge")
    assert same.status_code == 400  # cache is warm now, the merge itself is refused
    purged = await api.post(f"/clients/{acme['id']}/purge")
    assert (purged.status_code, purged.json()) == (200, {"message": "Success"})
    assert state.store.get("client", acme["id"]) is None
    assert not [i for i in state.store.rows("invoice") if i["client_id"] == acme["id"]]
    vendors = state.store.rows("vendor")
    vmerge = await api.post(f"/vendors/{vendors[0]['id']}/{vendors[1]['id']}/merge")
    assert vmerge.status_code == 200 and len(state.store.rows("vendor")) == 1


async def test_users_routes(raw: httpx.AsyncClient, state: SandboxState) -> None:
    pw = {"X-API-PASSWORD": "sandbox-password"}
    users = (await raw.get("/api/v1/users", headers=headers())).json()["data"]
    assert len(users) == 3
    mine = (await raw.get("/api/v1/users", headers=headers(RESTRICTED))).json()["data"]
    assert [u["email"] for u in mine] == ["ray@sandbox.test"]
    made = await raw.post(
        "/api/v1/users",
        headers=headers(**pw),
        json={"first_name": "New", "last_name": "User", "email": "new@sandbox.test"},
    )
    assert made.status_code == 200
    shown = await raw.get(f"/api/v1/users/{made.json()['data']['id']}", headers=headers())
    assert shown.status_code == 200
    not_admin = await raw.post(
        "/api/v1/users/bulk",
        headers=headers(RESTRICTED, X_API_PASSWORD="restricted-password"),
        json={"action": "archive", "ids": []},
    )
    assert not_admin.status_code == 401
    assert (
        await raw.delete(f"/api/v1/users/{made.json()['data']['id']}", headers=headers())
    ).status_code == 404
