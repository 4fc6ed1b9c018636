"""The extension point: what domain modules plug into the core, and how they are found.

A domain module (``ninja_tools.sandbox.<name>``) defines ``install(reg: Registry)`` and
is listed in ``app.DOMAIN_MODULES``. In ``install`` it may:

* ``reg.add_routes([...])``: extra Starlette routes (matched before the generic ones);
* ``@reg.bulk_action("invoices", "mark_paid")``: a handler for a bulk action;
* ``@reg.on_save("invoices")``: a hook run on every store/update after the generic fill;
* ``@reg.after_action("invoices", "delete")``: a hook after archive/restore/delete of a record;
* ``@reg.validator("payments")``: extra 422 checks on store/update.

The registry is built fresh for every app, so two apps never share hooks.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.responses import Response
from starlette.routing import BaseRoute

from .entities import ENTITY_TABLE, EntitySpec
from .store import Record

if TYPE_CHECKING:
    from .calls import Call

BulkResult = Response | None | Awaitable[Response | None]
BulkHandler = Callable[["Call", EntitySpec, list[Record], dict[str, Any]], BulkResult]
"""(call, spec, records the user may edit, request body) -> None for the standard list answer."""


@dataclass
class SaveEvent:
    """What a save hook sees; ``record`` is the live record and may be changed in place."""

    call: Call
    spec: EntitySpec
    record: Record
    before: Record | None  # a copy of the record before this update; None on store
    body: dict[str, Any]

    @property
    def creating(self) -> bool:
        return self.before is None


SaveHook = Callable[[SaveEvent], None]
ActionHook = Callable[["Call", EntitySpec, Record], None]
Validator = Callable[["Call", EntitySpec, Record | None, dict[str, Any]], dict[str, list[str]]]


@dataclass
class Registry:
    """Entity rows plus the routes, bulk actions and hooks domain modules added."""

    specs: dict[str, EntitySpec] = field(default_factory=lambda: {s.route: s for s in ENTITY_TABLE})
    routes: list[BaseRoute] = field(default_factory=list)
    bulk_actions: dict[tuple[str, str], BulkHandler] = field(default_factory=dict)
    save_hooks: dict[str, list[SaveHook]] = field(default_factory=dict)
    action_hooks: dict[tuple[str, str], list[ActionHook]] = field(default_factory=dict)
    validators: dict[str, list[Validator]] = field(default_factory=dict)

    def spec(self, route: str) -> EntitySpec:
        return self.specs[route]

    def spec_for_kind(self, kind: str) -> EntitySpec | None:
        return next((s for s in self.specs.values() if s.kind == kind), None)

    def add_entity(self, spec: EntitySpec) -> None:
        """Serve another resource generically (its routes are built from the row)."""
        self.specs[spec.route] = spec

    def add_routes(self, routes: list[BaseRoute]) -> None:
        self.routes.extend(routes)

    def bulk_action(self, route: str, *actions: str) -> Callable[[BulkHandler], BulkHandler]:
        def register(handler: BulkHandler) -> BulkHandler:
            for action in actions:
                self.bulk_actions[(route, action)] = handler
            return handler

        return register

    def on_save(self, *routes: str) -> Callable[[SaveHook], SaveHook]:
        def register(hook: SaveHook) -> SaveHook:
            for route in routes:
                self.save_hooks.setdefault(route, []).append(hook)
            return hook

        return register

    def after_action(self, route: str, *actions: str) -> Callable[[ActionHook], ActionHook]:
        def register(hook: ActionHook) -> ActionHook:
            for action in actions:
                self.action_hooks.setdefault((route, action), []).append(hook)
            return hook

        return register

    def validator(self, *routes: str) -> Callable[[Validator], Validator]:
        def register(check: Validator) -> Validator:
            for route in routes:
                self.validators.setdefault(route, []).append(check)
            return check

        return register
