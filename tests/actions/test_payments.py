"""record_payment and refund_payment through Toolbox.run against the sandbox's demo data."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ninja_tools.errors import InvalidInput, NinjaError, OutcomeUnknown
from ninja_tools.present import dump
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import Recorder, Yes

PAYMENTS = ("POST", "/api/v1/payments")
REFUNDS = ("POST", "/api/v1/payments/refund")


def _by_number(state: SandboxState, kind: str, number: str) -> dict[str, Any]:
    return next(r for r in state.store.rows(kind) if r["number"] == number)


def _client(state: SandboxState, record: dict[str, Any]) -> dict[str, Any]:
    found = state.store.get("client", record["client_id"])
    assert found is not None
    return found


def _payments_of(state: SandboxState, client_id: str) -> list[dict[str, Any]]:
    return [p for p in state.store.rows("payment") if p["client_id"] == client_id]


async def test_partial_then_full_payment(toolbox: Toolbox, state: SandboxState) -> None:
    invoice = _by_number(state, "invoice", "0009")  # Acme, sent, 1128 owed
    client = _client(state, invoice)
    balance, paid = client["balance"], client["paid_to_date"]
    first = dump(await toolbox.run("record_payment", {
        "invoice": "0009", "amount": 500, "type": "bank transfer",
        "transaction_reference": "TX-1"}))
    assert first["payment"]["amount"] == 500 and first["payment"]["type_id"] == "1"
    assert first["invoices"][0]["balance"] == 628 and first["invoices"][0]["status"] == "partial"
    assert (invoice["balance"], invoice["paid_to_date"], invoice["status_id"]) == (628, 500, "3")
    assert (client["balance"], client["paid_to_date"]) == (balance - 500, paid + 500)
    assert first["idempotency_key"]
    state.clock.advance(2)
    second = dump(await toolbox.run("record_payment", {"invoice": invoice["id"]}))
    assert second["payment"]["amount"] == 628
    assert (invoice["balance"], invoice["paid_to_date"], invoice["status_id"]) == (0, 1128, "4")
    assert (client["balance"], client["paid_to_date"]) == (balance - 1128, paid + 1128)
    assert second["idempotency_key"] != first["idempotency_key"]


async def test_several_invoices_of_one_client(toolbox: Toolbox, state: SandboxState) -> None:
    one, two = _by_number(state, "invoice", "0013"), _by_number(state, "invoice", "0017")
    result = dump(await toolbox.run("record_payment", {
        "invoices": [{"invoice": "0013"}, {"invoice": two["id"], "amount": 14}],
        "type": "credit card", "send_receipt": True}))
    assert result["payment"]["amount"] == 1242 + 14
    assert result["payment"]["type_id"] == "12"  # Credit Card Other
    assert (one["status_id"], two["status_id"], two["balance"]) == ("4", "3", 1000)
    receipts = [m for m in state.outbox if m["kind"] == "receipt"]
    assert receipts and receipts[-1]["entity_id"] == result["payment"]["id"]


async def test_refused_before_any_write(toolbox: Toolbox, state: SandboxState,
                                        recorder: Recorder) -> None:
    with pytest.raises(NinjaError, match="different clients"):
        await toolbox.run("record_payment", {"invoices": [{"invoice": "0009"},
                                                          {"invoice": "0010"}]})
    with pytest.raises(NinjaError, match=r"more than the 348\.00"):
        await toolbox.run("record_payment", {"invoice": "0008", "amount": 400})
    with pytest.raises(NinjaError, match="is paid"):
        await toolbox.run("record_payment", {"invoice": "0021"})
    with pytest.raises(InvalidInput) as unknown_type:
        await toolbox.run("record_payment", {"invoice": "0008", "type": "bitcoin"})
    assert "type" in unknown_type.value.field_errors
    assert PAYMENTS not in recorder.sent


async def test_a_draft_invoice_is_paid_in_full(toolbox: Toolbox, state: SandboxState) -> None:
    draft = _by_number(state, "invoice", "0005")  # Acme, draft of 1014
    result = dump(await toolbox.run("record_payment", {"invoice": "0005", "type": "cash"}))
    assert result["payment"]["amount"] == 1014 and result["payment"]["type_id"] == "2"
    assert (draft["status_id"], draft["balance"], draft["paid_to_date"]) == ("4", 0, 1014)


async def test_overpayment_only_when_allowed(toolbox: Toolbox, state: SandboxState) -> None:
    invoice = _by_number(state, "invoice", "0008")  # Stark, 348 owed
    result = dump(await toolbox.run("record_payment", {
        "invoice": "0008", "amount": 400, "allow_overpayment": True}))
    assert result["payment"]["amount"] == 400 and result["unapplied"] == 52
    assert result["payment"]["applied"] == 348 and invoice["status_id"] == "4"


async def test_same_idempotency_key_twice_records_one_payment(
    toolbox: Toolbox, state: SandboxState,
) -> None:
    invoice = _by_number(state, "invoice", "0010")  # Globex, 1215 owed
    before = len(_payments_of(state, invoice["client_id"]))
    args = {"invoice": "0010", "amount": 100, "idempotency_key": "retry-key-0001"}
    first = dump(await toolbox.run("record_payment", args))
    state.clock.advance(2)  # past Invoice Ninja's one-second duplicate guard
    again = dump(await toolbox.run("record_payment", args))
    assert again["already_recorded"] is True and "already recorded" in again["message"]
    assert again["payment"]["id"] == first["payment"]["id"]
    assert len(_payments_of(state, invoice["client_id"])) == before + 1
    assert invoice["balance"] == 1115


async def test_repeat_after_outcome_unknown_is_safe(toolbox: Toolbox,
                                                    state: SandboxState) -> None:
    invoice = _by_number(state, "invoice", "0011")  # Umbrella, 366 owed
    before = len(_payments_of(state, invoice["client_id"]))
    state.faults.add("disconnect_after", method="POST", path="/api/v1/payments", count=1)
    with pytest.raises(OutcomeUnknown) as lost:
        await toolbox.run("record_payment", {"invoice": "0011"})
    found = re.search(r"idempotency_key '([^']+)'", lost.value.hint)
    assert found is not None
    assert invoice["status_id"] == "4"  # the first call was recorded after all
    state.clock.advance(2)
    again = dump(await toolbox.run("record_payment", {"invoice": "0011",
                                                      "idempotency_key": found.group(1)}))
    assert again["already_recorded"] is True and again["idempotency_key"] == found.group(1)
    assert len(_payments_of(state, invoice["client_id"])) == before + 1


async def test_unused_key_on_a_paid_invoice_says_it_is_paid(toolbox: Toolbox) -> None:
    with pytest.raises(NinjaError, match="is paid"):
        await toolbox.run("record_payment", {"invoice": "0021", "idempotency_key": "fresh-key-1"})


async def test_credits_applied_to_an_invoice(toolbox: Toolbox, state: SandboxState) -> None:
    invoice = _by_number(state, "invoice", "0017")  # Acme, 1014 owed
    partial = _by_number(state, "credit", "0003")  # Acme, 40 left
    draft = _by_number(state, "credit", "0001")  # Acme, draft of 40
    client = _client(state, invoice)
    credit_balance = client["credit_balance"]
    only_credit = dump(await toolbox.run("record_payment", {
        "invoice": "0017", "credits": [{"credit": "0003"}]}))
    assert only_credit["payment"]["amount"] == 0
    assert (invoice["balance"], invoice["status_id"]) == (974, "3")
    assert (partial["balance"], partial["status_id"]) == (0, "4")
    assert only_credit["credits"][0]["balance"] == 0
    assert client["credit_balance"] == credit_balance - 40
    state.clock.advance(2)
    mixed = dump(await toolbox.run("record_payment", {
        "invoices": [{"invoice": "0017", "amount": 100}], "credits": [{"credit": draft["id"]}]}))
    assert mixed["payment"]["amount"] == 60 and invoice["balance"] == 874
    assert draft["paid_to_date"] == 40


@pytest.mark.parametrize(("args", "field"), [
    ({"invoice": "0009", "invoices": [{"invoice": "0010"}]}, "invoices"),
    ({}, "invoices"),
    ({"invoice": "0009", "amount": -5}, "amount"),
    ({"invoices": [{"invoice": "0009"}], "amount": 5}, "amount"),
    ({"invoice": "0009", "date": "2026-02-30"}, "date"),
    ({"invoices": [{"invoice": "0009"}, {"invoice": "0009"}]}, "invoices"),
    ({"invoice": "0009", "idempotency_key": "x" * 65}, "idempotency_key"),
])
async def test_record_payment_invalid_input_sends_nothing(
    toolbox: Toolbox, recorder: Recorder, args: dict[str, Any], field: str,
) -> None:
    with pytest.raises(InvalidInput) as error:
        await toolbox.run("record_payment", args)
    assert field in error.value.field_errors
    assert recorder.sent == []


# -- refunds ----------------------------------------------------------------------------------

async def test_refund_raises_the_balance_again(toolbox: Toolbox, state: SandboxState) -> None:
    invoice = _by_number(state, "invoice", "0009")
    client = _client(state, invoice)
    paid = dump(await toolbox.run("record_payment", {"invoice": "0009"}))
    balance = client["balance"]
    partial = dump(await toolbox.run("refund_payment", {"id": paid["payment"]["id"],
                                                        "amount": 300, "send_email": True}))
    assert state.outbox[-1]["template"] == "email_template_payment_refund"
    assert (invoice["balance"], invoice["status_id"]) == (300, "3")
    assert partial["payment"]["refunded"] == 300 and partial["invoices"][0]["balance"] == 300
    assert client["balance"] == balance + 300
    rest = dump(await toolbox.run("refund_payment", {
        "number": paid["payment"]["number"], "invoices": [{"invoice": "0009"}]}))
    assert rest["payment"]["status"] == "refunded" and rest["payment"]["refunded"] == 1128
    assert (invoice["balance"], invoice["status_id"]) == (1128, "2")
    assert client["balance"] == balance + 1128
    with pytest.raises(NinjaError, match="already refunded"):
        await toolbox.run("refund_payment", {"id": paid["payment"]["id"]})


async def test_refund_refusals(toolbox: Toolbox, state: SandboxState, recorder: Recorder,
                               yes: Yes) -> None:
    with pytest.raises(NinjaError, match=r"Only 476\.00"):
        await toolbox.run("refund_payment", {"number": "0001", "amount": 500})
    with pytest.raises(NinjaError, match="did not pay invoice 0009"):
        await toolbox.run("refund_payment", {"number": "0001", "invoices": [{"invoice": "0009"}]})
    with pytest.raises(NinjaError, match="recorded by hand"):
        await toolbox.run("refund_payment", {"number": "0001", "gateway_refund": True},
                          confirmer=yes)
    assert yes.asked == [("refund_payment", "destructive")]
    assert REFUNDS not in recorder.sent


@pytest.mark.parametrize(("args", "field"), [
    ({"number": "0001", "amount": 10, "invoices": [{"invoice": "0018"}]}, "invoices"),
    ({"number": "0001", "amount": 0}, "amount"),
    ({"number": "0001", "date": "16/03/2026"}, "date"),
])
async def test_refund_invalid_input_sends_nothing(
    toolbox: Toolbox, recorder: Recorder, args: dict[str, Any], field: str,
) -> None:
    with pytest.raises(InvalidInput) as error:
        await toolbox.run("refund_payment", args)
    assert field in error.value.field_errors
    assert recorder.sent == []
