"""Expenses by name: record one with its vendor and category named in words, or recategorize some.

Vendors, categories, clients and projects are found by name (any case) or id before anything is
written; with ``create_missing`` an unknown vendor or category is created instead of refused.
"""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import BeforeValidator, Field, model_validator

from .. import present
from ..errors import NotFound
from .base import Action, ActionInput, Route
from .context import Context
from .fields import IsoDate, RecordId, exclusive, split_list
from .generated import BulkOutcome, BulkResult
from .lookup import resolve_category, resolve_client_and_project, resolve_vendor
from .shaping import data_of, shaped

__all__ = ["ACTIONS"]

_Name = Annotated[str, Field(min_length=1, max_length=200)]


# -- create_expense ---------------------------------------------------------------------------

class CreateExpenseInput(ActionInput):
    amount: float = Field(gt=0, le=1e10, description="The amount spent")
    date: IsoDate | None = Field(default=None, description="When it was spent (default today)")
    vendor: _Name | None = Field(default=None, description="Who was paid: the vendor's name")
    vendor_id: RecordId | None = Field(default=None, description="Or the vendor's hashed id")
    category: _Name | None = Field(default=None, description="Expense category name, e.g. "
                                   "Travel")
    category_id: RecordId | None = Field(default=None, description="Or the category's hashed id")
    create_missing: bool = Field(default=False, description="Create the vendor or category "
                                 "when no name matches, instead of refusing")
    client: _Name | None = Field(default=None, description="Client it was spent for: name or "
                                 "e-mail")
    client_id: RecordId | None = Field(default=None, description="Or the client's hashed id")
    project: _Name | None = Field(default=None, description="Project it belongs to: its name")
    project_id: RecordId | None = Field(default=None, description="Or the project's hashed id")
    should_be_invoiced: bool = Field(default=False, description="Bill it on to the client later")
    notes: str | None = Field(default=None, max_length=5000, description="What it was for")
    private_notes: str | None = Field(default=None, max_length=5000,
                                      description="Notes the client never sees")
    tax_name: _Name | None = Field(default=None, description="Tax name, e.g. VAT")
    tax_rate: float | None = Field(default=None, ge=0, le=100, description="Tax percent")
    payment_date: IsoDate | None = Field(default=None, description="When it was paid; leave "
                                         "out if not paid yet")
    transaction_reference: str | None = Field(default=None, max_length=100,
                                              description="Bank or card reference")

    @model_validator(mode="after")
    def _check(self) -> Self:
        exclusive(self, ("vendor", "vendor_id"), ("category", "category_id"),
                  ("client", "client_id"), ("project", "project_id"))
        if (self.tax_name is None) != (self.tax_rate is None):
            raise ValueError("give tax_name and tax_rate together")
        if self.should_be_invoiced and not (self.client or self.client_id or self.project
                                            or self.project_id):
            raise ValueError("should_be_invoiced needs the client (or project) to bill")
        return self


class CreatedExpense(present.Expense):
    """The new expense, with its category by name and what had to be created for it."""

    category: str | None = None
    created: list[str] | None = Field(default=None, description="Vendor or category created")


async def _create_expense(ctx: Context, args: CreateExpenseInput) -> CreatedExpense:
    client_id, project = await resolve_client_and_project(
        ctx, client=args.client, client_id=args.client_id, project=args.project,
        project_id=args.project_id)
    body: dict[str, Any] = {"amount": args.amount}
    created: list[str] = []
    category_name = None
    if args.vendor is not None or args.vendor_id is not None:
        vendor = await resolve_vendor(ctx, vendor_id=args.vendor_id, vendor=args.vendor,
                                      create_if_missing=args.create_missing)
        body["vendor_id"] = vendor.id
        created += [f"vendor {vendor.name}"] if vendor.created else []
    if args.category is not None or args.category_id is not None:
        category = await resolve_category(ctx, category_id=args.category_id,
                                          category=args.category,
                                          create_if_missing=args.create_missing)
        body["category_id"], category_name = category.id, category.name
        created += [f"category {category.name}"] if category.created else []
    body.update({k: v for k, v in {
        "client_id": client_id, "project_id": project.id if project else None,
        "date": args.date, "public_notes": args.notes, "private_notes": args.private_notes,
        "tax_name1": args.tax_name, "tax_rate1": args.tax_rate,
        "payment_date": args.payment_date, "transaction_reference": args.transaction_reference,
    }.items() if v is not None})
    if args.should_be_invoiced:
        body["should_be_invoiced"] = True
    record = data_of(await ctx.client.post("expenses", body), "POST expenses")
    ctx.forget("expenses")
    expense = await shaped(ctx, "expense", record)
    return CreatedExpense(**expense.model_dump(exclude_none=True), category=category_name,
                          created=created or None)


