"""The company itself: its record and settings, its users' company rows, logo and ledger.

Real facts kept (``CompanyController``, ``CompanySettingsSaver::saveSettings``,
``CompanyUserController::update``, ``CompanyLedgerController``, ``CompanyLedgerTransformer``):

* ``POST companies/current`` answers the token's company. ``PUT companies/{id}`` replaces
  ``settings`` with the defaults plus what was sent (settings left out fall back to their
  defaults); other fields are filled as given.
* ``GET companies/{id}/logo`` streams the logo of the token's company (the id is not read).
  The logo lives at a URL the server fetches; the sandbox reaches no outside host, so (as
  when that fetch fails) the answer is a 1x1 transparent PNG.
* ``POST companies/updateOriginTaxData/{id}`` (admin): outside the US 400 ``Tax
  configuration not available due to settings / plan restriction.``; in the US the tax
  provider is asked (none is configured here, and no state can be worked out from an empty
  address), so the company comes back unchanged.
* ``PUT company_users/{user_id}`` ``{company_user: {...}}``: an admin may set
  ``permissions``, ``is_admin``, ``is_locked``, ``settings``, ``notifications``,
  ``react_settings``; a user on their own row only the last three. Answers the company user.
* ``GET company_ledger`` (admin): the company's balance movements, oldest first:
  ``{<entity>_id, notes, balance, adjustment, activity_id, created_at, updated_at,
  archived_at}``. The sandbox derives them from the invoices (amount when sent) and the
  payments (amount paid) in the store, with a running balance per client.
"""

from __future__ import annotations

import base64
import copy

from starlette.responses import Response
from starlette.routing import Route

from . import records
from .calls import Call, api
from .failures import ApiError, ModelNotFound, Unauthorized
from .pagination import paginate
from .registry import Registry, SaveEvent
from .resources import PREFIX, item_response
from .responses import item, json_response
from .store import Record

BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
ADMIN_FIELDS = ("permissions", "is_admin", "is_locked")
OWN_FIELDS = ("settings", "notifications", "react_settings")
_OPEN = ("2", "3", "4", "5", "6")


def company_saved(event: SaveEvent) -> None:
    """saveSettings: the defaults, then every setting sent (null becomes "")."""
    given = event.body.get("settings")
    if isinstance(given, dict) and given:
        settings = copy.deepcopy(records.blank("company")["settings"])
        settings.update({k: ("" if v is None else v) for k, v in given.items()})
        event.record["settings"] = settings


async def current(call: Call) -> Response:
    spec = call.registry.spec("companies")
    return item_response(call, spec, call.state.company())


async def logo(call: Call) -> Response:
    headers = {"Content-Disposition": "inline; filename=logo.png"}
    return Response(BLANK_PNG, media_type="image/png", headers=headers)


async def update_origin_tax_data(call: Call) -> Response:
    spec = call.registry.spec("companies")
    company = call.lookup(spec, call.param("id"))
    if not call.actor.is_super:
        raise Unauthorized()
    if str((company.get("settings") or {}).get("country_id")) != "840":
        raise ApiError(400, "Tax configuration not available due to settings / plan restriction.")
    return item_response(call, spec, company)


async def update_company_user(call: Call) -> Response:
    user = call.lookup(call.registry.spec("users"), call.param("id"))
    if not (call.actor.is_super or call.actor.id == user["id"]):
        raise Unauthorized()
    company_user = call.state.auth.company_users.get(user["id"])
    if company_user is None:
        raise ModelNotFound("CompanyUser")
    changes = (await call.body()).get("company_user")
    changes = changes if isinstance(changes, dict) else {}
    allowed = (*ADMIN_FIELDS, *OWN_FIELDS) if call.actor.is_super else OWN_FIELDS
    for key in allowed:
        if key not in changes:
            continue
        value = changes[key]
        if key == "permissions":
            value = str(value or "")
        elif key in ("is_admin", "is_locked"):
            value = bool(value)
        company_user[key] = value
    company_user["updated_at"] = call.state.now()
    if "permissions" in changes and call.actor.is_super:
        company_user["permissions_updated_at"] = call.state.now()
    return item(company_user)


def ledger_entries(call: Call) -> list[Record]:
    """Balance movements: each sent invoice adds its amount, each payment takes its amount."""
    moves: list[tuple[int, str, Record, float]] = []
    for invoice in call.store.rows("invoice"):
        if str(invoice.get("status_id")) in _OPEN:
            moves.append((int(invoice.get("created_at") or 0), "invoice_id", invoice,
                          float(invoice.get("amount") or 0)))
    for payment in call.store.rows("payment"):
        amount = float(payment.get("amount") or 0) - float(payment.get("refunded") or 0)
        moves.append((int(payment.get("created_at") or 0), "payment_id", payment, -amount))
    balances: dict[str, float] = {}
    entries = []
    for stamp, column, record, adjustment in sorted(moves, key=lambda m: m[0]):
        client_id = str(record.get("client_id") or "")
        balances[client_id] = round(balances.get(client_id, 0.0) + adjustment, 2)
        entries.append(
            {
                column: record["id"],
                "notes": "",
                "balance": balances[client_id],
                "adjustment": round(adjustment, 2),
                "activity_id": 0,
                "created_at": stamp,
                "updated_at": stamp,
                "archived_at": 0,
            }
        )
    return entries


async def company_ledger(call: Call) -> Response:
    if not call.actor.is_super:
        raise Unauthorized()
    page = paginate(call.request, ledger_entries(call))
    return json_response({"data": page.items, "meta": page.meta})


def install(reg: Registry) -> None:
    reg.on_save("companies")(company_saved)
    reg.add_routes(
        [
            Route(f"{PREFIX}/companies/current", api(current), methods=["POST"]),
            Route(f"{PREFIX}/companies/{{id}}/logo", api(logo), methods=["GET"]),
            Route(
                f"{PREFIX}/companies/updateOriginTaxData/{{id}}",
                api(update_origin_tax_data),
                methods=["POST"],
            ),
            Route(f"{PREFIX}/company_users/{{id}}", api(update_company_user), methods=["PUT"]),
            Route(f"{PREFIX}/company_ledger", api(company_ledger), methods=["GET"]),
        ]
    )


__all__ = ["install", "ledger_entries"]
