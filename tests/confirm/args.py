"""Valid arguments for any catalog action, read off its input model: no per-action table.

Required fields get the first candidate value their type accepts: ``ids``/``id`` name records of
the route's resource from the sandbox store (``mergeable_id`` a second one), other ids a
well-formed made-up id. When the required fields alone do not validate (an input that wants
``id`` or ``number``), the optional id fields are filled too; optional flags are turned on until
the call reaches the action's own risk. An input that still does not validate is a test failure
that names the action and the fields, never a skip.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

import pytest
from pydantic import TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from ninja_tools.actions.base import Action
from ninja_tools.sandbox import SandboxState

#: A well-formed hashed id that names no record (for kinds the demo data has none of).
MADE_UP_ID = "Zx9Qw7Lm3K"
_CANDIDATES: tuple[Any, ...] = (MADE_UP_ID, 1, 1.5, True, "2026-03-16", "confirm@example.com",
                                {"name": "Confirmation test"}, [MADE_UP_ID], {})
_ID_FIELDS = ("ids", "id", "mergeable_id")


@dataclass(frozen=True)
class Built:
    """Arguments for one action, and whether they name records the sandbox really has."""

    args: dict[str, Any]
    real: bool


def _kind(state: SandboxState, action: Action) -> str:
    path = action.route.path.split("/", 1)[0]
    spec = state.registry.specs.get(path)
    return spec.kind if spec is not None else path.removesuffix("s")


def _fits(field: FieldInfo, value: Any) -> bool:
    try:
        TypeAdapter(Annotated[field.annotation, *field.metadata]).validate_python(value)
    except (ValidationError, TypeError):
        return False
    return True


def _value(name: str, field: FieldInfo, records: list[str]) -> Any:
    if name == "ids":
        return records[:2] or [MADE_UP_ID]
    if name == "id":
        return records[0] if records else MADE_UP_ID
    if name == "mergeable_id":
        return records[1] if len(records) > 1 else "Yw8Pv6Kn2J"
    if name == "fields":
        return {"first_name": "Confirm", "name": "Confirmation test"}
    for candidate in _CANDIDATES:
        if _fits(field, candidate):
            return candidate
    pytest.fail(f"no candidate value fits the required field {name!r} ({field.annotation})")


def build(action: Action, state: SandboxState) -> Built:
    """Arguments ``action.input`` accepts; fails the test loudly when there are none."""
    kind = _kind(state, action)
    records = [str(r["id"]) for r in state.store.rows(kind)
               if not r.get("is_deleted") and not r.get("archived_at")]
    fields = action.input.model_fields
    args = {name: _value(name, field, records) for name, field in fields.items()
            if field.is_required()}
    errors = _errors(action, args)
    if errors:
        for name in _ID_FIELDS:
            if name in fields and name not in args:
                args[name] = _value(name, fields[name], records)
        errors = _errors(action, args)
    if errors:
        pytest.fail(f"cannot build arguments for {action.name} from its input model: {errors}")
    _raise_risk(action, args)
    named = [v for k, v in args.items() if k in _ID_FIELDS]
    real = bool(named) and all(v in records for n in named for v in (n if isinstance(n, list)
                                                                        else [n]))
    return Built(args, real)


def _raise_risk(action: Action, args: dict[str, Any]) -> None:
    """Turn optional flags on until the call is as risky as the action can be (a refund is
    ``destructive`` only with ``gateway_refund``); fail when no flag gets it there."""
    for name, field in action.input.model_fields.items():
        if action.risk_for(action.input.model_validate(args)) == action.risk:
            return
        if name not in args and not field.is_required() and field.default is False:
            args[name] = True
            if _errors(action, args):
                del args[name]
    if action.risk_for(action.input.model_validate(args)) != action.risk:
        pytest.fail(f"no arguments built for {action.name} reach its risk {action.risk}")


def _errors(action: Action, args: dict[str, Any]) -> str:
    try:
        action.input.model_validate(args)
    except ValidationError as exc:
        return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                         for e in exc.errors(include_url=False, include_input=False))
    return ""
