"""The demo seed's money data: every status, enough rows to page, totals that add up."""

from __future__ import annotations

import httpx

from ninja_tools.sandbox import SandboxState


async def test_seed_statuses_and_paging(api: httpx.AsyncClient, state: SandboxState) -> None:
    invoices = state.store.rows("invoice")
    assert len(invoices) >= 25
    assert {r["status_id"] for r in invoices} >= {"1", "2", "3", "4", "5", "6"}
    page = (await api.get("/invoices")).json()
    assert page["meta"]["pagination"]["count"] == 20 and page["meta"]["pagination"]["total"] == len(
        invoices
    )
    overdue = (
        await api.get("/invoices", params={"client_status": "overdue", "per_page": 100})
    ).json()["data"]
    assert len(overdue) >= 5 and all(
        r["due_date"] < "2025-03-14" and r["balance"] > 0 for r in overdue
    )
    assert {r["status_id"] for r in overdue} == {"2", "3"}
    upcoming = [r for r in invoices if r["status_id"] == "2" and r["due_date"] >= "2025-03-14"]
    assert upcoming
    assert {r["status_id"] for r in state.store.rows("quote")} == {"1", "2", "3", "4"}
    assert {r["status_id"] for r in state.store.rows("credit")} >= {"1", "2", "3"}
    assert {r["status_id"] for r in state.store.rows("recurring_invoice")} >= {"2", "3"}
    assert any(
        p["applied"] < p["amount"] or len(p["paymentables"]) > 1
        for p in state.store.rows("payment")
    )


async def test_seed_money_adds_up(state: SandboxState) -> None:
    for client in state.store.rows("client"):
        open_total = sum(
            r["balance"]
            for r in state.store.where("invoice", client_id=client["id"])
            if r["status_id"] in ("2", "3") and not r["is_deleted"]
        )
        assert client["balance"] == round(open_total, 2)
    for invoice in state.store.rows("invoice"):
        if invoice["status_id"] in ("2", "3", "4"):
            assert round(invoice["balance"] + invoice["paid_to_date"], 2) == invoice["amount"]
        paid = sum(
            row["amount"]
            for p in state.store.rows("payment")
            for row in p["paymentables"]
            if row.get("invoice_id") == invoice["id"]
        )
        if invoice["status_id"] != "6":
            assert round(paid, 2) == invoice["paid_to_date"]
