"""Payments through HTTP: validation, idempotency, duplicate guard, credits, refunds, delete."""

from __future__ import annotations

import httpx

from ninja_tools.sandbox import SandboxState

from .money_helpers import get, later, new_client, new_invoice


async def test_validation_422s(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = await new_client(api)
    other = await new_client(api, "Other Ltd", "o@other.test")
    invoice = await new_invoice(api, client["id"], cost=50, query="?mark_sent=true")
    over = await api.post(
        "/payments",
        json={
            "client_id": client["id"],
            "amount": 60,
            "invoices": [{"invoice_id": invoice["id"], "amount": 60}],
        },
    )
    assert over.status_code == 422
    assert over.json()["errors"]["invoices.0.invoice_id"] == [
        "The amount is greater than the invoice balance. You cannot overpay an invoice."
    ]
    foreign = await api.post(
        "/payments",
        json={
            "client_id": other["id"],
            "amount": 10,
            "invoices": [{"invoice_id": invoice["id"], "amount": 10}],
        },
    )
    assert foreign.json()["errors"]["invoices.0.invoice_id"] == [
        "Selected invoices are not from a single client"
    ]
    short = await api.post(
        "/payments",
        json={
            "client_id": client["id"],
            "amount": 5,
            "invoices": [{"invoice_id": invoice["id"], "amount": 20}],
        },
    )
    assert short.json()["errors"]["amount"] == ["Amounts do not balance correctly."]
    missing = await api.post("/payments", json={"amount": 7})
    assert missing.json()["errors"]["client_id"] == ["The client id field is required."]
    assert not [
        p for p in state.store.rows("payment") if p["client_id"] in (client["id"], other["id"])
    ]


async def test_unapplied_payment_and_receipt(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = await new_client(api)
    payment = (
        await api.post(
            "/payments", json={"client_id": client["id"], "amount": 75, "email_receipt": "true"}
        )
    ).json()["data"]
    assert (payment["amount"], payment["applied"], payment["status_id"]) == (75.0, 0.0, "4")
    assert (await get(api, f"/clients/{client['id']}"))["paid_to_date"] == 75.0
    receipt = [m for m in state.outbox if m["kind"] == "receipt"]
    assert receipt[0]["to"] == "pay@money.test" and receipt[0]["entity_id"] == payment["id"]


async def test_idempotency_key_reuse(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = await new_client(api)
    first = await api.post(
        "/payments", json={"client_id": client["id"], "amount": 10, "idempotency_key": "k-1"}
    )
    assert first.status_code == 200
    later(state)
    second = await api.post(
        "/payments", json={"client_id": client["id"], "amount": 11, "idempotency_key": "k-1"}
    )
    assert second.status_code == 422
    assert second.json()["errors"] == {
        "idempotency_key": ["The idempotency key has already been taken."]
    }
    assert len([p for p in state.store.rows("payment") if p["client_id"] == client["id"]]) == 1


async def test_duplicate_guard_one_second(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = await new_client(api)
    state.clock.freeze()
    body = {"client_id": client["id"], "amount": 12}
    assert (await api.post("/payments", json=body)).status_code == 200
    dup = await api.post("/payments", json=body)
    assert (dup.status_code, dup.json()) == (400, {"message": "Duplicate request"})
    state.clock.advance(1.5)
    assert (await api.post("/payments", json=body)).status_code == 200
    assert len([p for p in state.store.rows("payment") if p["client_id"] == client["id"]]) == 2


async def test_credit_applied_through_payment(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = await new_client(api)
    credit = (
        await api.post(
            "/credits",
            json={
                "client_id": client["id"],
                "line_items": [{"product_key": "c", "quantity": 1, "cost": 40}],
            },
        )
    ).json()["data"]
    assert (credit["status_id"], credit["balance"]) == ("1", 0.0)
    invoice = await new_invoice(api, client["id"], cost=100, query="?mark_sent=true")
    payment = (
        await api.post(
            "/payments",
            json={
                "client_id": client["id"],
                "amount": 70,
                "invoices": [{"invoice_id": invoice["id"], "amount": 100}],
                "credits": [{"credit_id": credit["id"], "amount": 30}],
            },
        )
    ).json()["data"]
    assert payment["applied"] == 70.0 and len(payment["paymentables"]) == 2
    used = await get(api, f"/credits/{credit['id']}")
    assert (used["status_id"], used["balance"], used["paid_to_date"]) == ("3", 10.0, 30.0)
    assert (await get(api, f"/invoices/{invoice['id']}"))["status_id"] == "4"
    owner = await get(api, f"/clients/{client['id']}")
    assert (owner["balance"], owner["paid_to_date"], owner["credit_balance"]) == (0.0, 100.0, 10.0)
    later(state)
    too_much = await api.post(
        "/payments",
        json={
            "client_id": client["id"],
            "amount": 0,
            "invoices": [{"invoice_id": invoice["id"], "amount": 0}],
            "credits": [{"credit_id": credit["id"], "amount": 50}],
        },
    )
    assert too_much.json()["errors"]["credits.0.credit_id"] == ["Insufficient balance on credit."]


async def test_refund_partial_then_full(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = await new_client(api)
    invoice = await new_invoice(api, client["id"], cost=200, query="?mark_sent=true")
    payment = (
        await api.post(
            "/payments",
            json={
                "client_id": client["id"],
                "amount": 200,
                "invoices": [{"invoice_id": invoice["id"], "amount": 200}],
            },
        )
    ).json()["data"]
    no_date = await api.post(
        "/payments/refund",
        json={
            "id": payment["id"],
            "amount": 50,
            "invoices": [{"invoice_id": invoice["id"], "amount": 50}],
        },
    )
    assert no_date.json()["errors"] == {"date": ["The date field is required."]}
    no_invoices = await api.post(
        "/payments/refund", json={"id": payment["id"], "amount": 50, "date": "2025-03-14"}
    )
    assert "please specify valid invoice/s" in no_invoices.json()["errors"]["id"][0]
    part = await api.post(
        "/payments/refund",
        json={
            "id": payment["id"],
            "amount": 50,
            "date": "2025-03-14",
            "invoices": [{"invoice_id": invoice["id"], "amount": 50}],
        },
    )
    assert (part.json()["data"]["refunded"], part.json()["data"]["status_id"]) == (50.0, "5")
    after = await get(api, f"/invoices/{invoice['id']}")
    assert (after["status_id"], after["balance"], after["paid_to_date"]) == ("3", 50.0, 150.0)
    owner = await get(api, f"/clients/{client['id']}")
    assert (owner["balance"], owner["paid_to_date"]) == (50.0, 150.0)
    over = await api.post(
        "/payments/refund",
        json={
            "id": payment["id"],
            "amount": 200,
            "date": "2025-03-14",
            "invoices": [{"invoice_id": invoice["id"], "amount": 200}],
        },
    )
    assert "maximum refundable amount is 150" in over.json()["errors"]["id"][0]
    full = await api.post(
        "/payments/refund",
        json={
            "id": payment["id"],
            "amount": 150,
            "date": "2025-03-14",
            "invoices": [{"invoice_id": invoice["id"], "amount": 150}],
        },
    )
    assert (full.json()["data"]["refunded"], full.json()["data"]["status_id"]) == (200.0, "6")
    after = await get(api, f"/invoices/{invoice['id']}")
    assert (after["status_id"], after["balance"], after["paid_to_date"]) == ("2", 200.0, 0.0)
    owner = await get(api, f"/clients/{client['id']}")
    assert (owner["balance"], owner["paid_to_date"]) == (200.0, 0.0)


async def test_gateway_refund_without_gateway(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = await new_client(api)
    invoice = await new_invoice(api, client["id"], cost=40, query="?mark_sent=true")
    payment = (
        await api.post(
            "/payments",
            json={
                "client_id": client["id"],
                "amount": 40,
                "invoices": [{"invoice_id": invoice["id"], "amount": 40}],
            },
        )
    ).json()["data"]
    refund = (
        await api.post(
            "/payments/refund",
            json={
                "id": payment["id"],
                "amount": 40,
                "date": "2025-03-14",
                "gateway_refund": True,
                "invoices": [{"invoice_id": invoice["id"], "amount": 40}],
            },
        )
    ).json()["data"]
    # no company gateway: nothing is counted as refunded, but the invoice owes again
    assert (refund["refunded"], refund["status_id"]) == (0.0, "6")
    assert (await get(api, f"/invoices/{invoice['id']}"))["balance"] == 40.0


async def test_delete_payment_reverses_application(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    client = await new_client(api)
    invoice = await new_invoice(api, client["id"], cost=90, query="?mark_sent=true")
    payment = (
        await api.post(
            "/payments",
            json={
                "client_id": client["id"],
                "amount": 90,
                "invoices": [{"invoice_id": invoice["id"], "amount": 90}],
            },
        )
    ).json()["data"]
    await api.post("/payments/bulk", json={"action": "delete", "ids": [payment["id"]]})
    after = await get(api, f"/invoices/{invoice['id']}")
    assert (after["status_id"], after["balance"], after["paid_to_date"]) == ("2", 90.0, 0.0)
    owner = await get(api, f"/clients/{client['id']}")
    assert (owner["balance"], owner["paid_to_date"]) == (90.0, 0.0)
    assert (await get(api, f"/payments/{payment['id']}"))["is_deleted"] is True


async def test_bulk_email_receipt(api: httpx.AsyncClient, state: SandboxState) -> None:
    client = await new_client(api)
    payment = (await api.post("/payments", json={"client_id": client["id"], "amount": 5})).json()[
        "data"
    ]
    response = await api.post(
        "/payments/bulk", json={"action": "email_receipt", "ids": [payment["id"]]}
    )
    assert response.status_code == 200 and response.json()["data"][0]["id"] == payment["id"]
    assert [m["kind"] for m in state.outbox] == ["receipt"]
