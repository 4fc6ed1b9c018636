"""Figure 4: what tools/list costs a model's context, for the default set and ``--toolsets
all``: characters of the answer as sent over stdio, and tokens estimated as characters / 4."""

from __future__ import annotations

from typing import Any

import anyio

from .stdio import list_tools


def _sizes() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, flags in (("default", ()), ("toolsets_all", ("--toolsets", "all"))):
        listing = list_tools(*flags)
        chars = len(listing.line)
        out[name] = {"tools": len(listing.tools), "chars": chars, "est_tokens": chars // 4}
    return out


async def measure() -> dict[str, Any]:
    return await anyio.to_thread.run_sync(_sizes)
