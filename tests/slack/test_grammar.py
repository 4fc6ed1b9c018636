"""The ``/invoice`` grammar, without I/O: every form, the help's examples, and bad input."""

from __future__ import annotations

from typing import Any

import pytest

from ninja_slack import texts
from ninja_slack.entities import Vocabulary
from ninja_slack.grammar import Actions, Help, NewInvoice, Ref, Run, Usage, parse, unslack
from ninja_slack.lines import Due, PhraseError, parse_amount, parse_due, parse_line, parse_lines
from ninja_tools.actions import catalog

WORDS = Vocabulary(catalog())


def run(text: str) -> Run:
    parsed = parse(text, WORDS)
    assert isinstance(parsed, Run), parsed
    return parsed


def usage(text: str) -> str:
    parsed = parse(text, WORDS)
    assert isinstance(parsed, Usage), parsed
    return parsed.text


@pytest.mark.parametrize(("text", "action", "args"), [
    ("overdue", "list_invoices", {"status": "overdue"}),
    ("unpaid Acme Corporation", "list_invoices",
     {"status": "unpaid", "client": "Acme Corporation"}),
    ("drafts", "list_invoices", {"status": "draft"}),
    ("list", "list_invoices", {}),
    ("list paid", "list_invoices", {"status": "paid"}),
    ("LIST Sent globex", "list_invoices", {"status": "sent", "client": "globex"}),
    ("list Acme Corporation", "list_invoices", {"client": "Acme Corporation"}),
    ("show 0042", "get_invoice", {"id": Ref("invoice", "0042")}),
    ("invoice 0042", "get_invoice", {"id": Ref("invoice", "0042")}),
    ("send 0042", "send_invoice", {"number": "0042"}),
    ("send quote 0007", "send_quote", {"number": "0007"}),
    ("send credit 0003", "send_credit", {"number": "0003"}),
    ("paid 0042", "mark_invoice_paid", {"number": "0042"}),
    ("paid 0042 1,250.50", "record_payment", {"invoice": "0042", "amount": 1250.5}),
    ("paid 0042 12,50", "record_payment", {"invoice": "0042", "amount": 12.5}),
    ("pdf 0042", "download_invoice_pdf", {"number": "0042"}),
    ("pdf quote 0007", "download_quote_pdf", {"id": Ref("quote", "0007")}),
    ("pdf purchase-order 0002", "download_purchase_order_pdf",
     {"id": Ref("purchase_order", "0002")}),
    ("clients", "list_clients", {}),
    ("clients acme", "find_clients", {"search": "acme"}),
    ("client Acme Corporation", "get_client", {"id": Ref("client", "Acme Corporation")}),
    ("quotes", "list_quotes", {}),
    ("quotes approved Acme", "list_quotes", {"client_status": ["approved"], "filter": "Acme"}),
    ("payments", "list_payments", {}),
    ("credits", "list_credits", {}),
    ("expenses", "list_expenses", {}),
    ("recurring", "list_recurring_invoices", {}),
    ("purchase-orders", "list_purchase_orders", {}),
    ("tax_rates", "list_tax_rates", {}),
    ("quote 0007", "get_quote", {"id": Ref("quote", "0007")}),
    ("payment 0001", "get_payment", {"id": Ref("payment", "0001")}),
    ("delete 0041 0042", "delete_invoices",
     {"ids": [Ref("invoice", "0041"), Ref("invoice", "0042")]}),
    ("delete 0041,0042 0041", "delete_invoices",
     {"ids": [Ref("invoice", "0041"), Ref("invoice", "0042")]}),
    ("delete quotes 0007", "delete_quotes", {"ids": [Ref("quote", "0007")]}),
    ("archive 0041", "archive_invoices", {"ids": [Ref("invoice", "0041")]}),
    ("restore credit 0003", "restore_credits", {"ids": [Ref("credit", "0003")]}),
    ("purge Globex", "purge_client", {"id": Ref("client", "Globex")}),
    ('purge "Acme Corporation"', "purge_client", {"id": Ref("client", "Acme Corporation")}),
    ("run list_invoices status=overdue per_page=5", "list_invoices",
     {"status": "overdue", "per_page": "5"}),
    ("run send_invoice number=0042", "send_invoice", {"number": "0042"}),
    ("run Create_Invoice client='Acme Corporation' send=true"
     " line_items='[{\"notes\": \"Audit\", \"cost\": 500}]'", "create_invoice",
     {"client": "Acme Corporation", "send": True, "line_items": [{"notes": "Audit", "cost": 500}]}),
    ("run delete_invoices ids=a1b2c3d4e5,f6g7h8i9j0", "delete_invoices",
     {"ids": "a1b2c3d4e5,f6g7h8i9j0"}),
])
def test_forms(text: str, action: str, args: dict[str, Any]) -> None:
    parsed = run(text)
    assert (parsed.action, dict(parsed.args), parsed.share) == (action, args, False)


