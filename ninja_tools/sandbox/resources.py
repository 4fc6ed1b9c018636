"""Generic resource routes built from an ``EntitySpec`` row, like Laravel's Route::resource.

``GET x`` (index), ``GET x/create`` (blank template), ``POST x`` (store),
``GET x/{id}`` and ``GET x/{id}/edit`` (show), ``PUT|PATCH x/{id}`` (update),
``DELETE x/{id}`` (destroy = soft delete) and ``POST x/bulk``. Every answer is 200.
"""

from __future__ import annotations

import inspect
from typing import Any

from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from . import filters, lifecycle, records
from .auth import visible_fields
from .calls import Call, api
from .entities import BulkMode, EntitySpec, ListScope
from .failures import (
    ApiError,
    NotImplementedInSandbox,
    ServerError,
    Unauthorized,
    ValidationFailed,
    invalid_selection,
    required,
)
from .pagination import paginate
from .responses import empty, item, json_response, message
from .store import Record
from .writes import save

PREFIX = "/api/v1"
DELETED_MESSAGE = "Record is deleted and cannot be edited. Restore the record to enable editing"


def present(call: Call, spec: EntitySpec, record: Record) -> dict[str, Any]:
    """The record as this caller may see it."""
    return visible_fields(call.actor, spec, record)


def scope(call: Call, spec: EntitySpec, rows: list[Record]) -> list[Record]:
    """listResponse: without ``view_<entity>`` only owned (or assigned) rows are listed."""
    actor = call.actor
    if actor.has_permission(f"view_{spec.permission}"):
        return rows
    if spec.list_scope is ListScope.SELF:
        return [r for r in rows if r.get("id") == actor.id]
    if spec.list_scope is ListScope.OWNED:
        if any(actor.has_exact(p) for p in spec.list_reveal):
            return rows
        return [r for r in rows if actor.owns(r)]
    return [r for r in rows if actor.owns(r) or actor.assigned(r)]


def list_response(call: Call, spec: EntitySpec, rows: list[Record]) -> Response:
    page = paginate(call.request, rows)
    return json_response({"data": [present(call, spec, r) for r in page.items], "meta": page.meta})


def item_response(call: Call, spec: EntitySpec, record: Record) -> Response:
    return item(present(call, spec, record))


def make_handlers(spec: EntitySpec) -> dict[str, Any]:
    """The resource actions of one entity as ``Call`` handlers."""

    async def index(call: Call) -> Response:
        rows = scope(call, spec, call.store.rows(spec.kind))
        rows = filters.apply(call.state, spec, rows, dict(call.request.query_params))
        return list_response(call, spec, rows)

    async def create(call: Call) -> Response:
        if spec.stub_store:
            return empty()
        call.actor.require("create", spec)
        return item(records.on_create(spec.kind))

    async def store(call: Call) -> Response:
        if spec.stub_store:
            return empty()
        call.actor.require("create", spec)
        record = save(call, spec, None, await call.body())
        return item_response(call, spec, record)

    async def show(call: Call) -> Response:
        record = call.lookup(spec, call.param("id"))
        call.actor.require("view", spec, record)
        return item_response(call, spec, record)

    async def update(call: Call) -> Response:
        record = call.lookup(spec, call.param("id"))
        call.actor.require("edit", spec, record)
        body = await call.body()
        if record.get("is_deleted"):
            from .writes import validate

            validate(call, spec, record, body)
            raise ApiError(400, DELETED_MESSAGE)
        save(call, spec, record, body)
        return item_response(call, spec, record)

    async def destroy(call: Call) -> Response:
        record = call.lookup(spec, call.param("id"))
        call.actor.require("edit", spec, record)
        if spec.bulk_duplicate_guard and call.state.duplicate(
            ("destroy", spec.route, record["id"])
        ):
            raise ApiError(400, "Duplicate request")
        lifecycle.delete(call, spec, record)
        return item_response(call, spec, record)

    async def bulk(call: Call) -> Response:
        return await run_bulk(call, spec)

    return {
        "index": index,
        "create": create,
        "store": store,
        "show": show,
        "edit": show,
        "update": update,
        "destroy": destroy,
        "bulk": bulk,
    }


async def run_bulk(call: Call, spec: EntitySpec) -> Response:
    """POST x/bulk: validate the action as the real request does, skip what may not be edited."""
    body = await call.body()
    action = body.get("action")
    raw_ids = body.get("ids")
    if spec.kind == "user" and not call.actor.is_super:
        raise Unauthorized()
    if spec.bulk_mode is BulkMode.VALIDATED:
        errors: dict[str, list[str]] = {}
        if not isinstance(raw_ids, list) or not raw_ids:
            errors["ids"] = [required("ids")]
        if not action:
            errors["action"] = [required("action")]
        elif action not in spec.bulk_actions:
            errors["action"] = [invalid_selection("action")]
        if errors:
            raise ValidationFailed(errors)
    elif not action:
        raise ValidationFailed({"action": [required("action")]})
    action = str(action)
    if spec.bulk_duplicate_guard and call.state.duplicate(
        ("bulk", spec.route, call.client_key(), action)
    ):
        raise ApiError(400, "Duplicate request")
    wanted = [str(i) for i in raw_ids] if isinstance(raw_ids, list) else []
    found = [r for r in call.store.rows(spec.kind) if r["id"] in set(wanted)]
    if not found and spec.empty_bulk_message:
        return message(spec.empty_bulk_message)
    handler = call.registry.bulk_actions.get((spec.route, action))
    if handler is None:
        if action in spec.bulk_actions:
            raise NotImplementedInSandbox(f"the {spec.route} bulk action '{action}'")
        if spec.bulk_mode is BulkMode.REPOSITORY:
            raise ServerError()
    else:
        editable = [r for r in found if call.actor.can("edit", spec, r)]
        if spec.kind == "user" and action == "delete":
            editable = [r for r in editable if r["id"] != call.actor.id]
        result = handler(call, spec, editable, body)
        if inspect.isawaitable(result):
            result = await result
        if isinstance(result, Response):
            return result
    return list_response(call, spec, scope(call, spec, found))


def admin_only(handler: Any) -> Any:
    """``isAdmin()`` in the FormRequest: anyone else gets a 401."""

    async def gated(call: Call) -> Response:
        if not call.actor.is_super:
            raise Unauthorized()
        result: Response = await handler(call)
        return result

    gated.__name__ = getattr(handler, "__name__", "gated")
    return gated


def routes_for(spec: EntitySpec) -> list[BaseRoute]:
    """Starlette routes of one resource (bulk and create before ``{id}``)."""
    handlers = make_handlers(spec)
    base = f"{PREFIX}/{spec.route}"
    table = [
        ("bulk", f"{base}/bulk", ["POST"]),
        ("create", f"{base}/create", ["GET"]),
        ("index", base, ["GET"]),
        ("store", base, ["POST"]),
        ("edit", f"{base}/{{id}}/edit", ["GET"]),
        ("show", f"{base}/{{id}}", ["GET"]),
        ("update", f"{base}/{{id}}", ["PUT", "PATCH"]),
        ("destroy", f"{base}/{{id}}", ["DELETE"]),
    ]
    out: list[BaseRoute] = []
    for action, path, methods in table:
        if action not in spec.actions:
            continue
        handler = admin_only(handlers[action]) if action in spec.admin_actions else handlers[action]
        endpoint = api(handler, password=action in spec.password_actions)
        out.append(Route(path, endpoint, methods=methods, name=f"{spec.route}.{action}"))
    return out
