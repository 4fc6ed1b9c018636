"""send_invoice, mark_invoice_paid, cancel_invoice and download_invoice_pdf through Toolbox.run."""

from __future__ import annotations

from typing import Any

import pytest

from ninja_tools.errors import ConfirmationRequired, InvalidInput, NinjaError
from ninja_tools.present import FileResult, dump
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import Recorder, Yes


def _invoice(state: SandboxState, number: str) -> dict[str, Any]:
    return next(r for r in state.store.rows("invoice") if r.get("number") == number)


def _writes(recorder: Recorder) -> list[tuple[str, str]]:
    return [(m, p) for m, p in recorder.sent if m != "GET"]


# -- send_invoice -----------------------------------------------------------------------------

async def test_send_invoice_as_a_reminder_with_cc(toolbox: Toolbox, state: SandboxState) -> None:
    result = dump(await toolbox.run("send_invoice", {
        "number": "0009", "template": "reminder1", "subject": "Friendly reminder",
        "cc": "boss@example.com, accounts@example.com"}))
    assert result["sent_to"] == ["wile@acme.example"]
    assert result["remarks"] == ["Copied to boss@example.com, accounts@example.com."]
    sent = [m for m in state.outbox if m["number"] == "0009"]
    assert [(m["to"], m["template"], m["subject"]) for m in sent] == [
        ("wile@acme.example", "email_template_reminder1", "Friendly reminder")]
    assert sent[0]["cc"] == ["boss@example.com", "accounts@example.com"]
    assert "link" not in str(result)


async def test_send_invoice_marks_a_draft_sent(toolbox: Toolbox, state: SandboxState) -> None:
    invoice_id = _invoice(state, "0002")["id"]
    result = dump(await toolbox.run("send_invoice", {"id": invoice_id}))
    assert result["invoice"]["status"] == "sent"
    assert _invoice(state, "0002")["status_id"] == "2"
    assert [m["template"] for m in state.outbox if m["number"] == "0002"] == [
        "email_template_invoice"]


async def test_send_invoice_refuses_when_nobody_would_receive_it(
        toolbox: Toolbox, state: SandboxState, recorder: Recorder) -> None:
    invoice = _invoice(state, "0001")
    for invitation in invoice["invitations"]:
        invitation["archived_at"] = 1
    with pytest.raises(NinjaError, match="Nobody would receive invoice 0001"):
        await toolbox.run("send_invoice", {"number": "0001"})
    assert _writes(recorder) == []


@pytest.mark.parametrize(("args", "field"), [
    ({"number": "0001", "cc": ["a@x.io", "b@x.io", "c@x.io", "d@x.io", "e@x.io"]}, "cc"),
    ({"number": "0001", "cc": ["not-an-address"]}, "cc.0"),
    ({"number": "0001", "template": "reminder9"}, "template"),
    ({"number": "0001", "subject": "Hi"}, "subject"),
    ({}, "input"),
])
async def test_send_invoice_invalid_input_sends_nothing(
        toolbox: Toolbox, recorder: Recorder, args: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("send_invoice", args)
    assert field in caught.value.field_errors
    assert recorder.sent == []


# -- mark_invoice_paid ------------------------------------------------------------------------

async def test_mark_invoice_paid_reports_the_payment(
        toolbox: Toolbox, state: SandboxState) -> None:
    result = dump(await toolbox.run("mark_invoice_paid", {"number": "0009"}))
    assert result["paid"] is True
    assert result["invoice"]["status"] == "paid" and result["invoice"]["balance"] == 0
    assert result["payment"]["amount"] == 1128
    assert result["payment"]["invoices"] == [{"invoice_id": _invoice(state, "0009")["id"],
                                              "amount": 1128.0}]
    stored = _invoice(state, "0009")
    assert stored["status_id"] == "4" and stored["paid_to_date"] == 1128


async def test_mark_invoice_paid_refuses_a_paid_invoice(
        toolbox: Toolbox, recorder: Recorder) -> None:
    with pytest.raises(NinjaError, match="Invoice 0021 is paid"):
        await toolbox.run("mark_invoice_paid", {"number": "0021"})
    assert _writes(recorder) == []


async def test_mark_invoice_paid_invalid_input(toolbox: Toolbox, recorder: Recorder) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("mark_invoice_paid", {"id": "bad id!"})
    assert "id" in caught.value.field_errors
    assert recorder.sent == []


# -- cancel_invoice ---------------------------------------------------------------------------

async def test_cancel_invoice_needs_a_yes_and_cancels(
        toolbox: Toolbox, state: SandboxState, yes: Yes) -> None:
    with pytest.raises(ConfirmationRequired):
        await toolbox.run("cancel_invoice", {"number": "0010"})
    result = dump(await toolbox.run("cancel_invoice", {"number": "0010"}, confirmer=yes))
    assert yes.asked == [("cancel_invoice", "destructive")]
    assert result["invoice"]["status"] == "cancelled"
    assert result["remarks"] == ["The balance of 1215.00 is no longer owed."]
    stored = _invoice(state, "0010")
    assert stored["status_id"] == "5" and stored["balance"] == 0


async def test_cancel_invoice_refuses_a_draft(
        toolbox: Toolbox, recorder: Recorder, yes: Yes) -> None:
    with pytest.raises(NinjaError, match="is draft; only sent or partly paid"):
        await toolbox.run("cancel_invoice", {"number": "0001"}, confirmer=yes)
    assert _writes(recorder) == []


async def test_cancel_invoice_invalid_input(toolbox: Toolbox, recorder: Recorder,
                                            yes: Yes) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("cancel_invoice", {"number": ""}, confirmer=yes)
    assert "number" in caught.value.field_errors
    assert recorder.sent == [] and yes.asked == []


# -- download_invoice_pdf ---------------------------------------------------------------------

async def test_download_invoice_pdf_by_number(toolbox: Toolbox, state: SandboxState,
                                              recorder: Recorder) -> None:
    result = await toolbox.run("download_invoice_pdf", {"number": "0003"})
    assert isinstance(result, FileResult)
    assert result.content.startswith(b"%PDF") and result.size == len(result.content)
    invoice_id = _invoice(state, "0003")["id"]
    assert ("GET", f"/api/v1/invoices/{invoice_id}/download") in recorder.sent


async def test_download_invoice_pdf_invalid_input(toolbox: Toolbox, recorder: Recorder) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("download_invoice_pdf", {"id": "SGXjG7kFpc", "number": "0001"})
    assert "input" in caught.value.field_errors
    assert recorder.sent == []
