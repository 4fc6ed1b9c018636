"""What an action runs with: the client, plus lookups shared by every action of one Toolbox.

Lookups (client and vendor names, currencies) are read on first use and kept for a few
minutes, so that shaping a page of invoices costs no extra request per row.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import anyio
from pydantic import SecretStr

from ..client import NinjaClient, api_path
from ..errors import ConfirmationRequired, NotFound
from ..identity import Identity, fetch_identity
from ..present import Lookups

__all__ = ["Context"]

_ALL = "active,archived,deleted"


@dataclass
class _Cached:
    value: Any
    at: float


@dataclass
class Context:
    """The client and the shared, cached lookups.

    Args:
        client: the NinjaClient every action calls through.
        password: the human's password for the one ``password`` action being run; set on a
            per-call copy by ``Toolbox.execute``, never on the shared context.
        passwordless: a human confirmed this call by typing the record's name because the
            token's user has no password (signs in with Google, Microsoft or Apple); per call.
        ttl: seconds a lookup stays fresh.
        today: the local date (overdue is judged against it).
        now: the time, for running task timers.
    """

    client: NinjaClient
    ttl: float = 300.0
    today: Callable[[], dt.date] = dt.date.today
    now: Callable[[], float] = time.time
    password: SecretStr | None = field(default=None, repr=False)
    passwordless: bool = False
    _cache: dict[str, _Cached] = field(default_factory=dict)

    async def protected(self, method: str, path: str, *, json: Any = None) -> Any:
        """Call a route behind Invoice Ninja's password middleware.

        The human's password goes out on this request, always, even when the server's login
        cache would let it through, so a success means the password was checked. A user who
        signs in with Google, Microsoft or Apple has none: their confirmation (the typed name)
        lets the call go without, as Invoice Ninja does. Without either, nothing is sent.
        """
        if self.password is not None:
            return await self.client.with_password(method, path, self.password, json=json)
        if self.passwordless:
            return await self.client.call(method, path, json=json)
        raise ConfirmationRequired(
            f"{method} /{path} is behind Invoice Ninja's password and needs a human's"
            " confirmation with that password; nothing was sent.",
            hint="Run it from a face that can ask for the password (the CLI on a terminal, or"
            " the confirm page).")

    def forget(self, *names: str) -> None:
        """Drop cached lookups (``clients``, ``vendors``...) after a write changed them."""
        for name in names or tuple(self._cache):
            self._cache.pop(name, None)

    async def _remember(self, name: str, load: Callable[[], Any]) -> Any:
        hit = self._cache.get(name)
        if hit is not None and time.monotonic() - hit.at < self.ttl:
            return hit.value
        value = await load()
        self._cache[name] = _Cached(value, time.monotonic())
        return value

    async def rows(self, path: str) -> list[dict[str, Any]]:
        """Every record of a list, archived and deleted included (cached)."""

        async def load() -> list[dict[str, Any]]:
            return [row async for row in self.client.paginate(path, {"status": _ALL},
                                                              per_page=5000)]

        rows: list[dict[str, Any]] = await self._remember(path, load)
        return rows

    async def read_many(self, path: str, ids: list[str]) -> dict[str, dict[str, Any] | None]:
        """Each record of ``path`` by id, read at once; ``None`` for an id that does not exist.

        Bulk actions read their records before and after, because Invoice Ninja answers 200
        while silently skipping records the user may not edit.
        """
        found: dict[str, dict[str, Any] | None] = {}

        async def one(record_id: str) -> None:
            try:
                body = await self.client.get(api_path(path + "/{id}", id=record_id))
                found[record_id] = body.get("data") if isinstance(body, dict) else None
            except NotFound:
                found[record_id] = None

        async with anyio.create_task_group() as group:
            for record_id in ids:
                group.start_soon(one, record_id)
        return found

    async def statics(self) -> dict[str, Any]:
        async def load() -> dict[str, Any]:
            body = await self.client.get("statics")
            return body if isinstance(body, dict) else {}

        statics: dict[str, Any] = await self._remember("statics", load)
        return statics

    async def identity(self) -> Identity:
        """The token's user and company (one ``POST /refresh``, cached); the policy and the
        company's currency and time zone all read it."""
        found: Identity = await self._remember("identity", lambda: fetch_identity(self.client))
        return found

    async def company_currency_id(self) -> str:
        return (await self.identity()).currency_id

    async def lookups(self, *, clients: bool = True, vendors: bool = False) -> Lookups:
        """The names and currencies ``present`` needs to shape records."""
        statics = await self.statics()
        currencies = {str(c.get("id")): str(c.get("code") or "")
                      for c in statics.get("currencies", []) if isinstance(c, dict)}
        default_currency = currencies.get(await self.company_currency_id(), "")
        client_rows = await self.rows("clients") if clients else []
        vendor_rows = await self.rows("vendors") if vendors else []
        return Lookups(
            client_names={r["id"]: str(r.get("name") or _contact_name(r)) for r in client_rows},
            client_currencies={
                r["id"]: currencies.get(str((r.get("settings") or {}).get("currency_id")), "")
                for r in client_rows
            },
            vendor_names={r["id"]: str(r.get("name") or _contact_name(r)) for r in vendor_rows},
            currency=default_currency,
            today=self.today(),
            now=self.now(),
        )


def _contact_name(record: dict[str, Any]) -> str:
    for contact in record.get("contacts") or []:
        name = " ".join(filter(None, (contact.get("first_name"), contact.get("last_name"))))
        if name or contact.get("email"):
            return str(name or contact.get("email"))
    return ""
