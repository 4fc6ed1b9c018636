"""create_credit and send_credit, and a new credit applied through record_payment."""

from __future__ import annotations

from typing import Any

import pytest

from ninja_tools.errors import InvalidInput
from ninja_tools.present import dump
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import Recorder


async def test_create_credit_from_an_amount_and_apply_it(toolbox: Toolbox,
                                                         state: SandboxState) -> None:
    made = dump(await toolbox.run("create_credit", {
        "client": "wile@acme.example", "amount": 50, "description": "Late delivery"}))
    credit = made["document"]
    assert (credit["kind"], credit["status"], credit["amount"]) == ("credit", "draft", 50)
    stored = state.store.get("credit", credit["id"])
    assert stored is not None and stored["line_items"][0]["notes"] == "Late delivery"
    invoice = next(r for r in state.store.rows("invoice") if r["number"] == "0017")  # Acme
    paid = dump(await toolbox.run("record_payment", {
        "invoice": "0017", "credits": [{"credit": credit["number"]}]}))
    assert paid["payment"]["amount"] == 0 and paid["payment"]["credits"][0]["amount"] == 50
    assert (invoice["balance"], invoice["status_id"]) == (964, "3")
    assert (stored["balance"], stored["status_id"], stored["paid_to_date"]) == (0, "4", 50)


async def test_create_credit_from_lines(toolbox: Toolbox) -> None:
    made = dump(await toolbox.run("create_credit", {
        "client": "Umbrella Corp", "line_items": [{"product_key": "support"}],
        "public_notes": "Support refund"}))
    assert made["document"]["amount"] == 66  # 60 plus the product's GST of 10%
    assert made["document"]["line_items"][0]["taxes"] == ["GST 10%"]


async def test_send_credit(toolbox: Toolbox, state: SandboxState) -> None:
    credit = next(r for r in state.store.rows("credit") if r["number"] == "0002")  # Globex
    result = dump(await toolbox.run("send_credit", {"id": credit["id"]}))
    assert result["sent_to"] == ["hank@globex.example"]
    mail = state.outbox[-1]
    assert (mail["entity"], mail["entity_id"], mail["template"]) == (
        "credit", credit["id"], "email_template_credit")


@pytest.mark.parametrize(("name", "args", "field"), [
    ("create_credit", {"client": "Globex"}, "amount"),
    ("create_credit", {"client": "Globex", "amount": 5,
                       "line_items": [{"notes": "x", "cost": 1}]}, "amount"),
    ("create_credit", {"client": "Globex", "amount": -5}, "amount"),
    ("create_credit", {"client": "Globex", "line_items": [{"notes": "x", "cost": 1}],
                       "description": "why"}, "description"),
    ("send_credit", {"id": "0002/../x"}, "id"),
])
async def test_credit_invalid_input_sends_nothing(
    toolbox: Toolbox, recorder: Recorder, name: str, args: dict[str, Any], field: str,
) -> None:
    with pytest.raises(InvalidInput) as error:
        await toolbox.run(name, args)
    assert field in error.value.field_errors
    assert recorder.sent == []
