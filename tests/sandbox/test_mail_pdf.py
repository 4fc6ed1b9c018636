"""POST emails and the outbox; every PDF route answers a real PDF with the real file name."""

from __future__ import annotations

import httpx

from ninja_tools.sandbox import SandboxState

from .money_helpers import get, later, new_client, new_invoice, pdf_text


async def test_post_emails_marks_draft_sent(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = await new_client(api)
    invoice = await new_invoice(api, client["id"], cost=42)
    bad = await api.post(
        "/emails", json={"entity": "invoice", "entity_id": invoice["id"], "template": "nope"}
    )
    assert bad.status_code == 422 and "template" in bad.json()["errors"]
    response = await api.post(
        "/emails",
        json={
            "entity": "invoice",
            "entity_id": invoice["id"],
            "template": "email_template_invoice",
            "subject": "Your bill",
            "cc_email": "boss@money.test",
        },
    )
    data = response.json()["data"]
    assert (data["id"], data["status_id"], data["balance"], data["last_sent_date"]) == (
        invoice["id"],
        "2",
        42.0,
        "2025-03-14",
    )
    [message] = state.outbox
    assert (message["to"], message["subject"], message["kind"], message["number"]) == (
        "pay@money.test",
        "Your bill",
        "invoice",
        invoice["number"],
    )
    assert message["template"] == "email_template_invoice" and message["cc"] == ["boss@money.test"]
    outbox = await api.get("http://sandbox/_sandbox/outbox")
    assert outbox.json()["data"][0]["entity_id"] == invoice["id"]
    later(state)
    await api.post(
        "/invoices/bulk",
        json={"action": "email", "ids": [invoice["id"]], "email_type": "reminder1"},
    )
    assert state.outbox[-1]["template"] == "email_template_reminder1"


async def test_invoice_pdfs(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = await new_client(api)
    invoice = await new_invoice(api, client["id"], cost=123.45, query="?mark_sent=true")
    number = invoice["number"]
    download = await api.get(f"/invoices/{invoice['id']}/download")
    assert download.headers["content-disposition"] == f"attachment; filename=Invoice_{number}.pdf"
    text = pdf_text(download)
    assert f"Invoice {number}" in text and "123.45" in text
    note = await api.get(f"/invoices/{invoice['id']}/delivery_note")
    assert (
        note.headers["content-disposition"]
        == f"attachment; filename=Delivery_Note_Invoice_{number}.pdf"
    )
    assert "Delivery Note" in pdf_text(note)
    key = invoice["invitations"][0]["key"]
    assert number in pdf_text(await api.get(f"/invoice/{key}/download"))
    missing = await api.get("/invoice/nokey/download")
    assert (missing.status_code, missing.json()) == (400, {"message": "no record found"})
    bulk = await api.post("/invoices/bulk", json={"action": "download", "ids": [invoice["id"]]})
    assert number in pdf_text(bulk)
    other = next(r for r in state.store.rows("invoice") if r["id"] != invoice["id"])
    printed = await api.post(
        "/invoices/bulk", json={"action": "bulk_print", "ids": [invoice["id"], other["id"]]}
    )
    assert printed.headers["content-disposition"] == "attachment; filename=print.pdf"
    text = pdf_text(printed)
    assert number in text and str(other["number"]) in text
    zipped = await api.post(
        "/invoices/bulk", json={"action": "bulk_download", "ids": [invoice["id"], other["id"]]}
    )
    assert zipped.json() == {"message": "Successfully sent message"}
    assert state.outbox[-1]["to"] == "owner@sandbox.test"


async def test_quote_and_credit_pdfs(api: httpx.AsyncClient, state: SandboxState) -> None:
    quote = state.store.rows("quote")[0]
    response = await api.get(f"/quotes/{quote['id']}/download")
    assert (
        response.headers["content-disposition"]
        == f"attachment; filename=Quote_{quote['number']}.pdf"
    )
    assert f"Quote {quote['number']}" in pdf_text(response)
    key = quote["invitations"][0]["key"]
    assert quote["number"] in pdf_text(await api.get(f"/quote/{key}/download"))
    credit = state.store.rows("credit")[1]
    response = await api.post("/credits/bulk", json={"action": "download", "ids": [credit["id"]]})
    assert f"Credit {credit['number']}" in pdf_text(response)
    assert (
        "print.pdf"
        in (
            await api.post("/quotes/bulk", json={"action": "bulk_print", "ids": [quote["id"]]})
        ).headers["content-disposition"]
    )


async def test_client_statement(api: httpx.AsyncClient, state: SandboxState) -> None:
    acme = next(c for c in state.store.rows("client") if c["name"] == "Acme Corporation")
    body = {
        "client_id": acme["id"],
        "start_date": "2024-01-01",
        "end_date": "2025-03-14",
        "show_payments_table": True,
        "show_aging_table": True,
        "status": "all",
    }
    response = await api.post("/client_statement", json=body)
    assert response.headers["content-disposition"] == "attachment; filename=Statement.pdf"
    text = pdf_text(response)
    assert "Acme Corporation" in text and f"Balance due: {acme['balance']:,.2f}" in text
    emailed = await api.post("/client_statement?send_email=true", json=body)
    assert emailed.json() == {"message": "Email queued"}
    assert state.outbox[-1]["kind"] == "statement" and state.outbox[-1]["to"] == "wile@acme.example"
    missing = await api.post("/client_statement", json={})
    assert missing.status_code == 422


async def test_payment_email_entity(api: httpx.AsyncClient, state: SandboxState) -> None:
    payment = state.store.rows("payment")[0]
    response = await api.post(
        "/emails",
        json={
            "entity": "payment",
            "entity_id": payment["id"],
            "template": "email_template_payment",
        },
    )
    assert response.json()["data"]["id"] == payment["id"]
    assert state.outbox[-1]["kind"] == "receipt"
    assert (await get(api, f"/payments/{payment['id']}"))["amount"] == payment["amount"]
