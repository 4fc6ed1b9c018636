"""create_quote, send_quote, approve_quote and convert_quote_to_invoice against the sandbox."""

from __future__ import annotations

from typing import Any

import pytest

from ninja_tools.errors import InvalidInput, NinjaError, NotFound
from ninja_tools.present import dump
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import Recorder

BULK = ("POST", "/api/v1/quotes/bulk")


def _quote(state: SandboxState, number: str) -> dict[str, Any]:
    return next(r for r in state.store.rows("quote") if r["number"] == number)


async def test_create_quote_for_a_client_by_name(toolbox: Toolbox, state: SandboxState) -> None:
    result = dump(await toolbox.run("create_quote", {
        "client": "globex", "valid_until": "2026-04-15", "po_number": "PO-9",
        "line_items": [{"product_key": "consulting", "quantity": 2},
                       {"notes": "Travel", "cost": 50}]}))
    quote = result["document"]
    assert (quote["kind"], quote["status"], quote["amount"]) == ("quote", "draft", 350)
    assert quote["client_name"] == "Globex" and quote["due_date"] == "2026-04-15"
    stored = state.store.get("quote", quote["id"])
    assert stored is not None and stored["po_number"] == "PO-9"
    assert stored["line_items"][0]["cost"] == 150  # the product's price
    assert stored["line_items"][0]["notes"] == "Consulting, per hour"


async def test_create_quote_for_an_unknown_client_writes_nothing(
    toolbox: Toolbox, recorder: Recorder,
) -> None:
    with pytest.raises(NotFound, match="Did you mean Globex"):
        await toolbox.run("create_quote", {"client": "Globx",
                                           "line_items": [{"notes": "x", "cost": 1}]})
    assert not [s for s in recorder.sent if s[0] == "POST"]


async def test_send_quote_emails_it_and_marks_it_sent(toolbox: Toolbox,
                                                      state: SandboxState) -> None:
    quote = _quote(state, "0001")  # Acme, draft
    result = dump(await toolbox.run("send_quote", {"number": "0001"}))
    assert result["sent_to"] == ["wile@acme.example"]
    assert result["document"]["status"] == "sent" and quote["status_id"] == "2"
    mail = state.outbox[-1]
    assert (mail["entity"], mail["entity_id"], mail["template"]) == (
        "quote", quote["id"], "email_template_quote")


async def test_approve_then_convert(toolbox: Toolbox, state: SandboxState,
                                    recorder: Recorder) -> None:
    quote = _quote(state, "0002")  # Globex, sent
    approved = dump(await toolbox.run("approve_quote", {"id": quote["id"]}))
    assert approved["document"]["status"] == "approved" and quote["status_id"] == "3"
    again = dump(await toolbox.run("approve_quote", {"number": "0002"}))
    assert "already approved" in again["remarks"][0]
    converted = dump(await toolbox.run("convert_quote_to_invoice", {"number": "0002"}))
    invoice = converted["document"]
    assert invoice["kind"] == "invoice" and invoice["status"] == "draft"
    assert (quote["status_id"], quote["invoice_id"]) == ("4", invoice["id"])
    stored = state.store.get("invoice", invoice["id"])
    assert stored is not None and stored["client_id"] == quote["client_id"]
    assert stored["amount"] == quote["amount"]
    sent = len([s for s in recorder.sent if s == BULK])
    repeat = dump(await toolbox.run("convert_quote_to_invoice", {"id": quote["id"]}))
    assert repeat["document"]["id"] == invoice["id"] and "already" in repeat["remarks"][0]
    assert len([s for s in recorder.sent if s == BULK]) == sent
    with pytest.raises(NinjaError, match="converted to an invoice already"):
        await toolbox.run("approve_quote", {"number": "0002"})


@pytest.mark.parametrize(("name", "args", "field"), [
    ("create_quote", {"client": "Acme Corporation", "line_items": []}, "line_items"),
    ("create_quote", {"client": "Acme Corporation", "valid_until": "soon",
                      "line_items": [{"notes": "x", "cost": 1}]}, "valid_until"),
    ("send_quote", {"number": "0001", "subject": "Hi"}, "subject"),
    ("approve_quote", {"id": "not an id!"}, "id"),
    ("convert_quote_to_invoice", {"number": ""}, "number"),
])
async def test_quote_invalid_input_sends_nothing(
    toolbox: Toolbox, recorder: Recorder, name: str, args: dict[str, Any], field: str,
) -> None:
    with pytest.raises(InvalidInput) as error:
        await toolbox.run(name, args)
    assert field in error.value.field_errors
    assert recorder.sent == []
