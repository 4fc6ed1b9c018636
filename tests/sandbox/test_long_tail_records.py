"""Recurring expenses and quotes, the rest of the client routes, projects and e-documents."""

from __future__ import annotations

import httpx

from ninja_tools.sandbox import SandboxState

from .conftest import by_name

UBL = (b'<?xml version="1.0"?><Invoice><cac:AccountingSupplierParty><cac:Party><cac:PartyName>'
       b"<cbc:Name>Cloud Hosting Inc</cbc:Name></cac:PartyName></cac:Party>"
       b"</cac:AccountingSupplierParty><cac:LegalMonetaryTotal><cbc:PayableAmount>"
       b"99.50</cbc:PayableAmount></cac:LegalMonetaryTotal></Invoice>")


async def test_recurring_expense_bulk_switch(api: httpx.AsyncClient, state: SandboxState) -> None:
    draft = next(r for r in state.store.rows("recurring_expense") if r["status_id"] == "1")
    started = await api.post("/recurring_expenses/bulk", json={"action": "start",
                                                               "ids": [draft["id"]]})
    assert started.json()["data"][0]["status_id"] == "2"
    stopped = await api.post("/recurring_expenses/bulk", json={"action": "stop",
                                                               "ids": [draft["id"]]})
    assert stopped.json()["data"][0]["status_id"] == "3"
    ignored = await api.post("/recurring_expenses/bulk", json={"action": "explode",
                                                               "ids": [draft["id"]]})
    assert ignored.status_code == 200  # a switch: unknown actions are ignored
    made = (await api.post("/recurring_expenses", json={"amount": 5, "frequency_id": "5"})
            ).json()["data"]
    assert (made["status_id"], made["currency_id"], made["remaining_cycles"]) == ("1", "1", -1)
    missing = await api.post("/recurring_expenses", json={"amount": 5})
    assert "frequency_id" in missing.json()["errors"]


async def test_recurring_quotes(api: httpx.AsyncClient, state: SandboxState) -> None:
    globex = by_name(state, "client", "Globex")
    made = (await api.post("/recurring_quotes", json={
        "client_id": globex["id"], "frequency_id": "5",
        "line_items": [{"quantity": 2, "cost": 10}]})).json()["data"]
    assert made["amount"] == 20 and made["invitations"] and made["number"]
    bad = await api.post("/recurring_quotes/bulk", json={"action": "start", "ids": [made["id"]]})
    assert bad.status_code == 500  # repository dispatch: no such method


async def test_client_bulk_and_routes(api: httpx.AsyncClient, state: SandboxState) -> None:
    acme, globex = by_name(state, "client", "Acme Corporation"), by_name(state, "client", "Globex")
    group = by_name(state, "group_setting", "VIP clients")
    ids = [acme["id"], globex["id"]]
    grouped = await api.post("/clients/bulk", json={"action": "assign_group", "ids": ids,
                                                    "group_settings_id": group["id"]})
    assert {c["group_settings_id"] for c in grouped.json()["data"]} == {group["id"]}
    updated = await api.post("/clients/bulk", json={"action": "bulk_update", "ids": ids,
                                                    "column": "public_notes", "new_value": "VIP"})
    assert {c["public_notes"] for c in updated.json()["data"]} == {"VIP"}
    refused = await api.post("/clients/bulk", json={"action": "bulk_update", "ids": ids,
                                                    "column": "name", "new_value": "x"})
    assert refused.json()["errors"] == {"column": ["The selected column is invalid."]}
    settings = (await api.post(f"/clients/{acme['id']}/show_settings")).json()["data"]
    assert settings["payment_terms"] == "7" and settings["name"] == "Sandbox Co"
    tax = await api.post(f"/clients/{acme['id']}/updateTaxData")
    assert tax.json()["data"]["id"] == acme["id"]


async def test_invoice_a_project(api: httpx.AsyncClient, state: SandboxState) -> None:
    project = next(p for p in state.store.rows("project") if any(
        t["project_id"] == p["id"] and not t["invoice_id"] for t in state.store.rows("task")))
    open_tasks = [t for t in state.store.rows("task")
                  if t["project_id"] == project["id"] and not t["invoice_id"]]
    invoice = (await api.post(f"/projects/{project['id']}/invoice")).json()["data"]
    assert invoice["project_id"] == project["id"] and invoice["status_id"] == "1"
    assert len(invoice["line_items"]) == len(open_tasks)
    assert all(t["invoice_id"] == invoice["id"] for t in open_tasks)


async def test_historical_activity_pdf(api: httpx.AsyncClient, state: SandboxState) -> None:
    with_invoice = next(a for a in state.store.rows("activity") if a["invoice_id"])
    pdf = await api.get(f"/activities/download_entity/{with_invoice['id']}")
    assert pdf.headers["content-type"] == "application/pdf"
    plain = next(a for a in state.store.rows("activity")
                 if not (a["invoice_id"] or a["quote_id"] or a["credit_id"]))
    none = await api.get(f"/activities/download_entity/{plain['id']}")
    assert (none.status_code, none.json()) == (
        404, {"message": "No backup exists for this activity", "errors": {}})


async def test_edocument_import(api: httpx.AsyncClient, state: SandboxState) -> None:
    count = len(state.store.rows("expense"))
    imported = await api.post("/edocument/upload", data={"_method": "PUT"},
                              files=[("documents[]", ("bill.xml", UBL, "application/xml"))])
    assert imported.json() == {"message": "Processing...."}
    expense = state.store.rows("expense")[-1]
    assert len(state.store.rows("expense")) == count + 1 and expense["amount"] == 99.5
    assert expense["vendor_id"] == by_name(state, "vendor", "Cloud Hosting Inc")["id"]
    assert (await api.put("/edocument/upload", json={})).status_code == 500
