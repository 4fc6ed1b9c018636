"""Block Kit building blocks: escaping, money, rows, cards, help and confirmation cards. Pure.

Every text that came from Invoice Ninja goes through ``esc`` (``&``, ``<``, ``>``), so a client
called ``<!channel>`` can neither break the layout nor ping anyone; our own texts are mrkdwn.
Slack's limits are kept here: 3000 characters a section, 150 a header, 75 a button, 50 blocks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ninja_tools.confirm import Pending
from ninja_tools.visible import visible

from . import texts

__all__ = ["Block", "Message", "actions", "button", "clip", "confirm_card", "context", "esc",
           "fields", "help_blocks", "message", "money", "row", "sections"]

Block = dict[str, Any]
Message = dict[str, Any]

SECTION_MAX = 3000
BUTTON_MAX = 75
FIELD_MAX = 2000
BLOCKS_MAX = 50

# action_ids of our interactive elements
CONFIRM_ID = "ninja_confirm"
CANCEL_ID = "ninja_cancel"
PAGE_ID = "ninja_open_page"
MORE_ID = "ninja_more"


def esc(value: Any) -> str:
    """Text from Invoice Ninja, made inert for mrkdwn: ``&``, ``<`` and ``>`` escaped, and
    characters that hide or reorder text written out (``visible``)."""
    return visible(str(value)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, with an ellipsis when cut (never inside an ``&...;``)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"


def money(amount: Any, currency: Any = None) -> str:
    """``1,165.00 USD``; the currency as Invoice Ninja names it, escaped."""
    try:
        number = f"{float(amount):,.2f}"
    except (TypeError, ValueError):
        return esc(amount)
    return f"{number} {esc(currency)}" if currency else number


def _words(key: str) -> str:
    return key.replace("_", " ").capitalize()


# -- primitives -----------------------------------------------------------------------------------

def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, SECTION_MAX)}}


def sections(lines: Iterable[str]) -> list[Block]:
    """Lines packed into as few sections as Slack's size limit allows."""
    found: list[Block] = []
    chunk = ""
    for line in lines:
        line = clip(line, SECTION_MAX)
        if chunk and len(chunk) + 1 + len(line) > SECTION_MAX:
            found.append(section(chunk))
            chunk = ""
        chunk = f"{chunk}\n{line}" if chunk else line
    if chunk:
        found.append(section(chunk))
    return found


def context(*parts: str) -> Block:
    return {"type": "context",
            "elements": [{"type": "mrkdwn", "text": clip(p, FIELD_MAX)} for p in parts[:10]]}


def fields(pairs: Sequence[tuple[str, str]]) -> Block:
    """A section of up to ten ``*label*\\nvalue`` fields (values already escaped)."""
    return {"type": "section", "fields": [
        {"type": "mrkdwn", "text": clip(f"*{label}*\n{value}", FIELD_MAX)}
        for label, value in pairs[:10]]}


def button(text: str, action_id: str, *, value: str | None = None, url: str | None = None,
           style: str | None = None) -> Block:
    element: Block = {"type": "button", "action_id": action_id,
                      "text": {"type": "plain_text", "text": clip(text, BUTTON_MAX)}}
    if value is not None:
        element["value"] = value
    if url is not None:
        element["url"] = url
    if style is not None:
        element["style"] = style
    return element


def actions(block_id: str, *elements: Block) -> Block:
    return {"type": "actions", "block_id": block_id, "elements": list(elements)}


def message(text: str, blocks: Sequence[Block] = (), *, share: bool = False,
            replace: bool | None = None) -> Message:
    """A reply: ``text`` is the notification fallback (mrkdwn, escaped by the caller)."""
    reply: Message = {"text": clip(text, SECTION_MAX),
                      "response_type": "in_channel" if share else "ephemeral"}
    if blocks:
        kept = list(blocks)
        if len(kept) > BLOCKS_MAX:
            kept = [*kept[: BLOCKS_MAX - 1], context("…")]
        reply["blocks"] = kept
    if replace is not None:
        reply["replace_original"] = replace
    return reply


# -- rows -----------------------------------------------------------------------------------------

_HEAD_KEYS = ("number", "name", "product_key", "label", "description", "id")


def _head(data: Mapping[str, Any]) -> str:
    if data.get("name") and data.get("number") and "kind" not in data:
        return f"*{esc(data['name'])}* ({esc(data['number'])})"
    key = next((k for k in _HEAD_KEYS if data.get(k)), None)
    if key is None:
        return "—"
    return f"`{esc(data[key])}`" if key == "number" else f"*{esc(data[key])}*"


def row(data: Mapping[str, Any]) -> str:
    """One record as one compact line: number or name, who, amounts, dates, state."""
    parts = [_head(data)]
    who = data.get("client_name") or data.get("vendor_name")
    if who and who != data.get("name"):
        parts.append(esc(who))
    currency = data.get("currency")
    if data.get("amount") is not None:
        parts.append(money(data["amount"], currency))
    balance = data.get("balance")
    if balance is not None and (balance != data.get("amount") or "amount" not in data):
        parts.append(f"balance {money(balance, currency)}")
    for key, word in (("date", ""), ("due_date", "due ")):
        if data.get(key) and not (key == "date" and data.get("due_date")):
            parts.append(f"{word}{esc(data[key])}")
    if data.get("status"):
        parts.append(esc(data["status"]))
    if data.get("outcome"):
        parts.append(f"_{esc(data['outcome'])}_")
    flags = [f for f in ("overdue", "archived", "deleted") if data.get(f)]
    if flags:
        parts.append(" ".join(f"*{f}*" for f in flags))
    return " · ".join(parts)


# -- help -----------------------------------------------------------------------------------------

def help_blocks(entries: Sequence[texts.Entry], role: str, hidden: int) -> list[Block]:
    lines = []
    for entry in entries:
        examples = ", ".join(f"`{texts.COMMAND} {esc(e)}`" for e in entry.examples)
        lines.append(f"*`{esc(entry.usage)}`*\n{entry.summary} _e.g._ {examples}")
    found = [section(f"*{texts.HELP_TITLE}*\n{texts.HELP_ROLE.format(role=role)}"),
             *sections(lines)]
    if hidden:
        found.append(context(texts.HELP_HIDDEN.format(count=hidden)))
    return found


# -- confirmation ---------------------------------------------------------------------------------

def _expires(pending: Pending) -> str:
    return pending.expires_at.astimezone(dt.UTC).strftime("%H:%M")


def confirm_card(pending: Pending, user_id: str) -> list[Block]:
    """The question and buttons that carry only the confirmation's id (no secret).

    A password (or, for a user without one, the record's name) is typed on the confirm page,
    reached through a link button; anything else is confirmed with the Confirm button.
    """
    who = context(texts.CONFIRM_WHO.format(user=user_id, time=_expires(pending)))
    question = section(f"{texts.CONFIRM_TITLE}\n{esc(pending.question)}")
    cancel = button(texts.CANCEL, CANCEL_ID, value=pending.id)
    if pending.needs == "yes":
        confirm = button(texts.CONFIRM, CONFIRM_ID, value=pending.id, style="danger")
        return [question, actions("ninja_confirmation", confirm, cancel), who]
    why = texts.PAGE_WHY if pending.needs == "password" else (
        f"{esc(pending.why)} {texts.PAGE_NAME_WHY}".strip())
    page = button(texts.OPEN_PAGE, PAGE_ID, url=pending.url, style="primary", value=pending.id)
    return [question, section(why), actions("ninja_confirmation", page, cancel), who]
