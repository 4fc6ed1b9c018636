"""Generated input for every tool the MCP server lists with ``--toolsets all`` (the catalog
tools too), sent through an in-memory MCP client: every call ends in a result or a clean tool
error, and input that breaks the tool's schema sends no request to Invoice Ninja.

One server and client serve the whole module from a blocking portal, so that Hypothesis
drives plain (synchronous) tests; each tool gets a few derandomized examples, half fitting its
schema and half breaking it in one place. Broken input is also sent through ``run_action``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from hypothesis import HealthCheck, given, settings
from mcp import Client
from mcp.types import CallToolResult, TextContent

from ninja_mcp.catalog_tools import CATALOG_TOOLS
from ninja_mcp.runtime import Runtime
from ninja_mcp.server import build_server
from ninja_tools import NinjaClient, Policy, RetryPolicy, Settings, Toolbox
from ninja_tools.actions import catalog
from ninja_tools.confirm import Desk
from ninja_tools.identity import fetch_identity
from ninja_tools.sandbox import create_app
from tests.actions.conftest import Recorder
from tests.mcp.conftest import TODAY, answering, connect, options

from .schema_strategies import Arguments, SchemaStrategies

TOOLS = sorted(action.name for action in catalog()) + list(CATALOG_TOOLS)
EXAMPLES = settings(max_examples=4, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))
UNEXPECTED = "unexpected error"


@dataclass
class Served:
    """The server (on a sandbox whose every request is recorded) and a client, both running
    on the portal's event loop."""

    portal: BlockingPortal
    client: Client
    recorder: Recorder
    schemas: dict[str, dict[str, Any]]

    def call(self, name: str, arguments: dict[str, Any]) -> tuple[CallToolResult, int]:
        """The result of one call and how many requests it sent to the sandbox."""
        before = len(self.recorder.requests)
        result = self.portal.call(self.client.call_tool, name, arguments)
        return result, len(self.recorder.requests) - before


def _runtime(recorder: Recorder) -> Runtime:
    client = NinjaClient(Settings.load(url="http://sandbox.test", token="sandbox-token"),
                         transport=recorder, retry=RetryPolicy(attempts=1))
    toolbox = Toolbox(client, policy=Policy(identity=lambda: fetch_identity(client)))
    toolbox.context.today = lambda: TODAY
    return Runtime(options(toolsets="all"), toolbox=toolbox, desk=Desk(toolbox))


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    recorder = Recorder(create_app(today=TODAY))
    runtime = _runtime(recorder)
    # Destructive calls are declined when asked; password ones wait on the confirm page.
    client = connect(build_server(runtime), elicit=answering("decline"))
    with start_blocking_portal("asyncio") as portal:
        try:
            with portal.wrap_async_context_manager(client) as connected:
                listed = portal.call(connected.list_tools)
                warm = portal.call(connected.call_tool, "find_actions", {})  # who the token is
                assert not warm.is_error, warm.content
                schemas = {tool.name: tool.input_schema for tool in listed.tools}
                yield Served(portal, connected, recorder, schemas)
        finally:
            portal.call(runtime.aclose)


def _text(result: CallToolResult) -> str:
    return " ".join(c.text for c in result.content if isinstance(c, TextContent))


def test_the_server_lists_every_action_and_the_catalog_tools(served: Served) -> None:
    assert sorted(served.schemas) == sorted(TOOLS)


@pytest.mark.parametrize("tool", TOOLS)
def test_any_input_ends_in_a_result_or_a_clean_error(served: Served, tool: str) -> None:
    strategies = SchemaStrategies(served.schemas[tool])

    @EXAMPLES
    @given(strategies.arguments())
    def check(arguments: Arguments) -> None:
        result, sent = served.call(tool, arguments.values)
        text = _text(result)
        assert UNEXPECTED not in text, (arguments, text)
        assert result.content, arguments
        if arguments.fits:
            return
        assert result.is_error, f"{arguments.broken} was taken: {text}"
        assert sent == 0, f"{arguments.broken} sent {sent} requests"
        if tool in CATALOG_TOOLS:
            return
        wrapped, sent = served.call("run_action", {"name": tool,
                                                   "arguments": arguments.values})
        assert wrapped.is_error and UNEXPECTED not in _text(wrapped), _text(wrapped)
        assert sent == 0, f"{arguments.broken} sent {sent} requests through run_action"

    check()
