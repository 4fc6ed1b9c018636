"""Our own transcription of Invoice Ninja v5's routes (api-behaviour.md sections 1 and 2).

Written from the reference by hand and kept apart from ``ninja_tools.resources`` on purpose: the
catalog tests check the catalog against this list, so nothing here is derived from it.

Each route is ``(method, path_template, note)``. Paths are relative to ``/api/v1``; a leading
``/`` marks a path outside it. ``{id}`` is the record's own hashed id; placeholders are compared
by position only, so their names are free. ``GET {entity}/{id}/{action}`` is written out once per
action the controller's switch knows.
"""

from __future__ import annotations

Route = tuple[str, str, str]


def _resource(path: str, *, upload: bool = False, bulk: bool = False,
              note: str = "") -> list[Route]:
    """What section 1's "resource" (+ upload, + bulk) column stands for."""
    rows: list[Route] = [
        ("GET", path, "index"),
        ("GET", f"{path}/create", "create: blank template object"),
        ("POST", path, "store"),
        ("GET", f"{path}/{{id}}", "show"),
        ("GET", f"{path}/{{id}}/edit", "edit: same as show"),
        ("PUT", f"{path}/{{id}}", "update"),
        ("PATCH", f"{path}/{{id}}", "update"),
        ("DELETE", f"{path}/{{id}}", "destroy: sets is_deleted"),
    ]
    if upload:
        rows.append(("PUT", f"{path}/{{id}}/upload", "upload (multipart POST with _method=PUT)"))
    if bulk:
        rows.append(("POST", f"{path}/bulk", "bulk"))
    return [(m, p, f"{n}; {note}" if note else n) for m, p, n in rows]


def _actions(path: str, *actions: str) -> list[Route]:
    return [("GET", f"{path}/{{id}}/{a}", "performAction") for a in actions]


_REPORTS = (
    "clients", "activities", "client_contacts", "contacts", "credits", "documents", "expenses",
    "invoices", "invoice_items", "purchase_orders", "purchase_order_items", "quotes",
    "quote_items", "recurring_invoices", "payments", "products", "product_sales", "tasks",
    "vendors", "profitloss", "ar_detail_report", "ar_summary_report", "client_balance_report",
    "client_sales_report", "tax_summary_report", "user_sales_report",
)

