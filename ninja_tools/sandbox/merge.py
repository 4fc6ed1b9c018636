"""Password-protected client/vendor routes: purge and merge.

``POST clients/{id}/purge`` hard-deletes the client and every record that names it.
``POST clients/{id}/{mergeable_id}/merge`` moves the mergeable client's records and
its contacts (those whose e-mail the survivor does not already have) to ``{id}``,
adds its balance and paid-to-date, then hard-deletes it. Vendors merge the same way.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.responses import Response
from starlette.routing import Route

from .calc import money
from .calls import Call, api
from .failures import ApiError
from .registry import Registry
from .resources import PREFIX, item_response
from .responses import message
from .store import Record

# Tables whose rows point at a client or vendor through client_id / vendor_id.
CHILD_KINDS = (
    "invoice",
    "quote",
    "credit",
    "recurring_invoice",
    "payment",
    "expense",
    "project",
    "task",
    "purchase_order",
    "document",
    "activity",
    "recurring_expense",
)


async def purge(call: Call) -> Response:
    spec = call.registry.spec("clients")
    client = call.lookup(spec, call.param("id"))
    call.actor.require("edit", spec, client)
    for kind in CHILD_KINDS:
        for row in call.store.where(kind, client_id=client["id"]):
            call.store.remove(kind, row["id"])
    call.store.remove("client", client["id"])
    return message("Success")


def _merge(call: Call, route: str, field: str, keep: Record, other: Record) -> None:
    for kind in CHILD_KINDS:
        for row in call.store.where(kind, **{field: other["id"]}):
            row[field] = keep["id"]
    emails = {c.get("email") for c in keep.get("contacts", [])}
    for contact in other.get("contacts", []):
        email = str(contact.get("email") or "").strip()
        if email and email not in emails:
            contact["is_primary"] = False
            keep["contacts"].append(contact)
    for money_field in ("balance", "paid_to_date"):
        if money_field in keep:
            keep[money_field] = money(
                float(keep[money_field] or 0) + float(other.get(money_field) or 0)
            )
    keep["updated_at"] = call.state.now()
    call.store.remove(call.registry.spec(route).kind, other["id"])


def merger(route: str, field: str, noun: str) -> Callable[[Call], Awaitable[Response]]:
    """A merge handler for clients or vendors (same steps, different child column)."""

    async def merge(call: Call) -> Response:
        spec = call.registry.spec(route)
        keep = call.lookup(spec, call.param("id"))
        call.actor.require("edit", spec, keep)
        other = call.store.get(spec.kind, call.param("mergeable_id"))
        if other is None:
            raise ApiError(400, f"{noun} not found")
        if other["id"] == keep["id"]:
            raise ApiError(400, f"Attempting to merge the same {noun.lower()} is not possible.")
        _merge(call, route, field, keep, other)
        return item_response(call, spec, keep)

    return merge


def install(reg: Registry) -> None:
    reg.add_routes(
        [
            Route(f"{PREFIX}/clients/{{id}}/purge", api(purge, password=True), methods=["POST"]),
            Route(
                f"{PREFIX}/clients/{{id}}/{{mergeable_id}}/merge",
                api(merger("clients", "client_id", "Client"), password=True),
                methods=["POST"],
            ),
            Route(
                f"{PREFIX}/vendors/{{id}}/{{mergeable_id}}/merge",
                api(merger("vendors", "vendor_id", "Vendor"), password=True),
                methods=["POST"],
            ),
        ]
    )
