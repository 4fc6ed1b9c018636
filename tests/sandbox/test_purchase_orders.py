"""Purchase orders through HTTP: every bulk action, the inventory and expense flows, the PDF."""

from __future__ import annotations

from typing import Any

import httpx

from ninja_tools.sandbox.state import SandboxState
from tests.sandbox.ops_helpers import by, make_client


async def _new_po(client: httpx.AsyncClient, state: SandboxState, **extra: Any) -> dict[str, Any]:
    vendor = by(state, "vendor", name="Office Supplies Ltd")
    body = {
        "vendor_id": vendor["id"],
        "line_items": [
            {"product_key": "hosting", "notes": "Rack", "quantity": 4, "cost": 5},
            {
                "product_key": "stapler",
                "notes": "Heavy duty",
                "quantity": 2,
                "cost": 12,
                "tax_name1": "GST",
                "tax_rate1": 10,
            },
        ],
        **extra,
    }
    data: dict[str, Any] = (await client.post("/api/v1/purchase_orders", json=body)).json()["data"]
    return data


async def test_totals_mark_sent_email_and_cancel() -> None:
    client, state = make_client()
    async with client:
        po = await _new_po(client, state)
        assert po["amount"] == 46.4 and po["total_taxes"] == 2.4 and po["status_id"] == "1"
        sent = await client.post(
            "/api/v1/purchase_orders/bulk", json={"action": "mark_sent", "ids": [po["id"]]}
        )
        assert sent.json()["data"][0]["status_id"] == "2"
        state.outbox.clear()
        mailed = await client.post(
            "/api/v1/purchase_orders/bulk", json={"action": "email", "ids": [po["id"]]}
        )
        assert mailed.status_code == 200 and [m["to"] for m in state.outbox] == [
            "olive@supplies.example"
        ]
        cancelled = await client.post(
            "/api/v1/purchase_orders/bulk", json={"action": "cancel", "ids": [po["id"]]}
        )
        assert cancelled.json()["data"][0]["status_id"] == "5"
        invalid = await client.post(
            "/api/v1/purchase_orders/bulk", json={"action": "fly", "ids": [po["id"]]}
        )
        assert invalid.status_code == 422
        none = await client.post(
            "/api/v1/purchase_orders/bulk", json={"action": "archive", "ids": ["zzzzzzzzzz"]}
        )
        assert none.json() == {"message": "No Purchase Orders Found"}


async def test_add_to_inventory_and_expense() -> None:
    client, state = make_client()
    async with client:
        before = by(state, "product", product_key="hosting")["in_stock_quantity"]
        assert before == 12
        po = await _new_po(client, state)
        stocked = await client.post(
            "/api/v1/purchase_orders/bulk", json={"action": "add_to_inventory", "ids": [po["id"]]}
        )
        assert stocked.json()["data"][0]["status_id"] == "4"
        assert by(state, "product", product_key="hosting")["in_stock_quantity"] == before + 4
        stapler = by(state, "product", product_key="stapler")
        assert stapler["in_stock_quantity"] == 2 and stapler["price"] == 12.0
        made = await client.post(
            "/api/v1/purchase_orders/bulk", json={"action": "expense", "ids": [po["id"]]}
        )
        expense_id = made.json()["data"][0]["expense_id"]
        expense = (await client.get(f"/api/v1/expenses/{expense_id}")).json()["data"]
        assert (
            expense["amount"] == 44.0
            and expense["tax_amount1"] == 2.4
            and expense["tax_name1"] == "Tax"
        )
        assert (
            expense["vendor_id"] == po["vendor_id"]
            and expense["private_notes"] == f"PO # {po['number']}"
        )
        again = await client.get(f"/api/v1/purchase_orders/{po['id']}/expense")
        assert again.status_code == 400
        assert (
            len(state.store.where("expense", vendor_id=po["vendor_id"])) == 2
        )  # the seeded one + this


async def test_downloads_prints_templates() -> None:
    client, state = make_client()
    async with client:
        po = await _new_po(client, state)
        pdf = await client.get(f"/api/v1/purchase_orders/{po['id']}/download")
        assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
        printed = await client.post(
            "/api/v1/purchase_orders/bulk", json={"action": "bulk_print", "ids": [po["id"]]}
        )
        assert printed.content.startswith(b"%PDF")
        zipped = await client.post(
            "/api/v1/purchase_orders/bulk", json={"action": "bulk_download", "ids": [po["id"]]}
        )
        assert zipped.json() == {"message": "Successfully sent message"}
        listed = await client.post(
            "/api/v1/purchase_orders/bulk", json={"action": "download", "ids": [po["id"]]}
        )
        assert listed.json()["data"][0]["id"] == po["id"]
        template = await client.post(
            "/api/v1/purchase_orders/bulk",
            json={"action": "template", "ids": [po["id"]], "send_email": True},
        )
        assert template.json() == {"message": "email sent"}
        unknown = await client.get(f"/api/v1/purchase_orders/{po['id']}/fly")
        assert unknown.status_code == 400
