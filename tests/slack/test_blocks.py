"""Block Kit building, without I/O: escaping, cards, rows, limits, confirmation cards, help."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from ninja_slack import texts
from ninja_slack.blocks import (
    CANCEL_ID,
    CONFIRM_ID,
    MORE_ID,
    PAGE_ID,
    clip,
    confirm_card,
    esc,
    help_blocks,
    message,
    money,
    row,
)
from ninja_slack.render import client_card, document_card, more_value, render
from ninja_tools import present
from ninja_tools.confirm import Pending

NASTY = "<!channel> & <b>"
_CONTROL = re.compile(r"<[^>]*>")


def harmless(value: Any) -> None:
    """No Slack control sequence but our own user mentions, and every ``&`` an entity."""
    text = json.dumps(value, ensure_ascii=False)
    for found in _CONTROL.findall(text):
        assert re.fullmatch(r"<@U[A-Z0-9]+>", found), f"{found!r} would be parsed by Slack"
    assert not re.search(r"&(?!amp;|lt;|gt;)", text), "a bare & would be parsed by Slack"


def doc(**extra: Any) -> dict[str, Any]:
    return {"kind": "invoice", "id": "abc123XYZ", "number": "0042", "status": "sent",
            "client_name": NASTY, "amount": 1200.5, "balance": 200, "currency": "USD",
            "due_date": "2026-04-30", "public_notes": f"Thanks {NASTY}",
            "line_items": [{"notes": NASTY, "quantity": 2, "cost": 600.25, "line_total": 1200.5}],
            **extra}


def test_escaping() -> None:
    assert esc(NASTY) == "&lt;!channel&gt; &amp; &lt;b&gt;"
    assert esc("&lt;") == "&amp;lt;"  # already-escaped text is shown as typed, not unescaped
    assert clip("ab&amp;cd", 5) == "ab…" and clip("abc", 3) == "abc"


def test_money_has_its_currency() -> None:
    assert money(1165, "USD") == "1,165.00 USD"
    assert money("12.5", None) == "12.50"
    assert money("n/a", "EUR") == "n/a"
    assert money(1, NASTY) == "1.00 &lt;!channel&gt; &amp; &lt;b&gt;"


def test_document_card_is_harmless_and_complete() -> None:
    card = document_card(doc(overdue=True))
    harmless(card)
    text = json.dumps(card, ensure_ascii=False)
    assert "*Invoice 0042*" in text and "1,200.50 USD" in text and "*overdue*" in text
    assert "2 \u00d7 &lt;!channel&gt; &amp; &lt;b&gt; @ 600.25 = 1,200.50 USD" in text
    assert "Thanks &lt;!channel&gt;" in text


def test_client_card_and_rows() -> None:
    client = {"id": "c1", "name": NASTY, "number": "0009", "balance": 10, "currency": "EUR",
              "email": "a@b.example", "contacts": [{"id": "k", "name": NASTY}]}
    harmless(client_card(client))
    assert row(client) == "*&lt;!channel&gt; &amp; &lt;b&gt;* (0009) · balance 10.00 EUR"
    assert row(doc()) == ("`0042` · &lt;!channel&gt; &amp; &lt;b&gt; · 1,200.50 USD · balance"
                          " 200.00 USD · due 2026-04-30 · sent")


def test_page_has_rows_totals_and_more() -> None:
    page = present.Page[present.Document](
        items=[present.Document.model_validate(doc(number=f"{n:04d}")) for n in range(1, 4)],
        count=3, total=7, page=1, per_page=3, next_page=2,
        totals=[present.Total(currency="USD", amount=3601.5, balance=600)])
    more = more_value("list_invoices", {"status": "sent", "per_page": 3}, 2)
    reply = render(page, title="List invoices", more=more)
    harmless(reply)
    text = json.dumps(reply)
    assert "*List invoices*: 3 of 7 (page 1)" in text
    assert "Totals: 3,601.50 USD (balance 600.00 USD)" in text
    assert reply["blocks"][-1]["elements"][0]["action_id"] == MORE_ID
    assert json.loads(reply["blocks"][-1]["elements"][0]["value"]) == {
        "a": "list_invoices", "args": {"status": "sent", "per_page": 3, "page": 2}}
    assert reply["response_type"] == "ephemeral"
    assert render(page, title="x", share=True)["response_type"] == "in_channel"


def test_empty_page_and_generic_results() -> None:
    empty = present.Page[present.Client](items=[], count=0, total=0, page=1, per_page=20)
    assert texts.NOTHING_FOUND in json.dumps(render(empty, title="List clients"))
    generic = render(present.Message(message=NASTY, details={"rows": [{"id": "1",
                                                                        "name": NASTY}]}),
                     title="Ping")
    harmless(generic)


def test_limits_are_kept() -> None:
    long = message("x" * 5000, [{"type": "divider"}] * 80)
    assert len(long["text"]) <= 3000 and len(long["blocks"]) == 50
    page = render({"items": [doc(number=f"{n:04d}", public_notes="y" * 900) for n in range(200)],
                   "count": 200, "total": 200, "page": 1}, title="List")
    for block in page["blocks"]:
        assert len(block.get("text", {}).get("text", "")) <= 3000
    assert more_value("list_invoices", {"client": "x" * 3000}, 2) is None  # too big for a button


def pending(needs: str) -> Pending:
    return Pending(id="AbCdEfGhIjKlMnOpQrSt", action="delete_invoices", title="Delete invoices",
                   risk="password" if needs != "yes" else "destructive",
                   question=f"Delete invoice 0042 {NASTY} 1,200.00 USD.", details=(),
                   url="https://ninja.example/confirm/AbCdEfGhIjKlMnOpQrSt",
                   expires_at=dt.datetime(2030, 1, 1, 10, 42, tzinfo=dt.UTC), needs=needs,
                   why=f"{NASTY} signs in with Google" if needs == "name" else "")


def _buttons(card: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["action_id"]: e for b in card for e in b.get("elements", []) if "action_id" in e}


def test_confirm_card_carries_only_the_id() -> None:
    card = confirm_card(pending("yes"), "U0ADMIN")
    harmless(card)
    buttons = _buttons(card)
    assert set(buttons) == {CONFIRM_ID, CANCEL_ID}
    assert {b["value"] for b in buttons.values()} == {"AbCdEfGhIjKlMnOpQrSt"}
    assert "url" not in buttons[CONFIRM_ID]
    text = json.dumps(card)
    assert "Only <@U0ADMIN> can answer. Expires at 10:42 UTC." in text
    assert "plain_text_input" not in text


def test_password_card_links_to_the_page_and_asks_nothing() -> None:
    for needs in ("password", "name"):
        card = confirm_card(pending(needs), "U0ADMIN")
        harmless(card)
        buttons = _buttons(card)
        assert set(buttons) == {PAGE_ID, CANCEL_ID}
        assert buttons[PAGE_ID]["url"] == "https://ninja.example/confirm/AbCdEfGhIjKlMnOpQrSt"
        assert "input" not in json.dumps(card)


def test_help_escapes_its_placeholders() -> None:
    blocks = help_blocks(texts.HELP, "admin", 0)
    harmless(blocks)
    text = json.dumps(blocks)
    assert "`show &lt;number&gt;`" in text and "`/invoice show 0014`" in text
    hidden = json.dumps(help_blocks(texts.HELP[:3], "viewer", 5))
    assert "5 more commands need a higher role." in hidden
