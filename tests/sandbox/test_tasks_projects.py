"""Tasks and projects through HTTP: timer, time log, sorting, invoicing and project hours."""

from __future__ import annotations

import json

from tests.sandbox.ops_helpers import by, make_client


async def test_start_and_stop_build_the_time_log_and_duration() -> None:
    client, state = make_client()
    async with client:
        created = (await client.post("/api/v1/tasks", json={"description": "Timer test"})).json()[
            "data"
        ]
        assert (
            created["time_log"] == "[]" and created["duration"] == 0 and not created["is_running"]
        )
        assert (
            created["number"] and created["status_id"] == state.store.rows("task_status")[0]["id"]
        )
        start = state.now()
        bulk = await client.post(
            "/api/v1/tasks/bulk", json={"action": "start", "ids": [created["id"]]}
        )
        task = bulk.json()["data"][0]
        assert json.loads(task["time_log"]) == [[start, 0]] and task["is_running"]
        state.clock.advance(1800)
        stopped = (
            await client.post("/api/v1/tasks/bulk", json={"action": "stop", "ids": [created["id"]]})
        ).json()
        task = stopped["data"][0]
        assert json.loads(task["time_log"]) == [[start, start + 1800]]
        assert task["duration"] == 1800 and not task["is_running"]
        # ?start=true on update appends a new open entry; ?stop=true closes it.
        state.clock.advance(600)
        again = (await client.put(f"/api/v1/tasks/{created['id']}?start=true", json={})).json()[
            "data"
        ]
        assert json.loads(again["time_log"])[-1] == [start + 2400, 0] and again["is_running"]
        state.clock.advance(60)
        done = (await client.put(f"/api/v1/tasks/{created['id']}?stop=true", json={})).json()[
            "data"
        ]
        assert done["duration"] == 1860 and not done["is_running"]


async def test_time_log_is_sorted_and_unknown_bulk_action_is_a_server_error() -> None:
    client, _state = make_client()
    async with client:
        body = {
            "description": "Logged",
            "time_log": json.dumps([[2000, 2600, "b", True], [1000, 1300, "a", False]]),
        }
        task = (await client.post("/api/v1/tasks", json=body)).json()["data"]
        assert json.loads(task["time_log"])[0][0] == 1000 and task["duration"] == 900
        bad = await client.post(
            "/api/v1/tasks/bulk", json={"action": "explode", "ids": [task["id"]]}
        )
        assert bad.status_code == 500 and bad.json() == {"message": "Server Error"}
        template = await client.post(
            "/api/v1/tasks/bulk", json={"action": "template", "ids": [task["id"]]}
        )
        assert template.status_code == 200 and len(template.json()["message"]) == 36


async def test_sort_sets_status_order_and_moves_tasks() -> None:
    client, state = make_client()
    async with client:
        statuses = [s["id"] for s in state.store.rows("task_status")]
        tasks = [t["id"] for t in state.store.rows("task")]
        body = {
            "status_ids": list(reversed(statuses)),
            "task_ids": {statuses[2]: [tasks[1], tasks[0]]},
        }
        answer = await client.post("/api/v1/tasks/sort", json=body)
        assert answer.json() == {"message": "Ok"}
        assert (state.store.get("task_status", statuses[0]) or {})["status_order"] == 3
        moved = (await client.get(f"/api/v1/tasks/{tasks[0]}")).json()["data"]
        assert moved["status_id"] == statuses[2] and moved["status_order"] == 1
        listed = (await client.get(f"/api/v1/tasks?task_status={statuses[2]}")).json()["data"]
        assert {t["id"] for t in listed} == {tasks[0], tasks[1]}


async def test_invoicing_a_task_marks_it_and_the_uninvoiced_filter_drops_it() -> None:
    client, state = make_client()
    async with client:
        acme = by(state, "client", name="Acme Corporation")
        uninvoiced = (await client.get("/api/v1/tasks?client_status=uninvoiced")).json()["data"]
        target = next(
            t for t in uninvoiced if t["description"] == "Wireframes for the new home page"
        )
        invoice = (
            await client.post(
                "/api/v1/invoices",
                json={
                    "client_id": acme["id"],
                    "line_items": [
                        {
                            "product_key": "design",
                            "quantity": 3.5,
                            "cost": 120,
                            "task_id": target["id"],
                        }
                    ],
                },
            )
        ).json()["data"]
        task = (await client.get(f"/api/v1/tasks/{target['id']}")).json()["data"]
        assert task["invoice_id"] == invoice["id"]
        after = (await client.get("/api/v1/tasks?client_status=uninvoiced")).json()["data"]
        assert target["id"] not in {t["id"] for t in after}
        invoiced = (await client.get("/api/v1/tasks?client_status=invoiced")).json()["data"]
        assert target["id"] in {t["id"] for t in invoiced}
        running = (await client.get("/api/v1/tasks?client_status=is_running")).json()["data"]
        assert [t["description"] for t in running] == ["Build the contact form"]
        # An invoiced task cannot be restarted.
        started = await client.post(
            "/api/v1/tasks/bulk", json={"action": "start", "ids": [target["id"]]}
        )
        assert not started.json()["data"][0]["is_running"]


async def test_project_hours_rate_and_bulk() -> None:
    client, state = make_client()
    async with client:
        acme = by(state, "client", name="Acme Corporation")
        project = (
            await client.post(
                "/api/v1/projects",
                json={
                    "name": "Hours",
                    "client_id": acme["id"],
                    "task_rate": 80,
                    "budgeted_hours": 12,
                },
            )
        ).json()["data"]
        assert project["task_rate"] == 80.0 and project["budgeted_hours"] == 12.0
        now = state.now()
        task = (
            await client.post(
                "/api/v1/tasks",
                json={
                    "project_id": project["id"],
                    "client_id": acme["id"],
                    "time_log": json.dumps([[now - 7200, now]]),
                },
            )
        ).json()["data"]
        assert task["rate"] == 80.0
        shown = (await client.get(f"/api/v1/projects/{project['id']}")).json()["data"]
        assert shown["current_hours"] == 2
        listed = (await client.get(f"/api/v1/tasks?project_tasks={project['id']}")).json()["data"]
        assert [t["id"] for t in listed] == [task["id"]]
        archived = await client.post(
            "/api/v1/projects/bulk", json={"action": "archive", "ids": [project["id"]]}
        )
        assert archived.json()["data"][0]["archived_at"] > 0
        bad = await client.post(
            "/api/v1/projects/bulk", json={"action": "nope", "ids": [project["id"]]}
        )
        assert bad.status_code == 500
        missing = await client.post("/api/v1/projects", json={"name": "No client"})
        assert missing.status_code == 422 and "client_id" in missing.json()["errors"]
