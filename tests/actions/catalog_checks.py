"""What a catalog action must have done: arrangements before it runs and checks after.

Generic checks go by the action's kind (a list returned rows, a get the record asked for, a
create one more row, an update the new value, a delete ``is_deleted``, an upload one more
document) and by the verb of a bulk action (archive, restore, delete). ``CHECKS`` holds the
specific checks of actions no generic check covers; ``ARRANGE`` puts the sandbox in the state
an action needs (an archived record to restore, a finished report to fetch).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ninja_tools import present
from ninja_tools.actions.base import Action
from ninja_tools.sandbox import SandboxState

from .catalog_data import UPDATE_FIELDS, kind_of, resource_of

Args = dict[str, Any]


@dataclass
class Before:
    """What the sandbox held before the run (counts, the outbox, the touched records)."""

    counts: dict[str, int]
    outbox: int
    records: dict[str, dict[str, Any]]


Check = Callable[[SandboxState, Args, BaseModel, Before], None]
Arrange = Callable[[SandboxState, Args], None]


def snapshot(state: SandboxState, kind: str, args: Args) -> Before:
    ids = [*args.get("ids", []), *([args["id"]] if "id" in args else [])]
    records = {
        i: copy.deepcopy(r) for i in ids if (r := state.store.get(kind, str(i))) is not None
    }
    counts = {k: len(state.store.rows(k)) for k in state.store.kinds()}
    return Before(counts=counts, outbox=len(state.outbox), records=records)


def _rows(state: SandboxState, kind: str, args: Args) -> list[dict[str, Any]]:
    ids = args.get("ids") or [args["id"]]
    return [state.store.get(kind, str(i)) or {} for i in ids]


def _archive_first(kind: str) -> Arrange:
    def arrange(state: SandboxState, args: Args) -> None:
        for row in _rows(state, kind, args):
            row["archived_at"] = state.now() - 60

    return arrange


def _field(kind: str, name: str, *values: Any) -> Check:
    def check(state: SandboxState, args: Args, result: BaseModel, before: Before) -> None:
        for row in _rows(state, kind, args):
            assert str(row.get(name)) in {str(v) for v in values}, (name, row.get(name))

    return check


def _more(kind: str, by: int = 1) -> Check:
    def check(state: SandboxState, args: Args, result: BaseModel, before: Before) -> None:
        assert len(state.store.rows(kind)) >= before.counts.get(kind, 0) + by

    return check


def _mailed(state: SandboxState, args: Args, result: BaseModel, before: Before) -> None:
    assert len(state.outbox) > before.outbox, "nothing reached the outbox"


def _message(state: SandboxState, args: Args, result: BaseModel, before: Before) -> None:
    assert isinstance(result, present.Message) and result.message


def _both(*checks: Check) -> Check:
    def check(state: SandboxState, args: Args, result: BaseModel, before: Before) -> None:
        for one in checks:
            one(state, args, result, before)

    return check


CHECKS: dict[str, Check] = {
    "mark_invoices_sent": _field("invoice", "status_id", "2"),
    "mark_invoice_paid": _field("invoice", "status_id", "4"),
    "cancel_invoice": _field("invoice", "status_id", "5"),
    "send_invoice": _mailed,
    "mark_invoices_paid": _field("invoice", "status_id", "4"),
    "cancel_invoices": _field("invoice", "status_id", "5"),
    "email_invoices": _mailed,
    "email_quotes": _mailed,
    "email_credits": _mailed,
    "email_purchase_orders": _mailed,
    "email_payment_receipts": _mailed,
    "send_email": _mailed,
    "send_client_statement": _mailed,
    "send_recurring_invoices_now": _both(_mailed, _more("invoice")),
    "mark_quotes_sent": _field("quote", "status_id", "2"),
    "approve_quotes": _field("quote", "status_id", "3", "4"),
    "convert_quotes_to_invoices": _more("invoice"),
    "convert_quotes_to_projects": _more("project"),
    "mark_credits_sent": _field("credit", "status_id", "2"),
    "mark_purchase_orders_sent": _field("purchase_order", "status_id", "2"),
    "cancel_purchase_orders": _field("purchase_order", "status_id", "5"),
    "convert_purchase_orders_to_expenses": _more("expense"),
    "start_recurring_invoices": _field("recurring_invoice", "status_id", "2"),
    "stop_recurring_invoices": _field("recurring_invoice", "status_id", "3"),
    "start_recurring_expenses": _field("recurring_expense", "status_id", "2"),
    "stop_recurring_expenses": _field("recurring_expense", "status_id", "3"),
    "start_tasks": _field("task", "is_running", True),
    "stop_tasks": _field("task", "is_running", False),
    "set_products_tax_category": _field("product", "tax_id", "1"),
    "update_clients_field": _field("client", "public_notes", "Catalog value"),
    "update_expenses_field": _field("expense", "public_notes", "Catalog value"),
    "update_recurring_invoices_field": _field("recurring_invoice", "public_notes",
                                              "Catalog value"),
    "categorize_expenses": lambda s, a, r, b: _field("expense", "category_id", a["category_id"])(
        s, a, r, b),
    "assign_clients_to_group": lambda s, a, r, b: _field(
        "client", "group_settings_id", a["group_settings_id"])(s, a, r, b),
    "set_invoices_payment_link": lambda s, a, r, b: _field(
        "invoice", "subscription_id", a["subscription_id"])(s, a, r, b),
    "set_recurring_invoices_payment_link": lambda s, a, r, b: _field(
        "recurring_invoice", "subscription_id", a["subscription_id"])(s, a, r, b),
    "assign_subscriptions_to_invoice": lambda s, a, r, b: _linked(s, a),
    "convert_matched_bank_transactions": _field("bank_transaction", "status_id", "3"),
    "unlink_bank_transactions": _field("bank_transaction", "status_id", "1"),
    "match_bank_transactions": lambda s, a, r, b: _matched(s, a),
    "add_record_note": _more("activity"),
    "refund_payment": lambda s, a, r, b: _refunded(s, a),
    "set_default_design": lambda s, a, r, b: _design_set(s, a),
    "retry_webhook": _more("system_log"),
    "invite_user": _mailed,
    "resend_user_confirmation": _mailed,
    "remove_user_from_company": lambda s, a, r, b: _detached(s, a),
    "set_default_client_gateway_token": _field("client_gateway_token", "is_default", True),
    "clone_company_gateway": _more("company_gateway"),
    "create_invoice_from_project": _more("invoice"),
    "remove_bank_account": lambda s, a, r, b: _removed_account(s, a),
    "zip_documents": _mailed,
    "zip_invoices": _message,
    "purge_client": lambda s, a, r, b: _gone(s, "client", a["id"]),
    "merge_clients": lambda s, a, r, b: _gone(s, "client", a["mergeable_id"]),
    "merge_vendors": lambda s, a, r, b: _gone(s, "vendor", a["mergeable_id"]),
    "update_company_user": lambda s, a, r, b: _permissions(s, a),
    "increase_recurring_invoices_prices": _message,
    "update_recurring_invoices_prices": _message,
    "zip_credits": _message,  # one credit: no zip (the real controller needs two)
    "zip_quotes": _mailed,
    "zip_purchase_orders": _mailed,
    "add_purchase_orders_to_inventory": _field("purchase_order", "status_id", "4"),
    "send_credit": _mailed,
    "send_quote": _mailed,
    "send_recurring_invoice_now": _both(_mailed, _more("invoice")),
    "approve_quote": _field("quote", "status_id", "3", "4"),
    "convert_quote_to_invoice": _more("invoice"),
    "start_recurring_invoice": _field("recurring_invoice", "status_id", "2"),
    "stop_recurring_invoice": _field("recurring_invoice", "status_id", "3"),
    "start_task": _field("task", "is_running", True),
    "stop_task": _field("task", "is_running", False),
    "invoice_tasks": _more("invoice"),
    "log_time": lambda s, a, r, b: _logged(s, a, b),
    "sort_tasks": lambda s, a, r, b: _sorted(s, a),
    "upload_company_document": _more("document"),
    "import_company_gateway_customers": _message,
    **{
        f"render_{plural}_with_template": lambda s, a, r, b: _rendered(s, r)
        for plural in ("clients", "credits", "invoices", "payments", "projects",
                       "purchase_orders", "quotes", "tasks")
    },
}


def _rendered(state: SandboxState, result: BaseModel) -> None:
    """The render's hash can be fetched with download_template_pdf."""
    from ninja_tools.sandbox import templates

    assert isinstance(result, present.Message) and result.message in templates.desk(state)


