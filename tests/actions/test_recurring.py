"""create, start, stop and send-now of recurring invoices against the sandbox."""

from __future__ import annotations

from typing import Any

import pytest

from ninja_tools.errors import InvalidInput, NinjaError
from ninja_tools.present import dump
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import Recorder

BULK = ("POST", "/api/v1/recurring_invoices/bulk")


def _recurring(state: SandboxState, number: str) -> dict[str, Any]:
    return next(r for r in state.store.rows("recurring_invoice") if r["number"] == number)


async def test_create_recurring_invoice(toolbox: Toolbox, state: SandboxState) -> None:
    made = dump(await toolbox.run("create_recurring_invoice", {
        "client": "Umbrella Corp", "line_items": [{"product_key": "hosting"}],
        "frequency": "Every two weeks", "start_date": "2026-04-01", "remaining_cycles": 6,
        "auto_bill": "optin"}))
    document = made["document"]
    assert (document["kind"], document["status"], document["frequency"]) == (
        "recurring_invoice", "draft", "every two weeks")
    stored = state.store.get("recurring_invoice", document["id"])
    assert stored is not None
    assert (stored["frequency_id"], stored["next_send_date"], stored["remaining_cycles"],
            stored["auto_bill"]) == ("3", "2026-04-01", 6, "optin")
    started = dump(await toolbox.run("create_recurring_invoice", {
        "client_id": stored["client_id"], "line_items": [{"notes": "Retainer", "cost": 900}],
        "frequency": "yearly", "start": True}))
    assert started["document"]["status"] == "active"
    assert started["document"]["next_send_date"] == "2026-03-16"


async def test_start_date_in_the_past_creates_nothing(toolbox: Toolbox,
                                                      recorder: Recorder) -> None:
    with pytest.raises(InvalidInput) as error:
        await toolbox.run("create_recurring_invoice", {
            "client": "Globex", "line_items": [{"notes": "x", "cost": 1}],
            "start_date": "2026-03-01"})
    assert "start_date" in error.value.field_errors
    assert not [s for s in recorder.sent if s[0] == "POST"]


async def test_start_stop_start(toolbox: Toolbox, state: SandboxState) -> None:
    draft, active = _recurring(state, "0004"), _recurring(state, "0001")
    started = dump(await toolbox.run("start_recurring_invoice", {"number": "0004"}))
    assert started["document"]["status"] == "active" and draft["status_id"] == "2"
    stopped = dump(await toolbox.run("stop_recurring_invoice", {"id": active["id"]}))
    assert stopped["document"]["status"] == "paused" and active["status_id"] == "3"
    again = dump(await toolbox.run("stop_recurring_invoice", {"id": active["id"]}))
    assert "already paused" in again["remarks"][0]
    resumed = dump(await toolbox.run("start_recurring_invoice", {"id": active["id"]}))
    assert resumed["document"]["status"] == "active" and active["status_id"] == "2"


async def test_send_now_sends_the_first_invoice(toolbox: Toolbox, state: SandboxState) -> None:
    recurring = _recurring(state, "0004")  # Stark Industries, draft, yearly
    result = dump(await toolbox.run("send_recurring_invoice_now", {"number": "0004"}))
    invoice = result["document"]
    assert invoice["kind"] == "invoice" and invoice["status"] == "sent"
    stored = state.store.get("invoice", invoice["id"])
    assert stored is not None and stored["recurring_id"] == recurring["id"]
    assert recurring["status_id"] == "2" and recurring["next_send_date"] == "2027-03-17"
    mail = state.outbox[-1]
    assert (mail["entity"], mail["entity_id"], mail["to"]) == (
        "invoice", invoice["id"], "pepper@stark.example")
    assert result["sent_to"] == ["pepper@stark.example"]


async def test_send_now_of_a_running_one_sends_nothing(toolbox: Toolbox, state: SandboxState,
                                                       recorder: Recorder) -> None:
    outbox = len(state.outbox)
    with pytest.raises(NinjaError, match="already running"):
        await toolbox.run("send_recurring_invoice_now", {"number": "0001"})
    assert BULK not in recorder.sent and len(state.outbox) == outbox


@pytest.mark.parametrize(("name", "args", "field"), [
    ("create_recurring_invoice", {"client": "Globex", "frequency": "hourly",
                                  "line_items": [{"notes": "x", "cost": 1}]}, "frequency"),
    ("create_recurring_invoice", {"client": "Globex", "remaining_cycles": 0,
                                  "line_items": [{"notes": "x", "cost": 1}]},
     "remaining_cycles"),
    ("create_recurring_invoice", {"client": "Globex", "auto_bill": "sometimes",
                                  "line_items": [{"notes": "x", "cost": 1}]}, "auto_bill"),
    ("start_recurring_invoice", {"id": "a b"}, "id"),
    ("stop_recurring_invoice", {"number": "x" * 101}, "number"),
    ("send_recurring_invoice_now", {"number": "0004", "now": True}, "now"),
])
async def test_recurring_invalid_input_sends_nothing(
    toolbox: Toolbox, recorder: Recorder, name: str, args: dict[str, Any], field: str,
) -> None:
    with pytest.raises(InvalidInput) as error:
        await toolbox.run(name, args)
    assert field in error.value.field_errors
    assert recorder.sent == []
