"""Arguments for running any catalog action against the sandbox, built from its input model.

``arguments(action, state)`` fills every required field of the action's input model (and the
optional ones a route needs to do anything) from the sandbox's own data: ``id`` is a record of
the resource in the action's route, ``ids`` a list of one such id, ``*_id`` fields name a record
of that kind, choices take their first value, and ``fields`` of a create or an update come from
small per-resource tables. ``OVERRIDES`` holds the few actions whose arguments cannot be read
off their input model (hand-written actions and special routes with a JSON ``body``).
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from typing import Any

from ninja_tools.actions.base import Action
from ninja_tools.sandbox import SandboxState

Record = dict[str, Any]
Builder = Callable[[SandboxState], dict[str, Any]]

#: Resource paths whose store kind differs from what the registry says (or has no row).
KIND_OF_PATH = {
    "company_ledger": "ledger_entry",
    "user": "user",
    "company_users": "user",
    "activities": "activity",
    "emails": "client",
}
#: ``*_id`` argument names and the store kind they name.
ID_KINDS = {
    "client_id": "client",
    "vendor_id": "vendor",
    "invoice_id": "invoice",
    "quote_id": "quote",
    "credit_id": "credit",
    "payment_id": "payment",
    "project_id": "project",
    "task_id": "task",
    "expense_id": "expense",
    "category_id": "expense_category",
    "group_settings_id": "group_setting",
    "subscription_id": "subscription",
    "user_id": "user",
    "design_id": "design",
    "entity_id": "invoice",
    "bank_integration_id": "bank_integration",
    "company_gateway_id": "company_gateway",
}


def alive(record: Record) -> bool:
    return not record.get("is_deleted") and not record.get("archived_at")


def kind_of(state: SandboxState, path: str) -> str:
    """The store kind of a resource path (``invoices`` -> ``invoice``)."""
    if path in KIND_OF_PATH:
        return KIND_OF_PATH[path]
    spec = state.registry.specs.get(path)
    if spec is not None:
        return spec.kind
    return path[:-1] if path.endswith("s") else path


def resource_of(action: Action) -> str:
    """The resource path an action's route names first (``invoices`` for invoices/{id})."""
    return action.route.path.split("/", 1)[0]


def first(state: SandboxState, kind: str, want: Callable[[Record], bool] = alive) -> Record:
    rows = [r for r in state.store.rows(kind) if want(r)]
    if not rows:
        raise LookupError(f"the sandbox seed has no usable {kind} record")
    return rows[0]


def first_id(state: SandboxState, kind: str, want: Callable[[Record], bool] = alive) -> str:
    return str(first(state, kind, want)["id"])


def owner_id(state: SandboxState) -> str:
    return next(uid for uid, cu in state.auth.company_users.items() if cu.get("is_owner"))


def _not_owner(state: SandboxState) -> Callable[[Record], bool]:
    owner = owner_id(state)
    return lambda r: alive(r) and r["id"] != owner


def _status(*statuses: str) -> Callable[[Record], bool]:
    return lambda r: alive(r) and str(r.get("status_id")) in statuses


def today(state: SandboxState) -> str:
    return state.clock.today().isoformat()


def later(state: SandboxState, days: int = 7) -> str:
    return (state.clock.today() + dt.timedelta(days=days)).isoformat()


