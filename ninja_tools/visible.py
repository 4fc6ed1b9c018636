"""Text for a person's eyes: characters that hide or reorder what is shown, made visible.

Control characters (but line breaks and tabs) and the bidirectional embeddings, overrides and
isolates (U+202A-U+202E, U+2066-U+2069) let a record's name hide or reverse the words around it
in a confirmation question. The faces that show text to people (the confirm page, Slack) pass
Invoice Ninja's text through ``visible`` before escaping it; data (tool results) keeps them.
"""

from __future__ import annotations

import re

__all__ = ["visible"]

_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with each hiding character written as its escape (``\\x07``, ``\\u202e``)."""
    return _HIDDEN.sub(_escape, text)
