"""The rest of the client routes: bulk template/assign_group/bulk_update, tax data, settings.

Real facts kept (``ClientController::bulk``, ``BulkClientRequest``,
``BaseRepository::bulkUpdate``, ``ClientController::updateTaxData``, ``UpdateTaxData``):

* Bulk ``template`` (view on the first client) answers a render hash, or ``email sent``
  with ``send_email``; ``assign_group`` (edit on the first client) needs a live
  ``group_settings_id`` (422) and sets it on every given client; ``bulk_update`` (edit on
  the first client) sets ``column`` (one of ``Client::$bulk_update_columns``, 422 otherwise)
  to ``new_value`` on every given client.
* ``POST clients/{id}/updateTaxData`` (admin) asks the tax provider only on paid plans; a
  self-hosted server without a white-label licence is not "paid", so the client comes back
  unchanged.
* ``POST clients/{id}/show_settings`` [2025] (view on the client): the client's settings as
  they apply, company settings overlaid by its group's and then its own, as ``{"data": ...}``.
"""

from __future__ import annotations

import uuid
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .calls import Call, api
from .entities import EntitySpec
from .failures import Unauthorized, ValidationFailed, invalid_selection
from .registry import Registry
from .resources import PREFIX, item_response
from .responses import item, message
from .store import Record

BULK_UPDATE_COLUMNS = ("public_notes", "industry_id", "size_id", "country_id",
                       "custom_value1", "custom_value2", "custom_value3", "custom_value4")


def _first(call: Call, spec: EntitySpec, body: dict[str, Any]) -> Record | None:
    wanted = {str(i) for i in body.get("ids") or []}
    return next((r for r in call.store.rows(spec.kind) if r["id"] in wanted), None)


def _all(call: Call, spec: EntitySpec, body: dict[str, Any]) -> list[Record]:
    wanted = {str(i) for i in body.get("ids") or []}
    return [r for r in call.store.rows(spec.kind) if r["id"] in wanted]


def bulk_template(
    call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]
) -> Response | None:
    first = _first(call, spec, body)
    if first is None or not call.actor.can("view", spec, first):
        return None
    send = str(body.get("send_email") or "").lower() in ("1", "true")
    return message("email sent" if send else str(uuid.uuid4()))


def assign_group(
    call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]
) -> None:
    group = call.store.get("group_setting", str(body.get("group_settings_id") or ""))
    if group is None:
        raise ValidationFailed({"group_settings_id": [invalid_selection("group_settings_id")]})
    first = _first(call, spec, body)
    if first is None or not call.actor.can("edit", spec, first):
        return
    for client in _all(call, spec, body):
        client["group_settings_id"] = group["id"]
        client["updated_at"] = call.state.now()


def bulk_update(
    call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]
) -> None:
    column = str(body.get("column") or "")
    if column not in BULK_UPDATE_COLUMNS:
        raise ValidationFailed({"column": [invalid_selection("column")]})
    first = _first(call, spec, body)
    if first is None or not call.actor.can("edit", spec, first):
        return
    for client in _all(call, spec, body):
        client[column] = "" if body.get("new_value") is None else str(body["new_value"])
        client["updated_at"] = call.state.now()


async def update_tax_data(call: Call) -> Response:
    spec = call.registry.spec("clients")
    client = call.lookup(spec, call.param("id"))
    if not call.actor.is_super:
        raise Unauthorized()
    return item_response(call, spec, client)


def merged_settings(call: Call, client: Record) -> dict[str, Any]:
    settings = dict(call.state.company().get("settings") or {})
    group = call.store.get("group_setting", str(client.get("group_settings_id") or ""))
    for layer in ((group or {}).get("settings") or {}, client.get("settings") or {}):
        settings.update({k: v for k, v in layer.items() if v not in ("", None) and k != "entity"})
    return settings


async def show_settings(call: Call) -> Response:
    spec = call.registry.spec("clients")
    client = call.lookup(spec, call.param("id"))
    call.actor.require("view", spec, client)
    return item(merged_settings(call, client))


def install(reg: Registry) -> None:
    reg.bulk_action("clients", "template")(bulk_template)
    reg.bulk_action("clients", "assign_group")(assign_group)
    reg.bulk_action("clients", "bulk_update")(bulk_update)
    reg.add_routes(
        [
            Route(f"{PREFIX}/clients/{{id}}/updateTaxData", api(update_tax_data), methods=["POST"]),
            Route(f"{PREFIX}/clients/{{id}}/show_settings", api(show_settings), methods=["POST"]),
        ]
    )
