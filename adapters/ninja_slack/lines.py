"""Reads the small phrases people type for invoices: line items, amounts and due dates. Pure.

``10 x Consulting @ 150`` is one line item (quantity, what, price); ``due 2026-04-30`` and
``due in 14 days`` are due dates. Used by the one-line ``create`` and by the new-invoice form.
Imports nothing but ``texts``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from . import texts

__all__ = ["LINE_START", "Due", "PhraseError", "parse_amount", "parse_due", "parse_line",
           "parse_lines"]

_NUMBER = r"\d+(?:[.,]\d+)*"
#: ``<qty> x <item> @ <price>``; the ``x`` stands alone, so ``10 xylophones`` is not a quantity.
_TIMES = "x\u00d7*"  # x, the multiplication sign, or *
LINE_START = rf"{_NUMBER}\s*[{_TIMES}]\s+"
_LINE = re.compile(
    rf"^(?P<qty>{_NUMBER})\s*[{_TIMES}]\s+(?P<item>.+?)\s*@\s*(?P<price>{_NUMBER})$", re.IGNORECASE)
_IN_DAYS = re.compile(r"^in\s+(\d{1,4})\s+days?$", re.IGNORECASE)


class PhraseError(ValueError):
    """Raised with a sentence for the user when a phrase cannot be read."""


def parse_amount(text: str) -> float:
    """``1,200.50`` -> 1200.5; thousands commas are allowed, a decimal comma alone too."""
    raw = text.strip()
    cleaned = raw.replace(" ", "")
    if re.fullmatch(r"\d+,\d{1,2}", cleaned):  # 12,50: a decimal comma
        cleaned = cleaned.replace(",", ".")
    cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        raise PhraseError(texts.BAD_AMOUNT.format(text=raw)) from None
    if not math.isfinite(value) or value < 0:
        raise PhraseError(texts.BAD_AMOUNT.format(text=raw))
    return value


def parse_line(text: str) -> dict[str, Any]:
    """``10 x Consulting @ 150`` -> ``{"quantity": 10.0, "notes": "Consulting", "cost": 150.0}``."""
    found = _LINE.match(" ".join(text.split()))
    if not found:
        raise PhraseError(texts.BAD_LINE.format(text=text.strip()))
    return {"quantity": parse_amount(found["qty"]), "notes": found["item"].strip(),
            "cost": parse_amount(found["price"])}


def parse_lines(text: str, separators: str = ";\n") -> list[dict[str, Any]]:
    """Several line items separated by ``;`` or new lines; blank ones are skipped."""
    parts = re.split(f"[{re.escape(separators)}]", text)
    lines = [parse_line(part) for part in parts if part.strip()]
    if not lines:
        raise PhraseError(texts.NO_LINES)
    return lines


@dataclass(frozen=True)
class Due:
    """A due date: an exact date, or a number of days after the invoice date."""

    date: str | None = None
    days: int | None = None

    def as_args(self) -> dict[str, Any]:
        return {"due_date": self.date} if self.date else {"payment_terms_days": self.days}


def parse_due(text: str) -> Due:
    """``2026-04-30`` or ``in 14 days``."""
    raw = " ".join(text.split())
    days = _IN_DAYS.match(raw)
    if days:
        return Due(days=int(days.group(1)))
    try:
        return Due(date=dt.date.fromisoformat(raw).isoformat())
    except ValueError:
        raise PhraseError(texts.BAD_DATE.format(text=raw)) from None
