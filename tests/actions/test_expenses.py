"""create_expense and categorize_expenses through Toolbox.run against the sandbox."""

from __future__ import annotations

from typing import Any

import pytest

from ninja_tools.actions.expenses import CreatedExpense
from ninja_tools.actions.generated import BulkResult
from ninja_tools.errors import InvalidInput, NotFound
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import Recorder


def named(state: SandboxState, kind: str, name: str) -> dict[str, Any]:
    return next(r for r in state.store.rows(kind) if r.get("name") == name)


async def test_expense_is_linked_to_vendor_category_and_client_by_name(
    toolbox: Toolbox, state: SandboxState
) -> None:
    result = await toolbox.run("create_expense", {
        "amount": "80.5", "date": "2026-03-10", "vendor": "office supplies LTD",
        "category": "travel", "client": "Acme Corporation", "should_be_invoiced": True,
        "notes": "Taxi to the workshop", "tax_name": "VAT", "tax_rate": 20,
        "payment_date": "2026-03-11", "transaction_reference": "CARD-77"})
    assert isinstance(result, CreatedExpense)
    stored = state.store.get("expense", result.id)
    assert stored is not None
    assert stored["vendor_id"] == named(state, "vendor", "Office Supplies Ltd")["id"]
    assert stored["category_id"] == named(state, "expense_category", "Travel")["id"]
    assert stored["client_id"] == named(state, "client", "Acme Corporation")["id"]
    assert stored["amount"] == 80.5 and stored["should_be_invoiced"] is True
    assert (stored["tax_name1"], stored["tax_rate1"]) == ("VAT", 20)
    assert stored["payment_date"] == "2026-03-11"
    assert stored["transaction_reference"] == "CARD-77"
    assert result.vendor_name == "Office Supplies Ltd" and result.category == "Travel"
    assert result.client_name == "Acme Corporation" and result.created is None


async def test_create_missing_adds_vendor_and_category(
    toolbox: Toolbox, state: SandboxState
) -> None:
    vendors = len(state.store.rows("vendor"))
    result = await toolbox.run("create_expense", {
        "amount": 12, "vendor": "Paper Palace", "category": "Printing", "create_missing": True})
    assert isinstance(result, CreatedExpense)
    assert len(state.store.rows("vendor")) == vendors + 1
    stored = state.store.get("expense", result.id) or {}
    assert stored["vendor_id"] == named(state, "vendor", "Paper Palace")["id"]
    assert stored["category_id"] == named(state, "expense_category", "Printing")["id"]
    assert result.created == ["vendor Paper Palace", "category Printing"]


async def test_expense_on_a_project_takes_the_projects_client(
    toolbox: Toolbox, state: SandboxState
) -> None:
    result = await toolbox.run("create_expense", {"amount": 30, "project": "globex support"})
    stored = state.store.get("expense", getattr(result, "id", "")) or {}
    project = named(state, "project", "Globex Support")
    assert stored["project_id"] == project["id"]
    assert stored["client_id"] == project["client_id"]


async def test_unknown_vendor_is_refused_with_a_suggestion_before_any_write(
    toolbox: Toolbox, state: SandboxState, recorder: Recorder
) -> None:
    expenses = len(state.store.rows("expense"))
    with pytest.raises(NotFound) as caught:
        await toolbox.run("create_expense", {"amount": 10, "vendor": "Office Suplies"})
    assert "Did you mean Office Supplies Ltd?" in str(caught.value)
    assert len(state.store.rows("expense")) == expenses
    assert [m for m, _ in recorder.sent if m != "GET"] == []


async def test_create_expense_invalid_input_sends_nothing(
    toolbox: Toolbox, recorder: Recorder
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("create_expense", {"amount": -5, "vendor": "Office Supplies Ltd"})
    assert "amount" in caught.value.field_errors
    with pytest.raises(InvalidInput):
        await toolbox.run("create_expense", {"amount": 5, "vendor": "A", "vendor_id": "abc"})
    with pytest.raises(InvalidInput):
        await toolbox.run("create_expense", {"amount": 5, "tax_name": "VAT"})
    assert recorder.sent == []


async def test_categorize_expenses_by_category_name(
    toolbox: Toolbox, state: SandboxState
) -> None:
    ids = [r["id"] for r in state.store.rows("expense")[:2]]
    result = await toolbox.run("categorize_expenses", {"ids": ",".join(ids),
                                                       "category": "OFFICE"})
    assert isinstance(result, BulkResult) and result.done == 2
    office = named(state, "expense_category", "Office")["id"]
    assert all((state.store.get("expense", i) or {})["category_id"] == office for i in ids)


async def test_categorize_expenses_invalid_input_sends_nothing(
    toolbox: Toolbox, recorder: Recorder
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("categorize_expenses", {"ids": [], "category": "Office"})
    assert "ids" in caught.value.field_errors
    with pytest.raises(InvalidInput):
        await toolbox.run("categorize_expenses", {"ids": ["abc"]})
    assert recorder.sent == []
