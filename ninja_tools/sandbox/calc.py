"""Invoice money math: line totals, discounts, taxes and the document total.

The sandbox stores the ``amount`` and ``total_taxes`` it computes here, so they
must come out the same as a real Invoice Ninja server's.  The rules follow
``app/Helpers/Invoice/InvoiceItemSum.php``, ``InvoiceItemSumInclusive.php``,
``InvoiceSum.php``, ``InvoiceSumInclusive.php``, ``Taxer.php``,
``Discounter.php`` and ``app/Utils/Traits/NumberFormatter.php`` of
``invoiceninja/invoiceninja`` at commit ``8e6fb33c`` (v5.10.42).  Automatic
tax rules (company ``calculate_taxes``), tax-exempt clients, taxed surcharges
and rappen rounding are out of scope.

Quirks of the real server kept on purpose:

* the document's ``is_amount_discount`` decides whether *line* discounts are
  amounts or percents too (each line's own flag is overwritten with it);
* exclusive line totals are rounded to the currency precision only for
  percent discounts, and the subtotal sums the rounded line totals;
* each tax is rounded to 2 decimals, whatever the currency precision;
* a line tax counts in ``total_taxes`` only when it has a name of 2+ bytes.

Arithmetic uses :class:`~decimal.Decimal` on the shortest decimal form of each
input, which is what PHP's ``round`` (with its pre-rounding) effectively does.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from ninja_tools.sandbox.records import line_item

__all__ = ["Totals", "compute", "money"]

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)

_FLOAT_FIELDS = [
    "quantity",
    "cost",
    "product_cost",
    "discount",
    "tax_rate1",
    "tax_rate2",
    "tax_rate3",
    "line_total",
    "gross_line_total",
    "tax_amount",
]
_STRING_FIELDS = [
    "product_key",
    "notes",
    "tax_name1",
    "tax_name2",
    "tax_name3",
    "sort_id",
    "date",
    "custom_value1",
    "custom_value2",
    "custom_value3",
    "custom_value4",
    "type_id",
    "tax_id",
    "task_id",
    "expense_id",
    "unit_code",
]


@dataclass(frozen=True)
class Totals:
    """Everything the server derives from a document's line items.

    ``amount`` and ``total_taxes`` are what the server stores on the document;
    ``subtotal`` and ``discount_total`` are what its PDFs show.  ``tax_map``
    lists ``{"name": "VAT 20%", "total": 36.0}`` entries: the line taxes grouped
    by name and rate first, then the document-level taxes.
    """

    line_items: list[dict[str, Any]]
    subtotal: float
    discount_total: float
    total_taxes: float
    amount: float
    tax_map: list[dict[str, Any]]


def _dec(value: Any) -> Decimal:
    """Read a number the lenient way PHP does: junk and blanks are 0."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        result = Decimal(int(value))
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value)) if math.isfinite(value) else _ZERO
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip() or "0")
        except InvalidOperation:
            return _ZERO
    else:
        return _ZERO
    return result if result.is_finite() else _ZERO


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def _round(value: Decimal, places: int) -> Decimal:
    """PHP ``round``: half away from zero."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _fmt(value: Decimal, places: int) -> Decimal:
    """PHP ``formatValue``: ``sprintf('%f')`` (6 decimals), then ``number_format``."""
    return _round(value.quantize(Decimal("0.000001"), rounding=ROUND_HALF_EVEN), places)


def _out(value: Decimal) -> float:
    """Decimal to a JSON float, without negative zero."""
    return float(value) + 0.0


def money(x: Any) -> float:
    """Round to cents, half up, as the server does when it stores money."""
    return _out(_round(_dec(x), 2))


def _rate_text(rate: Decimal) -> str:
    """A rate the way the server prints it in tax names: no trailing zeros."""
    text = format(rate.normalize(), "f")
    return "0" if text in {"-0", ""} else text


def _named(name: str) -> bool:
    # PHP strlen counts bytes; the server needs more than one.
    return len(name.encode("utf-8")) > 1


def _clean_item(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Fill in and cast a raw line item as the server's CleanLineItems does.

    Nulls take the default; a missing ``tax_id`` becomes "1" (physical goods),
    an empty one "2" for services (``type_id`` "2") and "1" otherwise.
    """
    item = line_item(**{key: value for key, value in raw.items() if value is not None})
    for key in _FLOAT_FIELDS:
        item[key] = _dec(item[key])
    for key in _STRING_FIELDS:
        item[key] = str(item[key])
    item["is_amount_discount"] = _bool(item["is_amount_discount"])
    if item["type_id"] == "0":
        item["type_id"] = "1"
    if "tax_id" not in raw:
        item["tax_id"] = "1"
    elif item["tax_id"] == "":
        item["tax_id"] = "2" if item["type_id"] == "2" else "1"
    return item


class _Taxes:
    """Collects line taxes grouped by name and rate, in first-seen order."""

    def __init__(self) -> None:
        self.groups: dict[str, dict[str, Any]] = {}

    def add(self, name: str, rate: Decimal, total: Decimal) -> None:
        key = (name + _rate_text(rate)).replace(" ", "")
        group = self.groups.setdefault(key, {"name": f"{name} {_rate_text(rate)}%", "total": _ZERO})
        group["total"] += total


