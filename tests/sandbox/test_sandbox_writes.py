"""Store, update and destroy: validation shapes, ids, numbering, contacts and invitations."""

from __future__ import annotations

import httpx

from ninja_tools.sandbox import SandboxState

from .conftest import by_name

INVALID = "The given data was invalid."


SEED = "basics"  # these tests count seeded rows


async def test_unknown_and_numeric_ids_are_400(api: httpx.AsyncClient) -> None:
    response = await api.get("/invoices/123")
    assert (response.status_code, response.json()) == (
        400,
        {"message": "Record with value 123 not found"},
    )
    response = await api.get("/invoices/garbage")
    assert response.status_code == 400
    assert response.json() == {"message": "No query results for model [App\\Models\\Invoice]."}
    for path, model in (
        ("/clients/zzzzzzzzzz", "Client"),
        ("/expense_categories/x", "ExpenseCategory"),
        ("/purchase_orders/x/edit", "PurchaseOrder"),
    ):
        assert (await api.get(path)).json()[
            "message"
        ] == f"No query results for model [App\\Models\\{model}]."


async def test_ids_are_hashed_strings(api: httpx.AsyncClient) -> None:
    for row in (await api.get("/clients")).json()["data"]:
        assert isinstance(row["id"], str) and len(row["id"]) == 10 and not row["id"].isdigit()


