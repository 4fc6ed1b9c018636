"""Invoice money math, checked with numbers worked out by hand."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest

from ninja_tools.sandbox import records
from ninja_tools.sandbox.calc import Totals, compute, money


def item(**fields: Any) -> dict[str, Any]:
    return {"quantity": 1, **fields}


def test_line_percent_discount_and_exclusive_tax() -> None:
    # 2 x 100 = 200, less 10% = 180; VAT 20% of 180 = 36.
    totals = compute(
        {"line_items": [item(quantity=2, cost=100, discount=10, tax_name1="VAT", tax_rate1=20)]}
    )
    line = totals.line_items[0]
    assert line["line_total"] == 180.0
    assert line["tax_amount"] == 36.0
    assert line["gross_line_total"] == 216.0
    assert totals.subtotal == 180.0
    assert totals.discount_total == 0.0
    assert totals.total_taxes == 36.0
    assert totals.amount == 216.0
    assert totals.tax_map == [{"name": "VAT 20%", "total": 36.0}]


def test_inclusive_tax_is_contained_in_the_price() -> None:
    # 120 including 20%: 120 - 120 / 1.2 = 20.
    totals = compute(
        {
            "uses_inclusive_taxes": True,
            "line_items": [item(cost=120, tax_name1="VAT", tax_rate1=20)],
        }
    )
    line = totals.line_items[0]
    assert line["tax_amount"] == 20.0
    assert line["line_total"] == 120.0 and line["gross_line_total"] == 120.0
    assert totals.total_taxes == 20.0
    assert totals.amount == 120.0
    assert totals.subtotal == 120.0


def test_invoice_percent_discount_before_line_and_invoice_taxes() -> None:
    # Subtotal 100, 10% off = 90; line VAT 20% of 90 = 18; invoice GST 5% of 90 = 4.50.
    totals = compute(
        {
            "discount": 10,
            "tax_name1": "GST",
            "tax_rate1": 5,
            "line_items": [item(cost=100, tax_name1="VAT", tax_rate1=20)],
        }
    )
    assert totals.subtotal == 100.0
    assert totals.discount_total == 10.0
    assert totals.line_items[0]["tax_amount"] == 18.0
    assert totals.total_taxes == 22.5
    assert totals.amount == 112.5
    assert totals.tax_map == [
        {"name": "VAT 20%", "total": 18.0},
        {"name": "GST 5%", "total": 4.5},
    ]


def test_invoice_amount_discount_is_spread_over_line_taxes() -> None:
    # Lines 100 (VAT 20%) and 50 (untaxed): the 10 off is shared pro rata, so the
    # taxed line is taxed on 100 - 10 * 100/150 = 93.333 -> 18.67.
    totals = compute(
        {
            "discount": 10,
            "is_amount_discount": True,
            "line_items": [item(cost=100, tax_name1="VAT", tax_rate1=20), item(cost=50)],
        }
    )
    assert totals.subtotal == 150.0
    assert totals.discount_total == 10.0
    assert totals.line_items[0]["tax_amount"] == 18.67
    assert totals.line_items[0]["gross_line_total"] == 118.67
    assert totals.total_taxes == 18.67
    assert totals.amount == 158.67


def test_document_flag_decides_the_line_discount_type() -> None:
    # The server overwrites each line's is_amount_discount with the document's.
    as_amount = compute(
        {"is_amount_discount": True, "line_items": [item(quantity=2, cost=100, discount=15)]}
    )
    assert as_amount.line_items[0]["line_total"] == 185.0
    assert as_amount.line_items[0]["is_amount_discount"] is True
    as_percent = compute(
        {
            "is_amount_discount": False,
            "line_items": [item(quantity=2, cost=100, discount=10, is_amount_discount=True)],
        }
    )
    assert as_percent.line_items[0]["line_total"] == 180.0
    assert as_percent.line_items[0]["is_amount_discount"] is False


def test_three_exclusive_tax_rates() -> None:
    totals = compute(
        {
            "line_items": [
                item(
                    cost=100,
                    tax_name1="A",
                    tax_rate1=10,
                    tax_name2="BB",
                    tax_rate2=5,
                    tax_name3="CC",
                    tax_rate3=2.5,
                )
            ]
        }
    )
    # "A" is too short a name: the server taxes the line but leaves it out of the totals.
    assert totals.line_items[0]["tax_amount"] == 17.5
    assert totals.tax_map == [{"name": "BB 5%", "total": 5.0}, {"name": "CC 2.5%", "total": 2.5}]
    assert totals.total_taxes == 7.5
    assert totals.amount == 107.5


def test_three_inclusive_tax_rates_each_on_the_full_price() -> None:
    # 100 - 100/1.1 = 9.09; 100 - 100/1.05 = 4.76; 100 - 100/1.025 = 2.44.
    totals = compute(
        {
            "uses_inclusive_taxes": True,
            "line_items": [
                item(
                    cost=100,
                    tax_name1="T1",
                    tax_rate1=10,
                    tax_name2="T2",
                    tax_rate2=5,
                    tax_name3="T3",
                    tax_rate3=2.5,
                )
            ],
        }
    )
    assert [t["total"] for t in totals.tax_map] == [9.09, 4.76, 2.44]
    assert totals.line_items[0]["tax_amount"] == 16.29
    assert totals.total_taxes == 16.29
    assert totals.amount == 100.0


def test_inclusive_with_invoice_discounts() -> None:
    percent = compute(
        {
            "uses_inclusive_taxes": True,
            "discount": 10,
            "line_items": [item(cost=120, tax_name1="VAT", tax_rate1=20)],
        }
    )
    # 120 - 12 = 108, of which 108 - 90 = 18 is tax.
    assert (percent.discount_total, percent.total_taxes, percent.amount) == (12.0, 18.0, 108.0)
    amount = compute(
        {
            "uses_inclusive_taxes": True,
            "discount": 20,
            "is_amount_discount": True,
            "line_items": [item(cost=120, tax_name1="VAT", tax_rate1=20)],
        }
    )
    # 120 - 20 = 100, of which 100 - 100/1.2 = 16.67 is tax.
    assert (amount.discount_total, amount.total_taxes, amount.amount) == (20.0, 16.67, 100.0)


def test_inclusive_invoice_level_tax() -> None:
    totals = compute(
        {
            "uses_inclusive_taxes": True,
            "tax_name1": "VAT",
            "tax_rate1": 25,
            "line_items": [item(cost=125)],
        }
    )
    assert totals.tax_map == [{"name": "VAT 25%", "total": 25.0}]
    assert totals.amount == 125.0


def test_numeric_strings_are_accepted() -> None:
    # 3 x 19.99 = 59.97; 8.25% of it = 4.947525 -> 4.95.
    totals = compute(
        {
            "discount": "0",
            "is_amount_discount": "false",
            "line_items": [
                {"quantity": "3", "cost": "19.99", "tax_name1": "Sales", "tax_rate1": "8.25"}
            ],
        }
    )
    line = totals.line_items[0]
    assert line["quantity"] == 3.0 and type(line["quantity"]) is float
    assert line["cost"] == 19.99 and type(line["tax_rate1"]) is float
    assert line["line_total"] == 59.97
    assert line["tax_amount"] == 4.95
    assert totals.amount == 64.92


def test_half_cent_rounding_goes_up() -> None:
    # Binary floats make 0.615 slightly less than 0.615; the server still gets 0.62.
    totals = compute({"line_items": [item(cost=1.23, tax_name1="Half", tax_rate1=50)]})
    assert totals.line_items[0]["tax_amount"] == 0.62
    assert totals.amount == 1.85
    assert compute({"line_items": [item(cost=0.125)]}).amount == 0.13
    assert compute({"line_items": [item(quantity=3, cost=0.335)]}).amount == 1.01


def test_money_rounds_half_up() -> None:
    assert money(2.675) == 2.68
    assert money(1.005) == 1.01
    assert money("0.125") == 0.13
    assert money(-0.005) == -0.01
    assert money(0.004) == 0.0
    assert money(None) == 0.0
    assert type(money(1)) is float


def test_empty_invoice() -> None:
    docs: list[dict[str, Any]] = [{}, {"line_items": []}, records.blank("invoice")]
    for doc in docs:
        totals = compute(doc)
        assert totals == Totals([], 0.0, 0.0, 0.0, 0.0, [])


def test_returned_items_are_complete_line_items() -> None:
    totals = compute({"line_items": [{"quantity": 1, "cost": 5, "custom": "kept"}]})
    line = totals.line_items[0]
    assert set(records.line_item()) <= set(line)
    assert line["custom"] == "kept"
    assert line["tax_id"] == "1"  # the server fills a missing tax category in
    assert line["type_id"] == "1"
    for key in ("quantity", "cost", "discount", "line_total", "gross_line_total", "tax_amount"):
        assert type(line[key]) is float, key


def test_line_item_cleaning_like_the_server() -> None:
    service, empty_tax, nulls = compute(
        {
            "line_items": [
                {"quantity": 1, "cost": 1, "type_id": "2"},
                {"quantity": 1, "cost": 1, "type_id": "2", "tax_id": ""},
                {"quantity": None, "cost": 1, "type_id": "0", "notes": None, "tax_id": None},
            ]
        }
    ).line_items
    assert service["tax_id"] == "1"  # missing: always "1"
    assert empty_tax["tax_id"] == "2"  # empty on a service: "2"
    assert nulls["quantity"] == 0.0 and nulls["notes"] == "" and nulls["type_id"] == "1"
    assert nulls["tax_id"] == "1"


def test_input_is_not_mutated() -> None:
    doc = {
        "discount": 5,
        "is_amount_discount": True,
        "line_items": [item(quantity="2", cost="10", tax_name1="VAT", tax_rate1=20)],
    }
    before = copy.deepcopy(doc)
    totals = compute(doc)
    assert doc == before
    totals.line_items[0]["cost"] = 999
    assert doc == before


def test_totals_is_frozen() -> None:
    totals = compute({})
    with pytest.raises(dataclasses.FrozenInstanceError):
        totals.amount = 1.0  # type: ignore[misc]


def test_same_tax_on_several_lines_is_grouped() -> None:
    totals = compute(
        {
            "line_items": [
                item(cost=10, tax_name1="VAT", tax_rate1=20),
                item(cost=30, tax_name1="VAT", tax_rate1=20),
                item(cost=10, tax_name1="VAT", tax_rate1=10),
            ]
        }
    )
    assert totals.tax_map == [{"name": "VAT 20%", "total": 8.0}, {"name": "VAT 10%", "total": 1.0}]
    assert totals.amount == 59.0


def test_surcharges_are_added_untaxed() -> None:
    totals = compute(
        {
            "custom_surcharge1": 10,
            "custom_surcharge2": "5",
            "tax_name1": "VAT",
            "tax_rate1": 10,
            "line_items": [item(cost=100)],
        }
    )
    assert totals.total_taxes == 10.0
    assert totals.amount == 125.0


def test_currency_precision() -> None:
    totals = compute({"line_items": [item(cost=100.4, tax_name1="VAT", tax_rate1=10)]}, precision=0)
    assert totals.line_items[0]["line_total"] == 100.0
    assert totals.line_items[0]["tax_amount"] == 10.0  # taxes always round to cents
    assert totals.amount == 110.0


def test_negative_lines_and_zero_subtotal_with_amount_discount() -> None:
    totals = compute(
        {
            "discount": 0,
            "is_amount_discount": True,
            "line_items": [
                item(cost=100, tax_name1="VAT", tax_rate1=20),
                item(cost=-100, tax_name1="VAT", tax_rate1=20),
            ],
        }
    )
    assert totals.subtotal == 0.0
    assert totals.total_taxes == 0.0
    assert totals.amount == 0.0