#: Which record an action acts on, when the first live one of its kind will not do.
PICKS: dict[str, Callable[[SandboxState], Callable[[Record], bool]]] = {
    "mark_invoices_paid": lambda s: _status("2", "3"),
    "auto_bill_invoices": lambda s: _status("2", "3"),
    "cancel_invoices": lambda s: _status("2", "3"),
    "mark_invoices_sent": lambda s: _status("1"),
    "mark_quotes_sent": lambda s: _status("1"),
    "approve_quotes": lambda s: _status("2"),
    "convert_quotes_to_invoices": lambda s: lambda r: _status("2", "3")(r)
    and not r.get("invoice_id"),
    "convert_quotes_to_projects": lambda s: _status("2", "3"),
    "mark_credits_sent": lambda s: _status("1"),
    "mark_credits_paid": lambda s: _status("2", "3"),
    "mark_purchase_orders_sent": lambda s: _status("1"),
    "cancel_purchase_orders": lambda s: _status("2", "3"),
    "add_purchase_orders_to_inventory": lambda s: _status("2", "3"),
    "convert_purchase_orders_to_expenses": lambda s: lambda r: alive(r)
    and not r.get("expense_id"),
    "start_recurring_invoices": lambda s: _status("1", "3"),
    "stop_recurring_invoices": lambda s: _status("2"),
    "send_recurring_invoices_now": lambda s: _status("1"),
    "start_recurring_expenses": lambda s: _status("1", "3"),
    "stop_recurring_expenses": lambda s: _status("2"),
    "start_tasks": lambda s: lambda r: alive(r) and not r.get("is_running")
    and not r.get("invoice_id"),
    "stop_tasks": lambda s: lambda r: alive(r) and bool(r.get("is_running")),
    "archive_users": _not_owner,
    "delete_users": _not_owner,
    "restore_users": _not_owner,
    "invite_user": _not_owner,
    "resend_user_confirmation": _not_owner,
    "remove_user_from_company": _not_owner,
    "update_company_user": _not_owner,
    "convert_matched_bank_transactions": lambda s: _status("2"),
    "unlink_bank_transactions": lambda s: _status("3"),
    "refund_payment": lambda s: lambda r: _status("4")(r) and float(r.get("amount") or 0) > 0,
    "email_payment_receipts": lambda s: _status("4"),
    "purge_client": lambda s: lambda r: alive(r) and r.get("name") == "Stark Industries",
    "create_invoice_from_project": lambda s: lambda r: alive(r) and any(
        t.get("project_id") == r["id"] and not t.get("invoice_id")
        for t in s.store.rows("task")
    ),
    "remove_bank_account": lambda s: lambda r: alive(r) and bool(r.get("bank_account_id")),
    "download_activity_pdf": lambda s: lambda r: any(
        r.get(c) for c in ("invoice_id", "quote_id", "credit_id")),
}


def pick(action: Action, state: SandboxState, kind: str) -> Record:
    want = PICKS[action.name](state) if action.name in PICKS else alive
    return first(state, kind, want)


def _file(name: str = "note.txt", text: bytes = b"Sandbox upload") -> dict[str, str]:
    return {"filename": name, "content_base64": base64.b64encode(text).decode()}


def _line(cost: float = 100.0) -> list[Record]:
    return [{"product_key": "consulting", "notes": "Catalog test", "quantity": 1, "cost": cost}]


def _client(s: SandboxState) -> str:
    return first_id(s, "client")


#: ``fields`` of create_<x>, by resource path.
CREATE_FIELDS: dict[str, Builder] = {
    "bank_integrations": lambda s: {"bank_account_name": "Savings account"},
    "bank_transactions": lambda s: {
        "bank_integration_id": first_id(s, "bank_integration"),
        "amount": 42.5,
        "date": today(s),
        "description": "Catalog test deposit",
        "base_type": "CREDIT",
    },
    "bank_transaction_rules": lambda s: {
        "name": "Catalog rule",
        "applies_to": "DEBIT",
        "rules": [{"search_key": "description", "operator": "contains", "value": "fuel"}],
    },
    "clients": lambda s: {"name": "Catalog Client Ltd"},
    "client_gateway_tokens": lambda s: {
        "client_id": _client(s),
        "company_gateway_id": first_id(s, "company_gateway"),
        "gateway_type_id": 1,
        "token": "tok_catalog",
        "meta": {"brand": "Visa", "last4": "4242", "exp_month": "12", "exp_year": "2030"},
    },
    "company_gateways": lambda s: {
        "gateway_key": "54faab2ab6e3223dbe848b1686490baa",
        "config": '{"name":"Cash","text":"Pay in cash"}',
    },
    "credits": lambda s: {"client_id": _client(s), "line_items": _line(25)},
    "designs": lambda s: {"name": "Catalog design", "design": {"body": "<div>$number</div>"}},
    "expenses": lambda s: {"amount": 19.99, "public_notes": "Catalog expense"},
    "expense_categories": lambda s: {"name": "Catalog category"},
    "group_settings": lambda s: {"name": "Catalog group", "settings": {"payment_terms": "14"}},
    "invoices": lambda s: {"client_id": _client(s), "line_items": _line()},
    "locations": lambda s: {"name": "Catalog warehouse", "client_id": _client(s)},
    "payments": lambda s: {"client_id": _client(s), "amount": 10},
    "payment_terms": lambda s: {"num_days": 45},
    "products": lambda s: {"product_key": "catalog-widget", "price": 9.5},
    "projects": lambda s: {"name": "Catalog project", "client_id": _client(s)},
    "purchase_orders": lambda s: {"vendor_id": first_id(s, "vendor"), "line_items": _line(40)},
    "quotes": lambda s: {"client_id": _client(s), "line_items": _line()},
    "recurring_expenses": lambda s: {"amount": 30, "frequency_id": "5"},
    "recurring_invoices": lambda s: {
        "client_id": _client(s),
        "frequency_id": "5",
        "line_items": _line(),
    },
    "recurring_quotes": lambda s: {
        "client_id": _client(s),
        "frequency_id": "5",
        "line_items": _line(),
    },
    "subscriptions": lambda s: {"name": "Catalog plan", "steps": "cart,auth.login-or-register"},
    "task_schedulers": lambda s: {
        "name": "Catalog statements",
        "template": "email_statement",
        "next_run": later(s),
        "frequency_id": 5,
        "parameters": {"clients": [], "date_range": "last30_days"},
    },
    "tasks": lambda s: {"description": "Catalog task"},
    "task_statuses": lambda s: {"name": "Catalog status"},
    "tax_rates": lambda s: {"name": "Catalog tax", "rate": 7.5},
    "users": lambda s: {
        "first_name": "Cat",
        "last_name": "Alog",
        "email": "cat.alog@sandbox.test",
        "company_user": {"permissions": "view_client"},
    },
    "vendors": lambda s: {"name": "Catalog Vendor"},
    "webhooks": lambda s: {
        "target_url": "https://hooks.example/ninja",
        "event_id": "1",
        "rest_method": "post",
    },
}

