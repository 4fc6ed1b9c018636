"""Creating a quote, credit or recurring invoice the way ``create_invoice`` creates an invoice.

The client is named by id, name or e-mail (and created when asked), lines are filled from
products and tax rates and discounts turned into what Invoice Ninja stores (``lines``); every
line is checked before the client is created or the document sent. Each action adds its own
fields (``valid_until``, ``frequency``...) through ``fields``.
"""

from __future__ import annotations

from typing import Any, Self

from pydantic import Field, model_validator

from .context import Context
from .fields import ClientChoice
from .lines import Discount, DiscountPlan, LineIn, apply_discounts, build_line
from .lookup import resolve_client
from .records import DocumentResult, document
from .shaping import data_of

__all__ = ["NewDocumentInput", "create_document"]

_TEXT = 5000


class NewDocumentInput(ClientChoice):
    """Fields every new quote, credit and recurring invoice takes."""

    discount_percent: float | None = Field(
        default=None, gt=0, le=100, description="Discount on the whole document, in percent")
    discount_amount: float | None = Field(
        default=None, gt=0, le=1e12, description="Discount on the whole document, as an amount")
    public_notes: str | None = Field(default=None, max_length=_TEXT,
                                     description="Notes shown to the client on the document")
    number: str | None = Field(default=None, min_length=1, max_length=100,
                               description="Its number (default: the next in sequence)")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.discount_percent is not None and self.discount_amount is not None:
            raise ValueError("give discount_percent or discount_amount, not both")
        return self


async def create_document(ctx: Context, path: str, args: NewDocumentInput,
                          lines: list[LineIn], fields: dict[str, Any]) -> DocumentResult:
    """POST the new record of ``path`` and return it shaped, with what was adjusted."""
    built, discounts = [], []
    for index, given in enumerate(lines):
        line, discount = await build_line(ctx, given, f"line_items.{index}")
        built.append(line)
        discounts.append(discount)
    plan = DiscountPlan(built, discounts, Discount.of(args.discount_percent, args.discount_amount))
    body = apply_discounts(plan)
    match = await resolve_client(ctx, client_id=args.client_id, client=args.client,
                                 create_if_missing=args.create_client_if_missing)
    body["client_id"] = match.id
    if args.public_notes is not None:
        body["public_notes"] = args.public_notes
    if args.number:
        body["number"] = args.number
    body.update({k: v for k, v in fields.items() if v is not None})
    answer = await ctx.client.post(path, body)
    ctx.forget(path)
    record = data_of(answer, f"POST {path}")
    remarks = ([f"Created the client {match.name}."] if match.created else []) + plan.remarks
    kind = path[:-1]
    return DocumentResult(document=await document(ctx, kind, record),
                          client_created=True if match.created else None,
                          remarks=remarks or None)
