"""Line items for invoice actions: the friendly inputs, product and tax fill-in, and discounts.

Invoice Ninja reads every discount of one document, line discounts included, with the single
``is_amount_discount`` flag. People mix "10% off this line" with "50 off the total", so percent
discounts are turned into amounts (to the cent) when any amount discount is present, and each
turn is reported. Nothing here writes; product and tax-rate names are read through the cache.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Self

from pydantic import Field, model_validator

from ..errors import InvalidInput, NinjaError
from .base import ActionInput
from .context import Context

__all__ = ["Discount", "DiscountPlan", "LineChange", "LineIn", "apply_discounts", "build_line",
           "change_line", "existing_discounts", "refuse_positions", "require_lines"]

_NO_TAX = ("none", "no tax", "")
_TAX_SLOTS = (1, 2, 3)


class _LineFields(ActionInput):
    product_key: str | None = Field(
        default=None, max_length=190,
        description="Product key; the product's price, description and taxes fill in what you "
        "leave out")
    notes: str | None = Field(default=None, max_length=5000,
                              description="What the line is for (the line's description)")
    cost: float | None = Field(default=None, ge=0, le=1e12,
                               description="Unit price; optional when product_key names a product")
    discount_percent: float | None = Field(
        default=None, gt=0, le=100, description="Discount on this line, in percent (10 = 10%)")
    discount_amount: float | None = Field(
        default=None, gt=0, le=1e12, description="Discount on this line, as an amount of money")
    tax_name: str | None = Field(
        default=None, max_length=100,
        description="Tax of the line, e.g. VAT; without tax_rate the rate comes from the "
        "company's tax rates. 'none' for no tax. Replaces the product's taxes")
    tax_rate: float | None = Field(default=None, ge=0, le=100,
                                   description="Tax rate in percent; needs tax_name")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.discount_percent is not None and self.discount_amount is not None:
            raise ValueError("give discount_percent or discount_amount, not both")
        if self.tax_rate is not None and not self.tax_name:
            raise ValueError("tax_rate needs tax_name (Invoice Ninja ignores unnamed taxes)")
        return self


class LineIn(_LineFields):
    """One new line of an invoice."""

    quantity: float = Field(default=1, gt=0, le=1e9, description="How many (default 1)")

    @model_validator(mode="after")
    def _priced(self) -> Self:
        if self.cost is None and not self.product_key:
            raise ValueError("give cost, or a product_key whose price fills in")
        if not self.product_key and not self.notes:
            raise ValueError("give notes (what the line is for) or a product_key")
        return self


class LineChange(_LineFields):
    """Changes to one existing line, found by its 1-based position; the rest stays."""

    position: int = Field(ge=1, le=10000, description="Which line, counting from 1")
    quantity: float | None = Field(default=None, gt=0, le=1e9, description="New quantity")
    discount_percent: float | None = Field(
        default=None, ge=0, le=100, description="New discount in percent; 0 removes it")
    discount_amount: float | None = Field(
        default=None, ge=0, le=1e12, description="New discount as an amount; 0 removes it")

    @model_validator(mode="after")
    def _changes_something(self) -> Self:
        if not self.model_fields_set - {"position"}:
            raise ValueError("say what to change on the line besides its position")
        return self


# -- lookups ----------------------------------------------------------------------------------

async def _product(ctx: Context, key: str) -> dict[str, Any] | None:
    rows = [r for r in await ctx.rows("products") if not r.get("is_deleted")]
    exact = [r for r in rows if str(r.get("product_key") or "") == key]
    if exact:
        return exact[0]
    folded = [r for r in rows if str(r.get("product_key") or "").casefold() == key.casefold()]
    return folded[0] if folded else None


async def _tax_rate(ctx: Context, name: str, where: str) -> tuple[str, float]:
    """The company's tax rate called ``name`` (any case), as (its own spelling, rate)."""
    rows = [r for r in await ctx.rows("tax_rates") if not r.get("is_deleted")]
    for row in rows:
        if str(row.get("name") or "").strip().casefold() == name.casefold():
            return str(row["name"]).strip(), float(row.get("rate") or 0)
    known = ", ".join(f"{r.get('name')} {float(r.get('rate') or 0):g}%" for r in rows)
    raise InvalidInput(
        f"{where}: the company has no tax rate named '{name}'."
        + (f" Its tax rates: {known}." if known else " It has no tax rates."),
        field_errors={where: [f"unknown tax rate {name!r}"]},
        hint="Use one of those names, or give tax_rate as well.")


def _set_taxes(line: dict[str, Any], taxes: list[tuple[str, float]]) -> None:
    for slot in _TAX_SLOTS:
        name, rate = taxes[slot - 1] if slot <= len(taxes) else ("", 0.0)
        line[f"tax_name{slot}"] = name
        line[f"tax_rate{slot}"] = rate


def _product_taxes(product: dict[str, Any]) -> list[tuple[str, float]]:
    return [(str(product.get(f"tax_name{n}") or ""), float(product.get(f"tax_rate{n}") or 0))
            for n in _TAX_SLOTS if str(product.get(f"tax_name{n}") or "").strip()]


