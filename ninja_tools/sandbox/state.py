"""The live state of one sandbox app (``app.state.sandbox``): data, clock and switches.

Tests reach in here to arrange data (``store``), read sent mail (``outbox``), inject
faults (``faults``), switch on throttling (``rate_limit``) or move time (``clock``).
``reset()`` rebuilds the seeded data with the same options.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .auth import AuthBook, TokenInfo
from .clock import Clock
from .faults import FaultPlan
from .ratelimit import RateLimit
from .registry import Registry
from .store import Record, Store


@dataclass(frozen=True)
class SeedOptions:
    """Inputs of a seed function: the owner's token and password, and the sandbox's today."""

    token: str
    password: str
    today: dt.date


SeedFunction = Callable[["SandboxState", SeedOptions], None]


@dataclass
class SandboxState:
    """Everything one running sandbox holds; see the module docstring."""

    registry: Registry
    clock: Clock
    seed: SeedFunction
    options: SeedOptions
    store: Store = field(default_factory=Store)
    auth: AuthBook = field(default_factory=AuthBook)
    outbox: list[dict[str, Any]] = field(default_factory=list)
    faults: FaultPlan = field(default_factory=FaultPlan)
    rate_limit: RateLimit = field(default_factory=RateLimit)
    guards: dict[tuple[str, ...], float] = field(default_factory=dict)  # duplicate-request guards
    sandbox_routes: bool = True  # /_sandbox/* control routes
    live_server: bool = False  # set by serve(): drop connections for real instead of raising

    def company(self) -> Record:
        """The single company every token belongs to."""
        return self.store.rows("company")[0]

    def users(self) -> dict[str, Record]:
        return self.store.tables.get("user", {})

    def tokens(self) -> list[TokenInfo]:
        return list(self.auth.tokens.values())

    def now(self) -> int:
        return self.clock.timestamp()

    def load(self) -> None:
        """Run the seed function into an empty store."""
        self.seed(self, self.options)

    def reset(self) -> None:
        """Forget all data, mail, guards and throttle counts, then seed again."""
        self.store = Store()
        self.auth = AuthBook()
        self.outbox.clear()
        self.guards.clear()
        self.rate_limit.reset()
        self.load()

    def duplicate(self, key: tuple[str, ...], window: float = 1.0) -> bool:
        """True when the same guarded request came within ``window`` seconds.

        Like the real cache check, a rejected duplicate does not re-arm the guard.
        """
        now = self.clock.time()
        last = self.guards.get(key)
        if last is not None and now - last < window:
            return True
        self.guards[key] = now
        return False
