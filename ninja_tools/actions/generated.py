"""Actions made from the rows of ``resources``: list, get, create, update, delete, upload, bulk,
and the special routes no hand-written action covers yet.

Generated, but readable: one builder per kind of route, each returning a plain ``Action``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field, create_model, field_validator

from .. import present
from ..client import Upload, api_path
from ..errors import BadRequest, NinjaError, NotFound, PasswordRejected, ValidationFailed
from ..resources import (
    BULK_ACTIONS,
    RESOURCES,
    SPECIAL_ROUTES,
    BulkAction,
    Filter,
    Param,
    Resource,
    SpecialRoute,
    resource,
    standard_routes,
)
from .base import Action, ActionInput, Route
from .context import Context
from .fields import RecordId, split_list

__all__ = ["BulkOutcome", "BulkResult", "generated_actions"]

_ALL_STATUSES = "active,archived,deleted"
_ID = RecordId


def _join(value: Any) -> Any:
    return ",".join(value) if isinstance(value, list) else value


# -- inputs -----------------------------------------------------------------------------------

def _literal(choices: tuple[str, ...]) -> Any:
    """``Literal["a", "b"]`` from data."""
    return Literal.__getitem__(choices)


def _filter_field(spec: Filter) -> tuple[Any, Any]:
    """The pydantic field for one list filter."""
    description = spec.description
    if spec.kind == "choices" and spec.choices:
        choice: Any = _literal(spec.choices)
        kind: Any = Annotated[list[choice] | None, BeforeValidator(split_list)]
        return kind, Field(default=None, description=description)
    if spec.kind == "choice" and spec.choices:
        return _literal(spec.choices) | None, Field(default=None, description=description)
    if spec.kind in ("flag", "bool"):
        return bool | None, Field(default=None, description=description)
    if spec.kind == "id":
        return _ID | None, Field(default=None, description=description)
    return str | None, Field(default=None, max_length=500, description=description)


class ListInput(ActionInput):
    """Paging and lifecycle fields every list shares."""

    page: int = Field(default=1, ge=1, description="Page number, from 1")
    per_page: int = Field(default=20, ge=1, le=5000, description="Rows a page (max 5000)")
    include_archived: bool = Field(
        default=False, description="Also list archived and deleted records (default: active only)")
    raw: bool = Field(default=False, description="Add each full Invoice Ninja record")


def _list_input(res: Resource) -> type[ActionInput]:
    fields: dict[str, Any] = {}
    for spec in res.list_filters():
        if spec.name in ("status",) or spec.name in ListInput.model_fields:
            continue
        fields[spec.name] = _filter_field(spec)
    name = f"List{_camel(res.plural)}Input"
    model: type[ActionInput] = create_model(name, __base__=ListInput, **fields)
    return model


class GetInput(ActionInput):
    id: _ID
    raw: bool = Field(default=False, description="Add the full Invoice Ninja record")


class GetDocumentInput(GetInput):
    portal_links: bool = Field(
        default=False, description="Add each contact's client-portal link (it opens the portal "
        "as that contact: only for the person who asked)")


#: Entities whose records carry invitations, hence client-portal links.
_WITH_INVITATIONS = frozenset({"invoices", "quotes", "credits", "recurring_invoices",
                               "purchase_orders"})


class CreateInput(ActionInput):
    fields: dict[str, Any] = Field(
        description="Invoice Ninja fields of the new record, as in its API (ids are hashed "
        "strings; dates YYYY-MM-DD)")

    @field_validator("fields")
    @classmethod
    def _not_empty(cls, value: dict[str, Any]) -> dict[str, Any]:
        if not value:
            raise ValueError("give at least one field")
        return value


class UpdateInput(CreateInput):
    id: _ID


class DeleteInput(ActionInput):
    id: _ID


class UploadFile(BaseModel):
    filename: str = Field(min_length=1, max_length=255, description="File name with extension")
    content_base64: str = Field(min_length=1, description="The file's bytes, base64-encoded")

    @field_validator("content_base64")
    @classmethod
    def _decodes(cls, value: str) -> str:
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("is not valid base64") from None
        return value


class UploadInput(ActionInput):
    id: _ID
    files: list[UploadFile] = Field(min_length=1, max_length=20)
    is_public: bool = Field(default=False, description="Show the files in the client portal")


class BulkInput(ActionInput):
    ids: Annotated[list[_ID], BeforeValidator(split_list)] = Field(
        min_length=1, max_length=500, description="Hashed ids of the records")


def _param_field(param: Param) -> tuple[Any, Any]:
    kind: Any
    if param.choices:
        kind = _literal(param.choices)
    elif param.kind == "bool":
        kind = bool
    elif param.kind in ("number",):
        kind = float
    elif param.kind == "integer":
        kind = int
    elif param.kind == "id":
        kind = _ID
    else:
        kind = Annotated[str, Field(max_length=2000)]
    if param.required:
        return kind, Field(description=param.description)
    return kind | None, Field(default=None, description=param.description)


def _bulk_input(row: BulkAction) -> type[ActionInput]:
    if not row.params:
        return BulkInput
    fields: dict[str, Any] = {p.name: _param_field(p) for p in row.params}
    model: type[ActionInput] = create_model(f"{_camel(row.name)}Input", __base__=BulkInput,
                                            **fields)
    return model


# -- outputs ----------------------------------------------------------------------------------

class BulkOutcome(BaseModel):
    id: str
    label: str | None = None
    outcome: Literal["done", "unchanged", "not found", "requested"] = Field(
        description="done: the record shows the change; unchanged: Invoice Ninja skipped it "
        "(no permission, or the action does not apply); requested: nothing to read back")
    status: str | None = None


class BulkResult(BaseModel):
    action: str
    done: int
    unchanged: int
    results: list[BulkOutcome]
    message: str | None = None


# -- runners ----------------------------------------------------------------------------------

def _camel(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))


def _list_params(args: ListInput) -> dict[str, Any]:
    params = {k: _join(v) for k, v in args.model_dump(exclude_none=True).items()
              if k not in ListInput.model_fields}
    params["status"] = _ALL_STATUSES if args.include_archived else "active"
    return params


def _lookup_needs(kind: str) -> dict[str, bool]:
    return {"clients": kind not in ("product", "vendor", "client"),
            "vendors": kind in ("expense", "purchase_order")}


def _list_runner(res: Resource) -> Any:
    async def run(ctx: Context, args: ListInput) -> BaseModel:
        page = await ctx.client.list_page(res.path, _list_params(args), page=args.page,
                                          per_page=args.per_page)
        lookups = await ctx.lookups(**_lookup_needs(res.singular))
        return present.shape_page(res.singular, page.items, total=page.total, page=page.page,
                                  per_page=page.per_page, total_pages=page.total_pages,
                                  lookups=lookups, raw=args.raw)

    return run


async def _shape_item(ctx: Context, kind: str, body: Any, *, raw: bool = False,
                      portal_links: bool = False) -> BaseModel:
    record = body.get("data") if isinstance(body, dict) else None
    if not isinstance(record, dict):
        return present.Message(message=str((body or {}).get("message") or "done")
                               if isinstance(body, dict) else "done")
    lookups = await ctx.lookups(**_lookup_needs(kind))
    return present.shape(kind, record, lookups, detail=True, raw=raw,
                         portal_links=portal_links)


#: Fields Invoice Ninja requires on every update of these resources; carried over from the
#: current record when the caller leaves them out.
_UPDATE_CARRIES: dict[str, tuple[str, ...]] = {
    "task_schedulers": ("template", "next_run", "parameters"),
}


def _item_runner(res: Resource, kind: str, *, protected: bool = False) -> Any:
    """``protected``: the route is behind Invoice Ninja's password (users), so it goes through
    ``ctx.protected`` with the confirming human's password."""

    async def send(ctx: Context, method: str, path: str, body: Any = None) -> Any:
        if protected:
            return await ctx.protected(method, path, json=body)
        return await ctx.client.call(method, path, json=body)

    async def run(ctx: Context, args: Any) -> BaseModel:
        record_path = api_path(res.path + "/{id}", id=args.id) if hasattr(args, "id") else ""
        if kind == "get":
            body = await send(ctx, "GET", record_path)
            return await _shape_item(ctx, res.singular, body, raw=args.raw,
                                     portal_links=getattr(args, "portal_links", False))
        if kind == "create":
            body = await send(ctx, "POST", res.path, dict(args.fields))
        elif kind == "update":
            fields = dict(args.fields)
            if "contacts" in fields:
                fields["contacts"] = await _keep_contacts(ctx, record_path, fields["contacts"])
            carried = [k for k in _UPDATE_CARRIES.get(res.path, ()) if k not in fields]
            if carried:
                current = ((await send(ctx, "GET", record_path)) or {}).get("data") or {}
                fields.update({k: current[k] for k in carried if k in current})
            body = await send(ctx, "PUT", record_path, fields)
        elif kind == "delete":
            body = await send(ctx, "DELETE", record_path)
        else:  # upload
            files = [Upload(f.filename, base64.b64decode(f.content_base64)) for f in args.files]
            body = await ctx.client.upload(api_path(res.path + "/{id}/upload", id=args.id),
                                           files, is_public=args.is_public)
        ctx.forget(res.path)
        return await _shape_item(ctx, res.singular, body)

    return run


