"""Shared helpers for the money-flow tests: make clients and invoices, read PDFs."""

from __future__ import annotations

import io
from typing import Any

import httpx
from pypdf import PdfReader

from ninja_tools.sandbox import SandboxState


async def new_client(
    api: httpx.AsyncClient, name: str = "Money Test Ltd", email: str = "pay@money.test"
) -> dict[str, Any]:
    response = await api.post(
        "/clients",
        json={
            "name": name,
            "contacts": [{"first_name": "Mona", "last_name": "Ney", "email": email}],
        },
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def new_invoice(
    api: httpx.AsyncClient,
    client_id: str,
    cost: float = 100.0,
    quantity: float = 1,
    query: str = "",
    **extra: Any,
) -> dict[str, Any]:
    body = {
        "client_id": client_id,
        "line_items": [{"product_key": "x", "quantity": quantity, "cost": cost}],
        **extra,
    }
    response = await api.post(f"/invoices{query}", json=body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def get(api: httpx.AsyncClient, path: str) -> dict[str, Any]:
    response = await api.get(path)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def later(state: SandboxState, seconds: float = 2.0) -> None:
    """Move the sandbox clock past the 1-second duplicate guards."""
    state.clock.advance(seconds)


def pdf_text(response: httpx.Response) -> str:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)
