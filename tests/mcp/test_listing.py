"""What tools/list says: the budget, annotations that match each risk, the snapshot of every
tool, the precomputed default listing, and exposure flags that deny through the policy."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from mcp.server import Server
from mcp.types import Tool

from ninja_mcp.exposure import DEFAULTS, Exposure, default_entries, write_defaults
from ninja_mcp.listing import CURATED, tools_size
from ninja_mcp.runtime import Runtime
from ninja_mcp.server import build_server
from ninja_tools.actions import catalog

from .conftest import MakeRuntime, connect, options

BUDGET = 30_000
SNAPSHOTS = Path(__file__).with_name("snapshots")
CATALOG_TOOLS = {"find_actions", "describe_action", "run_action", "confirmation_status"}
UPDATE = os.environ.get("NINJA_UPDATE_SNAPSHOTS") == "1"


def wire(tool: Tool) -> dict[str, Any]:
    """A tool as the server sends it."""
    data: dict[str, Any] = tool.model_dump(mode="json", by_alias=True, exclude_none=True)
    return data


async def listing(server: Server[Any]) -> list[dict[str, Any]]:
    async with connect(server) as client:
        return [wire(t) for t in (await client.list_tools()).tools]


async def test_default_listing_fits_the_budget(server: Server[Any]) -> None:
    tools = await listing(server)
    names = [t["name"] for t in tools]
    assert names == [*CURATED, "find_actions", "describe_action", "run_action",
                     "confirmation_status"]
    assert 15 <= len(tools) <= 25
    size = tools_size(tools)
    assert size <= BUDGET, f"the default tools/list takes {size} characters"


def _check_annotations(tool: dict[str, Any], risk: str) -> None:
    hints = tool["annotations"]
    name = tool["name"]
    assert hints["openWorldHint"] is True, name
    if risk == "read":
        assert hints["readOnlyHint"] is True and not hints.get("destructiveHint"), name
        return
    assert hints["readOnlyHint"] is False, name
    assert hints["destructiveHint"] is (risk in ("destructive", "password")), name
    if risk != "write":
        assert hints["idempotentHint"] is False, name


async def test_annotations_match_every_risk(make_runtime: MakeRuntime) -> None:
    tools = await listing(build_server(make_runtime(toolsets="all")))
    actions = {a.name: a for a in catalog()}
    assert len(tools) == len(actions) + len(CATALOG_TOOLS)
    for tool in tools:
        if tool["name"] in CATALOG_TOOLS:
            continue
        _check_annotations(tool, actions[tool["name"]].risk)
    by_name = {t["name"]: t["annotations"] for t in tools}
    assert by_name["run_action"]["destructiveHint"] is True
    assert by_name["run_action"]["readOnlyHint"] is False
    for local in ("find_actions", "describe_action", "confirmation_status"):
        assert by_name[local] == {"readOnlyHint": True, "openWorldHint": False}


async def test_schemas_are_flat_and_lean(make_runtime: MakeRuntime) -> None:
    for tool in await listing(build_server(make_runtime(toolsets="all"))):
        schema = tool["inputSchema"]
        assert schema["type"] == "object", tool["name"]
        assert not {"anyOf", "oneOf", "allOf"} & set(schema), tool["name"]
        assert '"title"' not in json.dumps(schema["properties"]).replace(
            '"title": {', ""), tool["name"]
        assert "outputSchema" not in tool


async def test_snapshot_of_every_tool(make_runtime: MakeRuntime) -> None:
    tools = await listing(build_server(make_runtime(toolsets="all")))
    SNAPSHOTS.mkdir(exist_ok=True)
    expected = {f"{t['name']}.json": json.dumps(t, indent=1, sort_keys=True,
                                                 ensure_ascii=False) + "\n" for t in tools}
    if UPDATE:
        for gone in {p.name for p in SNAPSHOTS.glob("*.json")} - set(expected):
            (SNAPSHOTS / gone).unlink()
        for name, text in expected.items():
            (SNAPSHOTS / name).write_text(text, encoding="utf-8")
    on_disk = {p.name for p in SNAPSHOTS.glob("*.json")}
    missing, stale = sorted(set(expected) - on_disk), sorted(on_disk - set(expected))
    assert not missing, f"no snapshot for {missing[:5]}; NINJA_UPDATE_SNAPSHOTS=1 writes them"
    assert not stale, f"snapshots of tools that are gone: {stale[:5]}"
    changed = [n for n, text in expected.items()
               if (SNAPSHOTS / n).read_text(encoding="utf-8") != text]
    assert not changed, (f"tools changed: {changed[:5]}; if that is deliberate, rerun with "
                         "NINJA_UPDATE_SNAPSHOTS=1")


def test_precomputed_defaults_are_fresh() -> None:
    actions = {a.name: a for a in catalog()}
    if UPDATE:
        write_defaults(actions)
    assert json.loads(DEFAULTS.read_text(encoding="utf-8")) == default_entries(actions), (
        "default_tools.json is stale; NINJA_UPDATE_SNAPSHOTS=1 rewrites it")


@pytest.mark.parametrize("flags", [{}, {"read_only": True}, {"exclude_tools": "send_invoice"}])
async def test_first_listing_before_the_catalog_equals_the_live_one(
        flags: dict[str, Any]) -> None:
    runtime = Runtime(options(**flags))
    exposure = Exposure(runtime)
    early = await exposure.tools()
    assert not runtime.built
    await runtime.actions()
    assert runtime.built
    assert await exposure.tools() == early
    await runtime.aclose()


async def test_read_only_lists_and_runs_reads_only(make_runtime: MakeRuntime) -> None:
    server = build_server(make_runtime(read_only=True))
    tools = {t["name"]: t for t in await listing(server)}
    assert "create_invoice" not in tools and "list_invoices" in tools
    assert tools["run_action"]["annotations"]["readOnlyHint"] is True
    async with connect(server) as client:
        refused = await client.call_tool("create_invoice", {
            "client": "Acme", "line_items": [{"notes": "x", "cost": 1}]})
        hidden = await client.call_tool("find_actions", {"query": "delete invoice"})
    assert refused.is_error and "read-only" in refused.content[0].text  # type: ignore[union-attr]
    assert {a["risk"] for a in hidden.structured_content["actions"]} <= {"read"}


async def test_excluded_and_added_tools(make_runtime: MakeRuntime) -> None:
    server = build_server(make_runtime(exclude_tools="send_invoice", tools="list_payments",
                                       toolsets="expenses"))
    names = [t["name"] for t in await listing(server)]
    assert "send_invoice" not in names and "list_payments" in names
    assert "create_expense" in names
    async with connect(server) as client:
        refused = await client.call_tool("run_action", {"name": "send_invoice",
                                                        "arguments": {"number": "0001"}})
    assert refused.is_error and "turned off" in refused.content[0].text  # type: ignore[union-attr]


async def test_a_restricted_token_sees_what_it_may_do(make_runtime: MakeRuntime) -> None:
    names = [t["name"] for t in await listing(build_server(
        make_runtime(token="sandbox-restricted-token")))]
    assert "create_invoice" not in names and "find_clients" in names