def _logged(state: SandboxState, args: Args, before: Before) -> None:
    task = state.store.get("task", args["id"]) or {}
    assert task.get("time_log") != before.records[args["id"]].get("time_log")


def _sorted(state: SandboxState, args: Args) -> None:
    (status, tasks), = args["body"]["task_ids"].items()
    assert all((state.store.get("task", t) or {}).get("status_id") == status for t in tasks)


def _linked(state: SandboxState, args: Args) -> None:
    target = state.store.get(str(args["entity"]), str(args["entity_id"])) or {}
    assert target.get("subscription_id") == args["ids"][0]


def _matched(state: SandboxState, args: Args) -> None:
    for row in args["body"]["transactions"]:
        assert str(state.store.get("bank_transaction", row["id"])["status_id"]) == "3"


def _refunded(state: SandboxState, args: Args) -> None:
    payment = state.store.get("payment", args.get("body", args)["id"]) or {}
    assert float(payment.get("refunded") or 0) > 0


def _design_set(state: SandboxState, args: Args) -> None:
    design = args["body"]["design_id"]
    assert all(r.get("design_id") == design for r in state.store.rows("invoice"))


def _detached(state: SandboxState, args: Args) -> None:
    assert args["id"] not in state.auth.company_users
    assert all(t.user_id != args["id"] for t in state.auth.tokens.values())