async def _keep_contacts(ctx: Context, record_path: str, given: Any) -> list[Any]:
    """Invoice Ninja deletes every contact missing from ``contacts`` on update; keep the ones
    the caller did not mention, so that adding a contact never removes the others."""
    if not isinstance(given, list):
        raise NinjaError("contacts must be a list of contact objects.",
                         hint='e.g. [{"first_name": "Ann", "email": "ann@example.com"}]')
    current = ((await ctx.client.get(record_path)) or {}).get("data") or {}
    mentioned = {c.get("id") for c in given if isinstance(c, dict) and c.get("id")}
    kept = [{"id": c["id"]} for c in current.get("contacts") or []
            if c.get("id") and c["id"] not in mentioned]
    return [*given, *kept]


def _label(record: Mapping[str, Any]) -> str | None:
    for key in ("number", "name", "product_key", "description"):
        if record.get(key):
            return str(record[key])
    return None


def _changed(action: str, before: Mapping[str, Any], after: Mapping[str, Any] | None) -> bool:
    if after is None:
        return action == "delete"
    if action == "archive":
        return bool(after.get("archived_at")) and not before.get("archived_at")
    if action == "delete":
        return bool(after.get("is_deleted")) and not before.get("is_deleted")
    if action == "restore":
        return not after.get("is_deleted") and not after.get("archived_at") and (
            bool(before.get("is_deleted")) or bool(before.get("archived_at")))
    return any(after.get(k) != before.get(k) for k in after if k != "updated_at") or (
        after.get("updated_at") != before.get("updated_at"))


