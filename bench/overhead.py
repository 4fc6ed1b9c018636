"""Figure 1: what Toolbox.run adds over a bare httpx request to the same sandbox route."""

from __future__ import annotations

from typing import Any

from .common import Sandbox, summary, timed

RUNS = 400


async def measure() -> dict[str, Any]:
    box = Sandbox.start()
    try:
        invoice_id = (await box.raw.get("invoices", params={"per_page": 1})).json()["data"][0]["id"]
        results: dict[str, Any] = {}
        cases = {
            "get_invoice": (lambda: box.raw.get(f"invoices/{invoice_id}"),
                            lambda: box.toolbox.run("get_invoice", {"id": invoice_id})),
            "list_invoices": (lambda: box.raw.get("invoices", params={"status": "active"}),
                              lambda: box.toolbox.run("list_invoices", {})),
        }
        for name, (bare, tool) in cases.items():
            # Interleave the two so that machine noise hits both alike.
            bare_ms: list[float] = []
            tool_ms: list[float] = []
            for _ in range(4):
                bare_ms += await timed(bare, RUNS // 4)
                tool_ms += await timed(tool, RUNS // 4)
            b, t = summary(bare_ms), summary(tool_ms)
            results[name] = {
                "bare": b, "toolbox": t,
                "added_median_ms": round(t["median_ms"] - b["median_ms"], 3),
                "added_p99_ms": round(t["p99_ms"] - b["p99_ms"], 3),
                "ratio_median": round(t["median_ms"] / b["median_ms"], 2),
            }
        return results
    finally:
        await box.close()