def _removed_account(state: SandboxState, args: Args) -> None:
    rows = state.store.where("bank_integration", bank_account_id=int(args["account_id"]))
    assert rows and all(r.get("is_deleted") for r in rows)


def _gone(state: SandboxState, kind: str, record_id: str) -> None:
    assert state.store.get(kind, record_id) is None


def _permissions(state: SandboxState, args: Args) -> None:
    wanted = args["fields"]["company_user"]["permissions"]
    assert state.auth.company_users[args["id"]]["permissions"] == wanted


def _warm_password_cache(state: SandboxState, args: Args) -> None:
    """A password check that passed a minute ago (password_timeout answers 412 otherwise)."""
    owner = next(uid for uid, cu in state.auth.company_users.items() if cu.get("is_owner"))
    state.auth.login_cache[owner] = state.clock.time() + 600


def _peppol_ready(state: SandboxState, args: Args) -> None:
    """A company registered for PEPPOL and a client with a full address and VAT number."""
    address = {"address1": "1 Main St", "city": "Springfield", "state": "IL",
               "postal_code": "62701", "country_id": "840", "vat_number": "US123456789"}
    company = state.company()
    company["legal_entity_id"] = 4242
    company["settings"].update(address)
    invoice = state.store.get("invoice", args["body"]["entity_id"]) or {}
    client = state.store.get("client", str(invoice.get("client_id"))) or {}
    client.update(address)


def _report_ready(state: SandboxState, args: Args) -> None:
    from ninja_tools.sandbox import insight

    data = insight.build_report(state, "clients", {})
    insight.desk(state).queued[args["hash"]] = {"polls_left": 0, "data": data}


def _render_ready(state: SandboxState, args: Args) -> None:
    from ninja_tools.sandbox import templates

    templates.store_render(state, args["hash"], "Template", ["Catalog test"])


def _reports_at_once(state: SandboxState, args: Args) -> None:
    from ninja_tools.sandbox import insight

    insight.desk(state).pending_polls = 0  # the queued report is ready at the first poll


ARRANGE: dict[str, Arrange] = {
    "run_report": _reports_at_once,
    "check_password_timeout": _warm_password_cache,
    "validate_einvoice": _peppol_ready,
    "get_report_result": _report_ready,
    "download_report_csv": _report_ready,
    "download_template_pdf": _render_ready,
}


def arrange(action: Action, state: SandboxState, args: Args) -> None:
    """Put the sandbox in the state the action needs before it runs."""
    kind = kind_of(state, resource_of(action))
    if action.kind == "bulk" and action.name.startswith("restore_"):
        _archive_first(kind)(state, args)
    if action.name in ARRANGE:
        ARRANGE[action.name](state, args)


def verify(action: Action, state: SandboxState, args: Args, result: BaseModel,
           before: Before) -> None:
    """Assert the action's effect (writes) or that data came back (reads)."""
    kind = kind_of(state, resource_of(action))
    assert isinstance(result, BaseModel)
    if action.name in CHECKS:
        CHECKS[action.name](state, args, result, before)
    elif action.kind == "list":
        assert isinstance(result, present.Page) and result.total >= 1 and result.items
    elif action.kind == "get":
        assert getattr(result, "id", None) == args["id"]
    elif action.kind == "create":
        _more(kind)(state, args, result, before)
    elif action.kind == "update":
        field, value = UPDATE_FIELDS[resource_of(action)]
        row = state.store.get(kind, args["id"]) or {}
        assert row.get(field) == value or str(row.get(field)) == str(value), (field, row.get(field))
    elif action.kind == "delete":
        assert (state.store.get(kind, args["id"]) or {}).get("is_deleted")
    elif action.kind == "upload":
        assert len(state.store.rows("document")) == before.counts.get("document", 0) + 1
    elif action.kind == "file":
        assert isinstance(result, present.FileResult) and result.size > 0
    elif action.kind == "bulk" and action.name.startswith("archive_"):
        assert all(r.get("archived_at") for r in _rows(state, kind, args))
    elif action.kind == "bulk" and action.name.startswith("restore_"):
        assert all(not r.get("archived_at") and not r.get("is_deleted")
                   for r in _rows(state, kind, args))
    elif action.kind == "bulk" and action.name.startswith("delete_"):
        assert all(r.get("is_deleted") for r in _rows(state, kind, args))
    elif isinstance(result, present.Message) and action.risk == "read":
        # A read must bring something back: rows or fields, or the server's own sentence.
        assert result.details or result.message not in ("", "done"), result
    elif isinstance(result, present.Message):
        assert result.message or result.details
