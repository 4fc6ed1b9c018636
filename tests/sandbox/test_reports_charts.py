"""Reports and dashboard totals through HTTP: queue, 409 polls, one read, throttle, access."""

from __future__ import annotations

import datetime as dt

from ninja_tools.sandbox.insight import desk
from ninja_tools.sandbox.seed import RESTRICTED_TOKEN
from tests.sandbox.ops_helpers import TODAY, make_client


async def test_report_polls_409_then_data_once() -> None:
    client, state = make_client()
    async with client:
        queued = await client.post(
            "/api/v1/reports/invoices", json={"send_email": False, "output": "json"}
        )
        assert queued.status_code == 200 and queued.headers["x-ratelimit-limit"] == "20"
        hash_ = queued.json()["message"]
        for _ in range(2):
            waiting = await client.post(f"/api/v1/reports/preview/{hash_}")
            assert waiting.status_code == 409 and waiting.json() == {
                "message": "Still working....."
            }
        ready = await client.post(f"/api/v1/reports/preview/{hash_}")
        assert ready.status_code == 200
        report = ready.json()
        assert [c["identifier"] for c in report["columns"]][:3] == [
            "client.name",
            "invoice.number",
            "invoice.amount",
        ]
        rows = [report[k] for k in report if k != "columns"]
        live = [i for i in state.store.rows("invoice") if not i["is_deleted"]]
        assert len(rows) == len(live)
        numbers = {
            cell["value"] for row in rows for cell in row if cell["identifier"] == "invoice.number"
        }
        assert numbers == {i["number"] for i in live}
        client_cell = rows[0][0]
        assert client_cell["entity"] == "client" and client_cell["hashed_id"]
        gone = await client.post(f"/api/v1/reports/preview/{hash_}")
        assert gone.status_code == 409


async def test_csv_preview_mail_default_and_configurable_polls() -> None:
    client, state = make_client()
    desk(state).pending_polls = 0
    async with client:
        hash_ = (await client.post("/api/v1/reports/tasks", json={"send_email": False})).json()[
            "message"
        ]
        text = (await client.post(f"/api/v1/reports/preview/{hash_}")).json()
        assert text.splitlines()[0].startswith("Client Name,Task Number")
        assert "Quarterly support call" in text
        state.outbox.clear()
        mailed = await client.post("/api/v1/reports/profitloss", json={})
        assert (
            mailed.json() == {"message": "working..."} and state.outbox[0]["report"] == "profitloss"
        )
        assert (await client.post("/api/v1/reports/nonsense", json={})).status_code == 404


async def test_report_throttle_and_permissions() -> None:
    client, state = make_client()
    async with client:
        for _ in range(20):
            ok = await client.post("/api/v1/reports/clients", json={"send_email": False})
            assert ok.status_code == 200
        limited = await client.post("/api/v1/reports/vendors", json={"send_email": False})
        assert limited.status_code == 429 and limited.json() == {"message": "Too many requests"}
        state.clock.advance(61)
        assert (
            await client.post("/api/v1/reports/clients", json={"send_email": False})
        ).status_code == 200
        denied = await client.post(
            "/api/v1/reports/clients",
            json={"send_email": False},
            headers={"X-API-TOKEN": RESTRICTED_TOKEN},
        )
        assert denied.status_code == 401
        no_dash = await client.post(
            "/api/v1/charts/totals", json={}, headers={"X-API-TOKEN": RESTRICTED_TOKEN}
        )
        assert no_dash.status_code == 401


async def test_chart_totals_match_the_store() -> None:
    client, state = make_client()
    async with client:
        answer = (await client.post("/api/v1/charts/totals", json={})).json()
        start = (TODAY - dt.timedelta(days=20)).isoformat()
        assert answer["start_date"] == start and answer["end_date"] == TODAY.isoformat()
        assert answer["currencies"]["1"] == "USD"
        usd = answer["1"]
        # Seeded expenses in the window: 120 + 45.50 + 300 + 19.99.
        assert usd["expenses"] == {"amount": "485.490000", "currency_id": "1", "code": "USD"}
        sent = [
            i
            for i in state.store.rows("invoice")
            if i["status_id"] in ("2", "3")
            and i["balance"] > 0
            and not i["is_deleted"]
            and start <= i["date"] <= TODAY.isoformat()
        ]
        if sent:
            assert float(usd["outstanding"]["amount"]) == round(sum(i["balance"] for i in sent), 2)
            assert usd["outstanding"]["outstanding_count"] == len(sent)
        else:
            assert usd["outstanding"] == {}
        paid = [
            p
            for p in state.store.rows("payment")
            if not p["is_deleted"]
            and start <= p["date"] <= TODAY.isoformat()
            and p["status_id"] in ("1", "4", "5", "6")
        ]
        expected = round(sum(p["amount"] - p["refunded"] for p in paid), 2)
        assert float(usd["revenue"].get("paid_to_date", 0)) == expected
        assert answer["999"]["expense"] == {"amount": "485.490000"}
        narrow = (
            await client.post(
                "/api/v1/charts/totals_v2",
                json={
                    "start_date": (TODAY - dt.timedelta(days=3)).isoformat(),
                    "end_date": TODAY.isoformat(),
                },
            )
        ).json()
        assert narrow["1"]["expenses"]["amount"] == "19.990000"
        bad = await client.post("/api/v1/charts/totals", json={"date_range": "forever"})
        assert bad.status_code == 422
