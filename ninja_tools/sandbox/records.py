"""Blank Invoice Ninja records, shaped like the real server's API output.

The sandbox builds every record it serves from these templates, so a client
talking to the sandbox sees the same keys and the same "empty" values as it
would from a real Invoice Ninja v5 server.

Source: the transformers in ``app/Transformers/*Transformer.php`` and the
factories in ``app/Factory/*Factory.php`` of ``invoiceninja/invoiceninja``,
branch ``v5-develop``, commit ``8e6fb33c3f5e53a983052b64ab7363b09b819d39``
(VERSION.txt 5.10.42, 2024-10-23); line items from
``app/DataMapper/InvoiceItem.php`` at the same commit.

Conventions of that transformer output, kept here:

* null foreign keys and null strings become ``""``;
* money and rates are JSON floats (``0.0``); timestamps (``created_at``,
  ``updated_at``, ``archived_at``) and counters are ints (``0``);
* ``status_id`` is a string (``"1"``);
* default includes are present as empty lists (``invitations``,
  ``documents``, ``contacts``, ``paymentables``, ``gateway_tokens``);
* PHP ``stdClass`` values (``tax_info``, ``e_invoice``, ...) become ``{}``.
"""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["ENTITIES", "blank", "line_item", "on_create"]

Record = dict[str, Any]

_STAMPS = "created_at updated_at archived_at"
_CUSTOM = "custom_value1 custom_value2 custom_value3 custom_value4"
_TAX_NAMES = "tax_name1 tax_name2 tax_name3"
_TAX_RATES = "tax_rate1 tax_rate2 tax_rate3"
_ADDRESS = "address1 address2 city state postal_code phone country_id"


def _rec(s: str = "", f: str = "", i: str = "", b: str = "", **extra: Any) -> Record:
    """Build a record from space-separated field names grouped by JSON type.

    ``s`` strings (``""``), ``f`` floats (``0.0``), ``i`` ints (``0``),
    ``b`` booleans (``False``); ``extra`` holds any other value.
    """
    rec: Record = dict.fromkeys(s.split(), "")
    rec.update(dict.fromkeys(f.split(), 0.0))
    rec.update(dict.fromkeys(i.split(), 0))
    rec.update(dict.fromkeys(b.split(), False))
    rec.update(extra)
    return rec


def _document(entity_type: str, s: str = "", **extra: Any) -> Record:
    """Fields shared by invoices, quotes, credits, recurring documents and POs."""
    return _rec(
        s="id user_id assigned_user_id project_id client_id vendor_id design_id subscription_id "
        "number po_number date due_date last_sent_date next_send_date partial_due_date terms "
        f"footer public_notes private_notes {_TAX_NAMES} {_CUSTOM} {s}",
        f="amount balance paid_to_date partial discount total_taxes exchange_rate "
        "custom_surcharge1 custom_surcharge2 custom_surcharge3 custom_surcharge4 "
        f"{_TAX_RATES}",
        i=_STAMPS,
        b="is_amount_discount uses_inclusive_taxes is_deleted has_tasks has_expenses "
        "custom_surcharge_tax1 custom_surcharge_tax2 custom_surcharge_tax3 custom_surcharge_tax4",
        status_id="1",
        entity_type=entity_type,
        line_items=[],
        invitations=[],
        documents=[],
        **extra,
    )


_REMINDERS = "reminder1_sent reminder2_sent reminder3_sent reminder_last_sent"


def _recurring(entity_type: str, s: str = "") -> Record:
    return _document(
        entity_type,
        s=f"frequency_id auto_bill due_date_days {s}",
        remaining_cycles=0,
        recurring_dates=[],
        auto_bill_enabled=False,
    )