#: The field update_<x> changes and the value it sets, by resource path.
UPDATE_FIELDS: dict[str, tuple[str, Any]] = {
    "bank_integrations": ("bank_account_name", "Renamed account"),
    "bank_transactions": ("description", "Renamed transaction"),
    "bank_transaction_rules": ("name", "Renamed rule"),
    "clients": ("public_notes", "Updated by the catalog test"),
    "client_gateway_tokens": ("gateway_customer_reference", "cus_catalog"),
    "companies": ("size_id", "2"),
    "company_gateways": ("label", "Renamed gateway"),
    "company_users": ("company_user", {"permissions": "view_client,view_invoice"}),
    "credits": ("public_notes", "Updated by the catalog test"),
    "designs": ("name", "Renamed design"),
    "documents": ("name", "renamed.txt"),
    "expenses": ("public_notes", "Updated by the catalog test"),
    "expense_categories": ("name", "Renamed category"),
    "group_settings": ("name", "Renamed group"),
    "invoices": ("public_notes", "Updated by the catalog test"),
    "locations": ("city", "Springfield"),
    "payments": ("private_notes", "Updated by the catalog test"),
    "payment_terms": ("num_days", 60),
    "products": ("notes", "Updated by the catalog test"),
    "projects": ("public_notes", "Updated by the catalog test"),
    "purchase_orders": ("public_notes", "Updated by the catalog test"),
    "quotes": ("public_notes", "Updated by the catalog test"),
    "recurring_expenses": ("public_notes", "Updated by the catalog test"),
    "recurring_invoices": ("public_notes", "Updated by the catalog test"),
    "recurring_quotes": ("public_notes", "Updated by the catalog test"),
    "subscriptions": ("promo_code", "CATALOG10"),
    "task_schedulers": ("name", "Renamed schedule"),
    "tasks": ("description", "Updated by the catalog test"),
    "task_statuses": ("name", "Renamed status"),
    "tax_rates": ("name", "Renamed tax"),
    "users": ("first_name", "Renamed"),
    "vendors": ("public_notes", "Updated by the catalog test"),
    "webhooks": ("target_url", "https://hooks.example/renamed"),
}
#: Fields an update must send besides the one it changes (required on update too).
UPDATE_EXTRA: dict[str, Builder] = {
    "task_schedulers": lambda s: {"template": "email_statement", "next_run": later(s)},
}
#: Path placeholders that are neither record ids nor choices.
PLACEHOLDERS: dict[str, str] = {"hash": "catalog-hash", "bounce_id": "4323372036"}
