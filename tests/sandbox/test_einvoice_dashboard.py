"""E-invoice XML and PEPPOL checks; dashboard chart summary and calculated fields."""

from __future__ import annotations

import httpx

from ninja_tools.sandbox import SandboxState

ADDRESS = {"address1": "1 Main St", "city": "Springfield", "state": "IL",
           "postal_code": "62701", "country_id": "840", "vat_number": "US1"}


async def test_e_invoice_by_invitation_key(api: httpx.AsyncClient, state: SandboxState) -> None:
    invoice = next(i for i in state.store.rows("invoice") if i["invitations"])
    key = invoice["invitations"][0]["key"]
    xml = await api.get(f"/invoice/{key}/download_e_invoice")
    assert xml.headers["content-type"] == "application/xml"
    assert f"<cbc:ID>{invoice['number']}</cbc:ID>".encode() in xml.content
    assert f'filename="Invoice_{invoice["number"]}.xml"' in xml.headers["content-disposition"]
    unknown = await api.get("/invoice/nokey/download_e_invoice")
    assert (unknown.status_code, unknown.json()) == (400, {"message": "no record found"})
    quote = next(q for q in state.store.rows("quote") if q["invitations"])
    e_quote = await api.get(f"/quote/{quote['invitations'][0]['key']}/download_e_quote")
    assert b"<Quotation" in e_quote.content


async def test_validate_entity(api: httpx.AsyncClient, state: SandboxState) -> None:
    invoice = state.store.rows("invoice")[0]
    failing = await api.post("/einvoice/validateEntity",
                             json={"entity": "invoices", "entity_id": invoice["id"]})
    body = failing.json()
    assert failing.status_code == 400 and body["passes"] is False
    assert {"field": "You have not registered a legal entity id as yet."} in body["company"]
    assert {"field": "VAT Number"} in body["client"]
    company = state.company()
    company["legal_entity_id"] = 7
    company["settings"].update(ADDRESS)
    client = state.store.get("client", invoice["client_id"])
    assert client is not None
    client.update(ADDRESS)
    passing = await api.post("/einvoice/validateEntity",
                             json={"entity": "invoices", "entity_id": invoice["id"]})
    assert passing.json() == {"invoice": [], "client": [], "company": [], "passes": True}
    on_company = await api.post("/einvoice/validateEntity",
                                json={"entity": "companies", "entity_id": company["id"]})
    assert on_company.json() == {"company": [], "passes": True}
    bad = await api.post("/einvoice/validateEntity", json={"entity": "quotes", "entity_id": "x"})
    assert "entity" in bad.json()["errors"]


async def test_chart_summary(api: httpx.AsyncClient, restricted: httpx.AsyncClient) -> None:
    chart = (await api.post("/charts/chart_summary", json={"date_range": "all_time"})).json()
    assert {"start_date", "end_date", "1", "999"} <= set(chart)
    assert set(chart["1"]) == {"invoices", "outstanding", "payments", "expenses"}
    row = chart["1"]["invoices"][0]
    assert set(row) == {"total", "date", "currency_id"} and row["currency_id"] == 1
    assert float(chart["999"]["invoices"][0]["total"]) > 0
    assert (await restricted.post("/charts/chart_summary")).status_code == 401


async def test_calculated_fields(api: httpx.AsyncClient, state: SandboxState) -> None:
    async def field(**body: str) -> httpx.Response:
        return await api.post("/charts/calculated_fields", json=body)

    count = await field(field="active_invoices", calculation="count", period="current")
    expected = sum(1 for i in state.store.rows("invoice")
                   if i["status_id"] in ("2", "3", "4") and not i["is_deleted"])
    assert count.json() == expected
    total = (await field(field="outstanding_invoices", calculation="sum", period="total")).json()
    assert isinstance(total, int | float) and total > 0
    quirk = await field(field="unapproved_quotes", calculation="sum", period="total")
    assert quirk.json()["errors"] == {"field": ["The selected field is invalid."]}
    no_format = await field(field="invoiced_tasks", calculation="sum", period="total")
    assert no_format.status_code == 500
    hours = await field(field="invoiced_tasks", calculation="sum", period="total", format="time")
    assert hours.status_code == 200
