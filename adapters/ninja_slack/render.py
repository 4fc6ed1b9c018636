"""Results of the core as Block Kit: cards for one record, compact rows for a page. Pure.

Invoices, quotes and credits get a document card (amounts with currency, lines, dates);
clients a client card; pages one row per record with totals and a "More" button; anything
else its fields, generically. Every value from Invoice Ninja is escaped (``blocks.esc``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from ninja_tools import present

from . import texts
from .blocks import (
    MORE_ID,
    Block,
    Message,
    actions,
    button,
    clip,
    context,
    esc,
    fields,
    message,
    money,
    row,
    section,
    sections,
)

__all__ = ["client_card", "document_card", "more_value", "page_blocks", "render"]

_KIND = {"invoice": "Invoice", "quote": "Quote", "credit": "Credit",
         "recurring_invoice": "Recurring invoice", "purchase_order": "Purchase order"}
_LINES_SHOWN = 20
_MORE_MAX = 1900


def document_card(doc: Mapping[str, Any]) -> list[Block]:
    kind = _KIND.get(str(doc.get("kind")), "Document")
    title = f"*{kind} {esc(doc.get('number') or doc.get('id'))}*"
    state = esc(doc.get("status") or "")
    if doc.get("overdue"):
        state += " · *overdue*"
    for flag in ("archived", "deleted"):
        if doc.get(flag):
            state += f" · *{flag}*"
    currency = doc.get("currency")
    pairs = [("Client", esc(doc.get("client_name") or doc.get("vendor_name") or "—")),
             ("Status", state or "—"), ("Amount", money(doc.get("amount"), currency))]
    if doc.get("balance") is not None:
        pairs.append(("Balance", money(doc["balance"], currency)))
    if doc.get("paid_to_date"):
        pairs.append(("Paid", money(doc["paid_to_date"], currency)))
    for key, label in (("date", "Date"), ("due_date", "Due"), ("next_send_date", "Next send"),
                       ("frequency", "Every"), ("po_number", "PO")):
        if doc.get(key):
            pairs.append((label, esc(doc[key])))
    found: list[Block] = [section(title), fields(pairs)]
    lines = doc.get("line_items") or []
    if lines:
        shown = [_line(item, currency) for item in lines[:_LINES_SHOWN]]
        if len(lines) > _LINES_SHOWN:
            shown.append(f"… and {len(lines) - _LINES_SHOWN} more lines")
        found += sections(shown)
    if doc.get("public_notes"):
        found.append(context(clip(esc(doc["public_notes"]), 1000)))
    links = [f"<{esc(p['link'])}|Portal link> (contact {esc(p.get('contact'))})"
             for p in doc.get("portal_links") or [] if p.get("link")]
    if links:
        found += sections(links)
    return found


def _line(item: Mapping[str, Any], currency: Any) -> str:
    what = item.get("notes") or item.get("product_key") or ""
    quantity = float(item.get("quantity") or 0)
    text = f"{quantity:g} \u00d7 {esc(what)} @ {money(item.get('cost'), None)}"
    if item.get("line_total") is not None:
        text += f" = {money(item['line_total'], currency)}"
    if item.get("taxes"):
        text += f" ({esc(', '.join(item['taxes']))})"
    return text


def client_card(client: Mapping[str, Any]) -> list[Block]:
    title = f"*{esc(client.get('name'))}*"
    if client.get("number"):
        title += f" ({esc(client['number'])})"
    currency = client.get("currency")
    pairs = [(label, money(client[key], currency)) for key, label in (
        ("balance", "Balance"), ("paid_to_date", "Paid to date"), ("credit_balance", "Credit"))
        if client.get(key) is not None]
    pairs += [(label, esc(client[key])) for key, label in (
        ("email", "E-mail"), ("phone", "Phone"), ("address", "Address"), ("website", "Website"),
        ("vat_number", "VAT number")) if client.get(key)]
    found: list[Block] = [section(title)]
    if pairs:
        found.append(fields(pairs))
    contacts = [" ".join(filter(None, (esc(c.get("name") or ""), esc(c.get("email") or ""))))
                for c in client.get("contacts") or []]
    if contacts:
        found.append(context(clip("Contacts: " + "; ".join(c for c in contacts if c), 1900)))
    if client.get("archived") or client.get("deleted"):
        found.append(context("*deleted*" if client.get("deleted") else "*archived*"))
    return found


_MONEY = frozenset({"amount", "balance", "applied", "refunded", "paid_to_date", "price", "cost",
                    "credit_balance", "total_taxes"})


def _record_card(data: Mapping[str, Any]) -> list[Block]:
    currency = data.get("currency")
    pairs = [(key.replace("_", " ").capitalize(),
              money(value, currency) if key in _MONEY else _scalar(value))
             for key, value in data.items()
             if key not in ("raw", "id", "currency") and not key.endswith("_id")
             and isinstance(value, str | int | float | bool)]
    found = [section(row(data))]
    if pairs:
        found.append(fields(pairs))
    return found


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return esc(value)


def more_value(action: str, args: Mapping[str, Any], page: int) -> str | None:
    """The "More" button's value: the list action and its arguments with the next page."""
    value = json.dumps({"a": action, "args": {**args, "page": page}}, separators=(",", ":"))
    return value if len(value) <= _MORE_MAX else None


