"""Settings entities over HTTP: designs, payment terms, webhooks, subscriptions, schedules."""

from __future__ import annotations

import json

import httpx

from ninja_tools.sandbox import SandboxState

from .conftest import by_name


async def test_design_store_fills_blocks_and_is_admin_only(
    api: httpx.AsyncClient, restricted: httpx.AsyncClient
) -> None:
    created = await api.post("/designs", json={"name": "Mine", "design": {"body": "<p>x</p>"},
                                               "entities": "invoice,bogus"})
    design = created.json()["data"]
    assert created.status_code == 200 and design["is_custom"] and not design["is_free"]
    assert design["design"] == {"includes": "", "header": "", "body": "<p>x</p>", "footer": "",
                                "product": "", "task": ""}
    assert design["entities"] == "invoice"
    taken = await api.post("/designs", json={"name": "Mine"})
    assert taken.status_code == 422 and "name" in taken.json()["errors"]
    assert (await restricted.post("/designs", json={"name": "Nope"})).status_code == 401
    assert (await restricted.get(f"/designs/{design['id']}")).status_code == 401
    templates = await api.get("/designs", params={"template": "true"})
    assert [d["name"] for d in templates.json()["data"]] == ["Statement template"]


async def test_set_default_design(api: httpx.AsyncClient, state: SandboxState) -> None:
    design = by_name(state, "design", "Bold")
    response = await api.post("/designs/set/default",
                              json={"design_id": design["id"], "entity": "quote"})
    assert response.json() == {"message": "success"}
    assert all(q["design_id"] == design["id"] for q in state.store.rows("quote"))
    missing = await api.post("/designs/set/default",
                             json={"design_id": "Xabcdefgh1", "entity": "quote"})
    assert (missing.status_code, missing.json()) == (400, {"message": "Design does not exist."})
    assert (await api.post("/designs/set/default", json={})).status_code == 422


async def test_payment_term_name_follows_its_days(api: httpx.AsyncClient) -> None:
    term = (await api.post("/payment_terms", json={"num_days": 45})).json()["data"]
    assert term["name"] == "Net 45"
    renamed = await api.put(f"/payment_terms/{term['id']}", json={"num_days": 60, "name": "x"})
    assert renamed.json()["data"]["name"] == "Net 60"


async def test_webhook_validation_and_retry(api: httpx.AsyncClient, state: SandboxState) -> None:
    bad = await api.post("/webhooks", json={"target_url": "not a url", "event_id": "1",
                                            "rest_method": "get"})
    assert set(bad.json()["errors"]) == {"target_url", "rest_method"}
    hook = (await api.post("/webhooks", json={"target_url": "https://h.example/x",
                                              "event_id": "1"})).json()["data"]
    assert hook["rest_method"] == "post"
    invoice = state.store.rows("invoice")[0]
    logs = len(state.store.rows("system_log"))
    retried = await api.post(f"/webhooks/{hook['id']}/retry",
                             json={"entity": "invoice", "entity_id": invoice["id"]})
    assert retried.status_code == 200 and retried.json()["data"]["id"] == hook["id"]
    log = state.store.rows("system_log")[-1]
    assert len(state.store.rows("system_log")) == logs + 1 and log["category_id"] == 3
    assert json.loads(log["log"])["url"] == "https://h.example/x"
    gone = await api.post(f"/webhooks/{hook['id']}/retry",
                          json={"entity": "invoice", "entity_id": "Xabcdefgh1"})
    assert (gone.status_code, gone.json()) == (400, {"message": "Record not found"})
    unknown = await api.post(f"/webhooks/{hook['id']}/retry", json={"entity": "user"})
    assert unknown.status_code == 422


async def test_subscription_steps(api: httpx.AsyncClient) -> None:
    steps = (await api.get("/subscriptions/steps")).json()
    assert {"id": "cart", "dependencies": []} in steps.values()
    assert (await api.post("/subscriptions/steps/check", json={"steps": "cart,auth.login"})
            ).json() == []
    no_auth = await api.post("/subscriptions/steps/check", json={"steps": "cart"})
    assert no_auth.json()["errors"] == {
        "steps": ["You must include at least one of authentication methods."]}
    unknown = await api.post("/subscriptions/steps/check", json={"steps": "cart,nope"})
    assert unknown.status_code == 500
    missing = await api.post("/subscriptions", json={"name": "No steps"})
    assert "steps" in missing.json()["errors"]


async def test_subscription_assign_invoice(api: httpx.AsyncClient, state: SandboxState) -> None:
    plan = by_name(state, "subscription", "Monthly support plan")
    invoice = state.store.rows("invoice")[0]
    response = await api.post("/subscriptions/bulk", json={
        "action": "assign_invoice", "ids": [plan["id"]], "entity": "invoice",
        "entity_id": invoice["id"]})
    assert response.status_code == 200 and invoice["subscription_id"] == plan["id"]
    assert plan["purchase_page"].endswith(f"/client/subscriptions/{plan['id']}/purchase")
    bad = await api.post("/subscriptions/bulk", json={"action": "explode", "ids": [plan["id"]]})
    assert bad.status_code == 422


async def test_task_scheduler_rules(api: httpx.AsyncClient, state: SandboxState) -> None:
    schedule = by_name(state, "task_scheduler", "Monthly statements")
    bad = await api.post("/task_schedulers/bulk", json={"action": "explode",
                                                        "ids": [schedule["id"]]})
    assert (bad.status_code, bad.json()) == (400, {"message": "Bulk action does not exist"})
    archived = await api.post("/task_schedulers/bulk", json={"action": "archive",
                                                             "ids": [schedule["id"]]})
    assert archived.json()["data"][0]["archived_at"] > 0
    assert (await api.post("/task_schedulers", json={"next_run": "2099-01-01"})
            ).status_code == 500  # no template: prepareForValidation crashes
    past = await api.post("/task_schedulers", json={"template": "email_statement",
                                                     "next_run": "2000-01-01"})
    assert past.json()["errors"]["next_run"] == [
        "The next run field must be a date after or equal to today."]
    update = await api.put(f"/task_schedulers/{schedule['id']}",
                           json={"template": "email_statement", "name": "x"})
    assert update.json()["errors"] == {"next_run": ["The next run field is required."]}
    assert (await api.get(f"/task_schedulers/{schedule['id']}/edit")).status_code == 404
