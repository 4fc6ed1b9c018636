"""The words of a confirmation question; pure, and imports no mcp, slack or adapters.

Pure functions from what was read (snapshots, lookups, the call's other arguments) to the
question, its detail lines and the name an OAuth user types. No I/O.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from .. import present
from ..actions.base import Action
from ..resources import Resource
from .targets import Snapshot

__all__ = ["Wording", "extra_arguments", "label", "word"]

#: Targets named in the question itself; the rest are counted ("and 12 more").
SHOWN = 10
#: Arguments that only name targets or shape output: the question says them already.
_QUIET = frozenset({"ids", "id", "mergeable_id", "number", "raw"})


def _words(snake: str) -> str:
    return snake.replace("_", " ")


def _money(amount: Any, currency: str | None) -> str:
    try:
        return f"{float(amount):,.2f} {currency or ''}".strip()
    except (TypeError, ValueError):
        return ""


def label(snap: Snapshot, lookups: present.Lookups) -> str:
    """One target in a few words: number or name, client, amount ("0012 Acme 1,200.00 USD")."""
    if snap.record is None:
        return snap.id
    shaped = present.dump(present.shape(snap.res.singular, snap.record, lookups))
    named_first = snap.res.singular in ("client", "vendor", "project")
    keys = ("name", "number") if named_first else ("number", "name")
    head = str(next((shaped[k] for k in (*keys, "product_key", "label", "description")
                     if shaped.get(k)), snap.id))
    parts = [head]
    who = shaped.get("client_name") or shaped.get("vendor_name")
    if who and who != head:
        parts.append(str(who))
    if "amount" in shaped:
        parts.append(_money(shaped["amount"], shaped.get("currency")))
    aside = [str(shaped["number"])] if named_first and shaped.get("number") else []
    if shaped.get("balance") is not None and "amount" not in shaped:
        aside.append(f"balance {_money(shaped['balance'], shaped.get('currency'))}")
    if shaped.get("deleted"):
        aside.append("deleted")
    elif shaped.get("archived"):
        aside.append("archived")
    if aside:
        parts.append(f"({', '.join(aside)})")
    return " ".join(p for p in parts if p)


def name_of(snap: Snapshot) -> str:
    """What an OAuth user types to confirm: the record's name, else its number, else its id."""
    record = snap.record or {}
    for key in ("name", "number", "product_key"):
        text = str(record.get(key) or "").strip()
        if text:
            return text
    return snap.id


def _verb(action: Action, res: Resource | None) -> str:
    """``delete_invoices`` -> ``Delete``; the title when the name has no noun at its end."""
    for noun in ((res.plural, res.singular) if res else ()):
        if action.name.endswith("_" + noun) and len(action.name) > len(noun) + 1:
            return _words(action.name[: -len(noun) - 1]).capitalize()
    return action.title


def _counted(counts: tuple[tuple[str, int], ...]) -> str:
    parts = [f"{n} {_words(path) if n != 1 else _words(path).removesuffix('s')}"
             for path, n in counts if n]
    if not parts:
        return "no invoices, payments or other records"
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]


def extra_arguments(params: BaseModel) -> list[str]:
    """The call's other arguments, as ``name: value`` lines (amounts, dates, flags...)."""
    lines = []
    for key, value in params.model_dump(mode="json", exclude_none=True,
                                        exclude_defaults=True).items():
        if key in _QUIET or value in ({}, [], ""):
            continue
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        lines.append(f"{_words(key)}: {text[:500]}{'...' if len(text) > 500 else ''}")
    return lines


class Wording:
    """The question, the detail lines and the name to type, for one call and its targets."""

    def __init__(self, question: str, details: Sequence[str], name: str) -> None:
        self.question = question
        self.details = tuple(details)
        self.name = name


def _purge(snap: Snapshot, text: str, what: str) -> Wording:
    question = (f"Purge {what} {text} for good, with {_counted(snap.counts)}. Invoice Ninja "
                "cannot bring any of it back.")
    return Wording(question, [text], name_of(snap))


def _merge(keep: Snapshot, merged: Snapshot, lookups: present.Lookups, what: str) -> Wording:
    kept, gone = label(keep, lookups), label(merged, lookups)
    question = (f"Merge {what} {gone}, with {_counted(merged.counts)}, into {kept}; "
                f"{name_of(merged)} is then removed for good.")
    return Wording(question, [f"stays: {kept}", f"merged and removed: {gone}"], name_of(merged))


def word(action: Action, res: Resource | None, snaps: Sequence[Snapshot],
         lookups: present.Lookups, params: BaseModel) -> Wording:
    """The question for ``action`` on ``snaps`` (which may be empty: then the arguments)."""
    extras = extra_arguments(params)
    what = _words(res.singular) if res else ""
    path = action.route.path
    if path.endswith("/purge") and len(snaps) == 1:
        wording = _purge(snaps[0], label(snaps[0], lookups), what)
    elif path.endswith("/merge") and len(snaps) == 2:
        keep, merged = sorted(snaps, key=lambda s: s.role != "keep")
        wording = _merge(keep, merged, lookups, what)
    elif snaps and res is not None:
        labels = [label(s, lookups) for s in snaps]
        verb = _verb(action, res)
        if len(snaps) == 1:
            question = f"{verb} {what} {labels[0]}"
        else:
            shown = ", ".join(labels[:SHOWN])
            more = f" and {len(labels) - SHOWN} more" if len(labels) > SHOWN else ""
            question = f"{verb} {len(snaps)} {_words(res.plural)}: {shown}{more}"
        name = name_of(snaps[0]) if len(snaps) == 1 else f"{len(snaps)} {_words(res.plural)}"
        wording = Wording(question, labels, name)
    else:
        wording = Wording(action.title, [], action.name)
    if extras:
        wording.question += f" ({'; '.join(extras)})"
        wording.details += tuple(extras)
    wording.question = wording.question.rstrip(".") + "."
    return wording
