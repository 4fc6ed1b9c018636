"""create_invoice and update_invoice through Toolbox.run against the sandbox."""

from __future__ import annotations

from typing import Any

import pytest

from ninja_tools.errors import InvalidInput, NinjaError, NotFound
from ninja_tools.present import dump
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import Recorder


def _invoice(state: SandboxState, number: str) -> dict[str, Any]:
    return next(r for r in state.store.rows("invoice") if r.get("number") == number)


def _client(state: SandboxState, name: str) -> dict[str, Any]:
    return next(r for r in state.store.rows("client") if r.get("name") == name)


def _writes(recorder: Recorder) -> list[tuple[str, str]]:
    return [(m, p) for m, p in recorder.sent if m != "GET"]


# -- create_invoice ---------------------------------------------------------------------------

async def test_create_invoice_fills_products_taxes_and_discounts(
        toolbox: Toolbox, state: SandboxState) -> None:
    result = dump(await toolbox.run("create_invoice", {
        "client": "acme corporation", "mark_sent": True, "discount_percent": 5,
        "po_number": "PO-7", "date": "2026-03-10", "payment_terms_days": 30,
        "line_items": [
            {"product_key": "consulting", "quantity": 2},
            {"product_key": "support"},
            {"notes": "Travel", "cost": 100, "discount_percent": 10, "tax_name": "vat"},
        ]}))
    invoice = result["invoice"]
    # 300 + 60 + 90 = 450, less 5% = 427.50; GST 10% of 57 = 5.70, VAT 20% of 85.50 = 17.10.
    assert invoice["amount"] == 450.3
    assert invoice["balance"] == 450.3
    assert invoice["total_taxes"] == 22.8
    assert invoice["status"] == "sent"
    assert invoice["due_date"] == "2026-04-09"
    stored = _invoice(state, invoice["number"])
    assert stored["client_id"] == _client(state, "Acme Corporation")["id"]
    assert stored["is_amount_discount"] is False and stored["discount"] == 5
    lines = stored["line_items"]
    assert [line["cost"] for line in lines] == [150, 60, 100]
    assert lines[0]["notes"] == "Consulting, per hour"
    assert (lines[1]["tax_name1"], lines[1]["tax_rate1"]) == ("GST", 10)
    assert (lines[2]["tax_name1"], lines[2]["tax_rate1"]) == ("VAT", 20)
    assert stored["po_number"] == "PO-7"
    assert "sent_to" not in result


async def test_create_invoice_mixed_discounts_become_amounts(
        toolbox: Toolbox, state: SandboxState) -> None:
    result = dump(await toolbox.run("create_invoice", {
        "client_id": _client(state, "Globex")["id"], "discount_amount": 20,
        "line_items": [{"notes": "Work", "cost": 100, "discount_percent": 10}]}))
    stored = _invoice(state, result["invoice"]["number"])
    assert stored["is_amount_discount"] is True
    assert stored["line_items"][0]["discount"] == 10
    assert stored["amount"] == 70
    assert "10% discount was sent as the amount 10.00" in result["remarks"][0]


async def test_create_invoice_and_send(toolbox: Toolbox, state: SandboxState) -> None:
    result = dump(await toolbox.run("create_invoice", {
        "client": "HANK@globex.example", "send": True,
        "line_items": [{"product_key": "design", "quantity": 3}]}))
    assert result["sent_to"] == ["hank@globex.example"]
    assert result["invoice"]["status"] == "sent"
    sent = [m for m in state.outbox if m["number"] == result["invoice"]["number"]]
    assert [m["to"] for m in sent] == ["hank@globex.example"]
    assert "link" not in str(result) and "key" not in result["invoice"]


async def test_create_invoice_creates_a_missing_client(
        toolbox: Toolbox, state: SandboxState) -> None:
    result = dump(await toolbox.run("create_invoice", {
        "client": "Wayne Enterprises", "create_client_if_missing": True,
        "line_items": [{"notes": "Grappling hooks", "cost": 40, "quantity": 5}]}))
    assert result["client_created"] is True
    assert result["invoice"]["client_name"] == "Wayne Enterprises"
    assert result["invoice"]["amount"] == 200
    assert _client(state, "Wayne Enterprises")["id"] == result["invoice"]["client_id"]


async def test_create_invoice_unknown_client_names_the_nearest(
        toolbox: Toolbox, recorder: Recorder) -> None:
    with pytest.raises(NotFound, match="Did you mean Acme Corporation"):
        await toolbox.run("create_invoice", {
            "client": "Acme", "line_items": [{"notes": "x", "cost": 1}]})
    assert _writes(recorder) == []


async def test_create_invoice_ambiguous_client_lists_candidates(
        toolbox: Toolbox, state: SandboxState, recorder: Recorder) -> None:
    twin = dict(_client(state, "Globex"), id="TwinGlobex1", contacts=[])
    state.store.add("client", twin)
    with pytest.raises(InvalidInput, match="2 clients match 'globex'") as caught:
        await toolbox.run("create_invoice", {"client": "globex",
                                             "line_items": [{"notes": "x", "cost": 1}]})
    assert "TwinGlobex1" in str(caught.value) and "client" in caught.value.field_errors
    assert _writes(recorder) == []


async def test_create_invoice_send_needs_someone_to_receive_it(
        toolbox: Toolbox, state: SandboxState, recorder: Recorder) -> None:
    for contact in _client(state, "Stark Industries")["contacts"]:
        contact["email"] = ""
    with pytest.raises(NinjaError, match="no contact with an e-mail address"):
        await toolbox.run("create_invoice", {"client": "Stark Industries", "send": True,
                                             "line_items": [{"notes": "x", "cost": 1}]})
    assert _writes(recorder) == []


