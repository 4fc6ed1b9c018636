"""Small helpers for driving the confirm page over HTTP like a browser would."""

from __future__ import annotations

import html
import re

import httpx

from .conftest import PAGE

_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


async def form_token(page: httpx.AsyncClient, confirmation_id: str) -> str:
    """The hidden form token of the pending page (the page must be showing its form)."""
    shown = await page.get(f"/confirm/{confirmation_id}")
    assert shown.status_code == 200, shown.text
    found = _TOKEN.search(shown.text)
    assert found, "the page has no form token"
    return html.unescape(found.group(1))


async def submit(page: httpx.AsyncClient, confirmation_id: str, decision: str = "confirm",
                 *, token: str | None = None, origin: str | None = PAGE,
                 **fields: str) -> httpx.Response:
    """POST the page's form as the browser would after the human pressed a button."""
    if token is None:
        token = await form_token(page, confirmation_id)
    data = {"form_token": token, "decision": decision, **fields}
    headers = {"Origin": origin} if origin else {}
    return await page.post(f"/confirm/{confirmation_id}", data=data, headers=headers)
