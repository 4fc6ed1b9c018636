"""The everyday scenario every transport must carry: find a client, invoice it with line items,
send the invoice, record a payment, list unpaid invoices, read the invoice's PDF resource."""

from __future__ import annotations

import base64
from typing import Any

from mcp import Client

#: A different demo client for each protocol era, when both runs share one sandbox.
WHO = {"auto": "Acme", "legacy": "Globex"}


async def run_scenario(client: Client, who: str = "Acme") -> dict[str, Any]:
    """Run the scenario through ``client`` for the client called ``who``; returns what it
    made. (Invoice Ninja refuses two payments for one client within a second, so runs that
    share a server use different clients.)"""
    names = {tool.name for tool in (await client.list_tools()).tools}
    assert {"find_clients", "create_invoice", "send_invoice", "record_payment",
            "list_invoices", "run_action"} <= names

    found = await client.call_tool("find_clients", {"name": who})
    assert not found.is_error, found.content
    client_id = found.structured_content["items"][0]["id"]
    assert isinstance(client_id, str)

    made = await client.call_tool("create_invoice", {
        "client_id": client_id,
        "line_items": [{"notes": "Consulting", "quantity": 10, "cost": 150},
                       {"notes": "Travel", "cost": 200}]})
    assert not made.is_error, made.content
    invoice = made.structured_content["invoice"]
    assert invoice["amount"] == 1700 and len(invoice["line_items"]) == 2

    sent = await client.call_tool("send_invoice", {"id": invoice["id"]})
    assert not sent.is_error, sent.content
    assert sent.structured_content["invoice"]["status"] == "sent"

    paid = await client.call_tool("record_payment", {"invoice": invoice["id"], "amount": 500})
    assert not paid.is_error, paid.content
    assert paid.structured_content["payment"]["amount"] == 500

    unpaid = await client.call_tool("list_invoices", {"status": "unpaid",
                                                      "client_id": client_id})
    assert not unpaid.is_error, unpaid.content
    row = next(i for i in unpaid.structured_content["items"] if i["id"] == invoice["id"])
    assert row["balance"] == 1200 and row["status"] == "partial"

    pdf = await client.read_resource(f"invoice://{invoice['id']}/pdf")
    blob = pdf.contents[0]
    assert blob.mime_type == "application/pdf"
    assert base64.b64decode(blob.blob).startswith(b"%PDF-")  # type: ignore[union-attr]
    return {"client_id": client_id, "invoice": invoice}
