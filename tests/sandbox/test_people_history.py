"""Users (invite, reconfirm, detach), locations, system logs and e-mail history."""

from __future__ import annotations

from typing import Any

import httpx

from ninja_tools.sandbox import SandboxState

from .conftest import GOOGLE, RESTRICTED, by_name, headers

PASSWORD = {"X-API-PASSWORD": "sandbox-password"}
RESENT = {"message": "The confirmation email was resent"}


def _user(state: SandboxState, first_name: str) -> dict[str, object]:
    return next(u for u in state.store.rows("user") if u["first_name"] == first_name)


async def test_invite_needs_the_password_reconfirm_does_not(
    api: httpx.AsyncClient, restricted: httpx.AsyncClient, state: SandboxState
) -> None:
    ray = _user(state, "Ray")
    assert (await api.post(f"/users/{ray['id']}/invite")).status_code == 412
    sent = len(state.outbox)
    invited = await api.post(f"/users/{ray['id']}/invite", headers=PASSWORD)
    assert invited.json() == RESENT and state.outbox[-1]["to"] == "ray@sandbox.test"
    assert len(state.outbox) == sent + 1
    assert (await restricted.post(f"/user/{ray['id']}/reconfirm")).json() == RESENT  # himself
    owner = _user(state, "Sandra")
    assert (await restricted.post(f"/user/{owner['id']}/reconfirm")).status_code == 401


async def test_detach_from_company(api: httpx.AsyncClient, state: SandboxState, app: Any) -> None:
    owner, gina = _user(state, "Sandra"), _user(state, "Gina")
    refused = await api.delete(f"/users/{owner['id']}/detach_from_company", headers=PASSWORD)
    assert (refused.status_code, refused.json()) == (401, ["message", "Cannot detach owner."])
    detached = await api.delete(f"/users/{gina['id']}/detach_from_company", headers=PASSWORD)
    assert detached.json() == {"message": "User detached from company"}
    assert gina["id"] not in state.auth.company_users
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://sandbox/api/v1", headers=headers(GOOGLE)) as gone:
        assert (await gone.get("/ping")).status_code == 403


async def test_location_needs_a_client_or_vendor(api: httpx.AsyncClient,
                                                 state: SandboxState) -> None:
    missing = await api.post("/locations", json={"name": "Depot"})
    assert set(missing.json()["errors"]) == {"client_id", "vendor_id"}
    vendor = state.store.rows("vendor")[0]
    made = await api.post("/locations", json={"name": "Depot", "vendor_id": vendor["id"]})
    assert made.json()["data"]["vendor_id"] == vendor["id"]
    taken = await api.post("/locations", json={"name": "Depot", "vendor_id": vendor["id"]})
    assert "name" in taken.json()["errors"]


async def test_system_logs(api: httpx.AsyncClient, restricted: httpx.AsyncClient,
                           state: SandboxState) -> None:
    listed = (await api.get("/system_logs", params={"category_id": "2"})).json()["data"]
    assert len(listed) == 1 and isinstance(listed[0]["log"], str)
    denied = await restricted.get("/system_logs")
    assert (denied.status_code, denied.json()) == (403, {"error": "Insufficient permissions"})
    shown = await restricted.get(f"/system_logs/{listed[0]['id']}")  # show checks nothing
    assert shown.status_code == 200
    stored = await api.post("/system_logs", json={})
    assert (stored.status_code, stored.json()) == (
        400, {"message": "Cannot store system log", "errors": {}})
    assert (await api.delete(f"/system_logs/{listed[0]['id']}")).json()["message"] == (
        "Cannot destroy system log")
    assert (await api.post("/system_logs/bulk", json={})).status_code == 404


async def test_email_history_follows_the_outbox(api: httpx.AsyncClient,
                                                state: SandboxState) -> None:
    invoice = next(i for i in state.store.rows("invoice") if i["status_id"] == "2")
    await api.post("/emails", json={"entity": "invoice", "entity_id": invoice["id"],
                                    "template": "email_template_invoice"})
    history = (await api.post("/emails/entityHistory", json={
        "entity": "invoice", "entity_id": invoice["id"]})).json()
    assert history and history[0]["entity_id"] == invoice["id"]
    assert history[0]["events"][0]["status"] == "Delivered"
    by_client = (await api.post(f"/emails/clientHistory/{invoice['client_id']}")).json()
    assert any(h["entity_id"] == invoice["id"] for h in by_client)
    bad = await api.post("/emails/entityHistory", json={"entity": "payment", "entity_id": "x"})
    assert "entity" in bad.json()["errors"]


async def test_reactivate_email_without_postmark(api: httpx.AsyncClient) -> None:
    numeric = await api.post("/reactivate_email/4323372036")
    assert numeric.status_code == 200 and numeric.json()["0"] == 400
    assert numeric.json()["message"].startswith("Unauthorized: Missing or incorrect API token")
    unknown = await api.post("/reactivate_email/aaaa-bbbb")
    assert (unknown.status_code, unknown.json()) == (400, {"message": "Bounce ID not found"})
    known = await api.post("/reactivate_email/883953f4-6105-42a2-a16a-77a8eac79483")
    assert known.status_code == 200


async def test_template_preview_and_render_files(api: httpx.AsyncClient,
                                                 state: SandboxState) -> None:
    acme = by_name(state, "client", "Acme Corporation")
    preview = (await api.post("/templates", json={"template": "email_template_invoice"})).json()
    assert set(preview) == {"subject", "body", "wrapper", "raw_body", "raw_subject"}
    assert preview["raw_subject"] == "New invoice $number from $company.name"
    assert "Sandbox Co" in preview["subject"] and "$number" not in preview["subject"]
    bad = await api.post("/templates", json={"entity": "invoice", "entity_id": "Xabcdefgh1"})
    assert bad.status_code == 500
    design = next(d for d in state.store.rows("design") if d["is_template"])
    job = await api.post("/clients/bulk", json={"action": "template", "ids": [acme["id"]],
                                                "template_id": design["id"]})
    hash_ = job.json()["message"]
    pdf = await api.post(f"/templates/preview/{hash_}")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    again = await api.post(f"/templates/preview/{hash_}")
    assert (again.status_code, again.json()) == (409, {"message": "Still working....."})


async def test_export_preview_is_the_report_csv(api: httpx.AsyncClient, app: Any) -> None:
    hash_ = (await api.post("/reports/clients", json={"send_email": False})).json()["message"]
    assert (await api.post(f"/exports/preview/{hash_}")).status_code == 409
    assert (await api.post(f"/exports/preview/{hash_}")).status_code == 409
    csv = await api.post(f"/exports/preview/{hash_}")
    assert csv.headers["content-type"].startswith("text/csv") and b"Acme" in csv.content
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://sandbox/api/v1",
                                 headers=headers(RESTRICTED)) as restricted:
        assert (await restricted.post(f"/exports/preview/{hash_}")).status_code == 401
