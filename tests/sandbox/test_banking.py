"""Banking over HTTP: bank accounts without a feed, rules, matching, convert and unlink."""

from __future__ import annotations

import httpx

from ninja_tools.sandbox import SandboxState

from .conftest import by_name


def _bt(state: SandboxState, description: str) -> dict[str, object]:
    return next(r for r in state.store.rows("bank_transaction")
                if r["description"] == description)


async def test_feed_routes_without_a_provider(
    api: httpx.AsyncClient, restricted: httpx.AsyncClient, state: SandboxState
) -> None:
    refreshed = await api.post("/bank_integrations/refresh_accounts")
    assert (refreshed.status_code, refreshed.json()) == (200, {})
    fetched = await api.post("/bank_integrations/get_transactions/10001")
    assert fetched.json() == {"message": "Fetching transactions...."}
    assert (await restricted.post("/bank_integrations/refresh_accounts")).status_code == 401
    removed = await api.post("/bank_integrations/remove_account/10001")
    assert removed.status_code == 200 and removed.json()["data"]["is_deleted"]
    missing = await api.post("/bank_integrations/remove_account/424242")
    assert missing.json() == {
        "message": "No query results for model [App\\Models\\BankIntegration]."}


async def test_integration_store_rules(api: httpx.AsyncClient,
                                       restricted: httpx.AsyncClient) -> None:
    short = await api.post("/bank_integrations", json={"bank_account_name": "ab"})
    assert short.json()["errors"] == {
        "bank_account_name": ["The bank account name field must be at least 3 characters."]}
    made = (await api.post("/bank_integrations", json={"bank_account_name": "Savings"})
            ).json()["data"]
    assert made["provider_name"] == "Savings" and made["auto_sync"] is True
    assert (await restricted.post("/bank_integrations", json={"bank_account_name": "Mine"})
            ).status_code == 401


async def test_debit_rule_matches_new_transactions(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    bank = state.store.rows("bank_integration")[0]
    travel = by_name(state, "expense_category", "Travel")
    seeded = _bt(state, "Shell fuel station")
    assert (seeded["status_id"], seeded["ninja_category_id"]) == ("2", travel["id"])
    other = (await api.post("/bank_transactions", json={
        "bank_integration_id": bank["id"], "amount": 10, "base_type": "DEBIT",
        "description": "Coffee"})).json()["data"]
    assert other["status_id"] == "1"
    assert (await api.post("/bank_transactions", json={"amount": 1})).json()["errors"] == {
        "bank_integration_id": ["The bank integration id field is required."]}


async def test_match_pays_the_invoice(api: httpx.AsyncClient, state: SandboxState) -> None:
    deposit = next(r for r in state.store.rows("bank_transaction") if r["status_id"] == "1")
    invoice = next(i for i in state.store.rows("invoice")
                   if deposit["description"].endswith(f"ref {i['number']}"))
    payments = len(state.store.rows("payment"))
    response = await api.post("/bank_transactions/match", json={
        "transactions": [{"id": deposit["id"], "invoice_ids": invoice["id"]}]})
    row = response.json()["data"][0]
    assert (row["status_id"], row["invoice_ids"]) == ("3", invoice["id"])
    assert len(state.store.rows("payment")) == payments + 1
    assert invoice["status_id"] == "4" and invoice["balance"] == 0
    again = await api.post("/bank_transactions/match", json={
        "transactions": [{"id": deposit["id"], "invoice_ids": invoice["id"]}]})
    assert again.json()["data"] == []  # converted ones are skipped
    bad = await api.post("/bank_transactions/match", json={"transactions": [{"id": "nope"}]})
    assert bad.json()["errors"] == {"transactions.0.id": ["The selected transactions.0.id is "
                                                          "invalid."]}


async def test_convert_matched_then_unlink(api: httpx.AsyncClient, state: SandboxState) -> None:
    fuel = _bt(state, "Shell fuel station")
    expenses = len(state.store.rows("expense"))
    converted = await api.post("/bank_transactions/bulk",
                               json={"action": "convert_matched", "ids": [fuel["id"]]})
    assert converted.json()["data"][0]["status_id"] == "3"
    expense = state.store.get("expense", str(fuel["expense_id"]))
    assert len(state.store.rows("expense")) == expenses + 1 and expense is not None
    assert expense["transaction_id"] == fuel["id"] and expense["amount"] == 64.2
    unlinked = await api.post("/bank_transactions/bulk",
                              json={"action": "unlink", "ids": [fuel["id"]]})
    row = unlinked.json()["data"][0]
    assert (row["status_id"], row["expense_id"], row["ninja_category_id"]) == ("1", "", "")
    assert expense["transaction_id"] == ""
    bad = await api.post("/bank_transactions/bulk", json={"action": "explode",
                                                          "ids": [fuel["id"]]})
    assert bad.status_code == 422