def _bulk_runner(row: BulkAction) -> Any:
    res = resource(row.resource)

    async def run(ctx: Context, args: BulkInput) -> BaseModel:
        ids = list(dict.fromkeys(args.ids))
        body = {"action": row.action, "ids": ids,
                **args.model_dump(exclude={"ids"}, exclude_none=True)}
        if row.result == "file":
            got = await ctx.client.download(f"{res.path}/bulk", method="POST", json=body,
                                            read_only=row.risk == "read",
                                            filename=f"{res.plural}.pdf")
            return present.FileResult(filename=got.filename, content_type=got.content_type,
                                      size=len(got.content), content=got.content)
        can_read = _readable(res)
        before = await ctx.read_many(res.path, ids) if can_read else {}
        missing = [i for i, rec in before.items() if rec is None]
        if missing:
            raise NotFound(f"No {res.singular.replace('_', ' ')} with id '{missing[0]}' exists "
                           "in this company; nothing was changed.", status=400,
                           entity=res.singular, record_id=missing[0],
                           hint="Check the ids with the list action.")
        if row.risk == "password":
            answer = await ctx.protected("POST", f"{res.path}/bulk", json=body)
        else:
            answer = await ctx.client.post(f"{res.path}/bulk", body)
        ctx.forget(res.path)
        message = answer.get("message") if isinstance(answer, dict) else None
        if row.result in ("message", "job") or not can_read:
            return present.Message(message=str(message or "done"),
                                   details={"action": row.action, "ids": ids})
        after = await ctx.read_many(res.path, ids)
        statuses = dict(res.statuses)
        results = []
        for record_id in ids:
            old, new = before[record_id] or {}, after.get(record_id)
            if row.risk == "send":
                outcome = "requested"
            else:
                outcome = "done" if _changed(row.action, old, new) else "unchanged"
            current = new or old
            results.append(BulkOutcome(
                id=record_id, label=_label(current), outcome=outcome,  # type: ignore[arg-type]
                status=statuses.get(str(current.get("status_id") or "")) or None))
        return BulkResult(action=row.action, results=results,
                          done=sum(r.outcome == "done" for r in results),
                          unchanged=sum(r.outcome == "unchanged" for r in results),
                          message=str(message) if message else None)

    return run


