"""Optional per-token request throttling on the sandbox clock (off by default).

The self-hosted server has no API throttle, the hosted one allows 800/min per IP.
Switch it on to exercise a client's 429 handling: ``state.rate_limit.per_minute = 5``.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

WINDOW = 60.0


@dataclass
class RateLimit:
    """A sliding one-minute window per key (the token, or the client address without one)."""

    per_minute: int | None = None
    _hits: dict[str, deque[float]] = field(default_factory=dict)

    def hit(self, key: str, now: float) -> int | None:
        """Count one request; return the seconds to wait if it is over the limit, else None."""
        if not self.per_minute:
            return None
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - WINDOW:
            hits.popleft()
        if len(hits) >= self.per_minute:
            return max(1, int(hits[0] + WINDOW - now + 0.999))
        hits.append(now)
        return None

    def reset(self) -> None:
        self._hits.clear()