def _expense(entity_type: str, s: str = "", **extra: Any) -> Record:
    return _rec(
        s="id user_id assigned_user_id vendor_id invoice_id client_id project_id category_id "
        "bank_id invoice_currency_id currency_id payment_type_id transaction_id "
        f"transaction_reference number date payment_date private_notes public_notes {s} "
        f"{_TAX_NAMES} {_CUSTOM}",
        f=f"amount foreign_amount exchange_rate tax_amount1 tax_amount2 tax_amount3 {_TAX_RATES}",
        i=_STAMPS,
        b="is_deleted should_be_invoiced invoice_documents uses_inclusive_taxes "
        "calculate_tax_by_amount",
        entity_type=entity_type,
        documents=[],
        **extra,
    )


def _invitation(contact_key: str) -> Record:
    return _rec(
        s=f"id {contact_key} key link sent_date viewed_date opened_date email_status "
        "email_error message_id",
        i=_STAMPS,
    )


def _contact(s: str = "", b: str = "") -> Record:
    return _rec(
        s=f"id first_name last_name email phone password link {_CUSTOM} {s}",
        i=f"last_login {_STAMPS}",
        b=f"is_primary send_email {b}",
    )


def _company() -> Record:
    """Company record; ``settings`` keeps only the commonly read defaults."""
    return _rec(
        s="id company_key size_id industry_id first_day_of_week subdomain portal_mode "
        "portal_domain slack_webhook_url google_analytics_url google_analytics_key matomo_url "
        "matomo_id expense_mailbox inbound_mailbox_blacklist inbound_mailbox_whitelist "
        "smtp_host smtp_encryption smtp_username smtp_password smtp_local_domain",
        i="enabled_tax_rates enabled_modules enabled_item_tax_rates enabled_expense_tax_rates "
        f"session_timeout default_password_timeout inventory_notification_threshold smtp_port "
        f"{_STAMPS}",
        b="update_products fill_products convert_products show_product_cost "
        "enable_product_cost show_product_details enable_product_quantity default_quantity "
        "client_can_register is_large is_disabled enable_shop_api mark_expenses_invoiceable "
        "mark_expenses_paid invoice_expense_documents invoice_task_timelog auto_start_tasks "
        "invoice_task_documents show_tasks_table default_task_is_date_based "
        "enable_product_discount calculate_expense_tax_by_amount hide_empty_columns_on_pdf "
        "expense_inclusive_taxes oauth_password_required invoice_task_datelog "
        "show_task_end_date markdown_enabled use_comma_as_decimal_place report_include_drafts "
        "convert_rate_to_client markdown_email_enabled stop_on_unpaid_recurring "
        "use_quote_terms_on_conversion stock_notification track_inventory "
        "enable_applying_payments invoice_task_project report_include_deleted "
        "invoice_task_lock convert_payment_currency convert_expense_currency "
        "notify_vendor_when_paid invoice_task_hours calculate_taxes has_e_invoice_certificate "
        "has_e_invoice_certificate_passphrase invoice_task_project_header "
        "invoice_task_item_description expense_mailbox_active "
        "inbound_mailbox_allow_company_users inbound_mailbox_allow_vendors "
        "inbound_mailbox_allow_clients inbound_mailbox_allow_unknown smtp_verify_peer "
        "has_quickbooks_token is_quickbooks_token_active custom_surcharge_taxes1 "
        "custom_surcharge_taxes2 custom_surcharge_taxes3 custom_surcharge_taxes4",
        first_month_of_year="1",
        use_credits_payment="always",
        expense_amount_is_pretax=True,
        custom_fields={},
        client_registration_fields=[],
        tax_data={},
        origin_tax_data={},
        e_invoice={},
        legal_entity_id=None,
        e_invoicing_token=None,
        documents=[],
        # CompanySettings::defaults() with the config/ninja.php i18n defaults.
        settings=_rec(
            s=f"name email website vat_number id_number payment_terms {_ADDRESS}",
            b="military_time show_currency_code enable_rappen_rounding",
            currency_id="1",
            country_id="840",
            language_id="1",
            timezone_id="1",
            date_format_id="1",
        ),
    )


