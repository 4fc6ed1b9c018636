"""Blank records must look like the real server's transformer output."""

from __future__ import annotations

import json

import pytest

from ninja_tools.sandbox import records

DOCUMENTS = ("invoice", "quote", "credit", "recurring_invoice", "recurring_quote", "purchase_order")
REQUIRED = (
    "client",
    "client_contact",
    "invoice",
    "quote",
    "credit",
    "recurring_invoice",
    "invitation",
    "payment",
    "paymentable",
    "product",
    "expense",
    "expense_category",
    "vendor",
    "vendor_contact",
    "project",
    "task",
    "task_status",
    "purchase_order",
    "tax_rate",
    "document",
    "user",
    "company_user",
    "company",
    "activity",
    "payment_term",
    "group_setting",
)
# Fields the transformers really emit as JSON null.
NULLABLE = {"status_order", "email_verified_at", "legal_entity_id", "e_invoicing_token"}
# Ids their transformers cast to int: bank feed and system log numbers, not hashed ids.
INT_IDS = {
    ("system_log", "event_id"),
    ("system_log", "category_id"),
    ("system_log", "type_id"),
    ("bank_integration", "provider_id"),
    ("bank_integration", "bank_account_id"),
    ("bank_transaction", "transaction_id"),
    ("bank_transaction", "category_id"),
    ("bank_transaction", "bank_account_id"),
}


def test_every_required_entity_is_known() -> None:
    assert set(REQUIRED) <= set(records.ENTITIES)
    assert isinstance(records.ENTITIES, tuple)


def test_invoice_spot_checks_against_invoice_transformer() -> None:
    invoice = records.blank("invoice")
    assert invoice["status_id"] == "1"
    assert invoice["invitations"] == []
    assert invoice["documents"] == []
    assert invoice["line_items"] == []
    assert invoice["balance"] == 0.0 and type(invoice["balance"]) is float
    assert invoice["amount"] == 0.0 and type(invoice["amount"]) is float
    assert invoice["created_at"] == 0 and type(invoice["created_at"]) is int
    assert invoice["archived_at"] == 0
    assert invoice["client_id"] == ""
    assert invoice["recurring_id"] == ""
    assert invoice["is_amount_discount"] is False
    assert invoice["entity_type"] == "invoice"
    assert invoice["tax_info"] == {} and invoice["e_invoice"] == {}
    assert invoice["custom_surcharge_tax4"] is False
    assert invoice["reminder_last_sent"] == ""
    assert "next_send_datetime" not in invoice  # only recurring invoices have it


def test_document_entities_share_the_document_shape() -> None:
    for entity in DOCUMENTS:
        rec = records.blank(entity)
        assert rec["status_id"] == "1", entity
        for money_field in ("amount", "balance", "paid_to_date", "total_taxes", "discount"):
            assert type(rec[money_field]) is float, (entity, money_field)
        assert rec["invitations"] == [] and rec["line_items"] == [], entity
    assert records.blank("recurring_invoice")["entity_type"] == "recurringInvoice"
    assert records.blank("purchase_order")["entity_type"] == "purchaseOrder"
    assert records.blank("quote")["invoice_id"] == ""
    assert records.blank("purchase_order")["expense_id"] == ""
    assert records.blank("recurring_invoice")["recurring_dates"] == []


def test_client_has_settings_contacts_and_money() -> None:
    client = records.blank("client")
    assert client["settings"]["currency_id"] == "1"
    assert client["settings"]["payment_terms"] == ""
    assert client["contacts"] == [] and client["gateway_tokens"] == []
    assert type(client["balance"]) is float and type(client["credit_balance"]) is float
    assert client["group_settings_id"] == "" and client["country_id"] == ""
    assert client["is_tax_exempt"] is False


