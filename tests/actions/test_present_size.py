"""Shaped results: a fifth of the raw bytes or less, the fields that matter, no secrets."""

from __future__ import annotations

import json
from typing import Any

import httpx

from ninja_tools.present import dump
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import Recorder

KEPT = ("id", "number", "client_name", "amount", "balance", "status", "date", "due_date")


async def test_a_page_of_twenty_invoices_is_at_most_a_fifth_of_the_raw_json(
    toolbox: Toolbox, recorder: Recorder,
) -> None:
    async with httpx.AsyncClient(transport=recorder.inner, base_url="http://sandbox.test") as raw:
        answer = await raw.get("/api/v1/invoices", params={"per_page": 20, "status": "active"},
                               headers={"X-API-TOKEN": "sandbox-token",
                                        "X-Requested-With": "XMLHttpRequest"})
    raw_rows = answer.json()["data"]
    assert len(raw_rows) == 20
    raw_bytes = len(json.dumps(raw_rows).encode())
    shaped = dump(await toolbox.run("list_invoices", {"per_page": 20}))
    shaped_bytes = len(json.dumps(shaped["items"]).encode())
    assert shaped_bytes * 5 <= raw_bytes, (shaped_bytes, raw_bytes)
    for item, row in zip(shaped["items"], raw_rows, strict=True):
        assert item["id"] == row["id"] and item["number"] == row["number"]
        assert item["amount"] == row["amount"] and item["client_name"]
        assert item["status"] in ("draft", "sent", "partial", "paid", "cancelled", "reversed")
        assert item.get("date") == (row["date"] or None)


async def test_portal_links_and_keys_only_when_asked(toolbox: Toolbox,
                                                     state: SandboxState) -> None:
    invoice = next(r for r in state.store.rows("invoice") if r.get("invitations"))
    keys = [inv["key"] for inv in invoice["invitations"]]
    plain = json.dumps(dump(await toolbox.run("get_invoice", {"id": invoice["id"]})))
    with_raw = json.dumps(dump(await toolbox.run("get_invoice", {"id": invoice["id"],
                                                               "raw": True})))
    for key in keys:
        assert key not in plain and key not in with_raw
    assert '"raw"' not in plain and '"raw"' in with_raw


async def test_client_gateway_tokens_never_show(toolbox: Toolbox, state: SandboxState) -> None:
    client: dict[str, Any] = state.store.rows("client")[0]
    client["gateway_tokens"] = [{"id": "gt1", "token": "cus_secret_gateway_token"}]
    result = json.dumps(dump(await toolbox.run("get_client", {"id": client["id"],
                                                             "raw": True})))
    assert "cus_secret_gateway_token" not in result


async def test_portal_links_come_only_when_asked(toolbox: Toolbox, state: SandboxState) -> None:
    invoice = next(r for r in state.store.rows("invoice") if r.get("invitations"))
    links = [inv["link"] for inv in invoice["invitations"] if inv.get("link")]
    assert links
    plain = json.dumps(dump(await toolbox.run("get_invoice", {"id": invoice["id"]})))
    asked = dump(await toolbox.run("get_invoice", {"id": invoice["id"], "portal_links": True}))
    assert not any(link in plain for link in links)
    assert {p["link"] for p in asked["portal_links"]} == set(links)