async def test_create_invoice_unknown_product_and_tax_fail_before_writing(
        toolbox: Toolbox, recorder: Recorder) -> None:
    with pytest.raises(InvalidInput, match="no product with key 'nope'"):
        await toolbox.run("create_invoice", {"client": "Globex",
                                             "line_items": [{"product_key": "nope"}]})
    with pytest.raises(InvalidInput, match="Its tax rates: GST 10%, VAT 20%"):
        await toolbox.run("create_invoice", {"client": "Globex", "line_items": [
            {"notes": "x", "cost": 5, "tax_name": "Sales tax"}]})
    assert _writes(recorder) == []


@pytest.mark.parametrize(("args", "field"), [
    ({"client": "Globex", "date": "2026-02-30", "line_items": [{"notes": "x", "cost": 1}]},
     "date"),
    ({"client": "Globex", "line_items": [{"notes": "x", "cost": 1, "quantity": -2}]},
     "line_items.0.quantity"),
    ({"client": "Globex", "line_items": []}, "line_items"),
    ({"client": "Globex", "client_id": "SGXjG7kFpc", "line_items": [{"notes": "x", "cost": 1}]},
     "input"),
    ({"client": "Globex", "line_items": [{"notes": "x"}]}, "line_items.0"),
    ({"client": "Globex", "due_date": "2026-01-01", "date": "2026-02-01",
      "line_items": [{"notes": "x", "cost": 1}]}, "input"),
])
async def test_create_invoice_invalid_input_sends_nothing(
        toolbox: Toolbox, recorder: Recorder, args: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("create_invoice", args)
    assert field in caught.value.field_errors
    assert recorder.sent == []


# -- update_invoice ---------------------------------------------------------------------------

async def test_update_invoice_line_operations(toolbox: Toolbox, state: SandboxState) -> None:
    # 0001: Acme, one line, consulting 8 x 150.
    result = dump(await toolbox.run("update_invoice", {
        "number": "0001", "po_number": "PO-1",
        "change_lines": [{"position": 1, "quantity": 10}],
        "add_lines": [{"product_key": "hosting"}, {"notes": "Setup", "cost": 50}]}))
    stored = _invoice(state, "0001")
    assert [(line["notes"], line["quantity"]) for line in stored["line_items"]] == [
        ("Strategy workshop", 10), ("Managed hosting, per month", 1), ("Setup", 1)]
    assert stored["amount"] == 1575
    assert stored["po_number"] == "PO-1"
    assert result["invoice"]["amount"] == 1575

    result = dump(await toolbox.run("update_invoice", {"id": stored["id"], "remove_lines": "2"}))
    assert [line["notes"] for line in _invoice(state, "0001")["line_items"]] == [
        "Strategy workshop", "Setup"]
    assert result["remarks"] == ["Removed line 2 (Managed hosting, per month)."]
    assert _invoice(state, "0001")["amount"] == 1550


async def test_update_invoice_keeps_lines_when_only_fields_change(
        toolbox: Toolbox, state: SandboxState, recorder: Recorder) -> None:
    before = [dict(line) for line in _invoice(state, "0002")["line_items"]]
    await toolbox.run("update_invoice", {"number": "0002", "public_notes": "Thanks!"})
    assert _invoice(state, "0002")["line_items"] == before
    assert _invoice(state, "0002")["public_notes"] == "Thanks!"
    assert ("PUT", "/api/v1/invoices/" + _invoice(state, "0002")["id"]) in recorder.sent


async def test_update_invoice_discount_keeps_line_discounts_meaning(
        toolbox: Toolbox, state: SandboxState) -> None:
    created = dump(await toolbox.run("create_invoice", {"client": "Globex", "line_items": [
        {"notes": "A", "cost": 200, "discount_percent": 25}]}))
    number = created["invoice"]["number"]
    assert _invoice(state, number)["amount"] == 150
    result = dump(await toolbox.run("update_invoice", {"number": number,
                                                       "discount_amount": 10}))
    stored = _invoice(state, number)
    assert stored["is_amount_discount"] is True
    assert stored["line_items"][0]["discount"] == 50
    assert stored["amount"] == 140
    assert len(result["remarks"]) == 1


async def test_update_invoice_refuses_unknown_positions_before_writing(
        toolbox: Toolbox, recorder: Recorder) -> None:
    with pytest.raises(InvalidInput, match="no line 5") as caught:
        await toolbox.run("update_invoice", {"number": "0001",
                                             "change_lines": [{"position": 5, "cost": 1}]})
    assert "change_lines" in caught.value.field_errors
    with pytest.raises(NinjaError, match="without lines"):
        await toolbox.run("update_invoice", {"number": "0001", "remove_lines": [1]})
    assert _writes(recorder) == []


@pytest.mark.parametrize(("args", "field"), [
    ({"number": "0001"}, "input"),
    ({"number": "0001", "id": "SGXjG7kFpc", "terms": "x"}, "input"),
    ({"number": "0001", "change_lines": [{"position": 1}]}, "change_lines.0"),
    ({"number": "0001", "change_lines": [{"position": 1, "cost": 2}], "remove_lines": [1]},
     "input"),
    ({"number": "0001", "add_lines": [{"notes": "x", "cost": 1, "quantity": 0}]},
     "add_lines.0.quantity"),
    ({"number": "0001", "due_date": "soon"}, "due_date"),
])
async def test_update_invoice_invalid_input_sends_nothing(
        toolbox: Toolbox, recorder: Recorder, args: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("update_invoice", args)
    assert field in caught.value.field_errors
    assert recorder.sent == []
