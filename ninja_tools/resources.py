"""Invoice Ninja's API as reviewed data: entities, bulk strings, routes; imports only the stdlib.

Pure data and small frozen dataclasses, nothing from the rest of ninja_tools, so the whole table
can be read, listed and checked with no token and no network. The catalog in
``ninja_tools.actions`` turns these rows into actions; nothing here calls the API.

- ``RESOURCES``: one row per entity: path, the nouns used in action names, the permission noun
  Invoice Ninja checks, toolset, standard routes, exact bulk strings, list filters, statuses.
- ``BULK_ACTIONS``: every accepted bulk string of every entity, either the action it becomes
  (with its risk and extra body fields) or why it is skipped.
- ``SPECIAL_ROUTES``: every non-standard route the catalog covers, with its action name.
- ``EXCLUDED_ROUTES``: every route left out on purpose, by category; the reasons are in
  ``EXCLUSION_CATEGORIES``.

Paths are relative to ``/api/v1``; a leading ``/`` marks a path outside it. ``{id}`` is always the
hashed id of the resource named in the path; other placeholders have their own names. Action
names are snake_case and start with a verb: singular noun for one record, plural for lists and
bulk (``get_invoice``, ``archive_invoices``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "BULK_ACTIONS",
    "COMMON_FILTERS",
    "EXCLUDED_ROUTES",
    "EXCLUSION_CATEGORIES",
    "REPORTS",
    "RESOURCES",
    "RISKS",
    "SPECIAL_ROUTES",
    "TOOLSETS",
    "BulkAction",
    "ExcludedRoute",
    "Filter",
    "Param",
    "Resource",
    "SpecialRoute",
    "resource",
    "standard_routes",
]

Risk = Literal["read", "write", "send", "destructive", "password"]
RISKS: tuple[Risk, ...] = ("read", "write", "send", "destructive", "password")

#: The routes Laravel's ``Route::resource`` registers, by the name of their controller method.
RouteKind = Literal["index", "create", "store", "show", "edit", "update", "destroy"]
#: How the server treats an unknown bulk string: ``in`` rejects it (422 from an ``in:`` rule; task
#: schedulers answer 400), ``switch`` ignores it and answers 200 with the list, ``repository``
#: calls a missing repository method and fails with a 500. ``none``: no bulk route.
BulkValidation = Literal["in", "switch", "repository", "none"]
#: Why a bulk string has no action of its own.
SkipCategory = Literal["alias", "no-op", "replaced", "withheld"]
#: What a call answers with: one record, a page of records, a ``{"message": ...}``, a streamed
#: file (PDF, XML, CSV, image), or a job id to poll.
Result = Literal["item", "list", "message", "file", "job"]
#: Which shared list filters apply: ``search`` (filter, sort, created_at, updated_at), ``archive``
#: (status, is_deleted), ``number``, ``client`` (client_id), ``vendor`` (vendor_id), ``date``
#: (date_range), ``due_date`` (due_date_range).
Capability = Literal["search", "archive", "number", "client", "vendor", "date", "due_date"]
FilterKind = Literal[
    "text", "id", "ids", "choice", "choices", "flag", "bool", "date", "date_range", "number",
    "compare", "range", "sort",
]
ParamKind = Literal["id", "text", "choice", "number", "integer", "bool"]
PermissionVerb = Literal["view", "create", "edit", "bulk"]

#: Toolsets: the groups actions are listed and enabled by (``--toolsets``).
TOOLSETS: dict[str, str] = {
    "account": "Who the token is, whether it works, and the password check",
    "activities": "The activity feed, notes on records, system logs",
    "banking": "Bank connections, imported bank transactions and matching rules",
    "clients": "Clients, their groups, locations, saved payment methods and statements",
    "credits": "Credit notes",
    "documents": "Files attached to records",
    "emails": "Sending any record by e-mail, e-mail history and template previews",
    "expenses": "Expenses and expense categories",
    "invoices": "Invoices, their PDFs and reminders",
    "payments": "Payments, receipts and refunds",
    "products": "Products",
    "projects": "Projects",
    "purchase_orders": "Purchase orders to vendors",
    "quotes": "Quotes",
    "recurring": "Recurring invoices, expenses and quotes",
    "reports": "Reports, dashboard figures and the company ledger",
    "settings": "Company settings, gateways, designs, tax rates, terms, webhooks, schedules",
    "tasks": "Tasks, timers and task statuses",
    "users": "Users of the company (password-protected in Invoice Ninja)",
    "vendors": "Vendors",
}


@dataclass(frozen=True)
class Filter:
    """One list query parameter Invoice Ninja understands, described for a model."""

    name: str
    kind: FilterKind
    description: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Param:
    """One extra body field a bulk action or special route needs besides ``ids``."""

    name: str
    kind: ParamKind
    required: bool
    description: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resource:
    """One Invoice Ninja entity: where it lives, what it is called, and what it accepts.

    Args:
        path: the URL segment, e.g. ``invoices``.
        singular, plural: the nouns in action names (``get_invoice``, ``list_invoices``).
        permission: the noun in Invoice Ninja's ``view_``/``create_``/``edit_`` permissions.
        toolset: a key of ``TOOLSETS``.
        routes: which standard routes exist.
        admin_only: only admins may create these or run their bulk actions.
        create_permission, bulk_permission: spelt out when not ``create_<noun>``/``edit_<noun>``.
        password_routes: standard routes behind the password middleware.
        withheld: standard routes that exist but become no action (see ``EXCLUDED_ROUTES``).
        resource_route: registered with ``Route::resource``, so ``PATCH`` mirrors ``PUT``.
        upload: ``PUT {path}/{id}/upload`` exists.
        bulk: the exact bulk strings the server accepts.
        bulk_validation: how the server treats an unknown bulk string.
        capabilities: which ``COMMON_FILTERS`` apply to its list.
        filters: list filters of this entity only.
        statuses: ``status_id`` value to name.
        sort_columns: columns worth offering for ``sort``.
        include_status_default: our lists send ``status=active`` unless asked otherwise.
    """

    path: str
    singular: str
    plural: str
    permission: str
    toolset: str
    routes: tuple[RouteKind, ...]
    admin_only: bool = False
    create_permission: str = ""
    bulk_permission: str = ""
    password_routes: tuple[RouteKind, ...] = ()
    withheld: tuple[RouteKind, ...] = ()
    resource_route: bool = True
    upload: bool = False
    bulk: tuple[str, ...] = ()
    bulk_validation: BulkValidation = "none"
    capabilities: tuple[Capability, ...] = ()
    filters: tuple[Filter, ...] = ()
    statuses: tuple[tuple[str, str], ...] = ()
    sort_columns: tuple[str, ...] = ("created_at", "updated_at")
    include_status_default: bool = True

    def permission_for(self, verb: PermissionVerb) -> str:
        """The permission Invoice Ninja checks for ``verb`` on this entity, or ``"admin"``."""
        if verb == "create" and self.create_permission:
            return self.create_permission
        if verb == "bulk" and self.bulk_permission:
            return self.bulk_permission
        if verb in ("create", "bulk") and self.admin_only:
            return "admin"
        return f"{'edit' if verb == 'bulk' else verb}_{self.permission}"

    def list_filters(self) -> tuple[Filter, ...]:
        """Every filter its list accepts: the shared ones it is capable of, then its own."""
        shared = tuple(f for cap, f in COMMON_FILTERS if cap in self.capabilities)
        return shared + self.filters


@dataclass(frozen=True)
class BulkAction:
    """One bulk string of one entity: the action it becomes, or why it becomes none.

    A named row has ``name``, ``risk``, ``params`` (body fields besides ``action`` and ``ids``)
    and ``result``. A skipped row has ``skip`` and ``reason``, plus ``alias_of`` (the bulk
    string it duplicates) or ``replaced_by`` (the action that does the same job).
    """

    resource: str
    action: str
    name: str = ""
    risk: Risk = "write"
    params: tuple[Param, ...] = ()
    result: Result = "list"
    skip: SkipCategory | None = None
    reason: str = ""
    alias_of: str = ""
    replaced_by: str = ""


@dataclass(frozen=True)
class SpecialRoute:
    """One route outside the standard ones, bound to the action that covers it.

    ``permission`` is spelt as Invoice Ninja spells it (``edit_invoice``), ``admin`` for
    admin-only routes, ``any`` when every valid token may call it; ``{entity}`` stands for the
    entity the caller names in the input. ``read_only`` means the call changes nothing, so it
    may be retried like a GET. ``resource`` is the entity whose ``{id}`` is in the path, if any.
    ``choices`` limits a path placeholder to known values. ``files``: the route takes
    multipart ``documents[]`` files (sent as POST with ``_method=PUT``).
    """

    method: str
    path: str
    name: str
    risk: Risk
    permission: str
    toolset: str
    read_only: bool = False
    resource: str = ""
    result: Result = "item"
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()
    note: str = ""
    files: bool = False


@dataclass(frozen=True)
class ExcludedRoute:
    """One route the catalog leaves out on purpose; the category's reason is in
    ``EXCLUSION_CATEGORIES``, ``note`` adds what is particular to this route."""

    method: str
    path: str
    category: str
    note: str = ""


# --- List filters ----------------------------------------------------------------------------

#: Filters every list of a capable entity accepts (``QueryFilters`` and the common methods).
COMMON_FILTERS: tuple[tuple[Capability, Filter], ...] = (
    ("search", Filter("filter", "text", "Free text, matched with LIKE against the main columns")),
    ("search", Filter("sort", "sort", "column|asc or column|desc; any other direction is desc")),
    ("search", Filter("created_at", "date", "Created on or after: YYYY-MM-DD or unix time")),
    ("search", Filter("updated_at", "date", "Updated on or after: YYYY-MM-DD or unix time")),
    ("archive", Filter("status", "choices", "Comma list; Invoice Ninja returns all three unless "
                       "told, our lists default to active", ("active", "archived", "deleted"))),
    ("archive", Filter("is_deleted", "bool", "true: only deleted records; false: none of them")),
    ("number", Filter("number", "text", "The exact number, e.g. 0042")),
    ("client", Filter("client_id", "id", "Hashed id of the client")),
    ("vendor", Filter("vendor_id", "id", "Hashed id of the vendor")),
    ("date", Filter("date_range", "date_range", "YYYY-MM-DD,YYYY-MM-DD: dated between, inclusive")),
    ("due_date", Filter("due_date_range", "date_range", "YYYY-MM-DD,YYYY-MM-DD: due between")),
)


def _client_status(*choices: str) -> Filter:
    return Filter("client_status", "choices", "Comma list of statuses as the client sees them",
                  choices)


_INVOICE_FILTERS = (
    _client_status("all", "draft", "paid", "unpaid", "overdue", "cancelled"),
    Filter("status_id", "choices", "Comma list of status ids", ("1", "2", "3", "4", "5", "6")),
    Filter("upcoming", "flag", "Sent or partly paid, balance due, not yet past due; any value "
           "turns it on"),
    Filter("overdue", "flag", "Sent or partly paid with a balance past its due date; any value "
           "turns it on"),
    Filter("payable", "id", "Hashed client id: that client's unpaid draft, sent or partial "
           "invoices"),
    Filter("date", "date", "Invoice date on or after: YYYY-MM-DD or unix time"),
    Filter("due_date", "date", "Due date on or after: YYYY-MM-DD or unix time"),
    Filter("private_notes", "text", "Text in the private notes"),
)
_QUOTE_FILTERS = (
    _client_status("all", "draft", "sent", "approved", "expired", "upcoming", "converted"),
)
_CREDIT_FILTERS = (
    _client_status("all", "draft", "sent", "partial", "applied"),
    Filter("applicable", "flag", "Sent or partial credits with a balance that has not expired"),
)
_PAYMENT_FILTERS = (
    _client_status("all", "pending", "cancelled", "failed", "completed", "partially_refunded",
                   "refunded", "partially_unapplied"),
    Filter("match_transactions", "bool", "true: payments not yet matched to a bank transaction"),
    # Payments override the shared date_range with a three-part value.
    Filter("date_range", "date_range", "date,YYYY-MM-DD,YYYY-MM-DD: the first part must be the "
           "word date"),
)
_EXPENSE_FILTERS = (
    _client_status("all", "logged", "pending", "invoiced", "uninvoiced", "paid", "unpaid",
                   "uncategorized"),
    Filter("categories", "ids", "Comma list of hashed expense category ids"),
    Filter("has_invoices", "text", "client,<hashed id> or project,<hashed id>: expenses on an "
           "open invoice of that client or project"),
    Filter("amount", "number", "The exact amount"),
    Filter("match_transactions", "bool", "true: expenses not yet matched to a bank transaction"),
)
_TASK_FILTERS = (
    _client_status("all", "invoiced", "uninvoiced", "is_running"),
    Filter("project_tasks", "id", "Hashed project id: that project's tasks"),
    Filter("task_status", "ids", "Comma list of hashed task status ids (uninvoiced tasks only)"),
    Filter("assigned_user", "id", "Hashed id of the assigned user"),
    Filter("user_id", "id", "Hashed id of the user who created the task"),
)
_RECURRING_INVOICE_FILTERS = (
    _client_status("all", "active", "paused", "completed"),
    Filter("frequency_id", "ids", "Comma list of frequency ids"),
    Filter("next_send_between", "date_range", "start|end (dates or unix times; note the |)"),
    Filter("product_key", "text", "Comma list of product keys found on any line item"),
)
_CLIENT_FILTERS = (
    Filter("name", "text", "Part of the client name"),
    Filter("email", "text", "The exact e-mail address of any contact"),
    Filter("id_number", "text", "The exact ID number"),
    Filter("group", "id", "Hashed id of the client group"),
    # QueryFilters::split takes the value first and the operator second. The official docs'
    # lt:100 form compares the balance with the text "lt" instead.
    Filter("balance", "compare", "value:operator, e.g. 100:gt for a balance above 100 "
           "(operators lt, lte, gt, gte, eq; value first, operator second)"),
    Filter("between_balance", "range", "min:max, e.g. 100:500, inclusive"),
    Filter("filter_details", "flag", "true: rows carry only id, name, number and id_number"),
)
_PRODUCT_FILTERS = (Filter("product_key", "text", "The exact product key"),)
_BANK_TRANSACTION_FILTERS = (
    _client_status("all", "unmatched", "matched", "converted", "deposits", "withdrawals"),
    Filter("bank_integration_ids", "ids", "Comma list of hashed bank integration ids"),
)
_USER_FILTERS = (
    Filter("sending_users", "bool", "true: only users with a connected mailbox"),
    Filter("hideOwnerUsers", "flag", "Leave out the account owner; any value turns it on"),
    Filter("hideRemovedUsers", "flag", "Leave out users removed from this company"),
    Filter("without", "ids", "Comma list of hashed user ids to leave out"),
)
_DOCUMENT_FILTERS = (
    Filter("type", "choices", "Comma list of kinds", ("private", "public", "pdf", "image",
                                                     "other")),
    Filter("company_documents", "bool", "true: only documents of the company itself"),
)
_DESIGN_FILTERS = (
    Filter("template", "bool", "true: only template designs (for render_*_with_template)"),
    Filter("custom", "bool", "true: only custom designs"),
    Filter("entities", "text", "One entity a template design applies to, e.g. invoice"),
)
_SYSTEM_LOG_FILTERS = (
    Filter("type_id", "text", "Log type id"),
    Filter("category_id", "text", "Log category id"),
    Filter("event_id", "text", "Log event id"),
)

# --- Statuses (api-behaviour.md section 10 item 6; purchase orders and bank transactions from
# their models' STATUS_ constants) ------------------------------------------------------------

_INVOICE_STATUSES = (("1", "draft"), ("2", "sent"), ("3", "partial"), ("4", "paid"),
                     ("5", "cancelled"), ("6", "reversed"))
_QUOTE_STATUSES = (("1", "draft"), ("2", "sent"), ("3", "approved"), ("4", "converted"))
_CREDIT_STATUSES = (("1", "draft"), ("2", "sent"), ("3", "partial"), ("4", "applied"))
_PAYMENT_STATUSES = (("1", "pending"), ("2", "cancelled"), ("3", "failed"), ("4", "completed"),
                     ("5", "partially_refunded"), ("6", "refunded"))
_RECURRING_STATUSES = (("1", "draft"), ("2", "active"), ("3", "paused"), ("4", "completed"))
_PURCHASE_ORDER_STATUSES = (("1", "draft"), ("2", "sent"), ("3", "accepted"), ("4", "received"),
                            ("5", "cancelled"))
_BANK_TRANSACTION_STATUSES = (("1", "unmatched"), ("2", "matched"), ("3", "converted"))

# --- Resources -------------------------------------------------------------------------------

_ALL: tuple[RouteKind, ...] = ("index", "create", "store", "show", "edit", "update", "destroy")
_ARD = ("archive", "restore", "delete")
_LISTED: tuple[Capability, ...] = ("search", "archive")
_DOCUMENT_CAPS: tuple[Capability, ...] = ("search", "archive", "number", "client")

RESOURCES: tuple[Resource, ...] = (
    Resource("activities", "activity", "activities", "activity", "activities", ("index",),
             resource_route=False, include_status_default=False),
    Resource("bank_integrations", "bank_integration", "bank_integrations", "bank_integration",
             "banking", _ALL, admin_only=True, bulk=_ARD, bulk_validation="in",
             capabilities=_LISTED, sort_columns=("bank_account_name", "created_at")),
    Resource("bank_transactions", "bank_transaction", "bank_transactions", "bank_transaction",
             "banking", _ALL, bulk=(*_ARD, "convert_matched", "unlink"), bulk_validation="in",
             capabilities=_LISTED, filters=_BANK_TRANSACTION_FILTERS,
             statuses=_BANK_TRANSACTION_STATUSES, sort_columns=("date", "amount", "created_at")),
    Resource("bank_transaction_rules", "bank_transaction_rule", "bank_transaction_rules",
             "bank_transaction_rule", "banking", _ALL, admin_only=True, bulk=_ARD,
             bulk_validation="in", capabilities=_LISTED),
    Resource("clients", "client", "clients", "client", "clients", _ALL, upload=True,
             bulk=(*_ARD, "template", "assign_group", "bulk_update"), bulk_validation="in",
             capabilities=("search", "archive", "number"), filters=_CLIENT_FILTERS,
             sort_columns=("name", "number", "balance", "paid_to_date", "created_at",
                           "updated_at")),
    # Every client gateway token request checks isAdmin, reads included.
    Resource("client_gateway_tokens", "client_gateway_token", "client_gateway_tokens",
             "client_gateway_token", "clients", _ALL, admin_only=True,
             include_status_default=False),
    # Creating or deleting a whole company is account administration, done in the web app.
    Resource("companies", "company", "companies", "company", "settings", _ALL,
             withheld=("store", "destroy"), include_status_default=False),
    Resource("company_gateways", "company_gateway", "company_gateways", "company_gateway",
             "settings", _ALL, admin_only=True, bulk=_ARD, bulk_validation="in",
             capabilities=_LISTED),
    Resource("company_users", "company_user", "company_users", "company_user", "users",
             ("update",), admin_only=True, resource_route=False, include_status_default=False),
    Resource("company_ledger", "ledger_entry", "ledger_entries", "company_ledger", "reports",
             ("index",), admin_only=True, resource_route=False, include_status_default=False),
    Resource("credits", "credit", "credits", "credit", "credits", _ALL, upload=True,
             bulk=(*_ARD, "email", "bulk_download", "bulk_print", "mark_paid", "clone_to_credit",
                   "history", "mark_sent", "download", "send_email", "template"),
             bulk_validation="in", capabilities=(*_DOCUMENT_CAPS, "date", "due_date"),
             filters=_CREDIT_FILTERS, statuses=_CREDIT_STATUSES,
             sort_columns=("number", "date", "amount", "balance", "status_id", "client_id",
                           "created_at", "updated_at")),
    # Design and payment-term requests check isAdmin() to create.
    Resource("designs", "design", "designs", "design", "settings", _ALL,
             create_permission="admin", bulk=_ARD, bulk_validation="repository",
             capabilities=_LISTED, filters=_DESIGN_FILTERS,
             sort_columns=("name", "created_at", "updated_at")),
    # POST documents is an empty stub: documents are created through {entity}/{id}/upload.
    Resource("documents", "document", "documents", "document", "documents", _ALL,
             create_permission="create_all", withheld=("store",),
             bulk=("download", *_ARD), bulk_validation="repository",
             capabilities=("search", "archive", "client"), filters=_DOCUMENT_FILTERS,
             sort_columns=("name", "type", "size", "created_at")),
    Resource("expenses", "expense", "expenses", "expense", "expenses", _ALL, upload=True,
             bulk=(*_ARD, "bulk_update", "bulk_categorize"), bulk_validation="in",
             capabilities=("search", "archive", "number", "client", "vendor", "date"),
             filters=_EXPENSE_FILTERS,
             sort_columns=("number", "date", "amount", "created_at", "updated_at")),
    # View and edit check expense_category (class name); create checks create_expense_categories.
    Resource("expense_categories", "expense_category", "expense_categories", "expense_category",
             "expenses", _ALL, create_permission="create_expense_categories",
             bulk_permission="admin", bulk=_ARD, bulk_validation="repository",
             capabilities=_LISTED, sort_columns=("name", "created_at")),
    # Invoice Ninja's "group settings" are client groups; the name says what they are.
    Resource("group_settings", "client_group", "client_groups", "group_setting", "clients",
             _ALL, create_permission="admin", upload=True, bulk=_ARD,
             bulk_validation="repository", capabilities=_LISTED,
             sort_columns=("name", "created_at")),
    Resource("invoices", "invoice", "invoices", "invoice", "invoices", _ALL, upload=True,
             bulk=("auto_bill", "clone_to_invoice", "clone_to_quote", "history", "delivery_note",
                   "mark_paid", "mark_sent", "download", "bulk_download", "bulk_print",
                   "template", "set_payment_link", "restore", "archive", "delete", "cancel",
                   "email", "send_email"),
             bulk_validation="switch", capabilities=(*_DOCUMENT_CAPS, "date", "due_date"),
             filters=_INVOICE_FILTERS, statuses=_INVOICE_STATUSES,
             sort_columns=("number", "date", "due_date", "amount", "balance", "status_id",
                           "client_id", "created_at", "updated_at")),
    Resource("locations", "location", "locations", "location", "clients", _ALL,
             bulk=_ARD, bulk_validation="repository",
             capabilities=_LISTED),
    Resource("payments", "payment", "payments", "payment", "payments", _ALL, upload=True,
             bulk=("template", "restore", "archive", "delete", "email", "email_receipt"),
             bulk_validation="switch", capabilities=("search", "archive", "number", "client"),
             filters=_PAYMENT_FILTERS, statuses=_PAYMENT_STATUSES,
             sort_columns=("number", "date", "amount", "status_id", "client_id", "created_at")),
    Resource("payment_terms", "payment_term", "payment_terms", "payment_term", "settings", _ALL,
             create_permission="admin", bulk=_ARD, bulk_validation="repository",
             capabilities=_LISTED, sort_columns=("num_days", "created_at")),
    Resource("products", "product", "products", "product", "products", _ALL, upload=True,
             bulk=(*_ARD, "set_tax_id"), bulk_validation="in", capabilities=_LISTED,
             filters=_PRODUCT_FILTERS,
             sort_columns=("product_key", "price", "quantity", "created_at", "updated_at")),
    Resource("projects", "project", "projects", "project", "projects", _ALL, upload=True,
             bulk=("template", *_ARD), bulk_validation="repository",
             capabilities=("search", "archive", "number", "client"),
             sort_columns=("name", "number", "due_date", "created_at", "updated_at")),
    Resource("purchase_orders", "purchase_order", "purchase_orders", "purchase_order",
             "purchase_orders", _ALL, upload=True,
             bulk=("template", *_ARD, "email", "bulk_download", "bulk_print", "mark_sent",
                   "download", "send_email", "add_to_inventory", "expense", "cancel"),
             bulk_validation="in",
             capabilities=("search", "archive", "number", "vendor", "date", "due_date"),
             filters=(_client_status("all", "draft", "sent", "accepted", "cancelled"),),
             statuses=_PURCHASE_ORDER_STATUSES,
             sort_columns=("number", "date", "due_date", "amount", "status_id", "created_at")),
    Resource("quotes", "quote", "quotes", "quote", "quotes", _ALL, upload=True,
             bulk=("template", "convert_to_invoice", "convert", "convert_to_project", "email",
                   "bulk_download", "bulk_print", "clone_to_invoice", "approve", "download",
                   "restore", "archive", "delete", "send_email", "mark_sent"),
             bulk_validation="in", capabilities=(*_DOCUMENT_CAPS, "date", "due_date"),
             filters=_QUOTE_FILTERS, statuses=_QUOTE_STATUSES,
             sort_columns=("number", "date", "due_date", "amount", "status_id", "client_id",
                           "created_at", "updated_at")),
    Resource("recurring_expenses", "recurring_expense", "recurring_expenses",
             "recurring_expense", "recurring", _ALL, upload=True,
             bulk=(*_ARD, "start", "stop", "email"), bulk_validation="switch",
             capabilities=("search", "archive", "number", "client", "vendor"),
             # Recurring expenses filter like expenses; their status_id uses the recurring
             # invoice values.
             filters=(_client_status("all", "logged", "pending", "invoiced", "paid",
                                     "unpaid"),),
             statuses=_RECURRING_STATUSES,
             sort_columns=("number", "next_send_date", "amount", "created_at")),
    Resource("recurring_invoices", "recurring_invoice", "recurring_invoices",
             "recurring_invoice", "recurring", _ALL, upload=True,
             bulk=(*_ARD, "increase_prices", "update_prices", "start", "stop", "send_now",
                   "set_payment_link", "bulk_update"),
             bulk_validation="in", capabilities=("search", "archive", "number", "client"),
             filters=_RECURRING_INVOICE_FILTERS, statuses=_RECURRING_STATUSES,
             sort_columns=("number", "next_send_date", "amount", "status_id", "client_id",
                           "created_at")),
    Resource("recurring_quotes", "recurring_quote", "recurring_quotes", "recurring_quote",
             "recurring", _ALL, upload=True, bulk=_ARD, bulk_validation="repository",
             capabilities=("search", "archive", "number", "client"),
             statuses=_RECURRING_STATUSES, sort_columns=("number", "next_send_date",
                                                          "created_at")),
    Resource("subscriptions", "subscription", "subscriptions", "subscription", "settings", _ALL,
             bulk=(*_ARD, "assign_invoice"), bulk_validation="in", capabilities=_LISTED,
             sort_columns=("name", "price", "created_at")),
    # Only index and show do anything: store answers 400, the rest have nothing to change.
    Resource("system_logs", "system_log", "system_logs", "system_log", "activities", _ALL,
             withheld=("store", "update", "destroy"), capabilities=("search",),
             filters=_SYSTEM_LOG_FILTERS, include_status_default=False),
    # Scheduled reports and statements; "task scheduler" reads like our tasks, so: schedules.
    # TaskSchedulerController has no edit method.
    Resource("task_schedulers", "schedule", "schedules", "scheduler", "settings",
             ("index", "create", "store", "show", "update", "destroy"), admin_only=True,
             bulk=_ARD, bulk_validation="in", capabilities=_LISTED,
             sort_columns=("name", "next_run", "created_at")),
    Resource("tasks", "task", "tasks", "task", "tasks", _ALL, upload=True,
             bulk=("template", *_ARD, "start", "stop"), bulk_validation="repository",
             capabilities=("search", "archive", "number", "client"), filters=_TASK_FILTERS,
             sort_columns=("number", "description", "status_order", "created_at",
                           "updated_at")),
    Resource("task_statuses", "task_status", "task_statuses", "task_status", "tasks", _ALL,
             create_permission="create_all", bulk_permission="admin", bulk=_ARD,
             bulk_validation="in", capabilities=_LISTED,
             sort_columns=("status_order", "name", "created_at")),
    # Archiving or deleting a tax rate also blanks a matching company default tax.
    Resource("tax_rates", "tax_rate", "tax_rates", "tax_rate", "settings", _ALL,
             create_permission="admin", bulk=_ARD, bulk_validation="repository",
             capabilities=_LISTED, sort_columns=("name", "rate", "created_at")),
    # Every token response carries raw API tokens, so nothing of this entity becomes an action.
    Resource("tokens", "api_token", "api_tokens", "company_token", "settings", _ALL,
             admin_only=True, withheld=("index", "store", "show", "update", "destroy"),
             bulk=_ARD, bulk_validation="repository", capabilities=_LISTED),
    Resource("users", "user", "users", "user", "users",
             ("index", "create", "store", "show", "update"), admin_only=True,
             password_routes=("create", "store", "show", "update"), resource_route=False,
             bulk=_ARD, bulk_validation="repository", capabilities=_LISTED,
             filters=_USER_FILTERS, sort_columns=("first_name", "last_name", "created_at")),
    Resource("vendors", "vendor", "vendors", "vendor", "vendors", _ALL, upload=True, bulk=_ARD,
             bulk_validation="repository", capabilities=("search", "archive", "number"),
             sort_columns=("name", "number", "created_at", "updated_at")),
    Resource("webhooks", "webhook", "webhooks", "webhook", "settings", _ALL, admin_only=True,
             bulk=_ARD, bulk_validation="repository", capabilities=_LISTED,
             sort_columns=("target_url", "event_id", "created_at")),
)

_BY_PATH = {r.path: r for r in RESOURCES}


def resource(path: str) -> Resource:
    """The row for ``path`` (``"invoices"``); ``KeyError`` names the path when there is none."""
    try:
        return _BY_PATH[path]
    except KeyError:
        raise KeyError(f"no Invoice Ninja resource {path!r} in ninja_tools.resources") from None


# --- Standard routes as actions --------------------------------------------------------------

# kind -> (method, path suffix, name template, risk, permission verb, result). GET create (a
# blank form object) and GET edit (= show) become no action; EXCLUDED_ROUTES says why.
_STANDARD: dict[str, tuple[str, str, str, Risk, PermissionVerb, Result]] = {
    "index": ("GET", "", "list_{plural}", "read", "view", "list"),
    "store": ("POST", "", "create_{singular}", "write", "create", "item"),
    "show": ("GET", "/{id}", "get_{singular}", "read", "view", "item"),
    "update": ("PUT", "/{id}", "update_{singular}", "write", "edit", "item"),
    "destroy": ("DELETE", "/{id}", "delete_{singular}", "destructive", "edit", "item"),
    "upload": ("PUT", "/{id}/upload", "upload_{singular}_document", "write", "edit", "item"),
}


def standard_routes(res: Resource) -> tuple[SpecialRoute, ...]:
    """The standard routes of ``res`` that become actions, as rows shaped like special routes.

    ``list_invoices``, ``create_invoice``, ``get_invoice``, ``update_invoice``,
    ``delete_invoice`` and ``upload_invoice_document`` for invoices; password-protected routes
    get the risk ``password``; withheld routes get none.
    """
    kinds: list[str] = [k for k in res.routes if k in _STANDARD and k not in res.withheld]
    if res.upload:
        kinds.append("upload")
    rows = []
    for kind in kinds:
        method, suffix, template, risk, verb, result = _STANDARD[kind]
        if kind in res.password_routes:
            risk = "password"
        rows.append(SpecialRoute(
            method, res.path + suffix,
            template.format(singular=res.singular, plural=res.plural), risk,
            res.permission_for(verb), res.toolset, read_only=method == "GET", resource=res.path,
            result=result,
        ))
    return tuple(rows)


# --- Bulk actions ----------------------------------------------------------------------------

_EMAIL_TYPES = ("reminder1", "reminder2", "reminder3", "reminder_endless", "custom1", "custom2",
                "custom3", "invoice", "quote", "credit", "payment", "payment_partial",
                "statement", "purchase_order")
_TEMPLATE_PARAMS = (
    Param("template_id", "id", True, "Hashed id of a template design (list_designs with "
          "template=true)"),
    Param("send_email", "bool", False, "true: e-mail the rendered PDF to you instead of "
          "returning a job id for download_template_pdf"),
)
_SUBSCRIPTION_ID = Param("subscription_id", "id", True, "Hashed id of the subscription whose "
                         "payment link to use")


def _column(*columns: str) -> tuple[Param, ...]:
    return (Param("column", "choice", True, "The field to set on every record", columns),
            Param("new_value", "text", True, "The value to set"))


_CLIENT_COLUMNS = _column("public_notes", "industry_id", "size_id", "country_id",
                          "custom_value1", "custom_value2", "custom_value3", "custom_value4")
_EXPENSE_COLUMNS = _column("tax1", "tax2", "tax3", "custom_value1", "custom_value2",
                           "custom_value3", "custom_value4", "should_be_invoiced",
                           "uses_inclusive_taxes", "private_notes", "public_notes")
_RECURRING_INVOICE_COLUMNS = _column("tax1", "tax2", "tax3", "custom_value1", "custom_value2",
                                     "custom_value3", "custom_value4", "uses_inclusive_taxes",
                                     "private_notes", "public_notes", "terms", "footer")
# Product::PRODUCT_TYPE_*: the tax category Invoice Ninja's tax engine applies.
_TAX_CATEGORIES = ("1", "2", "3", "4", "5", "6", "7", "8", "9")


def _do(path: str, action: str, name: str, risk: Risk = "write", *params: Param,
        result: Result = "list") -> BulkAction:
    return BulkAction(path, action, name, risk, params, result)


def _alias(path: str, action: str, of: str, reason: str = "") -> BulkAction:
    return BulkAction(path, action, skip="alias", alias_of=of,
                      reason=reason or f"the server runs the same code as {of!r}")


def _noop(path: str, action: str, reason: str) -> BulkAction:
    return BulkAction(path, action, skip="no-op", reason=reason)


def _replaced(path: str, action: str, by: str, reason: str) -> BulkAction:
    return BulkAction(path, action, skip="replaced", replaced_by=by, reason=reason)


def _lifecycle(path: str) -> tuple[BulkAction, ...]:
    """archive/restore (write: they undo each other) and delete (destructive) for one entity."""
    plural = resource(path).plural
    return (_do(path, "archive", f"archive_{plural}"),
            _do(path, "restore", f"restore_{plural}"),
            _do(path, "delete", f"delete_{plural}", "destructive"))


def _render(path: str) -> BulkAction:
    """The ``template`` string: renders the records through a template design into one PDF."""
    return _do(path, "template", f"render_{resource(path).plural}_with_template", "write",
               *_TEMPLATE_PARAMS, result="job")


def _files(path: str) -> tuple[BulkAction, ...]:
    # bulk_print streams one merged PDF back: a read. bulk_download only queues a job that
    # e-mails a zip of the PDFs to the token's own user: it reaches no client, so it is not
    # "send", but it is not retry-safe or read-only-safe either, so it is "write".
    plural = resource(path).plural
    return (_do(path, "bulk_print", f"print_{plural}", "read", result="file"),
            _do(path, "bulk_download", f"zip_{plural}", "write", result="message"))


_CLONE_NOOP = ("the bulk controller discards the unsaved copy and returns the originals; the "
               "single-record GET returns the copy but is refused as a mutating GET")
_HISTORY_NOOP = "an empty case in the controller's switch"


def _pdf_replaced(path: str) -> BulkAction:
    single = resource(path).singular
    return _replaced(path, "download", f"download_{single}_pdf",
                     f"a PDF of the first id only (or nothing, for entities whose bulk ignores "
                     f"the stream); GET {path}/{{id}}/download gives the same PDF by id")


BULK_ACTIONS: tuple[BulkAction, ...] = (
    *_lifecycle("bank_integrations"),
    *_lifecycle("bank_transactions"),
    _do("bank_transactions", "convert_matched", "convert_matched_bank_transactions"),
    _do("bank_transactions", "unlink", "unlink_bank_transactions"),
    *_lifecycle("bank_transaction_rules"),

    *_lifecycle("clients"),
    _render("clients"),
    _do("clients", "assign_group", "assign_clients_to_group", "write",
        Param("group_settings_id", "id", True, "Hashed id of the client group")),
    _do("clients", "bulk_update", "update_clients_field", "write", *_CLIENT_COLUMNS),

    *_lifecycle("company_gateways"),

    *_lifecycle("credits"),
    _do("credits", "email", "email_credits", "send"),
    _alias("credits", "send_email", "email"),
    *_files("credits"),
    _do("credits", "mark_paid", "mark_credits_paid"),
    _do("credits", "mark_sent", "mark_credits_sent"),
    _noop("credits", "clone_to_credit", _CLONE_NOOP),
    _noop("credits", "history", _HISTORY_NOOP),
    _pdf_replaced("credits"),
    _render("credits"),

    *_lifecycle("designs"),

    # Documents' download zips the files and e-mails them to the token's user (see _files).
    _do("documents", "download", "zip_documents", "write", result="message"),
    *_lifecycle("documents"),

    *_lifecycle("expenses"),
    _do("expenses", "bulk_update", "update_expenses_field", "write", *_EXPENSE_COLUMNS),
    _do("expenses", "bulk_categorize", "categorize_expenses", "write",
        Param("category_id", "id", True, "Hashed id of the expense category")),

    *_lifecycle("expense_categories"),
    *_lifecycle("group_settings"),

    *_lifecycle("invoices"),
    # Charges the client's saved card or bank account through the gateway.
    _do("invoices", "auto_bill", "auto_bill_invoices", "destructive"),
    _do("invoices", "cancel", "cancel_invoices", "destructive"),
    _do("invoices", "mark_paid", "mark_invoices_paid"),
    _do("invoices", "mark_sent", "mark_invoices_sent"),
    _do("invoices", "email", "email_invoices", "send",
        Param("email_type", "choice", False, "Template to use; by default the next one due "
              "(the invoice e-mail, or the reminder the invoice has reached)", _EMAIL_TYPES)),
    _alias("invoices", "send_email", "email"),
    *_files("invoices"),
    _render("invoices"),
    _do("invoices", "set_payment_link", "set_invoices_payment_link", "write", _SUBSCRIPTION_ID),
    _noop("invoices", "clone_to_invoice", _CLONE_NOOP),
    _noop("invoices", "clone_to_quote", _CLONE_NOOP),
    _noop("invoices", "history", _HISTORY_NOOP),
    _noop("invoices", "delivery_note", "an empty case in the bulk switch; the delivery note PDF "
          "comes from GET invoices/{id}/delivery_note (download_invoice_delivery_note)"),
    _pdf_replaced("invoices"),

    *_lifecycle("locations"),

    *_lifecycle("payments"),
    _render("payments"),
    _do("payments", "email_receipt", "email_payment_receipts", "send"),
    _alias("payments", "email", "email_receipt"),

    *_lifecycle("payment_terms"),

    *_lifecycle("products"),
    _do("products", "set_tax_id", "set_products_tax_category", "write",
        Param("tax_id", "choice", True, "Tax category: 1 physical goods, 2 service, 3 digital, "
              "4 shipping, 5 exempt, 6 reduced rate, 7 override, 8 zero rated, 9 reverse "
              "charge", _TAX_CATEGORIES)),

    *_lifecycle("projects"),
    _render("projects"),

    *_lifecycle("purchase_orders"),
    _render("purchase_orders"),
    # A purchase order goes to a vendor, outside the company: "send" like a client e-mail.
    _do("purchase_orders", "email", "email_purchase_orders", "send"),
    _alias("purchase_orders", "send_email", "email"),
    *_files("purchase_orders"),
    _do("purchase_orders", "mark_sent", "mark_purchase_orders_sent"),
    _do("purchase_orders", "add_to_inventory", "add_purchase_orders_to_inventory"),
    _do("purchase_orders", "expense", "convert_purchase_orders_to_expenses"),
    _do("purchase_orders", "cancel", "cancel_purchase_orders", "destructive"),
    _pdf_replaced("purchase_orders"),

    *_lifecycle("quotes"),
    _render("quotes"),
    _do("quotes", "convert_to_invoice", "convert_quotes_to_invoices"),
    # The bulk controller would treat convert like convert_to_invoice, but the request's in:
    # rule does not list it, so the server answers 422 before that.
    _alias("quotes", "convert", "convert_to_invoice", "the controller treats it as "
           "convert_to_invoice, but BulkActionQuoteRequest's in: rule rejects it first"),
    _do("quotes", "convert_to_project", "convert_quotes_to_projects"),
    _do("quotes", "approve", "approve_quotes"),
    _do("quotes", "email", "email_quotes", "send"),
    _alias("quotes", "send_email", "email"),
    *_files("quotes"),
    _do("quotes", "mark_sent", "mark_quotes_sent"),
    _noop("quotes", "clone_to_invoice", _CLONE_NOOP),
    _pdf_replaced("quotes"),

    *_lifecycle("recurring_expenses"),
    _do("recurring_expenses", "start", "start_recurring_expenses"),
    _do("recurring_expenses", "stop", "stop_recurring_expenses"),
    _noop("recurring_expenses", "email", "an empty case in the controller's switch"),

    *_lifecycle("recurring_invoices"),
    _do("recurring_invoices", "start", "start_recurring_invoices"),
    _do("recurring_invoices", "stop", "stop_recurring_invoices"),
    # Generates the next invoice now and e-mails it to the client.
    _do("recurring_invoices", "send_now", "send_recurring_invoices_now", "send"),
    _do("recurring_invoices", "increase_prices", "increase_recurring_invoices_prices", "write",
        Param("percentage_increase", "number", True, "Percent to add to every line item price, "
              "0 to 100"), result="message"),
    _do("recurring_invoices", "update_prices", "update_recurring_invoices_prices", "write",
        result="message"),
    _do("recurring_invoices", "set_payment_link", "set_recurring_invoices_payment_link", "write",
        _SUBSCRIPTION_ID),
    _do("recurring_invoices", "bulk_update", "update_recurring_invoices_field", "write",
        *_RECURRING_INVOICE_COLUMNS),

    *_lifecycle("recurring_quotes"),

    *_lifecycle("subscriptions"),
    _do("subscriptions", "assign_invoice", "assign_subscriptions_to_invoice", "write",
        Param("entity", "choice", True, "What to attach the subscription to",
              ("invoice", "recurring_invoice")),
        Param("entity_id", "id", True, "Hashed id of that invoice or recurring invoice")),

    *_lifecycle("task_schedulers"),

    *_lifecycle("tasks"),
    _render("tasks"),
    _do("tasks", "start", "start_tasks"),
    _do("tasks", "stop", "stop_tasks"),

    *_lifecycle("task_statuses"),
    *_lifecycle("tax_rates"),

    *(BulkAction("tokens", a, skip="withheld", reason="the response lists the tokens with "
                 "their raw API token values") for a in _ARD),

    # POST users/bulk is behind the password middleware: every users bulk action is "password".
    _do("users", "archive", "archive_users", "password"),
    _do("users", "restore", "restore_users", "password"),
    _do("users", "delete", "delete_users", "password"),

    *_lifecycle("vendors"),
    *_lifecycle("webhooks"),
)

# --- Special routes --------------------------------------------------------------------------

#: Every report ``POST reports/{report}`` accepts (``contacts`` is the same controller as
#: ``client_contacts``, so it is excluded). ``projects`` and ``recurring_invoice_items`` are
#: [2025]: older servers answer 404.
REPORTS: tuple[str, ...] = (
    "activities", "client_contacts", "clients", "credits", "documents", "expenses",
    "invoice_items", "invoices", "payments", "product_sales", "products", "purchase_order_items",
    "purchase_orders", "quote_items", "quotes", "recurring_invoices", "tasks", "vendors",
    "profitloss", "ar_detail_report", "ar_summary_report", "client_balance_report",
    "client_sales_report", "tax_summary_report", "user_sales_report", "projects",
    "recurring_invoice_items",
)

_S = SpecialRoute
_E_DOC_NOTE = ("keyed by an invitation key, the only route to the e-document; the action reads "
               "the record's first invitation key itself and never shows it; the server checks "
               "no permission here, so we require view")

SPECIAL_ROUTES: tuple[SpecialRoute, ...] = (
    # account: who am I, does the token work
    _S("GET", "ping", "ping_server", "read", "any", "account", True, result="message"),
    _S("POST", "refresh", "get_current_user", "read", "any", "account", True,
       note="answer carries the company's raw system token: keep only permissions and names"),
    _S("POST", "password_timeout", "check_password_timeout", "read", "any", "account", True,
       result="message"),

    # activities
    _S("POST", "activities/entity", "list_record_activities", "read", "any", "activities", True,
       result="list"),
    _S("POST", "activities/notes", "add_record_note", "write", "edit_{entity}", "activities"),
    _S("GET", "activities/download_entity/{id}", "download_activity_pdf", "read",
       "view_activity", "activities", True, "activities", "file"),

    # banking (all admin-only)
    _S("POST", "bank_integrations/refresh_accounts", "refresh_bank_accounts", "write", "admin",
       "banking", note="throttled to 30 a minute"),
    _S("POST", "bank_integrations/remove_account/{account_id}", "remove_bank_account",
       "destructive", "admin", "banking"),
    _S("POST", "bank_integrations/get_transactions/{account_id}", "import_bank_transactions",
       "write", "admin", "banking", note="throttled to 1 a minute"),
    _S("POST", "bank_transactions/match", "match_bank_transactions", "write",
       "edit_bank_transaction", "banking", result="list"),

    # clients
    _S("POST", "clients/{id}/purge", "purge_client", "password", "admin", "clients",
       resource="clients", note="hard delete of the client and everything it owns"),
    _S("POST", "clients/{id}/{mergeable_id}/merge", "merge_clients", "password", "admin",
       "clients", resource="clients"),
    _S("POST", "clients/{id}/updateTaxData", "update_client_tax_data", "write", "admin",
       "clients", resource="clients", note="throttled to 3 a minute; paid plans only"),
    _S("POST", "clients/{id}/documents", "list_client_documents", "read", "view_client",
       "clients", True, "clients", "list"),
    _S("POST", "clients/{id}/show_settings", "get_client_settings", "read", "view_client",
       "clients", True, "clients", note="[2025]"),
    _S("POST", "reactivate_email/{bounce_id}", "reactivate_bounced_email", "write", "any",
       "clients", result="message"),
    _S("POST", "client_statement", "download_client_statement", "read", "view_client",
       "clients", True, result="file"),
    _S("POST", "client_statement", "send_client_statement", "send", "view_client", "clients",
       result="message", note="the same route with send_email=true"),
    _S("POST", "client_gateway_tokens/{id}/setAsDefault", "set_default_client_gateway_token",
       "write", "admin", "clients", resource="client_gateway_tokens"),

    # e-mail
    _S("POST", "emails", "send_email", "send", "edit_{entity}", "emails",
       note="entity: invoice, quote, credit, recurring_invoice, purchase_order or payment"),
    _S("POST", "emails/clientHistory/{id}", "list_client_emails", "read", "view_client",
       "emails", True, "clients", "list"),
    _S("POST", "emails/entityHistory", "list_record_emails", "read", "view_{entity}", "emails",
       True, result="list"),
    # The controller checks no permission of its own.
    _S("POST", "templates", "preview_email_template", "read", "any", "emails", True),

    # invoices, quotes, credits, purchase orders: PDFs and e-documents. The id routes are the
    # performAction download case, which checks edit permission.
    _S("GET", "invoices/{id}/download", "download_invoice_pdf", "read", "edit_invoice",
       "invoices", True, "invoices", "file"),
    _S("GET", "invoices/{id}/delivery_note", "download_invoice_delivery_note", "read",
       "view_invoice", "invoices", True, "invoices", "file"),
    _S("GET", "invoice/{invitation_key}/download_e_invoice", "download_e_invoice", "read",
       "view_invoice", "invoices", True, result="file", note=_E_DOC_NOTE),
    _S("POST", "invoices/update_reminders", "update_invoice_reminders", "write", "admin",
       "invoices", result="message", note="recomputes the next reminder date of every invoice"),
    _S("POST", "einvoice/validateEntity", "validate_einvoice", "read", "view_{entity}",
       "invoices", True, note="entity: invoices, clients or companies; 400/422 lists problems"),
    _S("GET", "quotes/{id}/download", "download_quote_pdf", "read", "edit_quote", "quotes",
       True, "quotes", "file"),
    _S("GET", "quote/{invitation_key}/download_e_quote", "download_e_quote", "read",
       "view_quote", "quotes", True, result="file", note=_E_DOC_NOTE),
    _S("GET", "credits/{id}/download", "download_credit_pdf", "read", "edit_credit", "credits",
       True, "credits", "file"),
    _S("GET", "credit/{invitation_key}/download_e_credit", "download_e_credit", "read",
       "view_credit", "credits", True, result="file", note=_E_DOC_NOTE),
    _S("GET", "purchase_orders/{id}/download", "download_purchase_order_pdf", "read",
       "edit_purchase_order", "purchase_orders", True, "purchase_orders", "file"),
    _S("GET", "purchase_order/{invitation_key}/download_e_purchase_order",
       "download_e_purchase_order", "read", "view_purchase_order", "purchase_orders", True,
       result="file", note=_E_DOC_NOTE),

    # payments: refunds are admin-only; "destructive" because with gateway_refund=true money
    # leaves through the gateway (an action may lower it when gateway_refund is false).
    _S("POST", "payments/refund", "refund_payment", "destructive", "admin", "payments"),

    # expenses, projects, tasks, vendors
    # The request checks isAdmin(), not create_expense.
    _S("PUT", "edocument/upload", "import_expense_edocument", "write", "admin",
       "expenses", note="an e-invoice file (XML or PDF) becomes an expense", files=True),
    _S("POST", "projects/{id}/invoice", "create_invoice_from_project", "write",
       "create_invoice", "projects", resource="projects", note="[2025]"),
    _S("POST", "tasks/sort", "sort_tasks", "write", "edit_task", "tasks",
       note="kanban order: status_ids and task_ids"),
    _S("POST", "vendors/{id}/{mergeable_id}/merge", "merge_vendors", "password", "admin",
       "vendors", resource="vendors"),

    # documents
    _S("GET", "documents/{id}/download", "download_document", "read", "view_document",
       "documents", True, "documents", "file"),

    # reports and dashboard: a report is a job; poll its result (409 until ready, then the
    # report once: the server forgets it after the first read)
    _S("POST", "reports/{report}", "run_report", "read", "view_reports", "reports", True,
       result="job", choices=(("report", REPORTS),),
       note="most reports are throttled to 20 a minute; send_email=false"),
    _S("POST", "reports/preview/{hash}", "get_report_result", "read", "view_reports",
       "reports", True),
    _S("POST", "exports/preview/{hash}", "download_report_csv", "read", "view_reports",
       "reports", True, result="file"),
    _S("POST", "templates/preview/{hash}", "download_template_pdf", "read", "view_reports",
       "reports", True, result="file", note="the result of a render_*_with_template job"),
    _S("POST", "charts/totals", "get_dashboard_totals", "read", "view_dashboard", "reports",
       True),
    _S("POST", "charts/chart_summary", "get_dashboard_chart", "read", "view_dashboard",
       "reports", True),
    _S("POST", "charts/calculated_fields", "calculate_dashboard_field", "read",
       "view_dashboard", "reports", True),

    # settings
    _S("GET", "statics", "get_reference_data", "read", "any", "settings", True,
       note="currencies, countries, languages, payment types, ..."),
    _S("POST", "companies/current", "get_current_company", "read", "any", "settings", True),
    _S("GET", "companies/{id}/logo", "download_company_logo", "read", "view_company",
       "settings", True, "companies", "file"),
    _S("PUT", "companies/{id}/upload", "upload_company_document", "write", "edit_company",
       "settings", resource="companies", files=True),
    _S("POST", "companies/updateOriginTaxData/{id}", "update_company_tax_data", "write",
       "edit_company", "settings", resource="companies", note="throttled to 3 a minute"),
    _S("POST", "company_gateways/{id}/test", "test_company_gateway", "read", "admin",
       "settings", True, "company_gateways", "message"),
    _S("POST", "company_gateways/{id}/import_customers", "import_company_gateway_customers",
       "write", "admin", "settings", resource="company_gateways", result="message"),
    _S("POST", "company_gateways/{id}/clone", "clone_company_gateway", "write", "admin",
       "settings", resource="company_gateways", note="[2025]"),
    _S("POST", "designs/set/default", "set_default_design", "write", "admin", "settings",
       result="message"),
    _S("GET", "subscriptions/steps", "list_subscription_steps", "read", "any", "settings", True,
       result="list"),
    _S("POST", "subscriptions/steps/check", "check_subscription_steps", "read", "any",
       "settings", True, result="message"),
    _S("POST", "webhooks/{id}/retry", "retry_webhook", "write", "admin", "settings",
       resource="webhooks"),

    # users: everything that changes a user is behind the password middleware
    _S("DELETE", "users/{id}/detach_from_company", "remove_user_from_company", "password",
       "admin", "users", resource="users"),
    _S("POST", "users/{id}/invite", "invite_user", "password", "admin", "users",
       resource="users", result="message"),
    _S("POST", "user/{id}/reconfirm", "resend_user_confirmation", "write", "admin", "users",
       resource="users", result="message",
       note="e-mails the user (not a client) a new confirmation link"),
)

# --- Excluded routes -------------------------------------------------------------------------

EXCLUSION_CATEGORIES: dict[str, str] = {
    "auth": "Sign-up, log-in, password reset, OAuth and token minting or revoking: the tool "
            "layer works with one API token and never handles a person's login.",
    "self-hosting": "Upkeep of a self-hosted server (updates, licences, health, cron, error "
                    "log): the operator's job, not a business task.",
    "provider-webhook": "Called by mail, bank, payment and app-store providers, never by an API "
                        "client.",
    "client-portal": "Keyed by a contact's invitation key, which opens the client portal as that "
                     "contact, and not scoped to the token's company: the PDF routes by id do "
                     "the same job under the token's own permissions.",
    "mutating-get": "GET {entity}/{id}/{action}: most change data on a GET, which NinjaClient "
                    "refuses; the rest return an unsaved copy or nothing. The bulk POST with the "
                    "same action string does the job.",
    "duplicate-of": "Another route does exactly the same job (named in the note).",
    "web-app": "Serves Invoice Ninja's own web app: form defaults, editor previews, menus, UI "
               "preferences.",
    "account-admin": "Account, company lifecycle, security and integration setup (purging a "
                     "company, Stripe Connect, 2FA, SMTP, PEPPOL registration, API tokens): "
                     "done once, by the owner, in the web app.",
    "data-migration": "Whole-company import, export and migration between installs: long file "
                      "jobs done in the web app.",
    "bank-connection": "Connecting a bank needs the provider's own consent screens in the web "
                       "app.",
    "not-implemented": "The route exists but the controller refuses it, has no method for it, "
                       "or does nothing.",
    "unsuitable": "Does not do through the API what its name suggests (reason in the note).",
    "newer-than-baseline": "[2025] routes whose behaviour our reference does not describe; add "
                           "them once checked against a live server.",
}

_X = ExcludedRoute


def _action_gets(path: str, actions: tuple[str, ...]) -> tuple[ExcludedRoute, ...]:
    return tuple(_X("GET", f"{path}/{{id}}/{a}", "mutating-get") for a in actions)


def _form_and_duplicates() -> tuple[ExcludedRoute, ...]:
    """GET x/create, GET x/{id}/edit and PATCH x/{id} of every resource that has them."""
    rows: list[ExcludedRoute] = []
    for r in RESOURCES:
        if "create" in r.routes:
            rows.append(_X("GET", f"{r.path}/create", "web-app",
                           f"blank form object; create_{r.singular} gets the same defaults"))
        if "edit" in r.routes:
            rows.append(_X("GET", f"{r.path}/{{id}}/edit", "duplicate-of",
                           f"GET {r.path}/{{id}}"))
        if r.resource_route and "update" in r.routes:
            rows.append(_X("PATCH", f"{r.path}/{{id}}", "duplicate-of", f"PUT {r.path}/{{id}}"))
    return tuple(rows)


def _newer_resource(path: str) -> tuple[ExcludedRoute, ...]:
    rows = [("GET", path), ("GET", f"{path}/create"), ("POST", path), ("GET", f"{path}/{{id}}"),
            ("GET", f"{path}/{{id}}/edit"), ("PUT", f"{path}/{{id}}"),
            ("PATCH", f"{path}/{{id}}"), ("DELETE", f"{path}/{{id}}"),
            ("PUT", f"{path}/{{id}}/upload"), ("POST", f"{path}/bulk")]
    return tuple(_X(m, p, "newer-than-baseline", "bulk strings unknown") for m, p in rows)


_INVOICE_GET_ACTIONS = ("auto_bill", "clone_to_invoice", "clone_to_quote", "history",
                        "mark_paid", "mark_sent", "restore", "archive", "delete", "cancel",
                        "email", "send_email")
_QUOTE_GET_ACTIONS = ("convert_to_invoice", "convert", "convert_to_project", "email",
                      "clone_to_invoice", "clone_to_quote", "approve", "history", "restore",
                      "archive", "delete", "send_email", "mark_sent")
_CREDIT_GET_ACTIONS = ("mark_paid", "clone_to_credit", "history", "mark_sent", "archive",
                       "restore", "delete", "email", "send_email")
_PURCHASE_ORDER_GET_ACTIONS = ("mark_sent", "archive", "restore", "delete", "email",
                               "send_email", "add_to_inventory", "expense", "cancel")

EXCLUDED_ROUTES: tuple[ExcludedRoute, ...] = (
    *_form_and_duplicates(),
    _X("GET", "task_schedulers/{id}/edit", "not-implemented", "no edit method in the controller"),

    # withheld standard routes (Resource.withheld)
    _X("POST", "companies", "account-admin", "creates a whole new company"),
    _X("DELETE", "companies/{id}", "account-admin", "deletes a whole company"),
    _X("POST", "documents", "not-implemented", "empty stub; upload through {entity}/{id}/upload"),
    _X("POST", "system_logs", "not-implemented", "answers 400 Cannot store system log"),
    _X("PUT", "system_logs/{id}", "not-implemented", "system logs are written by the server"),
    _X("DELETE", "system_logs/{id}", "not-implemented", "system logs are written by the server"),
    *(_X(m, p, "account-admin", "responses carry raw API tokens") for m, p in (
        ("GET", "tokens"), ("POST", "tokens"), ("GET", "tokens/{id}"), ("PUT", "tokens/{id}"),
        ("DELETE", "tokens/{id}"), ("POST", "tokens/bulk"))),

    # GET {entity}/{id}/{action}; download is covered (download_*_pdf), delivery_note has its
    # own route
    *_action_gets("invoices", _INVOICE_GET_ACTIONS),
    *_action_gets("quotes", _QUOTE_GET_ACTIONS),
    *_action_gets("credits", _CREDIT_GET_ACTIONS),
    *_action_gets("purchase_orders", _PURCHASE_ORDER_GET_ACTIONS),

    # invitation-key PDFs (the e-document routes are covered: there is no id route for them)
    _X("GET", "invoice/{invitation_key}/download", "client-portal", "download_invoice_pdf"),
    _X("GET", "quote/{invitation_key}/download", "client-portal", "download_quote_pdf"),
    _X("GET", "credit/{invitation_key}/download", "client-portal", "download_credit_pdf"),
    _X("GET", "purchase_order/{invitation_key}/download", "client-portal",
       "download_purchase_order_pdf"),

    _X("POST", "charts/totals_v2", "duplicate-of", "POST charts/totals (same service call)"),
    _X("POST", "charts/chart_summary_v2", "duplicate-of", "POST charts/chart_summary"),
    _X("POST", "reports/contacts", "duplicate-of", "POST reports/client_contacts (same "
       "controller)"),

    _X("POST", "filters/{entity}", "web-app", "the web app's bulk menu; BULK_ACTIONS is ours"),
    _X("POST", "preview", "web-app", "renders an unsaved draft in the editor"),
    _X("POST", "live_preview", "web-app", "renders an unsaved draft in the editor"),
    _X("POST", "live_design", "web-app", "renders a design being edited"),
    _X("POST", "preview/purchase_order", "web-app", "renders an unsaved draft in the editor"),
    _X("POST", "live_preview/purchase_order", "web-app", "renders an unsaved draft"),
    _X("PUT", "company_users/{id}/preferences", "web-app", "the web app's UI preferences"),
    _X("POST", "companies/{id}/default", "web-app", "which company the web app opens first"),

    _X("POST", "search", "unsuitable", "without Elasticsearch it returns whole maps of clients, "
       "contacts and invoices; list_* with filter= is the search"),

    _X("PUT", "accounts/{account}", "account-admin"),
    _X("POST", "check_subdomain", "account-admin", "hosted sign-up"),
    _X("POST", "companies/purge/{company}", "account-admin", "password route: wipes a company"),
    _X("POST", "companies/purge_save_settings/{company}", "account-admin",
       "password route: wipes a company's records"),
    _X("GET", "settings/enable_two_factor", "account-admin"),
    _X("POST", "settings/enable_two_factor", "account-admin"),
    _X("POST", "settings/disable_two_factor", "account-admin"),
    _X("POST", "verify", "account-admin", "SMS verification of the account"),
    _X("POST", "verify/confirm", "account-admin", "SMS verification of the account"),
    _X("POST", "smtp/check", "account-admin"),
    _X("POST", "stripe/update_payment_methods", "account-admin", "password route"),
    _X("POST", "stripe/import_customers", "account-admin", "password route"),
    _X("POST", "stripe/verify", "account-admin", "password route"),
    _X("POST", "stripe/disconnect/{company_gateway_id}", "account-admin", "password route"),
    _X("POST", "connected_account", "account-admin", "links a Google or Microsoft login"),
    _X("POST", "connected_account/gmail", "account-admin", "links a Gmail mailbox"),
    _X("POST", "users/{id}/disconnect_mailer", "account-admin", "a user's own mailbox link"),
    _X("POST", "users/{id}/disconnect_oauth", "account-admin", "a user's own login link"),
    _X("POST", "support/messages/send", "account-admin", "writes to Invoice Ninja support"),
    _X("POST", "einvoice/configurations", "account-admin", "e-invoice payment means settings"),
    _X("POST", "einvoice/peppol/legal_entity", "account-admin", "PEPPOL registration"),
    _X("POST", "einvoice/peppol/setup", "account-admin", "PEPPOL registration"),
    _X("POST", "einvoice/peppol/disconnect", "account-admin", "PEPPOL registration"),
    _X("PUT", "einvoice/peppol/update", "account-admin", "PEPPOL registration"),

    _X("POST", "export", "data-migration"),
    _X("POST", "import", "data-migration"),
    _X("POST", "import_json", "data-migration"),
    _X("POST", "preimport", "data-migration"),
    _X("POST", "migrate", "data-migration"),
    _X("POST", "migration/start", "data-migration"),
    _X("POST", "migration/purge/{company}", "data-migration", "password route"),
    _X("POST", "migration/purge_save_settings/{company}", "data-migration", "password route"),
    _X("GET", "protected_download/{hash}", "data-migration",
       "outside the token group: the e-mailed link to an export file"),

    _X("POST", "yodlee/status/{account_number}", "bank-connection"),
    _X("GET", "nordigen/institutions", "bank-connection"),

    _X("POST", "logout", "auth", "revokes the token's sessions"),
    _X("POST", "one_time_token", "auth"),
    _X("POST", "signup", "auth", "outside the token group"),
    _X("POST", "oauth_login", "auth", "outside the token group"),
    _X("POST", "login", "auth", "outside the token group"),
    _X("POST", "reset_password", "auth", "outside the token group"),
    _X("POST", "sms_reset", "auth", "outside the token group"),
    _X("POST", "sms_reset/confirm", "auth", "outside the token group"),

    _X("GET", "health_check", "self-hosting"),
    _X("GET", "last_error", "self-hosting"),
    _X("POST", "claim_license", "self-hosting"),
    _X("POST", "self-update", "self-hosting", "password route"),
    _X("POST", "self-update/check_version", "self-hosting"),
    _X("GET", "scheduler", "self-hosting", "whether the server's cron has run"),
    _X("GET", "/webcron", "self-hosting", "outside /api/v1"),
    _X("GET", "/health", "self-hosting", "[2025], outside /api/v1"),

    *(_X("POST", p, "provider-webhook") for p in (
        "postmark_webhook", "mailgun_webhook", "brevo_webhook", "yodlee/refresh",
        "yodlee/data_updates", "yodlee/refresh_updates", "yodlee/balance", "process_webhook",
        "confirm_purchase", "ppcp/webhook")),

    *_newer_resource("product_allocations"),
    _X("POST", "einvoice/peppol/add_additional_legal_identifier", "newer-than-baseline"),
    _X("DELETE", "einvoice/peppol/remove_additional_legal_identifier", "newer-than-baseline"),
    _X("POST", "einvoice/peppol/send", "newer-than-baseline"),
    _X("POST", "einvoice/token/update", "newer-than-baseline"),
    _X("GET", "einvoice/quota", "newer-than-baseline"),
    _X("GET", "einvoice/health_check", "newer-than-baseline"),
)
