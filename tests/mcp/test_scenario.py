"""The scenario in memory, in both protocol eras, and what the results look like."""

from __future__ import annotations

import json
from typing import Any

import pytest
from mcp.server import Server

from ninja_tools.sandbox import SandboxState

from .conftest import MODES, connect
from .scenario import run_scenario


@pytest.mark.parametrize("mode", MODES)
async def test_scenario(server: Server[Any], state: SandboxState, mode: str) -> None:
    async with connect(server, mode) as client:
        made = await run_scenario(client)
    stored = state.store.get("invoice", made["invoice"]["id"])
    assert stored is not None and stored["balance"] == 1200
    assert any(m.get("entity_id") == made["invoice"]["id"] for m in state.outbox)


async def test_results_are_structured_and_compact(server: Server[Any]) -> None:
    async with connect(server) as client:
        result = await client.call_tool("list_products", {})
    text = result.content[0].text  # type: ignore[union-attr]
    assert json.loads(text) == result.structured_content
    assert "\n" not in text and ": " not in text


async def test_pdf_tool_embeds_the_document(server: Server[Any], state: SandboxState) -> None:
    invoice = str(state.store.where("invoice", number="0001")[0]["id"])
    async with connect(server) as client:
        result = await client.call_tool("download_invoice_pdf", {"id": invoice})
    assert not result.is_error
    assert result.structured_content["resource"] == f"invoice://{invoice}/pdf"
    assert result.content[1].resource.mime_type == "application/pdf"  # type: ignore[union-attr]


async def test_resources_and_prompts(server: Server[Any], state: SandboxState) -> None:
    client_id = str(state.store.rows("client")[0]["id"])
    async with connect(server) as client:
        templates = {t.uri_template for t in
                     (await client.list_resource_templates()).resource_templates}
        assert {"invoice://{id}", "invoice://{id}/pdf", "client://{id}", "quote://{id}/pdf",
                "credit://{id}/pdf"} <= templates
        record = await client.read_resource(f"client://{client_id}")
        assert json.loads(record.contents[0].text)["id"] == client_id  # type: ignore[union-attr]
        prompts = {p.name for p in (await client.list_prompts()).prompts}
        assert prompts == {"bill_client", "chase_overdue_invoices", "month_end_summary"}
        bill = await client.get_prompt("bill_client", {"client": "Acme", "work": "10 hours"})
        assert "Acme" in bill.messages[0].content.text  # type: ignore[union-attr]
        assert "find_clients" in bill.messages[0].content.text  # type: ignore[union-attr]


async def test_an_unlisted_action_runs_by_name_and_through_run_action(
        server: Server[Any]) -> None:
    async with connect(server) as client:
        listed = {t.name for t in (await client.list_tools()).tools}
        assert "list_payments" not in listed
        direct = await client.call_tool("list_payments", {"per_page": 2})
        through = await client.call_tool("run_action", {"name": "list_payments",
                                                        "arguments": {"per_page": 2}})
    assert not direct.is_error and direct.structured_content == through.structured_content


async def test_catalog_tools(server: Server[Any]) -> None:
    async with connect(server) as client:
        groups = await client.call_tool("find_actions", {})
        assert {g["name"] for g in groups.structured_content["toolsets"]} >= {
            "invoices", "clients", "expenses"}
        found = await client.call_tool("find_actions", {"query": "refund payment"})
        assert found.structured_content["actions"][0]["name"] == "refund_payment"
        assert found.structured_content["actions"][0]["needs_confirmation"] is True
        described = await client.call_tool("describe_action", {"name": "create_expense"})
        data = described.structured_content
        assert data["risk"] == "write" and data["listed_as_tool"] is False
        assert "properties" in data["input_schema"] and "properties" in data["output_schema"]
        unknown = await client.call_tool("describe_action", {"name": "create_invoices"})
        assert unknown.is_error and "create_invoice" in unknown.content[0].text  # type: ignore[union-attr]
