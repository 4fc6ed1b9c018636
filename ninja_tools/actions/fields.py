"""Input field types shared by actions: hashed ids, ISO dates, e-mails, comma-or-list values."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

__all__ = ["Email", "IsoDate", "RecordId", "exclusive", "split_list"]


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
