"""Payment gateways of the company, and the saved payment methods (tokens) of clients.

Real facts kept (``CompanyGatewayController``, ``StoreCompanyGatewayRequest``,
``TestCompanyGatewayRequest``, ``BaseDriver::auth``, ``ClientGatewayTokenController``,
``ClientGatewayTokenRepository::setDefault``):

* Every company gateway request but the list is admin-only. ``gateway_key`` must name a
  known gateway (422 ``The selected gateway key is invalid.``); ``config`` is stored as sent.
* ``POST company_gateways/{id}/test`` answers ``{"message":"true"|"false"}``: drivers that
  talk to a provider (Stripe, PayPal, Braintree, ...) ask it to authenticate, which fails
  here (no provider is reachable): ``false``; offline drivers (Custom) answer ``true``.
* ``POST company_gateways/{id}/import_customers`` queues the import (nothing to import
  without a provider) and answers the ``import_started`` text.
* ``POST company_gateways/{id}/clone`` [2025] saves a copy and answers it.
* ``POST client_gateway_tokens/{id}/setAsDefault`` makes the token its client's only default.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .calls import Call, api
from .entities import EntitySpec
from .failures import Unauthorized, invalid_selection
from .registry import Registry, SaveEvent
from .resources import PREFIX, item_response
from .responses import message
from .store import Record

# Gateway key -> (name, its driver asks a provider in auth()).
GATEWAYS: dict[str, tuple[str, bool]] = {
    "d14dd26a37cecc30fdd65700bfb55b23": ("Stripe", True),
    "3b6621f970ab18887c4f6dca78d3f8bb": ("Authorize.Net", True),
    "f7ec488676d310683fb51802d076d713": ("Braintree", True),
    "3758e7f7c6f4cecf0f4f348b9a00f456": ("Checkout.com", True),
    "944c20175bbe6b9972c05bcfe294c2c7": ("Eway Rapid", True),
    "b9886f9257f0c6ee7c302f1c74475f6c": ("GoCardless", True),
    "1bd651fb213ca0c9d66ae3c336dc77e8": ("Mollie", True),
    "80af24a6a691230bbec33e930ab40666": ("PayPal Platform", True),
    "80af24a6a691230bbec33e930ab40665": ("PayPal REST", True),
    "kivcvjexxvdiyqtj3mju5d6yhpeht2xs": ("Forte", True),
    "bbd736b3254b0aabed6ad7fda1298c88": ("Paytrace", True),
    "38f2c48af60c7dd69e04248cbb24c36e": ("PayPal Express", True),
    "65faab2ab6e3223dbe848b1686490baz": ("Square", True),
    "54faab2ab6e3223dbe848b1686490baa": ("Custom", False),
}
IMPORT_STARTED = "Your import has started, we'll send you an email once it completes."


def validate_gateway(
    call: Call, spec: EntitySpec, record: Record | None, body: dict[str, Any]
) -> dict[str, list[str]]:
    key = body.get("gateway_key")
    if key in (None, "") or str(key) in GATEWAYS:
        return {}
    return {"gateway_key": [invalid_selection("gateway_key")]}


def gateway_saved(event: SaveEvent) -> None:
    record = event.record
    config = event.body.get("config")
    if isinstance(config, dict | list):
        record["config"] = json.dumps(config)
    record["label"] = record.get("label") or GATEWAYS.get(record["gateway_key"], ("", False))[0]


def _gateway(call: Call) -> tuple[EntitySpec, Record]:
    spec = call.registry.spec("company_gateways")
    gateway = call.lookup(spec, call.param("id"))
    if not call.actor.is_super:
        raise Unauthorized()
    return spec, gateway


async def test_gateway(call: Call) -> Response:
    _, gateway = _gateway(call)
    _, online = GATEWAYS.get(str(gateway.get("gateway_key")), ("", True))
    return message("false" if online else "true")


async def import_customers(call: Call) -> Response:
    _gateway(call)
    return message(IMPORT_STARTED)


async def clone_gateway(call: Call) -> Response:
    spec, gateway = _gateway(call)
    copied = copy.deepcopy(gateway)
    copied["id"] = call.store.new_id(spec.kind)
    copied["created_at"] = copied["updated_at"] = call.state.now()
    copied["user_id"] = call.actor.id
    call.store.add(spec.kind, copied)
    return item_response(call, spec, copied)


def token_saved(event: SaveEvent) -> None:
    if event.creating and not any(
        t.get("is_default")
        for t in event.call.store.where("client_gateway_token", client_id=event.record["client_id"])
        if t is not event.record
    ):
        event.record["is_default"] = True


async def set_default_token(call: Call) -> Response:
    spec = call.registry.spec("client_gateway_tokens")
    token = call.lookup(spec, call.param("id"))
    if not call.actor.is_super:
        raise Unauthorized()
    for other in call.store.where("client_gateway_token", client_id=token.get("client_id")):
        other["is_default"] = other is token
        other["updated_at"] = call.state.now()
    return item_response(call, spec, token)


def install(reg: Registry) -> None:
    reg.validator("company_gateways")(validate_gateway)
    reg.on_save("company_gateways")(gateway_saved)
    reg.on_save("client_gateway_tokens")(token_saved)
    base = f"{PREFIX}/company_gateways/{{id}}"
    reg.add_routes(
        [
            Route(f"{base}/test", api(test_gateway), methods=["POST"]),
            Route(f"{base}/import_customers", api(import_customers), methods=["POST"]),
            Route(f"{base}/clone", api(clone_gateway), methods=["POST"]),
            Route(
                f"{PREFIX}/client_gateway_tokens/{{id}}/setAsDefault",
                api(set_default_token),
                methods=["POST"],
            ),
        ]
    )