def page_blocks(page: Mapping[str, Any], *, label: str, more: str | None) -> list[Block]:
    items = page.get("items") or []
    if not items:
        return [section(texts.NOTHING_FOUND)]
    count = texts.PAGE_OF.format(count=page.get("count", len(items)), total=page.get("total"))
    showing = texts.SHOWING.format(page=page.get("page", 1))
    found: list[Block] = [section(f"*{esc(label)}*: {count} ({showing})")]
    found += sections(row(item) for item in items)
    totals = page.get("totals") or []
    if totals:
        sums = "; ".join(
            money(t["amount"], t.get("currency")) + (
                f" (balance {money(t['balance'], t.get('currency'))})" if t.get("balance") else "")
            for t in totals)
        found.append(context(texts.TOTALS.format(totals=sums)))
    if more:
        found.append(actions("ninja_more", button(texts.MORE, MORE_ID, value=more)))
    return found


def _blocks_for(data: Mapping[str, Any]) -> list[Block]:
    """One record as a card, chosen by its shape."""
    if data.get("kind") in _KIND:
        return document_card(data)
    if "name" in data and ("balance" in data or "contacts" in data or "paid_to_date" in data):
        return client_card(data)
    return _record_card(data)


def _value_blocks(label: str, value: Any) -> list[Block]:
    """A nested record as its card, a list of records as rows, anything else as JSON."""
    if isinstance(value, Mapping) and "id" in value:
        return _blocks_for(value)
    if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        return [section(f"*{label}*"), *sections(row(v) for v in value)]
    text = json.dumps(value, ensure_ascii=False, default=str)
    return [section(f"*{label}*: `{clip(esc(text), 2800)}`")]


def _generic(data: Mapping[str, Any]) -> list[Block]:
    """Any other result: its message, its plain fields in one section, then the rest."""
    lines: list[str] = [esc(data["message"])] if data.get("message") else []
    rest: list[Block] = []
    for key, value in data.items():
        if key in ("message", "raw") or value in (None, [], {}):
            continue
        label = key.replace("_", " ").capitalize()
        if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            lines.append(f"*{label}*: {esc(', '.join(str(v) for v in value))}")
        elif isinstance(value, Mapping | list):
            rest += _value_blocks(label, value)
        else:
            lines.append(f"*{label}*: {_scalar(value)}")
    return [*sections(lines), *rest]


def render(result: BaseModel | Mapping[str, Any], *, title: str, share: bool = False,
           more: str | None = None) -> Message:
    """A reply for one result; ``title`` names what was done (``List invoices``)."""
    data = present.dump(result) if isinstance(result, BaseModel) else dict(result)
    if isinstance(result, present.Page) or ("items" in data and "total" in data):
        blocks = page_blocks(data, label=title, more=more)
        total = data.get("total", 0)
        return message(f"{esc(title)}: {total}", blocks, share=share)
    if isinstance(result, present.Document | present.Client) or (
            "id" in data and ("kind" in data or "name" in data)):
        blocks = _blocks_for(data)
        return message(row(data), blocks, share=share)
    blocks = [section(f"*{esc(title)}*"), *_generic(data)]
    text = esc(data.get("message") or title)
    return message(clip(text, 300), blocks, share=share)
