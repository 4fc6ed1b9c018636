"""Payment types in the statics carry the ids Invoice Ninja's PaymentTypesSeeder gives them."""

from __future__ import annotations

import httpx


async def test_payment_type_ids_match_the_real_seeder(api: httpx.AsyncClient) -> None:
    types = {t["name"]: t["id"] for t in (await api.get("/statics")).json()["payment_types"]}
    assert types["Bank Transfer"] == "1" and types["Cash"] == "2"
    assert types["Credit Card Other"] == "12" and types["PayPal"] == "13"
    assert types["Check"] == "15" and types["Credit"] == "32"
