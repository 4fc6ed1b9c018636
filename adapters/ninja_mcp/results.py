"""Tool results: a shaped result, a document, a pending confirmation, or an error.

The one place where our errors become MCP error results: the message and what to do next.
Anything outside ``NinjaError`` is logged on stderr with its traceback, and the model gets a
generic sentence (its text could hold data).
"""

from __future__ import annotations

import base64
import json
import logging
from typing import Any

from mcp.types import BlobResourceContents, CallToolResult, EmbeddedResource, TextContent
from pydantic import BaseModel

from ninja_tools.errors import (
    AccessRestricted,
    AuthenticationFailed,
    ConfigError,
    ConnectionFailed,
    InvalidInput,
    NinjaError,
    ProtocolError,
)
from ninja_tools.present import FileResult, dump

__all__ = ["error", "file", "pending", "structured", "success"]

log = logging.getLogger("ninja_mcp")

#: Errors that mean the connection or the token is wrong, not the call.
_CONNECTION = (AuthenticationFailed, AccessRestricted, ConfigError, ConnectionFailed,
               ProtocolError)
_CHECK = "Run `ninja-tools check` to test the connection and the token."


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)


def structured(data: dict[str, Any], text: str | None = None) -> CallToolResult:
    """A result with structured content and its JSON (or ``text``) for hosts that show text."""
    return CallToolResult(content=[TextContent(type="text", text=text or _json(data))],
                          structured_content=data)


def file(result: FileResult, uri: str) -> CallToolResult:
    """A document: its bytes as an embedded resource, and where to read it again."""
    data = {"filename": result.filename, "content_type": result.content_type,
            "size": result.size, "resource": uri}
    blob = BlobResourceContents(uri=uri, mime_type=result.content_type,
                                blob=base64.b64encode(result.content).decode("ascii"))
    text = (f"{result.filename} ({result.size:,} bytes, {result.content_type}) is attached; "
            f"it can also be read as the resource {uri}.")
    return CallToolResult(content=[TextContent(type="text", text=text),
                                   EmbeddedResource(type="resource", resource=blob)],
                          structured_content=data)


def success(result: BaseModel, uri: str) -> CallToolResult:
    """An action's shaped result (``uri`` names a document, if it is one)."""
    if isinstance(result, FileResult):
        return file(result, uri)
    return structured(dump(result))


def pending(confirmation: dict[str, Any], *, needs: str) -> CallToolResult:
    """A call waiting for a human on the confirm page: what to tell the user, and what next."""
    data = {"status": "waiting_for_confirmation", "confirmation": confirmation}
    ask = {
        "password": " The page asks for the Invoice Ninja password: never ask for it in the"
                    " chat.",
        "name": " The page asks the user to type the record's name.",
    }.get(needs, "")
    expires = str(confirmation.get("expires_at", ""))[11:16]
    text = (f"Nothing has been done yet: this needs the user's confirmation. Tell the user to "
            f"open {confirmation['url']} to confirm or cancel: {confirmation['question']}"
            f"{ask} The link works once and expires at {expires} UTC. Then call "
            f"confirmation_status with confirmation_id \"{confirmation['confirmation_id']}\" "
            f"to learn the outcome; do not call {confirmation['action']} again meanwhile.")
    return structured(data, text)


def error(exc: BaseException) -> CallToolResult:
    """The error result for anything a call raised."""
    if isinstance(exc, NinjaError):
        hint = exc.hint
        if isinstance(exc, InvalidInput):
            hint = "Fix the named fields; describe_action shows the input schema."
        elif isinstance(exc, _CONNECTION) and "ninja-tools check" not in hint:
            hint = f"{hint} {_CHECK}".strip()
        text = f"{exc.message} {hint}".strip()
    else:
        log.error("unexpected failure in a tool call", exc_info=exc)
        text = ("An unexpected error occurred in ninja-tools, and nothing more is known here; "
                "the server's log (stderr) has the details. Check the record before trying "
                "again.")
    return CallToolResult(content=[TextContent(type="text", text=text)], is_error=True)
