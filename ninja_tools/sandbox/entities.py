"""The entity table: one ``EntitySpec`` row of data per API resource the sandbox serves.

Everything generic (routes, permissions, list scoping, filters, numbering, validation
of relations and unique columns, bulk behaviour for unknown actions) reads these rows,
so adding a plain resource is one more row here. Behaviour that is not data (money
flows, entity-specific bulk actions, extra routes) plugs in through ``Registry``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any


class BulkMode(enum.Enum):
    """How the real controller treats an unknown bulk ``action`` (report section 1)."""

    VALIDATED = "validated"  # FormRequest ``in:`` rule -> 422 on ``action``
    SWITCH = "switch"  # controller ``switch``/performAction -> 200, action ignored
    REPOSITORY = "repository"  # ``$repo->{$action}()`` -> undefined method -> 500


class ListScope(enum.Enum):
    """Which rows a user without ``view_<entity>`` still sees in a list."""

    OWNED_OR_ASSIGNED = "owned_or_assigned"
    OWNED = "owned"  # tables without assigned_user_id (tax rates, expense categories)
    SELF = "self"  # users: only yourself


RESOURCE_ACTIONS = frozenset(
    {"index", "create", "store", "show", "edit", "update", "destroy", "bulk"}
)
GENERIC_BULK = ("archive", "restore", "delete")
TEXT_CUSTOM = ("custom_value1", "custom_value2", "custom_value3", "custom_value4")
SYSTEM_FIELDS = ("id", "user_id", "created_at", "updated_at", "archived_at", "is_deleted")


@dataclass(frozen=True)
class EntitySpec:
    """Declarative description of one resource; see the module docstring."""

    route: str  # URL segment: /api/v1/<route>
    kind: str  # records.blank() key and store table
    model: str  # class name in "No query results for model [App\\Models\\<model>]."
    permission: str  # noun in view_/create_/edit_<permission>
    bulk_mode: BulkMode
    bulk_actions: tuple[str, ...] = GENERIC_BULK  # every action string the real server knows
    numbered: bool = True  # auto "0001" numbers when ``number`` is empty
    unique: tuple[str, ...] = ("number",)  # unique per company (and per entity)
    required: tuple[str, ...] = ()  # 422 "The x field is required." when missing/empty
    readonly: tuple[str, ...] = ()  # computed or flow-owned fields ignored on input
    text_columns: tuple[str, ...] = ()  # searched by ``filter=`` (case-insensitive LIKE)
    search_client: bool = False  # ``filter=`` also matches the client's name and contacts
    search_vendor: bool = False
    contacts: str | None = None  # nested contact kind replaced as a set on update
    invitations: bool = False  # invitations follow the client's contacts (section 10.5)
    totals: bool = False  # line_items priced by calc.compute on every save
    default_today: tuple[str, ...] = ()  # date fields set to the sandbox's today when empty
    list_scope: ListScope = ListScope.OWNED_OR_ASSIGNED
    list_reveal: tuple[str, ...] = ()  # permissions that still reveal all rows (tax rates...)
    create_admin_only: bool = False
    actions: frozenset[str] = RESOURCE_ACTIONS
    stub_store: bool = False  # documents: create/store are empty 200 answers
    password_actions: frozenset[str] = frozenset()  # resource actions behind the password check
    admin_actions: frozenset[str] = frozenset()  # resource actions only admins may call (401)
    empty_bulk_message: str | None = None  # invoices: 200 {"message":"No Invoices Found"}
    bulk_duplicate_guard: bool = False  # invoices: same token/IP + action within 1 s -> 400
    relations: dict[str, str] = field(
        default_factory=dict
    )  # input field -> store kind it must name

    def table(self) -> str:
        return self.kind


_DOC_TEXT = ("number", "po_number", "date", "amount", "balance", *TEXT_CUSTOM)
_MONEY_READONLY = ("amount", "balance", "paid_to_date", "total_taxes", "status_id", "invitations")
_CLIENT_REL = {"client_id": "client", "project_id": "project", "assigned_user_id": "user"}
_VENDOR_REL = {"vendor_id": "vendor", "assigned_user_id": "user"}


def _doc(
    route: str, kind: str, model: str, mode: BulkMode, actions: tuple[str, ...], **kw: Any
) -> EntitySpec:
    """A client-facing money document (invoice, quote, credit, recurring invoice)."""
    spec = EntitySpec(
        route,
        kind,
        model,
        kind,
        mode,
        actions,
        required=("client_id",),
        readonly=_MONEY_READONLY,
        text_columns=_DOC_TEXT,
        search_client=True,
        invitations=True,
        totals=True,
        default_today=("date",),
        relations=dict(_CLIENT_REL),
    )
    return replace(spec, **kw)


ENTITY_TABLE: tuple[EntitySpec, ...] = (
    EntitySpec(
        "clients",
        "client",
        "Client",
        "client",
        BulkMode.VALIDATED,
        (*GENERIC_BULK, "template", "assign_group", "bulk_update"),
        unique=("number", "id_number"),
        readonly=("balance", "paid_to_date", "credit_balance", "payment_balance", "contacts"),
        text_columns=("name", "id_number", "number", *TEXT_CUSTOM),
        contacts="client_contact",
        relations={"assigned_user_id": "user"},
    ),
    EntitySpec(
        "products",
        "product",
        "Product",
        "product",
        BulkMode.VALIDATED,
        (*GENERIC_BULK, "set_tax_id"),
        numbered=False,
        unique=(),
        text_columns=("product_key", "notes", *TEXT_CUSTOM),
        relations={"assigned_user_id": "user"},
    ),
    _doc(
        "invoices",
        "invoice",
        "Invoice",
        BulkMode.SWITCH,
        (
            "auto_bill",
            "clone_to_invoice",
            "clone_to_quote",
            "history",
            "delivery_note",
            "mark_paid",
            "mark_sent",
            "download",
            "bulk_download",
            "bulk_print",
            "template",
            "set_payment_link",
            "restore",
            "archive",
            "delete",
            "cancel",
            "email",
            "send_email",
        ),
        empty_bulk_message="No Invoices Found",
        bulk_duplicate_guard=True,
    ),
    _doc(
        "quotes",
        "quote",
        "Quote",
        BulkMode.VALIDATED,
        (
            "template",
            "convert_to_invoice",
            "convert",
            "convert_to_project",
            "email",
            "bulk_download",
            "bulk_print",
            "clone_to_invoice",
            "approve",
            "download",
            "restore",
            "archive",
            "delete",
            "send_email",
            "mark_sent",
        ),
    ),
    _doc(
        "credits",
        "credit",
        "Credit",
        BulkMode.VALIDATED,
        (
            *GENERIC_BULK,
            "email",
            "bulk_download",
            "bulk_print",
            "mark_paid",
            "clone_to_credit",
            "history",
            "mark_sent",
            "download",
            "send_email",
            "template",
        ),
    ),
    _doc(
        "recurring_invoices",
        "recurring_invoice",
        "RecurringInvoice",
        BulkMode.VALIDATED,
        (
            *GENERIC_BULK,
            "increase_prices",
            "update_prices",
            "start",
            "stop",
            "send_now",
            "set_payment_link",
            "bulk_update",
        ),
        invitations=True,
        default_today=(),
    ),
    EntitySpec(
        "payments",
        "payment",
        "Payment",
        "payment",
        BulkMode.SWITCH,
        ("template", "restore", "archive", "delete", "email", "email_receipt"),
        required=("client_id",),
        readonly=("status_id", "applied", "refunded", "paymentables", "invoices", "credits"),
        text_columns=("amount", "date", "number", "transaction_reference", *TEXT_CUSTOM),
        search_client=True,
        default_today=("date",),
        relations=dict(_CLIENT_REL),
    ),
    EntitySpec(
        "expenses",
        "expense",
        "Expense",
        "expense",
        BulkMode.VALIDATED,
        (*GENERIC_BULK, "bulk_update", "bulk_categorize"),
        text_columns=(
            "number",
            "public_notes",
            "private_notes",
            "transaction_reference",
            *TEXT_CUSTOM,
        ),
        search_client=True,
        search_vendor=True,
        default_today=("date",),
        relations={**_CLIENT_REL, "vendor_id": "vendor", "category_id": "expense_category"},
    ),
    EntitySpec(
        "expense_categories",
        "expense_category",
        "ExpenseCategory",
        "expense_category",
        BulkMode.REPOSITORY,
        numbered=False,
        unique=("name",),
        required=("name",),
        text_columns=("name",),
        list_scope=ListScope.OWNED,
        list_reveal=("create_expense",),
    ),
    EntitySpec(
        "vendors",
        "vendor",
        "Vendor",
        "vendor",
        BulkMode.REPOSITORY,
        unique=("number", "id_number"),
        readonly=("balance", "paid_to_date", "contacts"),
        text_columns=("name", "id_number", "number", *TEXT_CUSTOM),
        contacts="vendor_contact",
        relations={"assigned_user_id": "user"},
    ),
    EntitySpec(
        "projects",
        "project",
        "Project",
        "project",
        BulkMode.REPOSITORY,
        (*GENERIC_BULK, "template"),
        required=("name", "client_id"),
        text_columns=("name", "number", "public_notes", *TEXT_CUSTOM),
        search_client=True,
        relations={"client_id": "client", "assigned_user_id": "user"},
    ),
    EntitySpec(
        "tasks",
        "task",
        "Task",
        "task",
        BulkMode.REPOSITORY,
        (*GENERIC_BULK, "template", "start", "stop"),
        text_columns=("description", "number", *TEXT_CUSTOM),
        search_client=True,
        relations=dict(_CLIENT_REL),
    ),
    EntitySpec(
        "purchase_orders",
        "purchase_order",
        "PurchaseOrder",
        "purchase_order",
        BulkMode.VALIDATED,
        (
            "template",
            "archive",
            "restore",
            "delete",
            "email",
            "bulk_download",
            "bulk_print",
            "mark_sent",
            "download",
            "send_email",
            "add_to_inventory",
            "expense",
            "cancel",
        ),
        required=("vendor_id",),
        readonly=_MONEY_READONLY,
        text_columns=_DOC_TEXT,
        search_vendor=True,
        invitations=True,
        totals=True,
        default_today=("date",),
        relations=dict(_VENDOR_REL),
    ),
    EntitySpec(
        "tax_rates",
        "tax_rate",
        "TaxRate",
        "tax_rate",
        BulkMode.REPOSITORY,
        numbered=False,
        unique=("name",),
        required=("name", "rate"),
        text_columns=("name",),
        list_scope=ListScope.OWNED,
        list_reveal=(
            "create_invoice",
            "edit_invoice",
            "create_quote",
            "edit_quote",
            "create_purchase_order",
            "edit_purchase_order",
        ),
        create_admin_only=True,
    ),
    EntitySpec(
        "documents",
        "document",
        "Document",
        "document",
        BulkMode.REPOSITORY,
        (*GENERIC_BULK, "download"),
        numbered=False,
        unique=(),
        text_columns=("name",),
        stub_store=True,
    ),
    EntitySpec(
        "users",
        "user",
        "User",
        "user",
        BulkMode.REPOSITORY,
        numbered=False,
        unique=("email",),
        required=("email",),
        readonly=("oauth_provider_id", "company_user", "last_login", "has_password"),
        text_columns=("first_name", "last_name", "email"),
        list_scope=ListScope.SELF,
        create_admin_only=True,
        actions=RESOURCE_ACTIONS - {"destroy", "edit"},
        password_actions=frozenset({"create", "store", "show", "update", "bulk"}),
    ),
    # -- settings (app/Http/Requests/*: isAdmin() where the row says admin) ----------------
    EntitySpec(
        "designs",
        "design",
        "Design",
        "design",
        BulkMode.REPOSITORY,
        numbered=False,
        unique=("name",),
        required=("name",),
        readonly=("is_free",),
        text_columns=("name",),
        create_admin_only=True,
        admin_actions=frozenset({"show", "edit", "update"}),
    ),
    EntitySpec(
        "payment_terms",
        "payment_term",
        "PaymentTerm",
        "payment_term",
        BulkMode.REPOSITORY,
        numbered=False,
        unique=(),
        readonly=("name",),
        text_columns=("name",),
        create_admin_only=True,
        admin_actions=frozenset({"update"}),
    ),
    EntitySpec(
        "group_settings",
        "group_setting",
        "GroupSetting",
        "group_setting",
        BulkMode.REPOSITORY,
        numbered=False,
        unique=("name",),
        required=("name",),
        text_columns=("name",),
        create_admin_only=True,
    ),
    EntitySpec(
        "webhooks",
        "webhook",
        "Webhook",
        "webhook",
        BulkMode.REPOSITORY,
        numbered=False,
        unique=(),
        required=("target_url", "event_id"),
        readonly=("company_id",),
        text_columns=("target_url",),
        create_admin_only=True,
        admin_actions=frozenset({"show", "edit"}),
    ),
    EntitySpec(
        "subscriptions",
        "subscription",
        "Subscription",
        "subscription",
        BulkMode.VALIDATED,
        (*GENERIC_BULK, "assign_invoice"),
        numbered=False,
        unique=("name",),
        required=("name", "steps"),
        readonly=("purchase_page", "company_id", "plan_map"),
        text_columns=("name",),
        relations={"group_id": "group_setting", "assigned_user_id": "user"},
    ),
    EntitySpec(
        "task_schedulers",
        "task_scheduler",
        "Scheduler",
        "scheduler",
        BulkMode.VALIDATED,  # anything else is a 400 (settings_domain.schedule_bulk)
        numbered=False,
        unique=(),
        required=("next_run",),
        text_columns=("name",),
        create_admin_only=True,
        actions=RESOURCE_ACTIONS - {"edit"},
    ),
    EntitySpec(
        "system_logs",
        "system_log",
        "SystemLog",
        "system_log",
        BulkMode.REPOSITORY,
        (),
        numbered=False,
        unique=(),
        text_columns=("log",),
        actions=frozenset(),  # every route lives in history.py (index is admin-only...)
    ),
    EntitySpec(
        "companies",
        "company",
        "Company",
        "company",
        BulkMode.REPOSITORY,
        (),
        numbered=False,
        unique=(),
        readonly=("company_key", "settings", "documents", "legal_entity_id"),
        actions=frozenset({"index", "create", "show", "edit", "update"}),
    ),
    EntitySpec(
        "company_gateways",
        "company_gateway",
        "CompanyGateway",
        "company_gateway",
        BulkMode.VALIDATED,
        numbered=False,
        unique=(),
        required=("gateway_key",),
        readonly=("test_mode",),
        text_columns=("label",),
        create_admin_only=True,
        admin_actions=frozenset({"show", "edit", "update", "destroy", "bulk"}),
    ),
    # -- clients' satellites ---------------------------------------------------------------
    EntitySpec(
        "client_gateway_tokens",
        "client_gateway_token",
        "ClientGatewayToken",
        "client_gateway_token",
        BulkMode.REPOSITORY,
        (),
        numbered=False,
        unique=(),
        required=("client_id", "company_gateway_id", "gateway_type_id", "meta"),
        create_admin_only=True,
        admin_actions=RESOURCE_ACTIONS,
        actions=RESOURCE_ACTIONS - {"bulk"},
        relations={"client_id": "client", "company_gateway_id": "company_gateway"},
    ),
    EntitySpec(
        "locations",
        "location",
        "Location",
        "location",
        BulkMode.REPOSITORY,
        numbered=False,
        unique=("name",),
        required=("name",),
        text_columns=("name", "city", "address1"),
        relations={"client_id": "client", "vendor_id": "vendor"},
    ),
    # -- recurring expenses and quotes -----------------------------------------------------
    EntitySpec(
        "recurring_expenses",
        "recurring_expense",
        "RecurringExpense",
        "recurring_expense",
        BulkMode.SWITCH,
        (*GENERIC_BULK, "start", "stop", "email"),
        required=("frequency_id",),
        readonly=("status_id", "last_sent_date", "recurring_dates"),
        text_columns=("number", "public_notes", "private_notes", *TEXT_CUSTOM),
        search_client=True,
        search_vendor=True,
        default_today=("date",),
        relations={**_CLIENT_REL, "vendor_id": "vendor", "category_id": "expense_category"},
    ),
    _doc(
        "recurring_quotes",
        "recurring_quote",
        "RecurringQuote",
        BulkMode.REPOSITORY,
        GENERIC_BULK,
        required=("client_id", "frequency_id"),
        default_today=(),
    ),
    # -- banking ---------------------------------------------------------------------------
    EntitySpec(
        "bank_integrations",
        "bank_integration",
        "BankIntegration",
        "bank_integration",
        BulkMode.VALIDATED,
        numbered=False,
        unique=(),
        required=("bank_account_name",),
        text_columns=("bank_account_name", "provider_name", "nickname"),
        create_admin_only=True,
        admin_actions=frozenset({"bulk"}),
    ),
    EntitySpec(
        "bank_transactions",
        "bank_transaction",
        "BankTransaction",
        "bank_transaction",
        BulkMode.VALIDATED,
        (*GENERIC_BULK, "convert_matched", "unlink"),
        numbered=False,
        unique=(),
        required=("bank_integration_id",),
        readonly=("status_id", "invoice_ids", "payment_id", "expense_id"),
        text_columns=("description", "participant_name", "amount"),
        default_today=("date",),
        relations={"bank_integration_id": "bank_integration", "vendor_id": "vendor"},
    ),
    EntitySpec(
        "bank_transaction_rules",
        "bank_transaction_rule",
        "BankTransactionRule",
        "bank_transaction_rule",
        BulkMode.VALIDATED,
        numbered=False,
        unique=(),
        required=("name",),
        text_columns=("name",),
        create_admin_only=True,
        admin_actions=frozenset({"bulk"}),
        relations={"client_id": "client", "vendor_id": "vendor", "category_id": "expense_category"},
    ),
)

CONTACT_MODELS = {"client_contact": "ClientContact", "vendor_contact": "VendorContact"}