# -- categorize_expenses ----------------------------------------------------------------------

class CategorizeExpensesInput(ActionInput):
    ids: Annotated[list[RecordId], BeforeValidator(split_list)] = Field(
        min_length=1, max_length=500, description="Hashed ids of the expenses")
    category: _Name | None = Field(default=None, description="Category name, e.g. Travel")
    category_id: RecordId | None = Field(default=None, description="Or the category's hashed id")
    create_missing: bool = Field(default=False,
                                 description="Create the category when no name matches")

    @model_validator(mode="after")
    def _check(self) -> Self:
        if (self.category is None) == (self.category_id is None):
            raise ValueError("give category or category_id (exactly one)")
        return self


async def _categorize(ctx: Context, args: CategorizeExpensesInput) -> BulkResult:
    ids = list(dict.fromkeys(args.ids))
    before = await ctx.read_many("expenses", ids)
    missing = [i for i, rec in before.items() if rec is None]
    if missing:
        raise NotFound(f"No expense with id '{missing[0]}' exists in this company; nothing was "
                       "changed.", status=400, entity="expense", record_id=missing[0],
                       hint="Check the ids with list_expenses.")
    category = await resolve_category(ctx, category_id=args.category_id,
                                      category=args.category,
                                      create_if_missing=args.create_missing)
    await ctx.client.post("expenses/bulk", {"action": "bulk_categorize", "ids": ids,
                                            "category_id": category.id})
    ctx.forget("expenses")
    after = await ctx.read_many("expenses", ids)
    results = []
    for expense_id in ids:
        record = after.get(expense_id) or before[expense_id] or {}
        done = record.get("category_id") == category.id
        label = str(record.get("number") or record.get("public_notes") or "") or None
        results.append(BulkOutcome(id=expense_id, label=label,
                                   outcome="done" if done else "unchanged"))
    done_count = sum(r.outcome == "done" for r in results)
    created = f" (category {category.name} created)" if category.created else ""
    return BulkResult(action="bulk_categorize", done=done_count,
                      unchanged=len(results) - done_count, results=results,
                      message=f"{done_count} of {len(results)} expenses are in {category.name}"
                      f"{created}.")


ACTIONS: list[Action] = [
    Action(
        name="create_expense", title="Record an expense",
        description="Record an expense with its vendor, category, client and project named in "
        "words (or by id); create_missing adds a vendor or category that does not exist yet. "
        "Use update_expense to change one already recorded.",
        input=CreateExpenseInput, output=CreatedExpense, risk="write",
        permission="create_expense", toolset="expenses", route=Route("POST", "expenses"),
        run=_create_expense, kind="create",
        routes=(Route("POST", "expenses"), Route("GET", "vendors"), Route("POST", "vendors"),
                Route("GET", "expense_categories"), Route("POST", "expense_categories"),
                Route("GET", "clients"), Route("GET", "projects")),
    ),
    Action(
        name="categorize_expenses", title="Categorize expenses",
        description="Put one or more expenses in an expense category named in words (or by "
        "id), creating it with create_missing; reports each expense's outcome. Use "
        "update_expenses_field for other columns.",
        input=CategorizeExpensesInput, output=BulkResult, risk="write",
        permission="edit_expense", toolset="expenses", route=Route("POST", "expenses/bulk"),
        run=_categorize, kind="bulk",
        routes=(Route("POST", "expenses/bulk"), Route("GET", "expenses/{id}"),
                Route("GET", "expense_categories"), Route("POST", "expense_categories")),
    ),
]
