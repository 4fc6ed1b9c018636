"""Input field types shared by actions: hashed ids, ISO dates, e-mails, comma-or-list values."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from .base import ActionInput

__all__ = ["ClientChoice", "Email", "IsoDate", "RecordId", "RecordRef", "exclusive",
           "split_list"]


def split_list(value: Any) -> Any:
    """Accept ``"a,b"`` as well as ``["a", "b"]``: chat users and models send both."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


def exclusive(model: Any, *pairs: tuple[str, str]) -> None:
    """In a model validator: refuse a record named twice (``client`` and ``client_id``)."""
    for name, id_name in pairs:
        if getattr(model, name) is not None and getattr(model, id_name) is not None:
            raise ValueError(f"give {name} or {id_name}, not both")


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError("must be a date as YYYY-MM-DD, e.g. 2026-01-31") from None
    return value


RecordId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$",
                                description="Hashed Invoice Ninja id, e.g. Opnel5aKBz")]
IsoDate = Annotated[str, BeforeValidator(_iso_date),
                    Field(description="A date as YYYY-MM-DD")]
#: An e-mail address as Invoice Ninja's validator accepts it (something@domain.tld).
Email = Annotated[str, Field(min_length=3, max_length=254,
                             pattern=r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$",
                             description="An e-mail address")]


class RecordRef(ActionInput):
    """Names one record: by its hashed id or by its number (exactly one)."""

    id: RecordId | None = Field(default=None, description="Hashed id of the record")
    number: str | None = Field(default=None, min_length=1, max_length=100,
                               description="Its number instead of the id, e.g. 0042")

    @model_validator(mode="after")
    def _one_reference(self) -> Any:
        if bool(self.id) == bool(self.number):
            raise ValueError("give the id or the number (exactly one)")
        return self


class ClientChoice(ActionInput):
    """Names the client of a new record: by id, or by name or e-mail (exactly one)."""

    client_id: RecordId | None = Field(default=None,
                                       description="Hashed id of the client (or give client)")
    client: str | None = Field(
        default=None, min_length=1, max_length=200,
        description="The client's name or a contact's e-mail (instead of client_id)")
    create_client_if_missing: bool = Field(
        default=False, description="Create the client when no client has that name or e-mail")

    @model_validator(mode="after")
    def _one_client(self) -> Any:
        if bool(self.client_id) == bool(self.client):
            raise ValueError("give client_id or client (a name or an e-mail), exactly one")
        if self.create_client_if_missing and not self.client:
            raise ValueError("create_client_if_missing needs client (a name or an e-mail)")
        return self
