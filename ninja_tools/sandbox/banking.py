"""Banking: bank accounts (integrations), imported transactions, matching rules and matching.

Real facts kept (``BankIntegrationController``, ``BankTransactionController``,
``BankTransactionRepository``, ``MatchBankTransactions``, ``ProcessBankRules``,
``StoreBankIntegrationRequest``, ``MatchBankTransactionRequest``):

* No bank feed (Yodlee, Nordigen) is configured here, as on a self-hosted server without
  their keys: ``POST bank_integrations/refresh_accounts`` refreshes nothing and answers
  ``{}`` (the controller JSON-encodes a query builder); ``POST
  bank_integrations/get_transactions/{account_id}`` answers ``{"message":"Fetching
  transactions...."}``; ``POST bank_integrations/remove_account/{account_id}`` finds the
  integration by its ``bank_account_id`` (400 when none), deletes it and answers it. All three
  are admin-only.
* A new integration needs ``bank_account_name`` (at least 3 characters); ``provider_name``
  defaults to it. A new transaction needs a live ``bank_integration_id``; debit transactions
  then run through the debit rules (``description``/``amount`` conditions; a match sets the
  rule's vendor and category and status 2, ``auto_convert`` also books an expense, status 3).
* ``POST bank_transactions/match`` ``{transactions: [{id, invoice_ids | payment_id |
  expense_id | vendor_id | ninja_category_id}]}``: ``invoice_ids`` pays those invoices with a
  new payment of the transaction's amount; ``payment_id``/``expense_id`` link an existing
  record; ``vendor_id``/``ninja_category_id`` book a new expense. Each matched transaction
  becomes status 3 (converted); converted ones are skipped. Answers the matched rows.
* Bulk ``convert_matched`` matches every given transaction with its own ``invoice_ids`` and
  ``ninja_category_id``; ``unlink`` undoes a match (status 1, links cleared).
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from . import ledger, lifecycle
from .calls import Call, api
from .entities import EntitySpec
from .failures import ModelNotFound, Unauthorized, ValidationFailed
from .registry import Registry, SaveEvent
from .resources import PREFIX, item_response, list_response
from .responses import json_response, message
from .store import Record
from .writes import save

UNMATCHED, MATCHED, CONVERTED = "1", "2", "3"


def _admin(call: Call) -> None:
    if not call.actor.is_super:
        raise Unauthorized()


# ---------------------------------------------------------------- integrations


def validate_integration(
    call: Call, spec: EntitySpec, record: Record | None, body: dict[str, Any]
) -> dict[str, list[str]]:
    name = body.get("bank_account_name")
    if name not in (None, "") and len(str(name)) < 3:
        return {"bank_account_name": ["The bank account name field must be at least 3 characters."]}
    return {}


def integration_saved(event: SaveEvent) -> None:
    record = event.record
    record["provider_name"] = record.get("provider_name") or record.get("bank_account_name", "")


async def refresh_accounts(call: Call) -> Response:
    _admin(call)
    return json_response({})


async def get_transactions(call: Call) -> Response:
    _admin(call)
    return message("Fetching transactions....")


async def remove_account(call: Call) -> Response:
    _admin(call)
    spec = call.registry.spec("bank_integrations")
    wanted = call.param("account_id")
    found = next(
        (r for r in call.store.rows(spec.kind) if str(r.get("bank_account_id")) == wanted), None
    )
    if found is None:
        raise ModelNotFound(spec.model)
    lifecycle.delete(call, spec, found)
    return item_response(call, spec, found)


# ---------------------------------------------------------------- transactions and rules


def _string_match(value: str, wanted: str, operator: str) -> bool:
    value, wanted = value.replace(" ", "").lower(), wanted.replace(" ", "").lower()
    if operator == "is":
        return value == wanted
    if operator == "contains":
        return len(wanted) > 1 and wanted in value
    if operator == "starts_with":
        return len(wanted) > 1 and value.startswith(wanted)
    return operator == "is_empty" and not value


def _number_match(value: float, wanted: float, operator: str) -> bool:
    checks = {">": value > wanted, ">=": value >= wanted, "=": value == wanted,
              "<": value < wanted, "<=": value <= wanted}
    return checks.get(operator, False)


def _rule_matches(rule: Record, bt: Record) -> bool:
    conditions = [c for c in rule.get("rules") or [] if isinstance(c, dict)]
    hits = 0
    for cond in conditions:
        key, operator, wanted = cond.get("search_key"), str(cond.get("operator")), cond.get("value")
        if key == "description" and _string_match(str(bt.get("description")), str(wanted),
                                                  operator):
            hits += 1
        if key == "amount" and _number_match(float(bt.get("amount") or 0),
                                             float(wanted or 0), operator):
            hits += 1
    return hits == len(conditions) > 0 if rule.get("matches_on_all") else hits > 0


def transaction_saved(event: SaveEvent) -> None:
    """processRules on a debit transaction that is still unmatched."""
    bt = event.record
    if bt.get("base_type") != "DEBIT" or str(bt.get("status_id")) != UNMATCHED:
        return
    for rule in event.call.store.rows("bank_transaction_rule"):
        if rule.get("is_deleted") or rule.get("applies_to") != "DEBIT":
            continue
        if _rule_matches(rule, bt):
            bt.update(vendor_id=rule.get("vendor_id", ""), ninja_category_id=rule.get(
                "category_id", ""), status_id=MATCHED, bank_transaction_rule_id=rule["id"])
            if rule.get("auto_convert"):
                _book_expense(event.call, bt, {})
            return


def _book_expense(call: Call, bt: Record, entry: dict[str, Any]) -> None:
    body = {
        "amount": bt.get("amount", 0),
        "date": bt.get("date", ""),
        "payment_date": bt.get("date", ""),
        "category_id": entry.get("ninja_category_id") or bt.get("ninja_category_id") or "",
        "vendor_id": entry.get("vendor_id") or bt.get("vendor_id") or "",
        "transaction_reference": bt.get("description", ""),
        "transaction_id": bt["id"],
    }
    expense = save(call, call.registry.spec("expenses"), None, body)
    bt["expense_id"] = ",".join(filter(None, [bt.get("expense_id", ""), expense["id"]]))
    bt["vendor_id"] = body["vendor_id"]
    bt["status_id"] = CONVERTED


def _pay_invoices(call: Call, bt: Record, invoice_ids: str) -> bool:
    invoices = [call.store.get("invoice", i) for i in invoice_ids.split(",") if len(i) > 1]
    live = [i for i in invoices if i is not None]
    if not live:
        return False
    for invoice in live:
        if str(invoice.get("status_id")) == ledger.DRAFT:
            ledger.mark_sent(call, invoice)
        if str(invoice.get("status_id")) not in (ledger.SENT, ledger.PARTIAL):
            return False
    available = float(bt.get("amount") or 0)
    rows = []
    for invoice in live:
        amount = min(float(invoice.get("balance") or 0), available)
        if amount > 0:
            rows.append({"invoice_id": invoice["id"], "amount": amount})
            available -= amount
    payment = save(call, call.registry.spec("payments"), None, {
        "client_id": live[0]["client_id"],
        "amount": bt.get("amount", 0),
        "date": bt.get("date") or call.state.clock.today().isoformat(),
        "transaction_reference": bt.get("description", ""),
        "invoices": rows,
    })
    payment["transaction_id"] = bt["id"]
    bt.update(invoice_ids=",".join(r["invoice_id"] for r in rows), payment_id=payment["id"],
              status_id=CONVERTED)
    return True


def match_one(call: Call, bt: Record, entry: dict[str, Any]) -> bool:
    """MatchBankTransactions for one input row; True when the transaction was matched."""
    if str(bt.get("status_id")) == CONVERTED:
        return False
    if str(entry.get("invoice_ids") or ""):
        return _pay_invoices(call, bt, str(entry["invoice_ids"]))
    if str(entry.get("payment_id") or ""):
        payment = call.store.get("payment", str(entry["payment_id"]))
        if payment is None or payment.get("transaction_id"):
            return False
        payment["transaction_id"] = bt["id"]
        bt.update(payment_id=payment["id"], status_id=CONVERTED, invoice_ids=",".join(
            str(p.get("invoice_id")) for p in payment.get("paymentables") or []
            if p.get("invoice_id")))
        return True
    if str(entry.get("expense_id") or ""):
        linked = False
        for expense_id in str(entry["expense_id"]).split(","):
            expense = call.store.get("expense", expense_id)
            if expense is not None and not expense.get("transaction_id"):
                expense["transaction_id"] = bt["id"]
                bt.update(expense_id=",".join(filter(None, [bt.get("expense_id", ""),
                                                            expense["id"]])),
                          status_id=CONVERTED, vendor_id=expense.get("vendor_id", ""),
                          ninja_category_id=expense.get("category_id", ""))
                linked = True
        return linked
    if str(entry.get("vendor_id") or "") or str(entry.get("ninja_category_id") or ""):
        _book_expense(call, bt, entry)
        return True
    return False


def _validate_match(call: Call, entries: Any) -> list[dict[str, Any]]:
    if entries is not None and not isinstance(entries, list):
        raise ValidationFailed({"transactions": ["The transactions field must be an array."]})
    errors: dict[str, list[str]] = {}
    rows = [e for e in entries or [] if isinstance(e, dict)]
    for index, entry in enumerate(rows):
        key = f"transactions.{index}.id"
        bt = call.store.get("bank_transaction", str(entry.get("id") or ""))
        if not entry.get("id"):
            errors[key] = [f"The {key} field is required."]
        elif bt is None or bt.get("is_deleted"):
            errors[key] = [f"The selected {key} is invalid."]
        for field, kind in (("vendor_id", "vendor"), ("ninja_category_id", "expense_category"),
                            ("payment_id", "payment")):
            value = entry.get(field)
            target = call.store.get(kind, str(value)) if value else None
            if value and (target is None or target.get("is_deleted")):
                errors[f"transactions.{index}.{field}"] = [
                    f"The selected transactions.{index}.{field} is invalid."]
    if errors:
        raise ValidationFailed(errors)
    return rows


async def match(call: Call) -> Response:
    spec = call.registry.spec("bank_transactions")
    actor = call.actor
    if not (actor.is_super or actor.can("create", spec)
            or actor.has_permission("edit_bank_transaction")):
        raise Unauthorized()
    rows = _validate_match(call, (await call.body()).get("transactions"))
    matched = []
    for entry in rows:
        bt = call.store.get("bank_transaction", str(entry["id"]))
        if bt is not None and match_one(call, bt, entry):
            bt["updated_at"] = call.state.now()
            matched.append(bt)
    return list_response(call, spec, matched)


def convert_matched(call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]) -> None:
    wanted = {str(i) for i in body.get("ids") or []}
    found = [r for r in call.store.rows(spec.kind) if r["id"] in wanted]
    if not found or not call.actor.can("edit", spec, found[0]):
        return
    for bt in found:
        entry = {"invoice_ids": bt.get("invoice_ids", ""),
                 "ninja_category_id": bt.get("ninja_category_id", "")}
        if match_one(call, bt, entry):
            bt["updated_at"] = call.state.now()


def unlink(call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]) -> None:
    for bt in rows:
        payment = call.store.get("payment", str(bt.get("payment_id") or ""))
        if payment is not None:
            payment["transaction_id"] = ""
        for expense_id in str(bt.get("expense_id") or "").split(","):
            expense = call.store.get("expense", expense_id)
            if expense is not None:
                expense["transaction_id"] = ""
        bt.update(payment_id="", expense_id="", vendor_id="", invoice_ids="",
                  ninja_category_id="", status_id=UNMATCHED, updated_at=call.state.now())


def install(reg: Registry) -> None:
    reg.validator("bank_integrations")(validate_integration)
    reg.on_save("bank_integrations")(integration_saved)
    reg.on_save("bank_transactions")(transaction_saved)
    reg.bulk_action("bank_transactions", "convert_matched")(convert_matched)
    reg.bulk_action("bank_transactions", "unlink")(unlink)
    base = f"{PREFIX}/bank_integrations"
    reg.add_routes(
        [
            Route(f"{base}/refresh_accounts", api(refresh_accounts), methods=["POST"]),
            Route(f"{base}/remove_account/{{account_id}}", api(remove_account), methods=["POST"]),
            Route(f"{base}/get_transactions/{{account_id}}", api(get_transactions),
                  methods=["POST"]),
            Route(f"{PREFIX}/bank_transactions/match", api(match), methods=["POST"]),
        ]
    )