def _line_taxes(
    item: dict[str, Any], base: Decimal, inclusive: bool, taxes: _Taxes, group_if_named: bool
) -> list[Decimal]:
    """Tax one line on ``base`` at its three rates, each rounded to 2 decimals.

    The first pass groups a tax when it is named, the amount-discount pass
    when it is not zero: the two server passes differ in just that way.
    """
    out: list[Decimal] = []
    for i in (1, 2, 3):
        rate: Decimal = item[f"tax_rate{i}"]
        name: str = item[f"tax_name{i}"]
        tax = _inclusive_tax(rate, base) if inclusive else _fmt(base * rate / _HUNDRED, 2)
        out.append(tax)
        if (group_if_named and _named(name)) or (not group_if_named and tax != 0):
            taxes.add(name, rate, tax)
    return out


def _inclusive_tax(rate: Decimal, amount: Decimal) -> Decimal:
    """The part of a tax-inclusive ``amount`` that is tax at ``rate`` percent."""
    divisor = 1 + rate / _HUNDRED
    if divisor == 0:
        return _ZERO
    return _fmt(amount - amount / divisor, 2)


def compute(doc: Mapping[str, Any], *, precision: int = 2) -> Totals:
    """Compute line items and totals of an invoice, quote, credit or PO.

    ``doc`` is not modified; numbers may be given as numeric strings.
    ``precision`` is the currency's number of decimals.
    """
    inclusive = _bool(doc.get("uses_inclusive_taxes"))
    amount_discount = _bool(doc.get("is_amount_discount"))
    discount = _dec(doc.get("discount"))
    raw_items = doc.get("line_items") or []

    items = [_clean_item(raw) for raw in raw_items if isinstance(raw, Mapping)]
    taxes = _Taxes()
    sub_total = _ZERO
    for item in items:
        line = item["cost"] * item["quantity"]
        if amount_discount:
            line -= _fmt(item["discount"], precision)
        elif inclusive:
            line -= _fmt(line * item["discount"] / _HUNDRED, precision)
        else:
            line = _fmt(line - line * item["discount"] / _HUNDRED, precision)
        item["is_amount_discount"] = amount_discount
        item["line_total"] = line
        # First pass: the document discount is always read as a percent here;
        # amount discounts are redone below once the subtotal is known.
        base = line - line * discount / _HUNDRED
        line_taxes = _line_taxes(item, base, inclusive, taxes, group_if_named=True)
        if inclusive:
            tax = sum((_fmt(t, precision) for t in line_taxes), _ZERO)
            item["tax_amount"] = _fmt(tax, precision)
            item["gross_line_total"] = line
            sub_total += line
        else:
            tax = sum(line_taxes, _ZERO)
            item["tax_amount"] = tax
            item["gross_line_total"] = line + tax
            sub_total += _round(line, precision)

    total_discount = discount if amount_discount else _round(sub_total * discount / _HUNDRED, 2)
    total = sub_total - total_discount

    invoice_taxes: list[dict[str, Any]] = []
    total_taxes = _ZERO
    taxable = total
    if inclusive and discount > 0:
        # The inclusive code re-derives the discounted total, unrounded, here.
        off = discount if amount_discount else sub_total * discount / _HUNDRED
        taxable = _fmt(sub_total - off, 2)
    for i in (1, 2, 3):
        name = str(doc.get(f"tax_name{i}") or "")
        rate = _dec(doc.get(f"tax_rate{i}"))
        if not _named(name):
            continue
        tax = _inclusive_tax(rate, taxable) if inclusive else _round(taxable * rate / _HUNDRED, 2)
        total_taxes += tax
        invoice_taxes.append({"name": f"{name} {_rate_text(rate)}%", "total": tax})

    total += sum((_dec(doc.get(f"custom_surcharge{i}")) for i in (1, 2, 3, 4)), _ZERO)

    if amount_discount:
        taxes = _Taxes()
        for item in items:
            line = item["line_total"]
            if line == 0 and not inclusive:
                continue  # the exclusive code skips these, keeping their first-pass tax
            base = line if sub_total == 0 else line - discount * line / sub_total
            tax = sum(_line_taxes(item, base, inclusive, taxes, group_if_named=False), _ZERO)
            item["tax_amount"] = tax
            item["gross_line_total"] = line if inclusive else line + tax

    line_tax_map = list(taxes.groups.values())
    total_taxes += sum((group["total"] for group in line_tax_map), _ZERO)
    if not inclusive:
        total += total_taxes

    for item in items:
        for key in _FLOAT_FIELDS:
            item[key] = _out(item[key])
    tax_map = [{"name": t["name"], "total": _out(t["total"])} for t in line_tax_map + invoice_taxes]
    return Totals(
        line_items=items,
        subtotal=_out(_round(sub_total, precision)),
        discount_total=_out(_round(total_discount, precision)),
        total_taxes=_out(total_taxes),
        amount=_out(_fmt(total, precision)),
        tax_map=tax_map,
    )