# Settings, banking, gateways and the other long-tail entities (their transformers, same
# commit; locations from the 2025 transformer). A few keep a ``user_id`` (and client gateway
# tokens a ``client_id``) their transformers leave out: the sandbox's ownership checks and
# ``setAsDefault`` need them.
_LONG_TAIL: dict[str, Record] = {
    "design": _rec(
        s="id user_id name entities",
        i=_STAMPS,
        b="is_custom is_active is_template is_deleted is_free",
        design=_rec(s="includes header body footer product task"),
    ),
    "subscription": _rec(
        s="id user_id group_id product_ids name recurring_product_ids assigned_user_id "
        "company_id frequency_id auto_bill promo_code purchase_page currency_id plan_map "
        "optional_recurring_product_ids optional_product_ids steps",
        f="price promo_price promo_discount",
        i=f"max_seats_limit trial_duration refund_period {_STAMPS}",
        b="is_amount_discount allow_cancellation per_seat_enabled trial_enabled "
        "allow_query_overrides allow_plan_changes is_deleted use_inventory_management "
        "registration_required",
        webhook_configuration=[],
    ),
    "task_scheduler": _rec(
        s="id user_id name frequency_id next_run template",
        i=f"remaining_cycles {_STAMPS}",
        b="is_paused is_deleted",
        parameters=[],
    ),
    "system_log": _rec(
        s="id company_id user_id client_id log",
        i="event_id category_id type_id created_at updated_at",
    ),
    "bank_integration": _rec(
        s="id user_id provider_name bank_account_name bank_account_number bank_account_status "
        "bank_account_type nordigen_institution_id currency nickname from_date integration_type",
        f="balance",
        i=f"provider_id bank_account_id {_STAMPS}",
        b="is_deleted disabled_upstream auto_sync",
    ),
    "bank_transaction": _rec(
        s="id user_id bank_integration_id account_type ninja_category_id category_type date "
        "description participant participant_name base_type invoice_ids expense_id payment_id "
        "vendor_id bank_transaction_rule_id nordigen_transaction_id",
        f="amount",
        i=f"transaction_id category_id bank_account_id {_STAMPS}",
        b="is_deleted",
        currency_id="1",
        status_id="1",
    ),
    "bank_transaction_rule": _rec(
        s="id user_id name applies_to client_id vendor_id category_id",
        i=_STAMPS,
        b="auto_convert matches_on_all is_deleted",
        rules=[],
    ),
    "company_gateway": _rec(
        s=f"id user_id gateway_key config label token_billing {_CUSTOM}",
        i=f"accepted_credit_cards {_STAMPS}",
        b="require_cvv require_billing_address require_shipping_address require_client_name "
        "require_zip require_postal_code require_client_phone require_contact_name "
        "require_contact_email require_custom_value1 require_custom_value2 "
        "require_custom_value3 require_custom_value4 show_billing_address "
        "show_shipping_address update_details is_deleted test_mode always_show_required_fields",
        fees_and_limits={},
    ),
    "client_gateway_token": _rec(
        s="id client_id token gateway_customer_reference gateway_type_id company_gateway_id",
        i=_STAMPS,
        b="is_default is_deleted",
        meta={},
    ),
    "location": _rec(
        s=f"id user_id vendor_id client_id name address1 address2 city state postal_code "
        f"country_id {_CUSTOM}",
        i=_STAMPS,
        b="is_deleted is_shipping_location",
        tax_data={},
    ),
}