@pytest.mark.parametrize(("text", "args"), [
    ("create Acme 10 x Consulting @ 150",
     {"client": "Acme", "line_items": [{"quantity": 10.0, "notes": "Consulting", "cost": 150.0}]}),
    ("create Acme Corporation 10x Consulting @ 1,200.50",
     {"client": "Acme Corporation",
      "line_items": [{"quantity": 10.0, "notes": "Consulting", "cost": 1200.5}]}),
    ("create Globex 2 x Design @ 400; 1 x Hosting @ 25 due 2026-04-30 send",
     {"client": "Globex", "send": True, "due_date": "2026-04-30",
      "line_items": [{"quantity": 2.0, "notes": "Design", "cost": 400.0},
                     {"quantity": 1.0, "notes": "Hosting", "cost": 25.0}]}),
    ('create "3M Company" 1.5 \u00d7 Audit work @ 90 due in 30 days',
     {"client": "3M Company", "payment_terms_days": 30,
      "line_items": [{"quantity": 1.5, "notes": "Audit work", "cost": 90.0}]}),
    ("create Acme 2 Corp 3 x Widgets @ 5",
     {"client": "Acme 2 Corp", "line_items": [{"quantity": 3.0, "notes": "Widgets", "cost": 5.0}]}),
])
def test_one_line_create(text: str, args: dict[str, Any]) -> None:
    parsed = run(text)
    assert parsed.action == "create_invoice" and dict(parsed.args) == args


def test_other_forms() -> None:
    assert parse("", WORDS) == Help()
    assert parse("help", WORDS) == Help()
    assert parse("new", WORDS) == NewInvoice()
    assert parse("actions", WORDS) == Actions()
    assert parse("actions Invoices", WORDS) == Actions(toolset="invoices")
    shared = parse("share overdue Globex", WORDS)
    assert shared == Run("list_invoices", {"status": "overdue", "client": "Globex"}, share=True)
    assert parse("share help", WORDS) == Help(share=True)


@pytest.mark.parametrize(("text", "expected"), [
    ("shwo 0042", "Did you mean `show`? Usage: `/invoice show <number>`"),
    ("qoutes", "Did you mean `quotes`?"),
    ("frobnicate", "`/invoice help` lists what you can do."),
    ("show", "Say which invoice"),
    ("show 0042 0043", "I did not understand `0043`"),
    ("paid", "Usage: `/invoice paid <number> [amount]`"),
    ("paid 0042 lots", "`lots` is not an amount."),
    ("paid 0042 -5", "`-5` is not an amount."),
    ("create", "Name the client first"),
    ("create 10 x Consulting @ 150", "Name the client first"),
    ("create Acme", "Give at least one line item"),
    ("create Acme 10 x Consulting", "is not a line item"),
    ("create Acme 10 x Consulting @ 150; two x Travel @ 5", "`two x Travel @ 5` is not a line"),
    ("create Acme 10 x Consulting @ 150 due tomorrow", "`tomorrow` is not a date"),
    ("delete", "Say which invoice"),
    ("send payment 0001", "There is no `send` for payments."),
    ("run", "Name the action to run"),
    ("run list_invoices status", "`status` is not `key=value`."),
    ("run create_invoice line_items=[{oops}]", "looks like JSON but is not valid"),
    ('show "0042', "A quote mark is not closed."),
    ("share", "Share what?"),
    ("new invoice please", "I did not understand"),
    ("activities big", "The activity list takes no search words."),
])
def test_bad_input_answers_with_the_nearest_usage(text: str, expected: str) -> None:
    assert expected in usage(text)


@pytest.mark.parametrize("text", texts.example_commands())
def test_every_help_example_parses(text: str) -> None:
    assert not isinstance(parse(text, WORDS), Usage)


def test_help_examples_cover_every_form() -> None:
    """Each entry has examples, and each usage's command words are real commands."""
    for entry in texts.HELP:
        assert entry.examples, entry.usage
        assert len(entry.summary) < 200


def test_slack_escapes_and_curly_quotes_are_undone() -> None:
    assert unslack("create “Smith &amp; Sons” 1 x A &lt;b&gt; @ 5") == (
        'create "Smith & Sons" 1 x A <b> @ 5')
    parsed = run("create “Smith &amp; Sons” 1 x A @ 5")
    assert parsed.args["client"] == "Smith & Sons"
    curly = "client \u2018Acme Corporation\u2019"
    assert run(curly).args["id"] == Ref("client", "Acme Corporation")


def test_nothing_raises_on_odd_input() -> None:
    for text in ("\x00", "'", '"', "run x=", "create ;;;", "paid 1 2 3", "@ @ @", "x" * 5000,
                 "delete ,,,", "share share share", "list " + "a " * 300):
        assert isinstance(parse(text, WORDS), Run | Usage | Help)


def test_phrases() -> None:
    assert parse_line("3 x Travel to Paris @ 1,200") == {
        "quantity": 3.0, "notes": "Travel to Paris", "cost": 1200.0}
    assert parse_lines("1 x A @ 5\n\n2 x B @ 6;") == [
        {"quantity": 1.0, "notes": "A", "cost": 5.0}, {"quantity": 2.0, "notes": "B", "cost": 6.0}]
    assert parse_due("in 1 day") == Due(days=1) and parse_due("2026-02-03").as_args() == {
        "due_date": "2026-02-03"}
    assert parse_amount("1 000.5") == 1000.5
    for bad in ("nan", "inf", "1e400", ""):
        with pytest.raises(PhraseError):
            parse_amount(bad)
    with pytest.raises(PhraseError):
        parse_line("10 xylophones @ 5")


def test_portal_links_are_asked_for_and_never_shared() -> None:
    asked = run("links 0014")
    assert asked.action == "get_invoice" and asked.args["portal_links"] is True
    assert "never shared" in usage("share links 0014")
