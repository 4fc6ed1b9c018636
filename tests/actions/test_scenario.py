"""The everyday jobs end to end, through Toolbox.run only, against the sandbox."""

from __future__ import annotations

from typing import Any

from ninja_tools.present import dump
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import Yes


async def _run(toolbox: Toolbox, name: str, args: dict[str, Any]) -> dict[str, Any]:
    return dump(await toolbox.run(name, args, confirmer=Yes()))


async def test_a_working_day(toolbox: Toolbox, state: SandboxState) -> None:
    # Find the client by name, or create it.
    found = await _run(toolbox, "find_clients", {"name": "Wayne Enterprises"})
    if found["items"]:
        client_id = found["items"][0]["id"]
    else:
        made = await _run(toolbox, "create_client", {
            "name": "Wayne Enterprises",
            "contacts": [{"first_name": "Lucius", "last_name": "Fox",
                          "email": "lucius@wayne.example"}]})
        client_id = made["client"]["id"]
    assert state.store.get("client", client_id)["name"] == "Wayne Enterprises"

    # An invoice with two lines, one priced from a product key, sent right away.
    consulting = next(p for p in state.store.rows("product") if p["product_key"] == "consulting")
    created = await _run(toolbox, "create_invoice", {
        "client_id": client_id,
        "line_items": [{"product_key": "consulting", "quantity": 10},
                       {"notes": "Travel", "quantity": 1, "cost": 200}],
        "send": True})
    invoice = created["invoice"]
    expected = round(10 * consulting["price"] + 200, 2)
    stored = state.store.get("invoice", invoice["id"])
    assert invoice["amount"] == stored["amount"] and stored["amount"] >= expected
    assert invoice["status"] == "sent"
    assert any(m.get("entity_id") == invoice["id"] for m in state.outbox)
    assert "lucius@wayne.example" in created["sent_to"]

    # A partial payment; the invoice stays unpaid with the right balance.
    paid = await _run(toolbox, "record_payment", {"invoice": invoice["id"], "amount": 500})
    assert paid["idempotency_key"]
    balance = round(stored["amount"] - 500, 2)
    assert state.store.get("invoice", invoice["id"])["balance"] == balance
    unpaid = await _run(toolbox, "list_invoices", {"status": "unpaid", "client_id": client_id})
    row = next(i for i in unpaid["items"] if i["id"] == invoice["id"])
    assert row["balance"] == balance and row["status"] == "partial"

    # Its PDF, through a route that changes nothing.
    pdf = await toolbox.run("download_invoice_pdf", {"id": invoice["id"]})
    assert pdf.content.startswith(b"%PDF-")  # type: ignore[attr-defined]
    assert invoice["number"] in pdf.filename  # type: ignore[attr-defined]

    # A quote becomes an invoice.
    quote = await _run(toolbox, "create_quote", {
        "client_id": client_id, "line_items": [{"notes": "Audit", "cost": 900}]})
    converted = await _run(toolbox, "convert_quote_to_invoice",
                           {"id": quote["document"]["id"]})
    new_invoice = converted["document"]
    assert new_invoice["kind"] == "invoice" and new_invoice["amount"] == 900
    assert state.store.get("quote", quote["document"]["id"])["invoice_id"] == new_invoice["id"]

    # A task: start, stop, and invoice the time.
    task = await _run(toolbox, "create_task", {"description": "Site visit",
                                                 "client_id": client_id, "rate": 120})
    await _run(toolbox, "start_task", {"id": task["id"]})
    assert state.store.get("task", task["id"])["is_running"]
    state.clock.advance(90 * 60)
    stopped = await _run(toolbox, "stop_task", {"id": task["id"]})
    assert not state.store.get("task", task["id"])["is_running"]
    assert stopped["hours"] == 1.5
    billed = await _run(toolbox, "invoice_tasks", {"task_ids": [task["id"]]})
    assert billed["amount"] == 180.0
    assert state.store.get("task", task["id"])["invoice_id"] == billed["id"]
