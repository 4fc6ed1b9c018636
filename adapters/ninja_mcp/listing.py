"""What tools/list says: one tool per exposed action, plus the catalog tools; no MCP import.

Every tool is plain JSON data (the wire form, camelCase), built from an action's metadata:
name, title, our description, the lean input schema and annotations from the risk. ``CURATED``
is the default exposure (the everyday jobs); the catalog tools (``catalog_tools``) find,
describe and run everything else the policy allows.

Output schemas stay out of tools/list: even cut down to their top-level properties they would
add about 3,800 characters (13%) to the default listing, which would then pass its 30,000
budget, and hosts do not show them to models. Every result still carries its structured
content, and ``describe_action`` gives an action's whole output schema.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from ninja_tools.actions.base import Action, Risk

from .schema import lean_schema

__all__ = ["CURATED", "action_tool", "annotations_for", "tools_size"]

#: The everyday jobs, listed as their own tools by default (in this order).
CURATED: tuple[str, ...] = (
    "find_clients", "get_client", "create_client",
    "list_invoices", "get_invoice", "create_invoice", "update_invoice", "send_invoice",
    "download_invoice_pdf", "mark_invoice_paid", "record_payment",
    "create_quote", "send_quote", "convert_quote_to_invoice", "list_products",
)

_CONFIRMED: frozenset[Risk] = frozenset({"destructive", "password"})
_IDEMPOTENT_KINDS = frozenset({"update", "get", "list", "file"})


def annotations_for(risk: Risk, *, idempotent: bool = False,
                    open_world: bool = True) -> dict[str, bool]:
    """MCP tool annotations for a risk: read-only for reads, destructive for destructive and
    password actions; open-world because every action talks to Invoice Ninja."""
    if risk == "read":
        return {"readOnlyHint": True, "openWorldHint": open_world}
    return {"readOnlyHint": False, "destructiveHint": risk in _CONFIRMED,
            "idempotentHint": idempotent and risk == "write", "openWorldHint": open_world}


def description_for(action: Action) -> str:
    if action.risk in _CONFIRMED:
        return f"{action.description} A human confirms it before anything is done."
    return action.description


def action_tool(action: Action) -> dict[str, Any]:
    """The tool for one action, as sent on the wire."""
    return {
        "name": action.name,
        "title": action.title,
        "description": description_for(action),
        "inputSchema": lean_schema(action.input.model_json_schema()),
        "annotations": annotations_for(action.risk,
                                       idempotent=action.kind in _IDEMPOTENT_KINDS),
    }


def tools_size(tools: Iterable[Mapping[str, Any]]) -> int:
    """Characters of JSON the tools take on the wire (compact, as the SDK sends them)."""
    return sum(len(json.dumps(tool, separators=(",", ":"), ensure_ascii=False))
               for tool in tools)