# -- special routes ---------------------------------------------------------------------------

class SpecialInput(ActionInput):
    body: dict[str, Any] = Field(default_factory=dict,
                                 description="JSON body fields, as Invoice Ninja's API takes them")
    query: dict[str, str] = Field(default_factory=dict, description="Query parameters")


def _placeholders(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


_PLACEHOLDER_WORDS = {"account_id": "The bank's own account id (a number, not a hashed id)"}


def _special_input(route: SpecialRoute) -> type[ActionInput]:
    choices = dict(route.choices)
    fields: dict[str, Any] = {}
    for name in _placeholders(route.path):
        kind = _literal(choices[name]) if name in choices else _ID
        words = _PLACEHOLDER_WORDS.get(name, f"The {name.replace('_', ' ')}")
        fields[name] = (kind, Field(description=words))
    if route.files:
        fields["files"] = (list[UploadFile], Field(min_length=1, max_length=20,
                                                   description="The files to send"))
    if not fields:
        return SpecialInput
    model: type[ActionInput] = create_model(f"{_camel(route.name)}Input", __base__=SpecialInput,
                                            **fields)
    return model


#: Special routes whose normal answer arrives as an error status: the action reports it.
_ANSWERED_BY_ERROR: dict[str, tuple[type[NinjaError], ...]] = {
    # 412 when no password was given recently: that is the answer, not a failure.
    "check_password_timeout": (PasswordRejected,),
    # 400/422 with the list of problems when the record is not ready for e-invoicing.
    "validate_einvoice": (BadRequest, ValidationFailed),
}


def _answer(body: Any) -> BaseModel:
    """Whatever a special route answered, as a Message: rows, a record, or a sentence."""
    data = body.get("data", body) if isinstance(body, dict) else body
    if isinstance(data, list):
        rows = [present.scrub(r) if isinstance(r, dict) else r for r in data]
        return present.Message(message=f"{len(rows)} rows", details={"rows": rows})
    message = body.get("message") if isinstance(body, dict) else None
    if isinstance(data, dict):
        details = {k: v for k, v in present.scrub(data).items() if k != "message"}
        return present.Message(message=str(message or "done"), details=details or None)
    return present.Message(message=str(data if data not in (None, "") else "done"))


def _special_runner(route: SpecialRoute) -> Any:
    names = _placeholders(route.path)

    async def call(ctx: Context, args: SpecialInput, path: str) -> Any:
        if route.files:
            files = [Upload(f.filename, base64.b64decode(f.content_base64))
                     for f in getattr(args, "files", [])]
            return await ctx.client.upload(path, files)
        json_body = args.body if route.method != "GET" else None
        if route.risk == "password":
            return await ctx.protected(route.method, path, json=json_body)
        return await ctx.client.call(route.method, path, params=dict(args.query) or None,
                                     json=json_body, read_only=route.read_only)

    async def run(ctx: Context, args: SpecialInput) -> BaseModel:
        path = api_path(route.path, **{n: getattr(args, n) for n in names})
        if route.result == "file":
            got = await ctx.client.download(path, dict(args.query) or None,
                                            method=route.method, json=args.body or None,
                                            read_only=route.read_only)
            return present.FileResult(filename=got.filename, content_type=got.content_type,
                                      size=len(got.content), content=got.content)
        try:
            return _answer(await call(ctx, args, path))
        except _ANSWERED_BY_ERROR.get(route.name, ()) as exc:
            fields = getattr(exc, "field_errors", None) or None
            return present.Message(message=exc.message, details=fields)

    return run


# -- assembly ---------------------------------------------------------------------------------

_TITLES = {"list": "List {plural}", "get": "Get {singular}", "create": "Create {singular}",
           "update": "Update {singular}", "delete": "Delete {singular}",
           "upload": "Attach files to {singular}"}


def _words(noun: str) -> str:
    return noun.replace("_", " ")


def _describe(kind: str, res: Resource) -> str:
    one, many = _words(res.singular), _words(res.plural)
    if kind == "list":
        filters = ", ".join(f.name for f in res.list_filters() if f.name != "status")
        return (f"List {many}, newest first, a page at a time (active only unless "
                f"include_archived). Filters: {filters or 'none'}. Use get_{res.singular} for "
                f"one {one} in full.")
    if kind == "get":
        return f"Get one {one} by its id, with its details. Use list_{res.plural} to find ids."
    if kind == "create":
        return (f"Create a {one} from Invoice Ninja API fields. Prefer a friendlier create "
                f"action when there is one.")
    if kind == "update" and res.path == "company_users":
        return ('Change a user\'s settings in this company: fields go nested, as'
                ' {"company_user": {"permissions": "...", "is_admin": false, ...}}.')
    if kind == "update":
        extra = (" Contacts you leave out are kept; line items, when given, replace all lines."
                 if res.path in ("clients", "vendors", "invoices", "quotes", "credits",
                                 "recurring_invoices", "purchase_orders") else "")
        return f"Change fields of a {one}; fields you leave out stay as they are.{extra}"
    if kind == "delete":
        return (f"Delete a {one} (Invoice Ninja keeps it as deleted; restore_{res.plural} "
                f"brings it back).")
    return f"Attach files (PDF, images, office documents) to a {one}."


def _standard_action(res: Resource, row: SpecialRoute) -> Action:
    kind = row.name.split("_", 1)[0]
    kind = {"download": "get", "upload": "upload"}.get(kind, kind)
    inputs: dict[str, type[ActionInput]] = {
        "list": _list_input(res),
        "get": GetDocumentInput if res.path in _WITH_INVITATIONS else GetInput,
        "create": CreateInput,
        "update": UpdateInput, "delete": DeleteInput, "upload": UploadInput,
    }
    shaped = present.output_model(res.singular)
    output: type[BaseModel] = present.Page[shaped] if kind == "list" else shaped  # type: ignore[valid-type]
    run = (_list_runner(res) if kind == "list"
           else _item_runner(res, kind, protected=row.risk == "password"))
    return Action(
        name=row.name,
        title=_TITLES[kind].format(singular=_words(res.singular), plural=_words(res.plural)),
        description=_describe(kind, res), input=inputs[kind], output=output, risk=row.risk,
        permission=row.permission, toolset=row.toolset,
        route=Route(row.method, row.path), run=run, generated=True,
        kind=kind,  # type: ignore[arg-type]
    )


def _readable(res: Resource) -> bool:
    """Whether a bulk action can read its records back (users' show route needs a password)."""
    return "show" in res.routes and "show" not in res.password_routes


def _bulk_action(row: BulkAction) -> Action:
    res = resource(row.resource)
    output: type[BaseModel] = (present.FileResult if row.result == "file" else
                               present.Message if row.result in ("message", "job")
                               or not _readable(res) else BulkResult)
    verb = row.name.split("_", 1)[0]
    return Action(
        name=row.name, title=_words(row.name).capitalize(),
        description=(f"Run Invoice Ninja's bulk '{row.action}' on one or more "
                     f"{_words(res.plural)} by id; reports what happened to each."
                     + (f" {row.reason}" if row.reason else "")),
        input=_bulk_input(row), output=output, risk=row.risk,
        permission=res.permission_for("bulk"), toolset=res.toolset,
        route=Route("POST", f"{res.path}/bulk"), run=_bulk_runner(row), generated=True,
        kind="file" if verb in ("print",) else "bulk",
    )


def _special_action(route: SpecialRoute) -> Action:
    output: type[BaseModel] = (present.FileResult if route.result == "file"
                               else present.Message)
    note = f" ({route.note})" if route.note else ""
    return Action(
        name=route.name, title=_words(route.name).capitalize(),
        description=f"Call {route.method} /api/v1/{route.path}{note}.",
        input=_special_input(route), output=output, risk=route.risk,
        permission=route.permission, toolset=route.toolset,
        route=Route(route.method, route.path), run=_special_runner(route), generated=True,
        kind="file" if route.result == "file" else "other",
    )


def generated_actions() -> list[Action]:
    """Every action the resource rows describe, in table order."""
    actions = [_standard_action(res, row) for res in RESOURCES for row in standard_routes(res)]
    actions += [_bulk_action(row) for row in BULK_ACTIONS if not row.skip]
    actions += [_special_action(route) for route in SPECIAL_ROUTES]
    return actions
