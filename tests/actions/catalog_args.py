"""Build valid (and invalid) arguments for any catalog action from its input model's schema.

Required fields are filled by name and type (see ``catalog_data``); special routes with a free
JSON ``body`` or ``query`` take theirs from ``BODIES``/``QUERIES``; ``OVERRIDES`` replaces the
whole argument set of an action whose input cannot be read off its model (hand-written actions
are listed there by name, so their entries can be filled in when they change).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ninja_tools.actions.base import Action
from ninja_tools.sandbox import SandboxState

from .catalog_data import (
    CREATE_FIELDS,
    ID_KINDS,
    PLACEHOLDERS,
    UPDATE_EXTRA,
    UPDATE_FIELDS,
    _file,
    _line,
    alive,
    first,
    first_id,
    kind_of,
    later,
    pick,
    resource_of,
    today,
)

Args = dict[str, Any]
Builder = Callable[[SandboxState], Args]

_INVITED_KIND = {
    "invoice": "invoice",
    "quote": "quote",
    "credit": "credit",
    "purchase_order": "purchase_order",
}


def _invoice(s: SandboxState) -> str:
    return first_id(s, "invoice", lambda r: alive(r) and str(r.get("status_id")) in ("2", "3"))


def _template_design(s: SandboxState) -> str:
    return first_id(s, "design", lambda r: alive(r) and bool(r.get("is_template")))


#: JSON ``body`` of special routes, by action name.
BODIES: dict[str, Builder] = {
    "list_record_activities": lambda s: {"entity": "invoice", "entity_id": _invoice(s)},
    "add_record_note": lambda s: {
        "entity": "invoices",
        "entity_id": _invoice(s),
        "notes": "Called the client about this invoice",
    },
    "match_bank_transactions": lambda s: {
        "transactions": [
            {
                "id": first_id(s, "bank_transaction", lambda r: str(r.get("status_id")) == "1"),
                "invoice_ids": _invoice(s),
            }
        ]
    },
    "download_client_statement": lambda s: {
        "client_id": first_id(s, "client"),
        "start_date": "2000-01-01",
        "end_date": today(s),
    },
    "send_client_statement": lambda s: {
        "client_id": first_id(s, "client"),
        "start_date": "2000-01-01",
        "end_date": today(s),
        "send_email": True,
    },
    "send_email": lambda s: {
        "entity": "invoice",
        "entity_id": _invoice(s),
        "template": "email_template_invoice",
    },
    "list_record_emails": lambda s: {"entity": "invoice", "entity_id": _invoice(s)},
    "preview_email_template": lambda s: {
        "template": "email_template_invoice",
        "entity": "invoice",
        "entity_id": _invoice(s),
    },
    "validate_einvoice": lambda s: {"entity": "invoices", "entity_id": _invoice(s)},
    "refund_payment": lambda s: {
        "id": pick_named(s, "refund_payment", "payment")["id"],
        "amount": 1,
        "date": today(s),
        "gateway_refund": False,
    },
    "sort_tasks": lambda s: {
        "status_ids": [r["id"] for r in s.store.rows("task_status")],
        "task_ids": {s.store.rows("task_status")[0]["id"]: [first_id(s, "task")]},
    },
    "set_default_design": lambda s: {"design_id": first_id(s, "design"), "entity": "invoice"},
    "check_subscription_steps": lambda s: {"steps": "cart,auth.login"},
    "retry_webhook": lambda s: {"entity": "invoice", "entity_id": _invoice(s)},
    "run_report": lambda s: {"send_email": False, "date_range": "all"},
    "get_report_result": lambda s: {},
    "get_dashboard_totals": lambda s: {"date_range": "all_time"},
    "get_dashboard_chart": lambda s: {"start_date": "2000-01-01", "end_date": later(s)},
    "calculate_dashboard_field": lambda s: {
        "field": "active_invoices",
        "calculation": "sum",
        "period": "total",
    },
    "update_company_tax_data": lambda s: {},
}
#: Query parameters of special routes, by action name.
QUERIES: dict[str, Builder] = {}


def pick_named(state: SandboxState, name: str, kind: str) -> dict[str, Any]:
    from .catalog_data import PICKS

    want = PICKS[name](state) if name in PICKS else alive
    return first(state, kind, want)


def _status_id(kind: str, *statuses: str) -> Builder:
    return lambda s: {"id": first_id(s, kind, lambda r: alive(r) and r.get("status_id") in
                                     statuses)}


def _task(running: bool) -> Builder:
    return lambda s: {"id": first_id(s, "task", lambda r: alive(r) and bool(
        r.get("is_running")) == running and not r.get("invoice_id"))}


#: Whole argument sets for actions whose input model alone does not say enough.
#: Hand-written actions (``ninja_tools/actions/<module>.py``) belong here by name.
OVERRIDES: dict[str, Builder] = {
    "categorize_expenses": lambda s: {"ids": [first_id(s, "expense")],
                                      "category_id": first_id(s, "expense_category")},
    "create_project": lambda s: {"name": "Catalog project", "client_id": first_id(s, "client")},
    "invoice_tasks": lambda s: {"task_ids": [first_id(s, "task", lambda r: alive(r) and not r.get(
        "invoice_id") and not r.get("is_running"))]},
    "log_time": lambda s: {"id": first_id(s, "task", lambda r: alive(r) and not r.get(
        "invoice_id") and not r.get("is_running")), "hours": 1, "date": "2000-01-03"},
    "create_invoice": lambda s: {"client_id": first_id(s, "client"),
                                 "line_items": [{"notes": "Catalog line", "cost": 100}]},
    "update_invoice": lambda s: {"id": first_id(s, "invoice"),
                                 "public_notes": UPDATE_FIELDS["invoices"][1]},
    "send_invoice": lambda s: {"id": _invoice(s)},
    "mark_invoice_paid": lambda s: {"id": _invoice(s)},
    "cancel_invoice": lambda s: {"id": _invoice(s)},
    "download_invoice_pdf": lambda s: {"id": first_id(s, "invoice")},
    "create_client": lambda s: {"name": "Catalog client"},
    "update_client": lambda s: {"id": first_id(s, "client"),
                                "public_notes": UPDATE_FIELDS["clients"][1]},
    "download_client_statement": lambda s: {"client_id": first_id(s, "client")},
    "send_client_statement": lambda s: {"client_id": first_id(s, "client")},
    "find_clients": lambda s: {"name": "Acme"},
    "create_credit": lambda s: {"client_id": first_id(s, "client"), "line_items": _line(25)},
    "send_credit": lambda s: {"id": first_id(s, "credit")},
    "create_expense": lambda s: {"amount": 19.99, "notes": "Catalog expense"},
    "record_payment": lambda s: {"invoice": _invoice(s), "amount": 1, "type": "bank transfer"},
    "refund_payment": lambda s: {
        "id": pick_named(s, "refund_payment", "payment")["id"],
        "amount": 1,
    },
    "create_quote": lambda s: {"client_id": first_id(s, "client"), "line_items": _line()},
    "send_quote": lambda s: {"id": first_id(s, "quote")},
    "approve_quote": _status_id("quote", "2"),
    "convert_quote_to_invoice": lambda s: {"id": first_id(s, "quote", lambda r: alive(r) and r.get(
        "status_id") in ("2", "3") and not r.get("invoice_id"))},
    "create_recurring_invoice": lambda s: {
        "client_id": first_id(s, "client"),
        "line_items": _line(),
        "frequency": "monthly",
    },
    "start_recurring_invoice": _status_id("recurring_invoice", "1", "3"),
    "stop_recurring_invoice": _status_id("recurring_invoice", "2"),
    "send_recurring_invoice_now": _status_id("recurring_invoice", "1"),
    "create_task": lambda s: {"description": "Catalog task"},
    "start_task": _task(running=False),
    "stop_task": _task(running=True),
    "run_report": lambda s: {"report": "clients"},
    "get_dashboard_totals": lambda s: {"date_range": "all_time"},
    "get_reference_data": lambda s: {"part": "currencies"},
    "list_invoices": lambda s: {},
    "purge_client": lambda s: {"id": pick_named(s, "purge_client", "client")["id"]},
    "merge_clients": lambda s: _two(s, "client"),
    "merge_vendors": lambda s: _two(s, "vendor"),
}


def _two(state: SandboxState, kind: str) -> Args:
    """A record to keep and another to merge into it."""
    keep, merged = [r["id"] for r in state.store.rows(kind) if alive(r)][:2]
    return {"id": keep, "mergeable_id": merged}


def _value(action: Action, state: SandboxState, name: str, prop: dict[str, Any], args: Args,
           defs: dict[str, Any]) -> Any:
    path = resource_of(action)
    kind = kind_of(state, path)
    if name == "id":
        return pick(action, state, kind)["id"]
    if name == "ids":
        return [pick(action, state, kind)["id"]]
    if name == "fields":
        if action.kind == "create":
            return CREATE_FIELDS[path](state)
        field, value = UPDATE_FIELDS[path]
        extra = UPDATE_EXTRA[path](state) if path in UPDATE_EXTRA else {}
        return {**extra, field: value}
    if name == "files":
        return [_file()]
    if name in PLACEHOLDERS:
        return PLACEHOLDERS[name]
    if name == "mergeable_id":
        keep = pick(action, state, kind)["id"]
        return first_id(state, kind, lambda r: alive(r) and r["id"] != keep)
    if name == "account_id":
        return str(pick(action, state, "bank_integration")["bank_account_id"])
    if name == "invitation_key":
        doc = first(state, _INVITED_KIND[path], lambda r: alive(r) and bool(r.get("invitations")))
        return str(doc["invitations"][0]["key"])
    if name == "template_id":
        return _template_design(state)
    if name == "entity_id" and args.get("entity") in ("invoice", "recurring_invoice"):
        return first_id(state, str(args["entity"]))
    if name in ID_KINDS:
        return first_id(state, ID_KINDS[name])
    return _typed(prop, defs, name)


def _typed(prop: dict[str, Any], defs: dict[str, Any], name: str) -> Any:
    if "$ref" in prop:
        prop = defs[prop["$ref"].rsplit("/", 1)[-1]]
    options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
    prop = options[0] if options else prop
    if "enum" in prop:
        choices = list(prop["enum"])
        return "public_notes" if "public_notes" in choices else choices[0]
    kind = prop.get("type")
    if kind == "boolean":
        return False
    if kind == "integer":
        return max(1, int(prop.get("minimum", 1)))
    if kind == "number":
        return 10
    if kind == "array":
        return [_typed(prop.get("items", {}), defs, name)]
    if kind == "object":
        return {}
    return "Catalog value"


def arguments(action: Action, state: SandboxState) -> Args:
    """Valid arguments for ``action`` built from the sandbox's data."""
    if action.name in OVERRIDES:
        return OVERRIDES[action.name](state)
    schema = action.input.model_json_schema()
    defs = schema.get("$defs", {})
    required = schema.get("required", [])
    args: Args = {}
    for name in sorted(required, key=lambda n: n.endswith("_id")):
        args[name] = _value(action, state, name, schema["properties"][name], args, defs)
    if "body" in schema["properties"] and action.name in BODIES:
        args["body"] = BODIES[action.name](state)
    if "query" in schema["properties"] and action.name in QUERIES:
        args["query"] = QUERIES[action.name](state)
    return args


def invalid_arguments(action: Action, state: SandboxState) -> tuple[Args, str]:
    """Arguments that break the input model, and the field the error must name.

    A required field is dropped when there is one; otherwise a typed field gets a value of the
    wrong type; an input with no fields at all gets an unknown field.
    """
    schema = action.input.model_json_schema()
    required = schema.get("required", [])
    if required:
        try:
            args = arguments(action, state)
        except (LookupError, KeyError):
            args = {}
        args.pop(required[0], None)
        return args, required[0]
    for name, prop in schema["properties"].items():
        options = [p.get("type") for p in prop.get("anyOf", [prop])]
        if "integer" in options or "boolean" in options or "object" in options:
            return {name: ["not", "a", "scalar"] if "object" not in options else "text"}, name
    return {"no_such_field": 1}, "no_such_field"