async def _fill(ctx: Context, line: dict[str, Any], given: _LineFields, where: str) -> None:
    """Copy the given fields onto ``line``, filling price, notes and taxes from the product."""
    product = await _product(ctx, given.product_key) if given.product_key else None
    if given.product_key:
        if product is None and given.cost is None:
            keys = sorted(str(r.get("product_key")) for r in await ctx.rows("products")
                          if not r.get("is_deleted"))
            raise InvalidInput(
                f"{where}: no product with key '{given.product_key}', so there is no price to "
                f"fill in." + (f" Products: {', '.join(keys[:20])}." if keys else ""),
                field_errors={where: [f"unknown product {given.product_key!r}"]},
                hint="Give cost, or use an existing product key.")
        line["product_key"] = str(product["product_key"]) if product else given.product_key
    if product is not None:
        if given.cost is None:
            line["cost"] = float(product.get("price") or 0)
        if given.notes is None:
            line["notes"] = str(product.get("notes") or "")
        if given.tax_name is None:
            _set_taxes(line, _product_taxes(product))
    if given.cost is not None:
        line["cost"] = given.cost
    if given.notes is not None:
        line["notes"] = given.notes
    quantity = getattr(given, "quantity", None)
    if quantity is not None:
        line["quantity"] = quantity
    if given.tax_name is not None:
        if given.tax_name.casefold() in _NO_TAX:
            _set_taxes(line, [])
        else:
            tax = ((given.tax_name, given.tax_rate) if given.tax_rate is not None
                   else await _tax_rate(ctx, given.tax_name, where))
            _set_taxes(line, [tax])


async def build_line(ctx: Context, given: LineIn, where: str) -> tuple[dict[str, Any], Discount]:
    """A new Invoice Ninja line item, and its discount (kind decided later)."""
    line: dict[str, Any] = {"product_key": "", "notes": "", "quantity": given.quantity,
                            "cost": 0.0, "discount": 0.0, "type_id": "1"}
    _set_taxes(line, [])
    await _fill(ctx, line, given, where)
    return line, Discount.of(given.discount_percent, given.discount_amount)


async def change_line(ctx: Context, line: dict[str, Any], given: LineChange, current: Discount,
                      where: str) -> Discount:
    """Apply a change to ``line`` (a copy of an existing one); returns its discount now."""
    await _fill(ctx, line, given, where)
    if given.discount_percent is None and given.discount_amount is None:
        return current
    return Discount.of(given.discount_percent, given.discount_amount)


# -- discounts --------------------------------------------------------------------------------

def _cents(value: float) -> float:
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Discount:
    """A discount and whether it is a percent or an amount of money."""

    value: float = 0.0
    percent: bool = True

    @classmethod
    def of(cls, percent: float | None, amount: float | None) -> Discount:
        if amount is not None:
            return cls(amount, percent=False)
        return cls(percent or 0.0, percent=True)

    @property
    def is_amount(self) -> bool:
        return bool(self.value) and not self.percent


@dataclass
class DiscountPlan:
    """The discounts of a whole document, turned into what Invoice Ninja stores."""

    lines: list[dict[str, Any]]
    line_discounts: list[Discount]
    document: Discount = field(default_factory=Discount)
    remarks: list[str] = field(default_factory=list)


def apply_discounts(plan: DiscountPlan) -> dict[str, Any]:
    """Set each line's discount and return the document fields (``is_amount_discount``,
    ``discount``, ``line_items``); percents become amounts when any amount is present."""
    amounts = plan.document.is_amount or any(d.is_amount for d in plan.line_discounts)
    subtotal = 0.0
    for index, (line, discount) in enumerate(zip(plan.lines, plan.line_discounts, strict=True)):
        gross = float(line.get("quantity") or 0) * float(line.get("cost") or 0)
        value = discount.value
        if amounts and discount.percent and value:
            value = _cents(gross * value / 100)
            plan.remarks.append(f"Line {index + 1}: the {discount.value:g}% discount was sent as "
                                f"the amount {value:.2f}, since Invoice Ninja applies one "
                                "discount kind to the whole invoice.")
        line["discount"] = value
        line["is_amount_discount"] = amounts
        subtotal += gross - value if amounts else gross * (1 - value / 100)
    value = plan.document.value
    if amounts and plan.document.percent and value:
        value = _cents(_cents(subtotal) * value / 100)
        plan.remarks.append(f"The invoice's {plan.document.value:g}% discount was sent as the "
                            f"amount {value:.2f} (of {subtotal:.2f}).")
    return {"line_items": plan.lines, "is_amount_discount": amounts, "discount": value}


def existing_discounts(document: dict[str, Any]) -> tuple[list[dict[str, Any]], list[Discount],
                                                          Discount]:
    """Copies of a document's lines, their discounts and its own, as Invoice Ninja reads them."""
    percent = not document.get("is_amount_discount")
    lines = [copy.deepcopy(line) for line in document.get("line_items") or []
             if isinstance(line, dict)]
    discounts = [Discount(float(line.get("discount") or 0), percent) for line in lines]
    return lines, discounts, Discount(float(document.get("discount") or 0), percent)


def unknown_positions(count: int, positions: list[int]) -> list[int]:
    """The positions (1-based) that are not lines of a ``count``-line document."""
    return sorted({p for p in positions if p < 1 or p > count})


def refuse_positions(count: int, positions: list[int], where: str) -> None:
    missing = unknown_positions(count, positions)
    if missing:
        raise InvalidInput(
            f"{where}: the invoice has {count} line(s); there is no line "
            f"{', '.join(map(str, missing))}. Nothing was changed.",
            field_errors={where: [f"no line {', '.join(map(str, missing))}"]},
            hint="get_invoice shows the lines in order; positions count from 1.")


def require_lines(lines: list[dict[str, Any]]) -> None:
    if not lines:
        raise NinjaError("That would leave the invoice without lines; nothing was changed.",
                         hint="Keep at least one line, or add one with add_lines.")