async def test_store_invoice_computes_totals_numbers_and_invitations(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    acme = by_name(state, "client", "Acme Corporation")
    response = await api.post(
        "/invoices",
        json={
            "client_id": acme["id"],
            "line_items": [
                {
                    "product_key": "x",
                    "notes": "n",
                    "quantity": "2",
                    "cost": "100.50",
                    "tax_name1": "GST",
                    "tax_rate1": "10",
                }
            ],
            "amount": 1,
            "balance": 1,
            "status_id": "4",
            "bogus": "ignored",
        },
    )
    assert response.status_code == 200
    invoice = response.json()["data"]
    # A draft owes nothing yet: Invoice Ninja sets the balance when the invoice is sent.
    assert (invoice["amount"], invoice["total_taxes"], invoice["balance"]) == (221.1, 20.1, 0.0)
    assert invoice["status_id"] == "1" and "bogus" not in invoice
    assert invoice["number"] == "0004" and invoice["date"] == "2025-03-14"
    assert invoice["user_id"] == state.auth.tokens["sandbox-token"].user_id
    # only Acme's send_email contact is invited
    assert [i["client_contact_id"] for i in invoice["invitations"]] == [acme["contacts"][0]["id"]]
    assert len(invoice["invitations"][0]["key"]) == 32


async def test_validation_errors(api: httpx.AsyncClient, state: SandboxState) -> None:
    response = await api.post("/invoices", json={"line_items": []})
    assert response.status_code == 422
    assert response.json() == {
        "message": INVALID,
        "errors": {"client_id": ["The client id field is required."]},
    }
    bad = await api.post("/invoices", json={"client_id": "zzzzzzzzzz"})
    assert bad.json()["errors"] == {"client_id": ["The selected client id is invalid."]}
    acme = by_name(state, "client", "Acme Corporation")
    duplicate = await api.post("/invoices", json={"client_id": acme["id"], "number": "0001"})
    assert duplicate.status_code == 422
    assert duplicate.json()["errors"] == {"number": ["The number has already been taken."]}
    nameless = await api.post("/clients", json={})
    assert list(nameless.json()["errors"]) == ["name"]
    email = await api.post("/clients", json={"contacts": [{"email": "not-an-email"}]})
    assert email.json()["errors"] == {
        "contacts.0.email": ["The contacts.0.email field must be a valid email address."]
    }
    numeric = await api.post("/products", json={"product_key": "p", "cost": "abc"})
    assert numeric.json()["errors"] == {"cost": ["The cost field must be a number."]}
    taken_name = await api.post("/tax_rates", json={"name": "GST", "rate": 5})
    assert taken_name.json()["errors"] == {"name": ["The name has already been taken."]}


async def test_client_created_from_contact_only(api: httpx.AsyncClient) -> None:
    response = await api.post(
        "/clients", json={"contacts": [{"first_name": "Solo", "email": "solo@x.example"}]}
    )
    assert response.status_code == 200
    client = response.json()["data"]
    assert client["contacts"][0]["is_primary"] and client["contacts"][0]["send_email"]
    assert client["number"] == "0006"
    blank = (await api.post("/clients", json={"name": "No Contacts"})).json()["data"]
    assert len(blank["contacts"]) == 1 and blank["contacts"][0]["is_primary"]


async def test_update_accepts_numeric_strings_and_patch(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    product = state.store.rows("product")[0]
    response = await api.patch(f"/products/{product['id']}", json={"cost": "12.5", "quantity": 3})
    assert response.status_code == 200
    assert (response.json()["data"]["cost"], response.json()["data"]["quantity"]) == (12.5, 3.0)
    shown = (await api.get(f"/products/{product['id']}/edit")).json()["data"]
    assert shown["cost"] == 12.5


async def test_contacts_replacement_semantics(api: httpx.AsyncClient, state: SandboxState) -> None:
    acme = by_name(state, "client", "Acme Corporation")
    wile, road = acme["contacts"]
    untouched = (
        await api.put(f"/clients/{acme['id']}", json={"website": "https://new.example"})
    ).json()["data"]
    assert [c["id"] for c in untouched["contacts"]] == [wile["id"], road["id"]]
    replaced = (
        await api.put(
            f"/clients/{acme['id']}",
            json={
                "contacts": [
                    {"id": road["id"], "first_name": "Road", "send_email": False},
                    {"first_name": "New", "email": "new@acme.example", "send_email": False},
                ]
            },
        )
    ).json()["data"]
    contacts = replaced["contacts"]
    assert contacts[0]["id"] == road["id"] and wile["id"] not in [c["id"] for c in contacts]
    assert [c["is_primary"] for c in contacts] == [True, False]
    assert contacts[0]["send_email"] is True  # one contact always gets e-mail
    assert contacts[1]["email"] == "new@acme.example"


async def test_vendor_contacts_replaced_too(api: httpx.AsyncClient, state: SandboxState) -> None:
    vendor = by_name(state, "vendor", "Office Supplies Ltd")
    old_id = vendor["contacts"][0]["id"]
    updated = (
        await api.put(
            f"/vendors/{vendor['id']}",
            json={"contacts": [{"first_name": "Other", "email": "other@supplies.example"}]},
        )
    ).json()["data"]
    assert len(updated["contacts"]) == 1 and updated["contacts"][0]["first_name"] == "Other"
    assert updated["contacts"][0]["id"] != old_id


async def test_invitations_replacement(api: httpx.AsyncClient, state: SandboxState) -> None:
    acme = by_name(state, "client", "Acme Corporation")
    invoice = state.store.rows("invoice")[0]
    old_key = invoice["invitations"][0]["key"]
    road = acme["contacts"][1]
    updated = (
        await api.put(
            f"/invoices/{invoice['id']}", json={"invitations": [{"client_contact_id": road["id"]}]}
        )
    ).json()["data"]
    assert [i["client_contact_id"] for i in updated["invitations"]] == [road["id"]]
    assert old_key not in [i["key"] for i in updated["invitations"]]
    kept = (
        await api.put(
            f"/invoices/{invoice['id']}",
            json={"invitations": updated["invitations"], "line_items": []},
        )
    ).json()["data"]
    assert kept["invitations"] == updated["invitations"] and kept["amount"] == 0.0


async def test_destroy_keeps_record_and_blocks_edits(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    product = state.store.rows("product")[0]
    deleted = (await api.delete(f"/products/{product['id']}")).json()["data"]
    assert deleted["is_deleted"] is True and deleted["archived_at"] > 0
    assert (await api.get(f"/products/{product['id']}")).status_code == 200
    blocked = await api.put(f"/products/{product['id']}", json={"notes": "x"})
    assert blocked.status_code == 400
    assert blocked.json() == {
        "message": "Record is deleted and cannot be edited. Restore the record to enable editing"
    }


async def test_create_template_and_document_stubs(api: httpx.AsyncClient) -> None:
    template = (await api.get("/invoices/create")).json()["data"]
    assert template["id"] == "" and template["line_items"] == [] and template["status_id"] == "1"
    for method, path in (("GET", "/documents/create"), ("POST", "/documents")):
        response = await api.request(method, path)
        assert (response.status_code, response.content) == (200, b"")
    assert (await api.get("/documents")).json()["data"] == []


async def test_every_success_is_200_with_sorted_keys(api: httpx.AsyncClient) -> None:
    response = await api.post("/products", json={"product_key": "sorted"})
    assert response.status_code == 200
    keys = list(response.json()["data"])
    assert keys == sorted(keys)
    assert response.headers["x-app-version"] == "5.10.42" and response.headers["x-api-version"]
