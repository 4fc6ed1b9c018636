"""Demo rows of the long-tail entities: settings, gateways, banking, recurring expenses...

Called last from the demo seed (after money and operations), through the normal save path,
with dates relative to the sandbox clock. It adds no clients, invoices, payments or expenses,
so the counts of the core demo stay put: designs (four built-in ones and a template),
payment terms, a client group, a webhook, a subscription, a schedule, system logs, two
company gateways with a saved card for Acme, a location, recurring expenses and a recurring
quote, a bank account with a rule and three transactions (one deposit to match, one debit
the rule matched, one linked to a payment).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .state import SandboxState
from .store import Record

STRIPE = "d14dd26a37cecc30fdd65700bfb55b23"
CUSTOM = "54faab2ab6e3223dbe848b1686490baa"
BUILT_IN_DESIGNS = ("Clean", "Bold", "Modern", "Plain")
BOUNCED_MESSAGE_ID = "883953f4-6105-42a2-a16a-77a8eac79483"


def _named(state: SandboxState, kind: str, name: str) -> Record:
    return next(r for r in state.store.rows(kind) if r.get("name") == name)


def seed_long_tail(state: SandboxState, users: dict[str, Record]) -> None:
    """Add the long-tail rows to a store that already has the rest of the demo."""
    from .banking import match_one
    from .history import add_system_log
    from .seed import seed_call
    from .writes import save

    call = seed_call(state, users["owner"])
    today = state.clock.today()

    def day(offset: int) -> str:
        return (today + dt.timedelta(days=offset)).isoformat()

    def add(route: str, body: dict[str, Any]) -> Record:
        return save(call, state.registry.spec(route), None, body)

    acme = _named(state, "client", "Acme Corporation")
    globex = _named(state, "client", "Globex")
    cloud = _named(state, "vendor", "Cloud Hosting Inc")
    software = _named(state, "expense_category", "Software")
    travel = _named(state, "expense_category", "Travel")
    support = next(p for p in state.store.rows("product") if p["product_key"] == "support")

    for name in BUILT_IN_DESIGNS:
        design = add("designs", {"name": name, "design": {"body": f"<div>{name} design</div>"}})
        design.update(is_custom=False, is_free=True)
    add("designs", {"name": "Statement template", "is_template": True,
                    "entities": "client,invoice", "design": {"body": "<div>$client.name</div>"}})
    for days in (7, 14, 30):
        add("payment_terms", {"num_days": days})
    add("group_settings", {"name": "VIP clients", "settings": {"payment_terms": "7"}})
    add("webhooks", {"target_url": "https://hooks.example/ninja/invoices", "event_id": "2",
                     "format": "JSON", "rest_method": "post"})
    add("subscriptions", {"name": "Monthly support plan", "price": 60, "frequency_id": "5",
                          "recurring_product_ids": support["id"],
                          "steps": "cart,auth.login-or-register"})
    add("task_schedulers", {"name": "Monthly statements", "template": "email_statement",
                            "frequency_id": "5", "next_run": day(7),
                            "parameters": {"clients": [], "date_range": "last_month",
                                           "status": "all"}})

    stripe = add("company_gateways", {"gateway_key": STRIPE, "label": "Stripe",
                                      "config": {"apiKey": "sk_test_sandbox",
                                                 "publishableKey": "pk_test_sandbox"}})
    add("company_gateways", {"gateway_key": CUSTOM, "label": "Bank transfer",
                             "config": {"name": "Bank transfer", "text": "IBAN GB00 0000 0000"}})
    add("client_gateway_tokens", {
        "client_id": acme["id"], "company_gateway_id": stripe["id"], "gateway_type_id": "1",
        "token": "pm_sandbox_4242", "gateway_customer_reference": "cus_sandbox_acme",
        "meta": {"brand": "visa", "last4": "4242", "exp_month": "12", "exp_year": "2030",
                 "type": 1},
    })
    add("locations", {"name": "Acme warehouse", "client_id": acme["id"],
                      "address1": "1 Desert Road", "city": "Springfield", "country_id": "840",
                      "is_shipping_location": True})

    from .recurring import start

    servers = add("recurring_expenses", {"vendor_id": cloud["id"], "category_id": software["id"],
                                         "amount": 120, "frequency_id": "5",
                                         "public_notes": "Cloud servers", "date": day(0)})
    start(call, servers)
    add("recurring_expenses", {"amount": 80, "frequency_id": "5", "date": day(3),
                               "public_notes": "Office cleaning"})
    add("recurring_quotes", {"client_id": globex["id"], "frequency_id": "9", "line_items": [
        {"product_key": "design", "notes": "Design retainer", "quantity": 10, "cost": 95}]})

    bank = add("bank_integrations", {"bank_account_name": "Sandbox Bank checking",
                                     "provider_name": "Sandbox Bank", "bank_account_id": 10001,
                                     "bank_account_type": "checking", "balance": 5230.55,
                                     "currency": "USD", "from_date": day(-90)})
    add("bank_transaction_rules", {"name": "Fuel purchases", "applies_to": "DEBIT",
                                   "category_id": travel["id"], "rules": [
                                       {"search_key": "description", "operator": "contains",
                                        "value": "fuel"}]})
    sent = next(i for i in state.store.rows("invoice")
                if str(i.get("status_id")) == "2" and float(i.get("balance") or 0) > 0)
    add("bank_transactions", {"bank_integration_id": bank["id"], "amount": sent["balance"],
                              "base_type": "CREDIT", "date": day(-1),
                              "description": f"Transfer from {acme['name']} ref {sent['number']}",
                              "transaction_id": 900001})
    add("bank_transactions", {"bank_integration_id": bank["id"], "amount": 64.2,
                              "base_type": "DEBIT", "date": day(-2),
                              "description": "Shell fuel station", "transaction_id": 900002})
    paid = next(p for p in state.store.rows("payment")
                if str(p.get("status_id")) == "4" and not p.get("transaction_id"))
    linked = add("bank_transactions", {"bank_integration_id": bank["id"],
                                       "amount": paid["amount"], "base_type": "CREDIT",
                                       "date": paid["date"], "transaction_id": 900003,
                                       "description": "Card settlement"})
    match_one(call, linked, {"payment_id": paid["id"]})

    add_system_log(state, category_id=1, event_id=21, type_id=301, user_id=users["owner"]["id"],
                   client_id=acme["id"], log={"transaction_reference": "ch_sandbox_1",
                                              "amount": 100, "gateway": "Stripe"})
    add_system_log(state, category_id=2, event_id=32, type_id=500, client_id=acme["id"],
                   log={"RecordType": "Bounce", "ID": 4323372036, "Type": "HardBounce",
                        "MessageID": BOUNCED_MESSAGE_ID, "Email": "road@acme.example",
                        "Description": "The server was unable to deliver your message."})
