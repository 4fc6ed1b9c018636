"""Subscriptions (the client portal's plans) and their purchase-page steps.

Real facts kept (``SubscriptionController``, ``StoreSubscriptionRequest``,
``BulkSubscriptionRequest``, ``SubscriptionRepository::assign_invoice``,
``SubscriptionStepsController``, ``app/Services/Subscription/StepService.php``,
``app/Livewire/BillingPortal/Purchase.php``):

* ``steps`` is required on store: a comma list of step ids. An unknown id crashes the
  mapping (500); a list without an ``auth.*`` step is 422 ``You must include at least one of
  authentication methods.``.
* ``GET subscriptions/steps`` answers the steps as a JSON object keyed by the step's class:
  ``{"App\\Livewire\\...\\Login": {"id": "auth.login", "dependencies": []}, ...}``.
  ``POST subscriptions/steps/check`` ``{steps}`` validates the same way and answers ``[]``.
* Bulk ``assign_invoice`` ``{entity: invoice|recurring_invoice, entity_id}`` sets that
  record's ``subscription_id`` (for each subscription the user may edit).
* ``purchase_page`` is ``<portal>/client/subscriptions/<id>/purchase``.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .calls import Call, api
from .entities import EntitySpec
from .failures import ServerError, ValidationFailed, invalid_selection, required
from .registry import Registry, SaveEvent
from .resources import PREFIX
from .responses import json_response
from .store import Record

_LIVEWIRE = "App\\Livewire\\BillingPortal\\"
STEPS: dict[str, str] = {
    f"{_LIVEWIRE}Authentication\\Login": "auth.login",
    f"{_LIVEWIRE}Authentication\\RegisterOrLogin": "auth.login-or-register",
    f"{_LIVEWIRE}Authentication\\Register": "auth.register",
    f"{_LIVEWIRE}Cart\\Cart": "cart",
}
AUTH_FAIL = "You must include at least one of authentication methods."


def step_errors(value: Any) -> list[str]:
    """StepService::check (every step id must be known, or the mapping itself fails)."""
    steps = str(value or "").split(",")
    known = set(STEPS.values())
    if any(step not in known for step in steps):
        raise ServerError()
    return [] if any(step.startswith("auth.") for step in steps) else [AUTH_FAIL]


def validate_subscription(
    call: Call, spec: EntitySpec, record: Record | None, body: dict[str, Any]
) -> dict[str, list[str]]:
    if "steps" not in body or body.get("steps") in (None, ""):
        return {}
    errors = step_errors(body["steps"])
    return {"steps": errors} if errors else {}


def subscription_saved(event: SaveEvent) -> None:
    record = event.record
    base = str(event.call.request.base_url).rstrip("/")
    record["purchase_page"] = f"{base}/client/subscriptions/{record['id']}/purchase"
    record["company_id"] = str(event.call.state.company()["id"])
    if not record.get("currency_id"):
        settings = event.call.state.company().get("settings") or {}
        record["currency_id"] = str(settings.get("currency_id") or "1")


async def list_steps(call: Call) -> Response:
    return json_response({cls: {"id": sid, "dependencies": []} for cls, sid in STEPS.items()})


async def check_steps(call: Call) -> Response:
    body = await call.body()
    if body.get("steps") in (None, ""):
        raise ValidationFailed({"steps": [required("steps")]})
    errors = step_errors(body["steps"])
    if errors:
        raise ValidationFailed({"steps": errors})
    return json_response([])


def assign_invoice(
    call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]
) -> None:
    entity = str(body.get("entity") or "")
    if entity not in ("invoice", "recurring_invoice"):
        raise ValidationFailed({"entity": [invalid_selection("entity")]})
    target = call.store.get(entity, str(body.get("entity_id") or ""))
    if target is None:
        raise ValidationFailed({"entity_id": [invalid_selection("entity_id")]})
    for subscription in rows:
        target["subscription_id"] = subscription["id"]
        target["updated_at"] = call.state.now()


def install(reg: Registry) -> None:
    reg.validator("subscriptions")(validate_subscription)
    reg.on_save("subscriptions")(subscription_saved)
    reg.bulk_action("subscriptions", "assign_invoice")(assign_invoice)
    reg.add_routes(
        [
            Route(f"{PREFIX}/subscriptions/steps", api(list_steps), methods=["GET"]),
            Route(f"{PREFIX}/subscriptions/steps/check", api(check_steps), methods=["POST"]),
        ]
    )
