"""Who the API token belongs to and what it may do, read once from ``POST /refresh``.

The refresh answer carries the company's system token in clear text; it is dropped here, on
arrival, and never stored, logged or returned.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from .errors import ProtocolError

if TYPE_CHECKING:
    from .client import NinjaClient

__all__ = ["Identity", "fetch_identity"]


class Identity(BaseModel):
    """The token's user in its company, with Invoice Ninja's own permission flags."""

    model_config = ConfigDict(frozen=True)

    user_id: str = ""
    user_name: str = ""
    email: str = ""
    company_name: str = ""
    is_owner: bool = False
    is_admin: bool = False
    is_locked: bool = False
    permissions: frozenset[str] = Field(default_factory=frozenset)
    oauth_provider: str = Field(
        default="", description="google, microsoft or apple when the user has no password"
    )
    currency_id: str = Field(default="1", description="The company's default currency id")
    timezone_id: str = Field(default="", description="The company's time zone id (statics)")

    @property
    def is_superuser(self) -> bool:
        return self.is_owner or self.is_admin

    @property
    def has_password(self) -> bool:
        return not self.oauth_provider

    def summary(self) -> str:
        """One line on what the token may do, for `check` and help texts."""
        if self.is_owner:
            return "everything (account owner)"
        if self.is_admin:
            return "everything (administrator)"
        if not self.permissions:
            return "only records this user created or is assigned to"
        return ", ".join(sorted(self.permissions))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


async def fetch_identity(client: NinjaClient) -> Identity:
    """Ask Invoice Ninja who the token is, keeping only the fields we need.

    ``updated_at=now`` keeps the answer small: without it the server sends the whole company.
    """
    body = await client.post(
        "refresh", params={"current_company": "true", "updated_at": int(time.time())},
        read_only=True,
    )
    rows = body.get("data") if isinstance(body, dict) else None
    if isinstance(rows, dict):
        rows = [rows]
    if not rows or not isinstance(rows[0], dict):
        raise ProtocolError("POST /refresh did not describe the token's user.",
                            hint="Check that NINJA_URL points at Invoice Ninja v5.")
    row: dict[str, Any] = rows[0]
    row.pop("token", None)  # the company's system token: never kept
    user = _dict(row.get("user"))
    company = _dict(row.get("company"))
    settings = _dict(company.get("settings"))
    name = " ".join(filter(None, (_text(user.get("first_name")), _text(user.get("last_name")))))
    provider = _text(user.get("oauth_provider_id"))
    return Identity(
        user_id=_text(user.get("id")),
        user_name=name or _text(user.get("email")),
        email=_text(user.get("email")),
        company_name=_text(settings.get("name")) or _text(company.get("name")),
        is_owner=bool(row.get("is_owner")),
        is_admin=bool(row.get("is_admin")),
        is_locked=bool(row.get("is_locked")),
        permissions=frozenset(
            p.strip() for p in _text(row.get("permissions")).split(",") if p.strip()
        ),
        oauth_provider=provider if len(provider) > 2 else "",
        currency_id=str(settings.get("currency_id") or "1"),
        timezone_id=str(settings.get("timezone_id") or ""),
    )
