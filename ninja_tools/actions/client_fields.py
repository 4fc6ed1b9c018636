"""The fields of a client as people give them, and how they become Invoice Ninja's body.

Country and currency come as ISO codes or names and are looked up in ``statics``; contacts are
first and last name, e-mail and phone. Shared by ``create_client`` and ``update_client``.
"""

from __future__ import annotations

import difflib
from typing import Any, Self

from pydantic import BaseModel, Field, model_validator

from .. import present
from ..errors import InvalidInput
from .base import ActionInput
from .context import Context
from .fields import Email

__all__ = ["ClientFields", "ClientResult", "ContactIn", "client_body", "contact_body"]

_SHORT, _TEXT = 190, 5000
_PLAIN = ("name", "website", "phone", "address1", "address2", "city", "state", "postal_code",
          "vat_number", "id_number", "public_notes", "private_notes")


class ContactIn(ActionInput):
    """A person at the client."""

    first_name: str | None = Field(default=None, max_length=100, description="First name")
    last_name: str | None = Field(default=None, max_length=100, description="Last name")
    email: Email | None = Field(default=None, description="E-mail address")
    phone: str | None = Field(default=None, max_length=50, description="Phone number")
    send_email: bool = Field(
        default=True, description="Receives the invoices and reminders e-mailed to the client")

    @model_validator(mode="after")
    def _someone(self) -> Self:
        if not any((self.first_name, self.last_name, self.email, self.phone)):
            raise ValueError("give at least a name, an e-mail or a phone number")
        return self


class ClientFields(ActionInput):
    name: str | None = Field(default=None, min_length=1, max_length=_SHORT,
                             description="Company or person name")
    website: str | None = Field(default=None, max_length=_SHORT, description="Web site")
    phone: str | None = Field(default=None, max_length=50, description="Main phone number")
    address1: str | None = Field(default=None, max_length=_SHORT, description="Street")
    address2: str | None = Field(default=None, max_length=_SHORT,
                                 description="Apartment, suite, floor")
    city: str | None = Field(default=None, max_length=_SHORT, description="City")
    state: str | None = Field(default=None, max_length=_SHORT, description="State or region")
    postal_code: str | None = Field(default=None, max_length=50, description="Postal code")
    country: str | None = Field(
        default=None, min_length=2, max_length=100,
        description="Country: ISO code (US, DEU) or English name (Germany)")
    currency: str | None = Field(
        default=None, min_length=3, max_length=100,
        description="Currency the client is invoiced in: ISO code (EUR) or name")
    vat_number: str | None = Field(default=None, max_length=100, description="VAT number")
    id_number: str | None = Field(default=None, max_length=100,
                                  description="Company registration or ID number")
    public_notes: str | None = Field(default=None, max_length=_TEXT,
                                     description="Notes the client may see")
    private_notes: str | None = Field(default=None, max_length=_TEXT,
                                      description="Notes only your team sees")


class ClientResult(BaseModel):
    """A client after the action, and what else was done or adjusted, in plain words."""

    client: present.Client
    remarks: list[str] | None = Field(
        default=None, description="What else was done or adjusted, in plain words")


def _pick(rows: list[dict[str, Any]], wanted: str, keys: tuple[str, ...], what: str,
          field: str) -> str:
    key = wanted.strip().casefold()
    for row in rows:
        if any(str(row.get(k) or "").casefold() == key for k in keys):
            return str(row["id"])
    names = [str(r.get("name") or "") for r in rows]
    close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.5)
    raise InvalidInput(
        f"Unknown {what} '{wanted}'." + (f" Did you mean {', '.join(close)}?" if close else ""),
        field_errors={field: [f"unknown {what}"]},
        hint=f"Use the ISO code or the English name; get_reference_data lists the {what}s.")


async def country_id(ctx: Context, wanted: str) -> str:
    rows = [r for r in (await ctx.statics()).get("countries") or [] if isinstance(r, dict)]
    return _pick(rows, wanted, ("iso_3166_2", "iso_3166_3", "name"), "country", "country")


async def currency_id(ctx: Context, wanted: str) -> str:
    rows = [r for r in (await ctx.statics()).get("currencies") or [] if isinstance(r, dict)]
    return _pick(rows, wanted, ("code", "name"), "currency", "currency")


async def client_body(ctx: Context, fields: ClientFields,
                      settings: dict[str, Any] | None = None) -> dict[str, Any]:
    """The Invoice Ninja fields for what was given; ``settings`` are the client's current ones,
    kept whole when the currency changes (Invoice Ninja replaces the settings object)."""
    body: dict[str, Any] = {k: getattr(fields, k) for k in _PLAIN
                            if getattr(fields, k) is not None}
    if fields.country is not None:
        body["country_id"] = await country_id(ctx, fields.country)
    if fields.currency is not None:
        body["settings"] = {**(settings or {}), "currency_id": await currency_id(ctx,
                                                                                fields.currency)}
    return body


def contact_body(contact: ContactIn) -> dict[str, Any]:
    body: dict[str, Any] = contact.model_dump(exclude_none=True)
    return body