ROUTES: list[Route] = [
    # --- section 1, resource by resource ---
    ("GET", "activities", "index only"),
    ("POST", "activities/entity", ""),
    ("POST", "activities/notes", ""),
    ("GET", "activities/download_entity/{activity}", "historical PDF"),

    *_resource("bank_integrations", bulk=True),
    ("POST", "bank_integrations/refresh_accounts", "throttle 30/min"),
    ("POST", "bank_integrations/remove_account/{acc_id}", ""),
    ("POST", "bank_integrations/get_transactions/{acc_id}", "throttle 1/min"),
    *_resource("bank_transactions", bulk=True),
    ("POST", "bank_transactions/match", ""),
    *_resource("bank_transaction_rules", bulk=True),

    *_resource("clients", upload=True, bulk=True),
    ("POST", "clients/{id}/purge", "password"),
    ("POST", "clients/{id}/{mergeable_client_id}/merge", "password"),
    ("POST", "clients/{id}/updateTaxData", "throttle 3/min"),
    ("POST", "clients/{id}/documents", "documents of the client and its records"),
    ("POST", "reactivate_email/{bounce_id}", ""),
    ("POST", "client_statement", "PDF, or e-mail with send_email"),
    ("POST", "clients/{id}/show_settings", "[2025]"),

    *_resource("client_gateway_tokens"),
    ("POST", "client_gateway_tokens/{id}/setAsDefault", ""),

    *_resource("companies"),
    ("POST", "companies/current", ""),
    ("GET", "companies/{id}/logo", ""),
    ("PUT", "companies/{id}/upload", ""),
    ("POST", "companies/{id}/default", ""),
    ("POST", "companies/updateOriginTaxData/{company}", "throttle 3/min"),
    ("POST", "companies/purge/{company}", "password"),
    ("POST", "companies/purge_save_settings/{company}", "password"),

    *_resource("company_gateways", bulk=True),
    ("POST", "company_gateways/{id}/test", ""),
    ("POST", "company_gateways/{id}/import_customers", ""),
    ("POST", "company_gateways/{id}/clone", "[2025]"),

    ("PUT", "company_users/{user}", ""),
    ("PUT", "company_users/{user}/preferences", ""),
    ("GET", "company_ledger", ""),

    *_resource("credits", upload=True, bulk=True),
    *_actions("credits", "mark_paid", "clone_to_credit", "history", "mark_sent", "download",
              "archive", "restore", "delete", "email", "send_email"),
    ("GET", "credit/{invitation_key}/download", ""),
    ("GET", "credit/{invitation_key}/download_e_credit", ""),

    *_resource("designs", bulk=True),
    ("POST", "designs/set/default", ""),

    *_resource("documents", bulk=True, note="create/store are empty stubs"),
    ("GET", "documents/{id}/download", "?inline=true"),

    ("POST", "einvoice/validateEntity", ""),
    ("POST", "einvoice/configurations", ""),
    ("POST", "einvoice/peppol/legal_entity", ""),
    ("POST", "einvoice/peppol/setup", ""),
    ("POST", "einvoice/peppol/disconnect", ""),
    ("PUT", "einvoice/peppol/update", ""),
    # "[2025] more peppol, token, quota, health_check", spelt out from the 2025 routes file
    ("POST", "einvoice/peppol/add_additional_legal_identifier", "[2025]"),
    ("DELETE", "einvoice/peppol/remove_additional_legal_identifier", "[2025]"),
    ("POST", "einvoice/peppol/send", "[2025]"),
    ("POST", "einvoice/token/update", "[2025]"),
    ("GET", "einvoice/quota", "[2025]"),
    ("GET", "einvoice/health_check", "[2025]"),

    ("POST", "emails", "section 6"),
    ("POST", "emails/clientHistory/{client}", ""),
    ("POST", "emails/entityHistory", ""),

    *_resource("expenses", upload=True, bulk=True),
    ("PUT", "edocument/upload", "e-invoice import as expense"),
    *_resource("expense_categories", bulk=True),
    *_resource("group_settings", upload=True, bulk=True),

    *_resource("invoices", upload=True, bulk=True),
    ("GET", "invoices/{id}/delivery_note", "PDF"),
    # delivery_note is matched by the explicit route above, registered first
    *_actions("invoices", "auto_bill", "clone_to_invoice", "clone_to_quote", "history",
              "mark_paid", "mark_sent", "download", "restore", "archive", "delete", "cancel",
              "email", "send_email"),
    ("GET", "invoice/{invitation_key}/download", ""),
    ("GET", "invoice/{invitation_key}/download_e_invoice", ""),
    ("POST", "invoices/update_reminders", ""),

    *_resource("locations", bulk=True, note="[2025]"),

    *_resource("payments", upload=True, bulk=True),
    ("POST", "payments/refund", "section 10"),
    *_resource("payment_terms", bulk=True),

    *_resource("products", upload=True, bulk=True),
    *_resource("product_allocations", upload=True, bulk=True, note="[2025]"),

    *_resource("projects", upload=True, bulk=True),
    ("POST", "projects/{id}/invoice", "[2025]"),

    *_resource("purchase_orders", upload=True, bulk=True),
    # section 1 names no per-record list: the bulk strings the per-record switch handles
    *_actions("purchase_orders", "mark_sent", "download", "archive", "restore", "delete",
              "email", "send_email", "add_to_inventory", "expense", "cancel"),
    ("GET", "purchase_order/{invitation_key}/download", ""),
    ("GET", "purchase_order/{invitation_key}/download_e_purchase_order", ""),

    *_resource("quotes", upload=True, bulk=True),
    *_actions("quotes", "convert_to_invoice", "convert", "convert_to_project", "email",
              "clone_to_invoice", "clone_to_quote", "approve", "history", "download",
              "restore", "archive", "delete", "send_email", "mark_sent"),
    ("GET", "quote/{invitation_key}/download", ""),
    ("GET", "quote/{invitation_key}/download_e_quote", ""),

    *_resource("recurring_expenses", upload=True, bulk=True),
    *_resource("recurring_invoices", upload=True, bulk=True, note="PUT takes ?start ?stop"),
    *_resource("recurring_quotes", upload=True, bulk=True),

    *[("POST", f"reports/{name}", "report job") for name in _REPORTS],
    ("POST", "reports/projects", "[2025]"),
    ("POST", "reports/recurring_invoice_items", "[2025]"),
    ("POST", "reports/preview/{hash}", "poll: 409 until ready"),
    ("POST", "exports/preview/{hash}", "poll: 409 until ready"),

    *_resource("subscriptions", bulk=True),
    ("GET", "subscriptions/steps", ""),
    ("POST", "subscriptions/steps/check", ""),

    *_resource("system_logs", note="only index and show are meaningful"),

    *_resource("task_schedulers", bulk=True, note="no edit method"),
    ("GET", "scheduler", ""),

    *_resource("tasks", upload=True, bulk=True),
    ("POST", "tasks/sort", ""),
    *_resource("task_statuses", bulk=True),
    *_resource("tax_rates", bulk=True),
    *_resource("tokens", bulk=True),

    ("GET", "users", ""),
    ("GET", "users/create", "password"),
    ("GET", "users/{id}", "password"),
    ("PUT", "users/{id}", "password"),
    ("POST", "users", "password"),
    ("DELETE", "users/{id}/detach_from_company", "password"),
    ("POST", "users/bulk", "password"),
    ("POST", "users/{id}/invite", "password"),
    ("POST", "users/{id}/disconnect_mailer", ""),
    ("POST", "users/{id}/disconnect_oauth", ""),
    ("POST", "user/{id}/reconfirm", "singular user"),

    *_resource("vendors", upload=True, bulk=True),
    ("POST", "vendors/{id}/{mergeable_vendor_id}/merge", "password"),

    *_resource("webhooks", bulk=True),
    ("POST", "webhooks/{id}/retry", ""),

    # --- other authenticated routes in the same group ---
    ("POST", "password_timeout", ""),
    ("PUT", "accounts/{account}", ""),
    ("POST", "check_subdomain", ""),
    ("GET", "ping", ""),
    ("GET", "health_check", ""),
    ("GET", "last_error", ""),
    ("POST", "charts/totals", ""),
    ("POST", "charts/chart_summary", ""),
    ("POST", "charts/totals_v2", ""),
    ("POST", "charts/chart_summary_v2", ""),
    ("POST", "charts/calculated_fields", ""),
    ("POST", "claim_license", ""),
    ("POST", "filters/{entity}", ""),
    ("POST", "connected_account", ""),
    ("POST", "connected_account/gmail", ""),
    ("POST", "export", ""),
    ("POST", "import", ""),
    ("POST", "import_json", ""),
    ("POST", "preimport", ""),
    ("POST", "logout", ""),
    ("POST", "migrate", ""),
    ("POST", "migration/purge/{company}", "password"),
    ("POST", "migration/purge_save_settings/{company}", "password"),
    ("POST", "migration/start", ""),
    ("POST", "one_time_token", ""),
    ("POST", "preview", ""),
    ("POST", "live_preview", ""),
    ("POST", "live_design", ""),
    ("POST", "preview/purchase_order", ""),
    ("POST", "live_preview/purchase_order", ""),
    ("POST", "refresh", "throttle refresh"),
    ("POST", "templates", ""),
    ("POST", "templates/preview/{hash}", "poll: 409 until ready"),
    ("POST", "search", ""),
    ("POST", "support/messages/send", ""),
    ("POST", "self-update", "password"),
    ("POST", "self-update/check_version", ""),
    ("GET", "settings/enable_two_factor", ""),
    ("POST", "settings/enable_two_factor", ""),
    ("POST", "settings/disable_two_factor", ""),
    ("POST", "verify", "throttle 3/min"),
    ("POST", "verify/confirm", ""),
    ("POST", "smtp/check", "throttle 10/min"),
    ("POST", "stripe/update_payment_methods", "password"),
    ("POST", "stripe/import_customers", "password"),
    ("POST", "stripe/verify", "password"),
    ("POST", "stripe/disconnect/{company_gateway_id}", "password"),
    ("GET", "statics", ""),
    ("POST", "yodlee/status/{account_number}", ""),
    ("GET", "nordigen/institutions", ""),

    # --- outside the token group ---
    ("POST", "signup", "outside token group; api_secret_check"),
    ("POST", "oauth_login", "outside token group; api_secret_check"),
    ("POST", "login", "outside token group; api_secret_check"),
    ("POST", "reset_password", "outside token group; api_secret_check"),
    ("POST", "sms_reset", "outside token group; throttle 3/min"),
    ("POST", "sms_reset/confirm", "outside token group; throttle 3/min"),
    ("GET", "protected_download/{hash}", "outside token group; throttle 300/min"),
    # "provider webhooks (postmark/mailgun/brevo/yodlee/apple/ppcp)", spelt out
    ("POST", "postmark_webhook", "outside token group: provider webhook"),
    ("POST", "mailgun_webhook", "outside token group: provider webhook"),
    ("POST", "brevo_webhook", "outside token group: provider webhook"),
    ("POST", "yodlee/refresh", "outside token group: provider webhook"),
    ("POST", "yodlee/data_updates", "outside token group: provider webhook"),
    ("POST", "yodlee/refresh_updates", "outside token group: provider webhook"),
    ("POST", "yodlee/balance", "outside token group: provider webhook"),
    ("POST", "process_webhook", "outside token group: Apple"),
    ("POST", "confirm_purchase", "outside token group: Apple"),
    ("POST", "ppcp/webhook", "outside token group: PayPal"),
    ("GET", "/webcron", "outside /api/v1"),
    ("GET", "/health", "[2025] outside /api/v1"),
]