def test_payment_and_paymentable() -> None:
    payment = records.blank("payment")
    assert payment["paymentables"] == []
    assert payment["exchange_rate"] == 1.0
    assert payment["status_id"] == "1"
    assert type(payment["refunded"]) is float
    paymentable = records.blank("paymentable")
    assert set(paymentable) == {
        "id",
        "invoice_id",
        "amount",
        "refunded",
        "created_at",
        "updated_at",
        "archived_at",
    }


def test_transformer_specific_defaults() -> None:
    assert records.blank("product")["quantity"] == 1.0
    assert records.blank("product")["tax_id"] == "1"
    assert records.blank("task")["status_order"] is None
    assert records.blank("task")["status_id"] == ""  # an encoded foreign key
    assert records.blank("company")["first_month_of_year"] == "1"
    assert records.blank("company")["settings"]["currency_id"] == "1"
    assert "archived_at" not in records.blank("activity")
    assert records.blank("purchase_order_invitation")["vendor_contact_id"] == ""
    assert records.blank("invitation")["client_contact_id"] == ""
    assert records.blank("user")["referral_meta"] == {"free": 0, "pro": 0, "enterprise": 0}


def test_empty_values_follow_the_server_conventions() -> None:
    for entity in records.ENTITIES:
        rec = records.blank(entity)
        for key, value in rec.items():
            if key in NULLABLE:
                continue
            assert value is not None, (entity, key)
            if key in {"created_at", "updated_at", "archived_at"}:
                assert type(value) is int and value == 0, (entity, key)
            if (entity, key) in INT_IDS:
                assert type(value) is int, (entity, key)
            elif key == "id" or key.endswith("_id"):
                assert isinstance(value, str), (entity, key)
        json.dumps(rec)  # every record is plain JSON


def test_blank_returns_independent_copies() -> None:
    first = records.blank("client")
    first["contacts"].append({"id": "x"})
    first["settings"]["currency_id"] = "2"
    second = records.blank("client")
    assert second["contacts"] == []
    assert second["settings"]["currency_id"] == "1"


def test_unknown_entity_raises_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="unknown entity 'widget'"):
        records.blank("widget")


def test_on_create_adds_factory_defaults() -> None:
    invoice = records.on_create("invoice")
    assert invoice["is_amount_discount"] is True
    assert invoice["exchange_rate"] == 1.0
    recurring = records.on_create("recurring_invoice")
    assert recurring["frequency_id"] == "5"
    assert recurring["remaining_cycles"] == -1
    assert recurring["auto_bill"] == "off"
    assert records.on_create("client") == records.blank("client")
    assert records.blank("invoice")["is_amount_discount"] is False


def test_line_item_has_every_invoice_item_field() -> None:
    item = records.line_item()
    expected = {
        "quantity": 0.0,
        "cost": 0.0,
        "product_key": "",
        "product_cost": 0.0,
        "notes": "",
        "discount": 0.0,
        "is_amount_discount": False,
        "tax_name1": "",
        "tax_rate1": 0.0,
        "tax_name2": "",
        "tax_rate2": 0.0,
        "tax_name3": "",
        "tax_rate3": 0.0,
        "sort_id": "0",
        "line_total": 0.0,
        "gross_line_total": 0.0,
        "tax_amount": 0.0,
        "date": "",
        "custom_value1": "",
        "custom_value2": "",
        "custom_value3": "",
        "custom_value4": "",
        "type_id": "1",
        "tax_id": "",
        "task_id": "",
        "expense_id": "",
        "unit_code": "C62",
    }
    assert item == expected
    assert {k: type(v) for k, v in item.items()} == {k: type(v) for k, v in expected.items()}


def test_line_item_overrides_and_is_fresh() -> None:
    item = records.line_item(quantity=2, cost=10.5, product_key="X", extra="kept")
    assert item["quantity"] == 2 and item["cost"] == 10.5 and item["product_key"] == "X"
    assert item["extra"] == "kept"
    assert item["unit_code"] == "C62"
    item["notes"] = "changed"
    assert records.line_item()["notes"] == ""
