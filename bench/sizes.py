"""Figure 5: shaped results versus Invoice Ninja's raw JSON, in bytes."""

from __future__ import annotations

import json
from typing import Any

from ninja_tools.present import dump

from .common import Sandbox


def _bytes(value: Any) -> int:
    return len(json.dumps(value, separators=(",", ":")).encode())


async def measure() -> dict[str, Any]:
    box = Sandbox.start()
    try:
        raw_page = (await box.raw.get("invoices", params={"per_page": 20,
                                                           "status": "active"})).json()["data"]
        shaped_page = dump(await box.toolbox.run("list_invoices", {"per_page": 20}))["items"]
        raw_one = (await box.raw.get(f"invoices/{raw_page[0]['id']}")).json()["data"]
        shaped_one = dump(await box.toolbox.run("get_invoice", {"id": raw_page[0]["id"]}))
        out = {}
        for name, raw, shaped in (("page_of_20_invoices", raw_page, shaped_page),
                                  ("one_invoice", raw_one, shaped_one)):
            out[name] = {"raw_bytes": _bytes(raw), "shaped_bytes": _bytes(shaped),
                         "ratio": round(_bytes(raw) / _bytes(shaped), 1)}
        return out
    finally:
        await box.close()