#: Section 2: the 19 routes behind the password middleware.
PASSWORD_ROUTES: list[tuple[str, str]] = [
    ("POST", "clients/{client}/purge"),
    ("POST", "clients/{client}/{mergeable_client}/merge"),
    ("POST", "companies/purge/{company}"),
    ("POST", "companies/purge_save_settings/{company}"),
    ("POST", "migration/purge/{company}"),
    ("POST", "migration/purge_save_settings/{company}"),
    ("POST", "self-update"),
    ("POST", "vendors/{vendor}/{mergeable_vendor}/merge"),
    ("GET", "users/create"),
    ("GET", "users/{user}"),
    ("PUT", "users/{user}"),
    ("POST", "users"),
    ("DELETE", "users/{user}/detach_from_company"),
    ("POST", "users/bulk"),
    ("POST", "users/{user}/invite"),
    ("POST", "stripe/update_payment_methods"),
    ("POST", "stripe/import_customers"),
    ("POST", "stripe/verify"),
    ("POST", "stripe/disconnect/{company_gateway_id}"),
]

_ARD = ("archive", "restore", "delete")

#: Section 1's "Bulk actions (exact strings)" column, entity by entity.
BULK_STRINGS: dict[str, tuple[str, ...]] = {
    "bank_integrations": _ARD,
    "bank_transactions": (*_ARD, "convert_matched", "unlink"),
    "bank_transaction_rules": _ARD,
    "clients": (*_ARD, "template", "assign_group", "bulk_update"),
    "company_gateways": _ARD,
    "credits": (*_ARD, "email", "bulk_download", "bulk_print", "mark_paid", "clone_to_credit",
                "history", "mark_sent", "download", "send_email", "template"),
    "designs": _ARD,
    "documents": ("download", *_ARD),
    "expenses": (*_ARD, "bulk_update", "bulk_categorize"),
    "expense_categories": _ARD,
    "group_settings": _ARD,
    "invoices": ("auto_bill", "clone_to_invoice", "clone_to_quote", "history", "delivery_note",
                 "mark_paid", "mark_sent", "download", "bulk_download", "bulk_print", "template",
                 "set_payment_link", "restore", "archive", "delete", "cancel", "email",
                 "send_email"),
    "locations": _ARD,
    "payments": ("template", "restore", "archive", "delete", "email", "email_receipt"),
    "payment_terms": _ARD,
    "products": (*_ARD, "set_tax_id"),
    "projects": ("template", *_ARD),
    "purchase_orders": ("template", *_ARD, "email", "bulk_download", "bulk_print", "mark_sent",
                        "download", "send_email", "add_to_inventory", "expense", "cancel"),
    "quotes": ("template", "convert_to_invoice", "convert", "convert_to_project", "email",
               "bulk_download", "bulk_print", "clone_to_invoice", "approve", "download",
               "restore", "archive", "delete", "send_email", "mark_sent"),
    "recurring_expenses": (*_ARD, "start", "stop", "email"),
    "recurring_invoices": (*_ARD, "increase_prices", "update_prices", "start", "stop",
                           "send_now", "set_payment_link", "bulk_update"),
    "recurring_quotes": _ARD,
    "subscriptions": (*_ARD, "assign_invoice"),
    "task_schedulers": _ARD,
    "tasks": ("template", *_ARD, "start", "stop"),
    "task_statuses": _ARD,
    "tax_rates": _ARD,
    "tokens": _ARD,
    "users": _ARD,
    "vendors": _ARD,
    "webhooks": _ARD,
}

#: Every entity section 1's table lists (einvoice, emails and reports are route groups, not
#: entities; product_allocations is a [2025] sub-entity of products).
ENTITIES: tuple[str, ...] = (
    "activities", "bank_integrations", "bank_transactions", "bank_transaction_rules", "clients",
    "client_gateway_tokens", "companies", "company_gateways", "company_users", "company_ledger",
    "credits", "designs", "documents", "expenses", "expense_categories", "group_settings",
    "invoices", "locations", "payments", "payment_terms", "products", "projects",
    "purchase_orders", "quotes", "recurring_expenses", "recurring_invoices", "recurring_quotes",
    "subscriptions", "system_logs", "task_schedulers", "tasks", "task_statuses", "tax_rates",
    "tokens", "users", "vendors", "webhooks",
)
