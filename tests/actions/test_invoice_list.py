"""list_invoices through Toolbox.run: status words, client names, spans, amounts, old filters."""

from __future__ import annotations

from typing import Any

import pytest

from ninja_tools.actions import catalog
from ninja_tools.actions.generated import _list_input
from ninja_tools.errors import InvalidInput, NotFound
from ninja_tools.present import dump
from ninja_tools.resources import resource
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import TODAY, Recorder


def _live(state: SandboxState) -> list[dict[str, Any]]:
    return [r for r in state.store.rows("invoice")
            if not r.get("is_deleted") and not r.get("archived_at")]


def _acme(state: SandboxState) -> str:
    return next(str(r["id"]) for r in state.store.rows("client")
                if r.get("name") == "Acme Corporation")


async def _list(toolbox: Toolbox, **args: Any) -> dict[str, Any]:
    return dump(await toolbox.run("list_invoices", {"per_page": 500, **args}))


def test_list_invoices_keeps_every_generated_filter() -> None:
    generated = set(_list_input(resource("invoices")).model_fields)
    action = next(a for a in catalog() if a.name == "list_invoices")
    assert not action.generated
    assert generated <= set(action.input.model_fields)


async def test_status_words(toolbox: Toolbox, state: SandboxState) -> None:
    overdue = await _list(toolbox, status="overdue")
    expected = {r["number"] for r in _live(state)
                if r["status_id"] in ("2", "3") and r["due_date"]
                and r["due_date"] < TODAY.isoformat() and r["balance"] > 0}
    assert expected and {i["number"] for i in overdue["items"]} == expected
    assert all(i["overdue"] for i in overdue["items"])
    partial = await _list(toolbox, status="partial")
    assert {i["status"] for i in partial["items"]} == {"partial"}
    sent = await _list(toolbox, status="sent")
    assert {i["number"] for i in sent["items"]} == {
        r["number"] for r in _live(state) if r["status_id"] == "2"}


async def test_client_by_name_and_dates(toolbox: Toolbox, state: SandboxState) -> None:
    page = await _list(toolbox, client="acme corporation", date_from="2026-03-01",
                       due_to="2026-04-30", sort="due_date|asc")
    expected = [r for r in _live(state) if r["client_id"] == _acme(state)
                and r["date"] >= "2026-03-01" and r["due_date"]
                and r["due_date"] <= "2026-04-30"]
    assert expected and page["total"] == len(expected)
    dues = [i["due_date"] for i in page["items"]]
    assert dues == sorted(dues)
    assert {i["client_name"] for i in page["items"]} == {"Acme Corporation"}


async def test_amount_range_pages_and_totals(toolbox: Toolbox, state: SandboxState) -> None:
    matches = [r for r in _live(state) if 1000 <= r["amount"] <= 1200]
    first = dump(await toolbox.run("list_invoices", {"min_amount": 1000, "max_amount": 1200,
                                                     "per_page": 3}))
    assert first["total"] == len(matches) and first["count"] == 3 and first["next_page"] == 2
    assert all(1000 <= i["amount"] <= 1200 for i in first["items"])
    totals = first["totals"][0]
    assert totals["currency"] == "USD"
    assert totals["amount"] == round(sum(i["amount"] for i in first["items"]), 2)
    assert totals.get("balance", 0) == round(sum(i["balance"] for i in first["items"]), 2)
    everything = await _list(toolbox, min_amount=1000, max_amount=1200)
    assert {i["number"] for i in everything["items"]} == {r["number"] for r in matches}


async def test_generated_filters_still_work(toolbox: Toolbox, state: SandboxState) -> None:
    paid = await _list(toolbox, client_status="paid")
    assert paid["items"] and {i["status"] for i in paid["items"]} == {"paid"}
    ids = await _list(toolbox, status_id="2,3", client_id=_acme(state))
    assert {(i["status"], i["client_name"]) for i in ids["items"]} <= {
        ("sent", "Acme Corporation"), ("partial", "Acme Corporation")}
    found = await _list(toolbox, search="Strategy workshop")
    assert [i["number"] for i in found["items"]] == ["0001"]
    assert (await _list(toolbox, number="0007"))["total"] == 1


async def test_unknown_client_is_an_error(toolbox: Toolbox) -> None:
    with pytest.raises(NotFound, match="Did you mean Globex"):
        await toolbox.run("list_invoices", {"client": "Globx"})


@pytest.mark.parametrize(("args", "field"), [
    ({"date_from": "2026-03-10", "date_to": "2026-03-01"}, "input"),
    ({"status": "overdue", "client_status": "paid"}, "input"),
    ({"status": "late"}, "status"),
    ({"due_from": "yesterday"}, "due_from"),
    ({"min_amount": -5}, "min_amount"),
    ({"client": "Acme Corporation", "client_id": "SGXjG7kFpc"}, "input"),
])
async def test_invalid_input_sends_nothing(toolbox: Toolbox, recorder: Recorder,
                                           args: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("list_invoices", args)
    assert field in caught.value.field_errors
    assert recorder.sent == []
