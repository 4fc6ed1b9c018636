"""The sandbox clock: real time shifted to the sandbox's "today", and controllable in tests.

Everything time-based (duplicate guards, password cache expiry, rate-limit windows,
seeded dates, created_at/updated_at) reads this clock, so tests can freeze it or jump
it forward instead of sleeping.
"""

from __future__ import annotations

import datetime as dt
import time


class Clock:
    """A monotonic clock that starts at ``start`` and can be frozen, moved or advanced."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        now = dt.datetime.now(dt.UTC)
        self._base = start.astimezone(dt.UTC) if start else now
        self._t0 = time.monotonic()
        self._frozen: float | None = None

    def time(self) -> float:
        """Seconds since the epoch on the sandbox timeline."""
        if self._frozen is not None:
            return self._frozen
        return self._base.timestamp() + (time.monotonic() - self._t0)

    def now(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.time(), dt.UTC)

    def today(self) -> dt.date:
        return self.now().date()

    def timestamp(self) -> int:
        """Unix seconds, the form the API uses for created_at/updated_at/archived_at."""
        return int(self.time())

    def freeze(self, at: dt.datetime | None = None) -> None:
        """Stop the clock (at ``at`` or at the current sandbox time)."""
        self._frozen = at.timestamp() if at else self.time()

    def unfreeze(self) -> None:
        """Let the clock run again from where it stands."""
        current = self.time()
        self._frozen = None
        self._base = dt.datetime.fromtimestamp(current, dt.UTC)
        self._t0 = time.monotonic()

    def advance(self, seconds: float) -> None:
        """Jump forward (or back, with a negative value) without sleeping."""
        if self._frozen is not None:
            self._frozen += seconds
        else:
            self._base += dt.timedelta(seconds=seconds)
