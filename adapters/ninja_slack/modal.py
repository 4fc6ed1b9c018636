"""The new-invoice form: the modal view, its client options, and reading a submission. Pure.

The form has a client picker that searches as you type (an external select answered by the
app), line items one a line (``10 x Consulting @ 150``), a due date and a "send now" box. It
never asks for a password. ``private_metadata`` carries only where to report back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import texts
from .blocks import Block, clip
from .lines import PhraseError, parse_lines

__all__ = ["CALLBACK_ID", "CLIENT_ACTION", "Submission", "client_options", "form", "read"]

CALLBACK_ID = "ninja_new_invoice"
CLIENT_ACTION = "ninja_client_pick"
_OPTION_MAX = 75


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def form(*, response_url: str, channel_id: str) -> dict[str, Any]:
    """The modal view for ``views.open``."""
    meta = json.dumps({"response_url": response_url, "channel": channel_id})
    blocks: list[Block] = [
        {"type": "input", "block_id": "client", "label": _plain(texts.FORM_CLIENT),
         "element": {"type": "external_select", "action_id": CLIENT_ACTION,
                     "min_query_length": 1, "placeholder": _plain(texts.FORM_CLIENT_HINT)}},
        {"type": "input", "block_id": "lines", "label": _plain(texts.FORM_LINES),
         "hint": _plain(texts.FORM_LINES_HINT),
         "element": {"type": "plain_text_input", "action_id": "value", "multiline": True,
                     "min_length": 5, "max_length": 3000}},
        {"type": "input", "block_id": "due", "optional": True, "label": _plain(texts.FORM_DUE),
         "element": {"type": "datepicker", "action_id": "value"}},
        {"type": "input", "block_id": "send", "optional": True, "label": _plain(texts.FORM_SEND),
         "element": {"type": "checkboxes", "action_id": "value", "options": [
             {"text": _plain(texts.FORM_SEND_OPTION), "value": "send"}]}},
    ]
    return {"type": "modal", "callback_id": CALLBACK_ID, "title": _plain(texts.FORM_TITLE),
            "submit": _plain(texts.FORM_SUBMIT), "close": _plain(texts.FORM_CLOSE),
            "private_metadata": meta, "blocks": blocks}


def client_options(clients: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Options for the client picker: the name (plain text, not parsed) and the id."""
    return [{"text": _plain(clip(str(c.get("name") or c.get("id")), _OPTION_MAX)),
             "value": str(c["id"])} for c in clients if c.get("id")][:100]


@dataclass(frozen=True)
class Submission:
    """What the form asks for: ``args`` for create_invoice, or ``errors`` per block."""

    args: dict[str, Any]
    errors: dict[str, str]
    response_url: str
    channel: str


def _value(values: Mapping[str, Any], block: str) -> Mapping[str, Any]:
    found = values.get(block, {})
    inner: Any = next(iter(found.values()), {}) if isinstance(found, Mapping) else {}
    return inner if isinstance(inner, Mapping) else {}


def read(view: Mapping[str, Any]) -> Submission:
    """Read a ``view_submission``'s view into create_invoice arguments, or field errors."""
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except json.JSONDecodeError:
        meta = {}
    values = (view.get("state") or {}).get("values") or {}
    errors: dict[str, str] = {}
    args: dict[str, Any] = {}
    picked = _value(values, "client").get("selected_option") or {}
    if picked.get("value"):
        args["client_id"] = str(picked["value"])
    else:
        errors["client"] = texts.FORM_PICK_CLIENT
    try:
        args["line_items"] = parse_lines(str(_value(values, "lines").get("value") or ""), "\n;")
    except PhraseError as exc:
        errors["lines"] = str(exc).replace("`", "")
    due = _value(values, "due").get("selected_date")
    if due:
        args["due_date"] = str(due)
    if any(o.get("value") == "send" for o in _value(values, "send").get("selected_options") or []):
        args["send"] = True
    return Submission(args=args, errors=errors, response_url=str(meta.get("response_url") or ""),
                      channel=str(meta.get("channel") or ""))
