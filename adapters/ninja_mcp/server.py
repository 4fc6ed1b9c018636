"""``build_server(runtime)``: the MCP server, on the SDK's low-level ``Server``.

The low-level server sends our schemas exactly as ``listing`` builds them (the action's own
model, not one derived from a function signature) and leaves validation to the Toolbox, errors
to ``results`` and unknown names to us. A call to any catalog action's name runs it even when
it is not listed (exposure never grants, and never hides what the policy allows).
"""

from __future__ import annotations

import logging
from typing import Any

from mcp import MCPError
from mcp.server import Server, ServerRequestContext
from mcp.server.request_state import RequestStateBoundary, RequestStateSecurity
from mcp.types import (
    CallToolRequestParams,
    CallToolResult,
    GetPromptRequestParams,
    GetPromptResult,
    InputRequiredResult,
    ListPromptsResult,
    ListResourcesResult,
    ListResourceTemplatesResult,
    ListToolsResult,
    PaginatedRequestParams,
    ReadResourceRequestParams,
    ReadResourceResult,
    Tool,
)

from ninja_tools import NinjaError, __version__
from ninja_tools.errors import NotFound
from ninja_tools.present import FileResult

from . import catalog_tools, prompts, resources, results
from .confirming import confirm_and_run
from .exposure import Exposure
from .runtime import Runtime

__all__ = ["NAME", "build_server"]

log = logging.getLogger("ninja_mcp")

NAME = "ninja-tools"
_RESOURCE_NOT_FOUND = -32002
_INVALID_PARAMS = -32602
_Ctx = ServerRequestContext[Any, Any]


async def _run(ctx: _Ctx, params: CallToolRequestParams, runtime: Runtime, name: str,
               arguments: dict[str, Any]) -> CallToolResult | InputRequiredResult:
    """Run one action: validate, ask the policy, confirm when needed, execute."""
    actions = await runtime.actions()
    if name not in actions:
        raise runtime.unknown(name)
    core = await runtime.core()
    call = await core.toolbox.prepare(name, arguments, runtime.options.principal)
    runtime.reachable()
    if core.toolbox.needs_human(call):
        return await confirm_and_run(ctx, params, runtime, core, call)
    result = await core.toolbox.execute(call)
    uri = resources.file_uri(name, call.params, result) if isinstance(result, FileResult) else ""
    return results.success(result, uri)


async def _status(runtime: Runtime, arguments: dict[str, Any]) -> CallToolResult:
    confirmation_id, wait = catalog_tools.status_arguments(arguments)
    desk = (await runtime.core()).desk
    status = await (desk.wait(confirmation_id, wait) if wait else desk.status(confirmation_id))
    return results.structured(status.as_dict())


def build_server(runtime: Runtime) -> Server[Any]:
    """The MCP server for one runtime (stdio, HTTP or in memory)."""
    exposure = Exposure(runtime)

    async def list_tools(ctx: _Ctx, params: PaginatedRequestParams | None) -> ListToolsResult:
        tools = [Tool.model_validate(t) for t in await exposure.tools()]
        runtime.listed.set()
        return ListToolsResult(tools=tools)

    async def call_tool(ctx: _Ctx,
                        params: CallToolRequestParams) -> CallToolResult | InputRequiredResult:
        name, arguments = params.name, dict(params.arguments or {})
        try:
            if name == "find_actions":
                return results.structured(await catalog_tools.find(runtime, arguments))
            if name == "describe_action":
                wanted = str(arguments.get("name", ""))
                return results.structured(await catalog_tools.describe(
                    runtime, arguments, await exposure.listed(wanted)))
            if name == "confirmation_status":
                return await _status(runtime, arguments)
            if name == "run_action":
                name, arguments = catalog_tools.run_arguments(arguments)
            return await _run(ctx, params, runtime, name, arguments)
        except MCPError:
            raise
        except Exception as exc:
            return results.error(exc)

    async def list_templates(ctx: _Ctx,
                             params: PaginatedRequestParams | None) -> ListResourceTemplatesResult:
        return ListResourceTemplatesResult(resource_templates=resources.TEMPLATES)

    async def list_resources(ctx: _Ctx,
                             params: PaginatedRequestParams | None) -> ListResourcesResult:
        return ListResourcesResult(resources=[])

    async def read_resource(ctx: _Ctx, params: ReadResourceRequestParams) -> ReadResourceResult:
        uri = str(params.uri)
        found = resources.action_for(uri)
        if found is None:
            raise MCPError(code=_RESOURCE_NOT_FOUND, message=f"Unknown resource {uri!r}; see "
                           "resources/templates/list.", data={"uri": uri})
        try:
            result = await (await runtime.core()).toolbox.run(
                found[0], found[1], runtime.options.principal)
        except NinjaError as exc:
            code = _RESOURCE_NOT_FOUND if isinstance(exc, NotFound) else _INVALID_PARAMS
            raise MCPError(code=code, message=f"{exc.message} {exc.hint}".strip(),
                           data={"uri": uri}) from None
        return ReadResourceResult(contents=[resources.contents(uri, result)])

    async def list_prompts(ctx: _Ctx, params: PaginatedRequestParams | None) -> ListPromptsResult:
        return ListPromptsResult(prompts=list(prompts.PROMPTS.values()))

    async def get_prompt(ctx: _Ctx, params: GetPromptRequestParams) -> GetPromptResult:
        found = prompts.render(params.name, params.arguments)
        if found is None:
            raise MCPError(code=_INVALID_PARAMS, message=f"Unknown prompt {params.name!r}.")
        return found

    server: Server[Any] = Server(
        NAME, version=__version__, title="Invoice Ninja",
        description="Invoices, quotes, payments and clients in Invoice Ninja.",
        instructions=prompts.INSTRUCTIONS,
        on_list_tools=list_tools, on_call_tool=call_tool,
        on_list_resources=list_resources, on_list_resource_templates=list_templates,
        on_read_resource=read_resource, on_list_prompts=list_prompts,
        on_get_prompt=get_prompt)
    server.middleware.append(RequestStateBoundary(RequestStateSecurity.ephemeral(),
                                                  default_audience=NAME))
    return server
