"""Records and documents as MCP resources: ``invoice://{id}`` (JSON), ``invoice://{id}/pdf``...

Each read is an ordinary read action run through the Toolbox (policy included), so a resource
shows nothing its tool would not.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any
from urllib.parse import quote

from mcp.types import BlobResourceContents, ResourceTemplate, TextResourceContents
from pydantic import BaseModel

from ninja_tools.present import FileResult, dump

__all__ = ["TEMPLATES", "action_for", "contents", "file_uri"]

#: (scheme, what, read action, PDF action or "").
_KINDS: tuple[tuple[str, str, str, str], ...] = (
    ("invoice", "An invoice", "get_invoice", "download_invoice_pdf"),
    ("quote", "A quote", "get_quote", "download_quote_pdf"),
    ("credit", "A credit note", "get_credit", "download_credit_pdf"),
    ("client", "A client", "get_client", ""),
)
_URI = re.compile(r"^(invoice|quote|credit|client)://([A-Za-z0-9_-]{1,64})(/pdf)?$")


def _templates() -> list[ResourceTemplate]:
    found = []
    for scheme, what, _get, pdf in _KINDS:
        found.append(ResourceTemplate(
            uri_template=f"{scheme}://{{id}}", name=scheme, title=f"{what} by id",
            description=f"{what} with its details, as JSON (the id is Invoice Ninja's hashed "
            "id).", mime_type="application/json"))
        if pdf:
            found.append(ResourceTemplate(
                uri_template=f"{scheme}://{{id}}/pdf", name=f"{scheme}_pdf",
                title=f"{what} as PDF", description=f"The PDF of {what.lower()}.",
                mime_type="application/pdf"))
    return found


TEMPLATES = _templates()


def action_for(uri: str) -> tuple[str, dict[str, Any]] | None:
    """The read action and arguments behind a resource URI, or ``None`` for an unknown URI."""
    match = _URI.match(uri)
    if match is None:
        return None
    scheme, record_id, pdf = match.groups()
    get, download = next((g, p) for s, _w, g, p in _KINDS if s == scheme)
    if pdf and not download:
        return None
    return (download if pdf else get), {"id": record_id}


def file_uri(action: str, params: BaseModel, result: FileResult) -> str:
    """Where a document a tool returned can be read again (its resource when it has one)."""
    record_id = getattr(params, "id", None)
    for scheme, _what, _get, pdf in _KINDS:
        if pdf == action and isinstance(record_id, str) and record_id:
            return f"{scheme}://{record_id}/pdf"
    return f"ninja://files/{quote(result.filename)}"


def contents(uri: str, result: BaseModel) -> TextResourceContents | BlobResourceContents:
    """One resource's contents: a document as a blob, a record as JSON text."""
    if isinstance(result, FileResult):
        return BlobResourceContents(uri=uri, mime_type=result.content_type,
                                    blob=base64.b64encode(result.content).decode("ascii"))
    return TextResourceContents(uri=uri, mime_type="application/json",
                                text=json.dumps(dump(result), ensure_ascii=False))
