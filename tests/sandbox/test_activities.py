"""Activities through HTTP: recorded on create/update/archive, listed, per entity, and notes."""

from __future__ import annotations

from tests.sandbox.ops_helpers import by, make_client


async def test_activities_are_recorded_and_listed() -> None:
    client, state = make_client()
    async with client:
        acme = by(state, "client", name="Acme Corporation")
        task = (
            await client.post("/api/v1/tasks", json={"client_id": acme["id"], "description": "x"})
        ).json()["data"]
        await client.put(f"/api/v1/tasks/{task['id']}", json={"description": "y"})
        await client.post("/api/v1/tasks/bulk", json={"action": "archive", "ids": [task["id"]]})
        listed = (await client.get("/api/v1/activities?rows=3")).json()
        assert [a["activity_type_id"] for a in listed["data"]] == ["44", "43", "42"]
        newest = listed["data"][0]
        assert newest["task_id"] == task["id"] and newest["client_id"] == acme["id"]
        assert newest["user_id"] == state.store.rows("user")[0]["id"] and "meta" in listed
        entity = await client.post(
            "/api/v1/activities/entity", json={"entity": "task", "entity_id": task["id"]}
        )
        assert [a["activity_type_id"] for a in entity.json()["data"]] == [44, 43, 42]
        bad = await client.post(
            "/api/v1/activities/entity", json={"entity": "planet", "entity_id": task["id"]}
        )
        assert bad.status_code == 422


async def test_notes_and_vendor_expense_po_activities() -> None:
    client, state = make_client()
    async with client:
        vendor = by(state, "vendor", name="Office Supplies Ltd")
        note = await client.post(
            "/api/v1/activities/notes",
            json={
                "entity": "vendors",
                "entity_id": vendor["id"],
                "notes": "Called about the invoice",
            },
        )
        assert note.status_code == 200
        assert (
            note.json()["data"]["activity_type_id"] == "141"
            and note.json()["data"]["vendor_id"] == vendor["id"]
        )
        missing = await client.post(
            "/api/v1/activities/notes", json={"entity": "vendors", "entity_id": vendor["id"]}
        )
        assert missing.status_code == 422 and list(missing.json()["errors"]) == ["notes"]
        kinds = {a["activity_type_id"] for a in state.store.rows("activity")}
        assert {
            "30",
            "34",
            "42",
            "130",
        } <= kinds  # vendor, expense, task, purchase order created by the seed