_TEMPLATES: dict[str, Record] = {
    "client": _rec(
        s="id user_id assigned_user_id group_settings_id name display_name number website "
        "private_notes public_notes client_hash size_id industry_id shipping_address1 "
        "shipping_address2 shipping_city shipping_state shipping_postal_code "
        f"shipping_country_id vat_number id_number routing_id classification {_ADDRESS} "
        f"{_CUSTOM}",
        f="balance paid_to_date payment_balance credit_balance",
        i=f"last_login {_STAMPS}",
        b="is_deleted has_valid_vat_number is_tax_exempt",
        # ClientSettings::defaults() plus the currency the store request copies
        # from the company; an empty payment_terms means "use the company's".
        settings={
            "entity": "App\\Models\\Client",
            "industry_id": "",
            "size_id": "",
            "currency_id": "1",
            "payment_terms": "",
        },
        tax_info={},
        e_invoice={},
        contacts=[],
        documents=[],
        gateway_tokens=[],
    ),
    "client_contact": _contact(s="contact_key", b="is_locked"),
    "invoice": _document(
        "invoice",
        s=f"recurring_id {_REMINDERS}",
        auto_bill_enabled=False,
        tax_info={},
        e_invoice={},
    ),
    "quote": _document("quote", s=f"invoice_id {_REMINDERS}", tax_info={}, e_invoice={}),
    "credit": _document("credit", s=f"invoice_id {_REMINDERS}", tax_info={}, e_invoice={}),
    "recurring_invoice": _recurring("recurringInvoice", s="next_send_datetime"),
    "recurring_quote": _recurring("recurringQuote"),
    "invitation": _invitation("client_contact_id"),
    "purchase_order_invitation": _invitation("vendor_contact_id"),
    "payment": _rec(
        s="id user_id assigned_user_id client_id client_contact_id company_gateway_id "
        "project_id vendor_id invitation_id transaction_id transaction_reference number date "
        "private_notes type_id gateway_type_id currency_id exchange_currency_id "
        f"{_CUSTOM}",
        f="amount refunded applied",
        i=_STAMPS,
        b="is_manual is_deleted",
        status_id="1",
        exchange_rate=1.0,
        paymentables=[],
        documents=[],
    ),
    # A credit's paymentable carries "credit_id" instead of "invoice_id".
    "paymentable": _rec(s="id invoice_id", f="amount refunded", i=_STAMPS),
    "product": _rec(
        s=f"id user_id assigned_user_id product_key notes product_image {_TAX_NAMES} {_CUSTOM}",
        f=f"cost price {_TAX_RATES}",
        i=f"in_stock_quantity stock_notification_threshold max_quantity {_STAMPS}",
        b="stock_notification is_deleted",
        quantity=1.0,
        tax_id="1",
        documents=[],
    ),
    "expense": _expense("expense", s="expense_currency_id recurring_expense_id", e_invoice={}),
    "recurring_expense": _expense(
        "recurringExpense",
        s="recurring_expense_currency_id frequency_id last_sent_date next_send_date",
        status_id="1",
        remaining_cycles=0,
        recurring_dates=[],
    ),
    "expense_category": _rec(s="id user_id name color", i=_STAMPS, b="is_deleted"),
    "vendor": _rec(
        s="id user_id assigned_user_id name display_name number website private_notes "
        "public_notes currency_id language_id vat_number id_number classification routing_id "
        f"{_ADDRESS} {_CUSTOM}",
        i=f"last_login {_STAMPS}",
        b="is_deleted is_tax_exempt",
        contacts=[],
        documents=[],
    ),
    "vendor_contact": _contact(),
    "project": _rec(
        s="id user_id assigned_user_id client_id name number due_date private_notes "
        f"public_notes color {_CUSTOM}",
        f="task_rate budgeted_hours",
        i=f"current_hours {_STAMPS}",
        b="is_deleted",
        documents=[],
    ),
    # The server leaves out the "project" include when a task has none.
    "task": _rec(
        s="id user_id assigned_user_id client_id project_id invoice_id status_id number "
        f"description date time_log {_CUSTOM}",
        f="rate",
        i=f"duration status_sort_order {_STAMPS}",
        b="is_running is_date_based is_deleted",
        status_order=None,
        documents=[],
    ),
    "task_status": _rec(s="id name color", i=_STAMPS, b="is_deleted", status_order=None),
    "purchase_order": _document(
        "purchaseOrder",
        s=f"expense_id currency_id {_REMINDERS}",
        tax_info={},
        e_invoice={},
    ),
    "tax_rate": _rec(s="id name", f="rate", i=_STAMPS, b="is_deleted"),
    "document": _rec(
        s="id user_id assigned_user_id project_id vendor_id url preview name type disk hash link",
        i=f"size width height {_STAMPS}",
        b="is_default is_deleted is_public",
    ),
    "user": _rec(
        s="id first_name last_name email phone signature oauth_provider_id oauth_user_token "
        f"last_confirmed_email_address language_id referral_code {_CUSTOM}",
        i=f"last_login {_STAMPS}",
        b="is_deleted google_2fa_secret has_password verified_phone_number "
        "user_logged_in_notification",
        email_verified_at=None,
        referral_meta={"free": 0, "pro": 0, "enterprise": 0},
    ),
    "company_user": _rec(
        s="permissions ninja_portal_url",
        i=f"permissions_updated_at {_STAMPS}",
        b="is_owner is_admin is_locked",
        notifications={},
        settings={},
        react_settings={},
    ),
    "company": _company(),
    "activity": _rec(
        s="id activity_type_id user_id company_id client_id contact_id invoice_id quote_id "
        "credit_id payment_id expense_id task_id token_id recurring_invoice_id "
        "recurring_expense_id purchase_order_id vendor_id vendor_contact_id notes ip",
        i="created_at updated_at",
        b="is_system",
    ),
    "payment_term": _rec(s="id name", i=f"num_days {_STAMPS}", b="is_deleted"),
    "group_setting": _rec(
        s="id name",
        i=_STAMPS,
        b="is_deleted",
        settings={"entity": "App\\Models\\Client"},
        documents=[],
    ),
    "webhook": _rec(
        s="id company_id user_id target_url event_id format rest_method",
        i=_STAMPS,
        b="is_deleted",
        headers=[],
    ),
    **_LONG_TAIL,
}

