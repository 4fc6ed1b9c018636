"""How a call that needs a human gets its answer: a yes/no in the client, or the confirm page.

Every path goes through the Desk: it words the question once from Invoice Ninja's data (the
same question on every retry), binds it to this principal and these exact arguments, re-reads
the targets after the yes, runs the call once and keeps the outcome.

- The client declares form elicitation and no password is involved: a yes/no with the exact
  effect. Handshake era: a live ``elicitation/create`` during the call. 2026-07-28 era: the
  call answers ``input_required``; the client asks its user and calls again with the answer;
  the (sealed) request state names the confirmation and the question it answers.
- Otherwise, and always for passwords (elicitation has no masked field): the result is a
  pending confirmation with the confirm page's link; the page runs the call, and
  ``confirmation_status`` reports it.

Nothing a model sends can confirm: answers come only from the client's own elicitation reply
or from the page.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import TYPE_CHECKING, Any

from mcp import MCPError
from mcp.server import ServerRequestContext
from mcp.server.elicitation import (
    AcceptedElicitation,
    CancelledElicitation,
    DeclinedElicitation,
    elicit_with_validation,
    render_elicitation_schema,
)
from mcp.types import (
    CallToolRequestParams,
    CallToolResult,
    ElicitRequest,
    ElicitRequestFormParams,
    ElicitResult,
    InputRequiredResult,
)
from mcp_types.version import is_version_at_least
from pydantic import BaseModel, Field, ValidationError

from ninja_tools.errors import ConfirmationRefused, NinjaError

from . import results
from .runtime import Core, Runtime

if TYPE_CHECKING:
    from ninja_tools.toolbox import Call

__all__ = ["KEY", "YesNo", "can_elicit", "confirm_and_run"]

log = logging.getLogger("ninja_mcp")

#: The key of our question in ``input_requests`` / ``input_responses``.
KEY = "ninja_tools_confirm"
_MODERN = "2026-07-28"

Answer = AcceptedElicitation[Any] | DeclinedElicitation | CancelledElicitation


class YesNo(BaseModel):
    """The one field of the yes/no form."""

    confirm: bool = Field(title="Do it", description="Yes: do exactly this. No: nothing is done.")


def _modern(ctx: ServerRequestContext[Any, Any]) -> bool:
    return is_version_at_least(ctx.protocol_version, _MODERN)


def can_elicit(ctx: ServerRequestContext[Any, Any]) -> bool:
    """Whether this client can show a form now (declared, and reachable in this era)."""
    caps = ctx.session.client_capabilities
    elicitation = caps.elicitation if caps is not None else None
    if elicitation is None or (elicitation.form is None and elicitation.url is not None):
        return False
    return _modern(ctx) or ctx.session.can_send_request


def _message(question: str) -> str:
    return f"{question} Nothing is done unless you confirm."


def _digest(confirmation_id: str, question: str) -> str:
    return hashlib.sha256(f"{confirmation_id}\n{question}".encode()).hexdigest()[:32]


def _from_round(params: CallToolRequestParams, confirmation_id: str,
                question: str) -> Answer | None:
    """The answer a 2026-07-28 client sent back for exactly this question, if any."""
    response = (params.input_responses or {}).get(KEY)
    if not isinstance(response, ElicitResult) or not params.request_state:
        return None
    try:
        state = json.loads(params.request_state)
    except ValueError:
        return None
    if not isinstance(state, dict) or state.get("q") != _digest(confirmation_id, question):
        return None
    if response.action == "decline":
        return DeclinedElicitation()
    if response.action == "cancel":
        return CancelledElicitation()
    try:
        return AcceptedElicitation(data=YesNo.model_validate(response.content or {}))
    except ValidationError:
        return None


def _ask(confirmation_id: str, question: str) -> InputRequiredResult:
    request = ElicitRequest(params=ElicitRequestFormParams(
        message=_message(question), requested_schema=render_elicitation_schema(YesNo)))
    state = json.dumps({"q": _digest(confirmation_id, question)})
    return InputRequiredResult(input_requests={KEY: request}, request_state=state)


async def _by_page(runtime: Runtime, core: Core, call: Call) -> CallToolResult:
    await runtime.ensure_page()
    waiting = await core.desk.open(call)
    return results.pending(waiting.as_dict(), needs=waiting.needs)


async def confirm_and_run(ctx: ServerRequestContext[Any, Any], params: CallToolRequestParams,
                          runtime: Runtime, core: Core,
                          call: Call) -> CallToolResult | InputRequiredResult:
    """Ask for the human's answer the best way this client allows, then run or refuse."""
    if call.risk == "password" or not can_elicit(ctx):
        return await _by_page(runtime, core, call)
    await runtime.ensure_page()
    waiting = await core.desk.open(call)
    answer: Answer | None
    if _modern(ctx):
        answer = _from_round(params, waiting.id, waiting.question)
        if answer is None:
            return _ask(waiting.id, waiting.question)
    else:
        try:
            answer = await elicit_with_validation(
                ctx.session, _message(waiting.question), YesNo,
                related_request_id=ctx.request_id)
        except (MCPError, ValueError) as exc:
            log.info("elicitation failed (%s); falling back to the confirm page",
                     type(exc).__name__)
            return results.pending(waiting.as_dict(), needs=waiting.needs)
    return await _settle(runtime, core, call, waiting.id, answer)


async def _settle(runtime: Runtime, core: Core, call: Call, confirmation_id: str,
                  answer: Answer) -> CallToolResult:
    principal = runtime.options.principal
    if isinstance(answer, AcceptedElicitation) and answer.data.confirm:
        status = await core.desk.approve(confirmation_id, principal=principal, call=call,
                                         how="confirmed in the MCP client")
        if status.state == "done":
            return results.structured(status.outcome or {"message": status.message})
        if status.state == "failed":
            raise NinjaError(status.message, hint=status.error or "")
        raise ConfirmationRefused(status.message, hint=status.error or "")
    how = ("cancelled in the MCP client" if isinstance(answer, CancelledElicitation)
           else "declined in the MCP client")
    await core.desk.refuse(confirmation_id, principal=principal, how=how)
    raise ConfirmationRefused(f"{call.action.name} was not confirmed ({how}); nothing was done.",
                              hint="Ask the user before trying again.")
