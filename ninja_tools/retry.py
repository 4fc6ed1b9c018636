"""How hard NinjaClient retries: exponential back-off with jitter, bounded; no I/O here."""

from __future__ import annotations

import random
from dataclasses import dataclass

__all__ = ["RetryPolicy"]


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to retry: exponential back-off with jitter, bounded in attempts and in total.

    Args:
        attempts: tries in all, the first included.
        base_delay: the first wait in seconds; each further wait doubles it.
        max_delay: the longest single wait.
        max_total: the most time spent waiting in all; a longer ``Retry-After`` gives up at once.
    """

    attempts: int = 6
    base_delay: float = 1.0
    max_delay: float = 30.0
    max_total: float = 60.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """The wait before try number ``attempt + 1`` (``attempt`` counts from 1)."""
        if retry_after is not None:
            return float(retry_after)
        ceiling = min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))
        return ceiling / 2 + random.uniform(0, ceiling / 2)