ENTITIES: tuple[str, ...] = tuple(_TEMPLATES)

# What the server's factories put into a record created by POST, where that
# differs from the blank transformer output (dates, which default to "today",
# are left to the caller).  Note ``is_amount_discount``: a document created
# without it treats every discount, line discounts included, as an amount.
_ON_CREATE: dict[str, Record] = {
    "invoice": {"is_amount_discount": True, "exchange_rate": 1.0},
    "quote": {"is_amount_discount": True, "exchange_rate": 1.0},
    "credit": {"is_amount_discount": True, "exchange_rate": 1.0},
    "purchase_order": {"is_amount_discount": True, "exchange_rate": 1.0},
    "recurring_invoice": {
        "is_amount_discount": True,
        "frequency_id": "5",
        "remaining_cycles": -1,
        "auto_bill": "off",
        "due_date_days": "terms",
    },
    "recurring_quote": {
        "is_amount_discount": True,
        "frequency_id": "5",
        "remaining_cycles": -1,
        "auto_bill": "off",
    },
    "recurring_expense": {
        "remaining_cycles": -1,
        "uses_inclusive_taxes": True,
        "calculate_tax_by_amount": True,
    },
    "design": {"is_custom": True, "is_active": True},
    "subscription": {"steps": "cart,auth.login-or-register"},
    "bank_integration": {"auto_sync": True},
    "company_gateway": {"always_show_required_fields": True, "token_billing": "off"},
}

_LINE_ITEM: Record = _rec(
    s=f"product_key notes date {_TAX_NAMES} {_CUSTOM} tax_id task_id expense_id",
    f=f"quantity cost product_cost discount line_total gross_line_total tax_amount {_TAX_RATES}",
    b="is_amount_discount",
    sort_id="0",
    type_id="1",
    unit_code="C62",
)


def blank(entity: str) -> Record:
    """Return a fresh empty record, so callers can mutate it freely."""
    try:
        template = _TEMPLATES[entity]
    except KeyError:
        known = ", ".join(ENTITIES)
        raise KeyError(f"unknown entity {entity!r}; known entities: {known}") from None
    return copy.deepcopy(template)


def on_create(entity: str) -> Record:
    """Return a blank record plus the defaults the server's factories set on create."""
    record = blank(entity)
    record.update(copy.deepcopy(_ON_CREATE.get(entity, {})))
    return record


def line_item(**fields: Any) -> Record:
    """Return an invoice line item with every field, ``fields`` overriding the defaults."""
    item = copy.deepcopy(_LINE_ITEM)
    item.update(fields)
    return item
