"""Expenses, products and vendors through HTTP: bulk updates, filters, set_tax_id, merge."""

from __future__ import annotations

from tests.sandbox.ops_helpers import by, make_client


async def test_bulk_update_and_categorize() -> None:
    client, state = make_client()
    async with client:
        ids = [e["id"] for e in state.store.rows("expense")][:2]
        answer = await client.post(
            "/api/v1/expenses/bulk",
            json={
                "action": "bulk_update",
                "ids": ids,
                "column": "public_notes",
                "newValue": "bulk!",
            },
        )
        assert answer.status_code == 200 and {e["public_notes"] for e in answer.json()["data"]} == {
            "bulk!"
        }
        taxed = await client.post(
            "/api/v1/expenses/bulk",
            json={"action": "bulk_update", "ids": ids, "column": "tax1", "new_value": "GST||10"},
        )
        assert {(e["tax_name1"], e["tax_rate1"]) for e in taxed.json()["data"]} == {("GST", 10.0)}
        flag = await client.post(
            "/api/v1/expenses/bulk",
            json={
                "action": "bulk_update",
                "ids": ids,
                "column": "should_be_invoiced",
                "new_value": "true",
            },
        )
        assert all(e["should_be_invoiced"] for e in flag.json()["data"])
        bad = await client.post(
            "/api/v1/expenses/bulk",
            json={"action": "bulk_update", "ids": ids, "column": "amount", "new_value": "1"},
        )
        assert bad.status_code == 422 and bad.json()["errors"] == {
            "column": ["The selected column is invalid."]
        }
        unknown = await client.post("/api/v1/expenses/bulk", json={"action": "fly", "ids": ids})
        assert unknown.status_code == 422 and "action" in unknown.json()["errors"]
        travel = by(state, "expense_category", name="Travel")
        moved = await client.post(
            "/api/v1/expenses/bulk",
            json={"action": "bulk_categorize", "ids": ids, "category_id": travel["id"]},
        )
        assert {e["category_id"] for e in moved.json()["data"]} == {travel["id"]}
        listed = (await client.get(f"/api/v1/expenses?categories={travel['id']}")).json()["data"]
        assert set(ids) <= {e["id"] for e in listed}
        wrong = await client.post(
            "/api/v1/expenses/bulk",
            json={"action": "bulk_categorize", "ids": ids, "category_id": "nope"},
        )
        assert wrong.status_code == 422


async def test_expense_client_status_filters() -> None:
    client, _state = make_client()
    async with client:

        async def notes(status: str) -> set[str]:
            rows = (await client.get(f"/api/v1/expenses?client_status={status}")).json()["data"]
            return {r["public_notes"] for r in rows}

        assert await notes("invoiced") == {"Flights to Globex HQ"}
        assert await notes("pending") == {"Printed workshop handouts"}
        assert await notes("paid") == {"Cloud servers"}
        assert await notes("uncategorized") == {"Parking (uncategorised)"}
        assert await notes("logged") == {"Parking (uncategorised)"}
        assert len(await notes("all")) == 4
        assert await notes("invoiced,paid") == {"Flights to Globex HQ", "Cloud servers"}


async def test_products_set_tax_id() -> None:
    client, state = make_client()
    async with client:
        ids = [p["id"] for p in state.store.rows("product")][:2]
        answer = await client.post(
            "/api/v1/products/bulk", json={"action": "set_tax_id", "ids": ids, "tax_id": 5}
        )
        assert {p["tax_id"] for p in answer.json()["data"]} == {"5"}
        missing = await client.post(
            "/api/v1/products/bulk", json={"action": "set_tax_id", "ids": ids}
        )
        assert missing.status_code == 422 and list(missing.json()["errors"]) == ["tax_id"]


async def test_vendor_contacts_are_replaced_and_merge_moves_everything() -> None:
    client, state = make_client()
    async with client:
        keep = by(state, "vendor", name="Office Supplies Ltd")
        other = by(state, "vendor", name="Cloud Hosting Inc")
        updated = (
            await client.put(
                f"/api/v1/vendors/{keep['id']}",
                json={"contacts": [{"first_name": "New", "email": "new@supplies.example"}]},
            )
        ).json()["data"]
        assert [c["email"] for c in updated["contacts"]] == ["new@supplies.example"]
        assert updated["contacts"][0]["is_primary"]
        upload = await client.post(
            f"/api/v1/vendors/{other['id']}/upload",
            data={"_method": "PUT"},
            files={"documents[]": ("terms.txt", b"net 30", "text/plain")},
        )
        doc_id = upload.json()["data"]["documents"][0]["id"]
        url = f"/api/v1/vendors/{keep['id']}/{other['id']}/merge"
        denied = await client.post(url)
        assert denied.status_code == 412
        merged = await client.post(url, headers={"X-API-PASSWORD": "sandbox-password"})
        assert merged.status_code == 200
        vendor = merged.json()["data"]
        assert {c["email"] for c in vendor["contacts"]} == {
            "new@supplies.example",
            "ops@cloudhosting.example",
        }
        assert doc_id in {d["id"] for d in vendor["documents"]}
        assert state.store.get("vendor", other["id"]) is None
        assert not state.store.where("expense", vendor_id=other["id"])
        assert not state.store.where("purchase_order", vendor_id=other["id"])
        expenses = (await client.get(f"/api/v1/expenses?vendor_id={keep['id']}")).json()["data"]
        assert "Cloud servers" in {e["public_notes"] for e in expenses}
        gone = await client.get(f"/api/v1/vendors/{other['id']}")
        assert gone.status_code == 400
