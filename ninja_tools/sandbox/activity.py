"""Activities: a recorder other modules call, the save/lifecycle hooks that feed it, and its routes.

The real server writes an ``activities`` row from event listeners on every create,
update, archive, delete and restore (``app/Models/Activity.php`` type constants), so
clients read history from ``GET activities``, ``POST activities/entity`` and add notes
with ``POST activities/notes``. The sandbox records the same rows from save hooks and
after-action hooks, with the real ``activity_type_id`` numbers.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from . import records
from .calls import Call, api, entity_ref
from .entities import EntitySpec
from .failures import Unauthorized, ValidationFailed, invalid_selection, required
from .pagination import paginate
from .registry import Registry, SaveEvent
from .resources import PREFIX
from .responses import json_response
from .state import SandboxState
from .store import Record

USER_NOTE = 141
DEFAULT_ROWS = 75

# (create, update, archive, delete, restore) type ids per entity kind; 0 = not recorded.
ACTIVITY_TYPES: dict[str, tuple[int, int, int, int, int]] = {
    "client": (1, 61, 2, 3, 26),
    "invoice": (4, 5, 8, 9, 25),
    "payment": (10, 11, 12, 13, 27),
    "credit": (14, 15, 16, 17, 28),
    "quote": (18, 19, 22, 23, 24),
    "vendor": (30, 62, 31, 32, 33),
    "expense": (34, 47, 35, 36, 37),
    "task": (42, 43, 44, 45, 46),
    "user": (48, 49, 50, 51, 52),
    "recurring_invoice": (100, 101, 102, 103, 104),
    "purchase_order": (130, 131, 132, 133, 134),
}
_SLOT = {"create": 0, "update": 1, "archive": 2, "delete": 3, "restore": 4}

# The activity column that names the entity itself (projects have none in the transformer).
_OWN_COLUMN = {
    "client": "client_id",
    "invoice": "invoice_id",
    "payment": "payment_id",
    "credit": "credit_id",
    "quote": "quote_id",
    "vendor": "vendor_id",
    "expense": "expense_id",
    "task": "task_id",
    "recurring_invoice": "recurring_invoice_id",
    "purchase_order": "purchase_order_id",
}
# Related columns copied from the entity onto its activity.
_RELATED = ("client_id", "vendor_id", "invoice_id")

# POST activities/entity: ``entity`` values the real ShowActivityRequest accepts.
ENTITY_KINDS = (
    "invoice",
    "quote",
    "credit",
    "purchase_order",
    "payment",
    "client",
    "vendor",
    "expense",
    "task",
    "project",
    "subscription",
    "recurring_invoice",
)
# POST activities/notes: plural table names (StoreNoteRequest).
NOTE_ROUTES = (
    "invoices",
    "quotes",
    "credits",
    "recurring_invoices",
    "clients",
    "vendors",
    "payments",
    "projects",
    "tasks",
    "expenses",
    "recurring_expenses",
    "bank_transactions",
    "purchase_orders",
)


def record_activity(
    state: SandboxState,
    type_id: int,
    entity_kind: str | None = None,
    entity: Record | None = None,
    *,
    user_id: str = "",
    notes: str = "",
    ip: str = "",
    **columns: str,
) -> Record:
    """Append one activity row; other domain modules call this for their own events."""
    row = records.blank("activity")
    row["id"] = state.store.new_id("activity")
    row["activity_type_id"] = str(type_id)
    row["user_id"] = user_id
    row["company_id"] = str(state.company().get("id", ""))
    row["notes"] = notes
    row["ip"] = ip
    if entity is not None:
        for name in _RELATED:
            if entity.get(name) and name in row:
                row[name] = str(entity[name])
        own = _OWN_COLUMN.get(entity_kind or "")
        if own:
            row[own] = str(entity["id"])
    for name, value in columns.items():
        if name in row:
            row[name] = value
    row["created_at"] = row["updated_at"] = state.now()
    return state.store.add("activity", row)


def _ip(call: Call) -> str:
    return call.request.client.host if call.request.client else ""


def _on_save(event: SaveEvent) -> None:
    types = ACTIVITY_TYPES.get(event.spec.kind)
    if not types:
        return
    type_id = types[_SLOT["create" if event.creating else "update"]]
    record_activity(
        event.call.state,
        type_id,
        event.spec.kind,
        event.record,
        user_id=event.call.actor.id,
        ip=_ip(event.call),
    )


def _after(action: str) -> Any:
    def hook(call: Call, spec: EntitySpec, record: Record) -> None:
        types = ACTIVITY_TYPES.get(spec.kind)
        if types:
            record_activity(
                call.state,
                types[_SLOT[action]],
                spec.kind,
                record,
                user_id=call.actor.id,
                ip=_ip(call),
            )

    return hook


def _rows_limit(value: Any) -> int:
    try:
        return max(int(str(value)), 0)
    except ValueError:
        return DEFAULT_ROWS


async def index(call: Call) -> Response:
    """GET activities: the newest ``rows`` (default 75) of the company, as a list envelope."""
    rows = list(reversed(call.store.rows("activity")))  # insertion order = creation order
    rows = rows[: _rows_limit(call.query("rows", str(DEFAULT_ROWS)))]
    if call.query("reactv2") is not None:
        if not call.actor.is_super:
            rows = [r for r in rows if r.get("user_id") == call.actor.id]
        return json_response({"data": [_activity_string(call, r) for r in rows]})
    page = paginate(call.request, rows)
    return json_response({"data": page.items, "meta": page.meta})


def _activity_string(call: Call, row: Record) -> dict[str, Any]:
    """``Activity::activity_string()``: the replacements a UI renders, not the raw row."""
    out: dict[str, Any] = {}
    for kind, column in (("client", "client_id"), ("vendor", "vendor_id")):
        target = call.store.get(kind, str(row.get(column) or ""))
        if target is not None:
            out[kind] = {"label": target.get("name", ""), "hashed_id": target["id"]}
    user = call.store.get("user", str(row.get("user_id") or ""))
    if user is not None:
        out["user"] = {
            "label": f"{user.get('first_name', '')} {user.get('last_name', '')}".strip(),
            "hashed_id": user["id"],
        }
    out.update(
        activity_type_id=int(row["activity_type_id"]),
        id=row["id"],
        hashed_id=row["id"],
        notes=row.get("notes", ""),
        created_at=row.get("created_at", 0),
        ip=row.get("ip", ""),
    )
    return out


async def entity_activity(call: Call) -> Response:
    """POST activities/entity ``{entity, entity_id}``: activity strings of one record."""
    entity, entity_id = await entity_ref(call, ENTITY_KINDS)
    column = f"{entity}_id"
    rows = [r for r in reversed(call.store.rows("activity")) if r.get(column) == entity_id]
    if not call.actor.is_super:
        rows = [r for r in rows if r.get("user_id") == call.actor.id]
    rows = rows[: _rows_limit(call.query("rows", str(DEFAULT_ROWS)))]
    return json_response({"data": [_activity_string(call, r) for r in rows]})


async def note(call: Call) -> Response:
    """POST activities/notes ``{entity, entity_id, notes}``: a USER_NOTE (141) activity."""
    body = await call.body()
    route = str(body.get("entity") or "")
    spec = call.registry.specs.get(route) if route in NOTE_ROUTES else None
    target = call.store.get(spec.kind, str(body.get("entity_id") or "")) if spec else None
    if target is not None and spec is not None and not call.actor.can("view", spec, target):
        raise Unauthorized()
    errors: dict[str, list[str]] = {}
    if not route:
        errors["entity"] = [required("entity")]
    elif spec is None:
        errors["entity"] = [invalid_selection("entity")]
    elif not body.get("entity_id"):
        errors["entity_id"] = [required("entity_id")]
    elif target is None:
        errors["entity_id"] = [invalid_selection("entity_id")]
    if not body.get("notes"):
        errors["notes"] = [required("notes")]
    if errors:
        raise ValidationFailed(errors)
    assert spec is not None and target is not None
    row = record_activity(
        call.state,
        USER_NOTE,
        spec.kind,
        target,
        user_id=call.actor.id,
        notes=str(body["notes"]),
        ip=_ip(call),
    )
    return json_response({"data": row})


def install(reg: Registry) -> None:
    for spec in list(reg.specs.values()):
        if spec.kind in ACTIVITY_TYPES:
            reg.on_save(spec.route)(_on_save)
            for action in ("archive", "delete", "restore"):
                reg.after_action(spec.route, action)(_after(action))
    reg.add_routes(
        [
            Route(f"{PREFIX}/activities", api(index), methods=["GET"]),
            Route(f"{PREFIX}/activities/entity", api(entity_activity), methods=["POST"]),
            Route(f"{PREFIX}/activities/notes", api(note), methods=["POST"]),
        ]
    )
