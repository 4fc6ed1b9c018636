"""`ninja-tools actions --json` against our own route table: every route covered or excluded."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from typing import Any

import pytest

from ninja_cli.main import run
from ninja_tools.resources import EXCLUDED_ROUTES, EXCLUSION_CATEGORIES, RISKS, TOOLSETS

from .route_table import ROUTES

Key = tuple[str, str]


def _key(method: str, path: str) -> Key:
    return method, re.sub(r"\{[^}]*\}", "{}", path)


@pytest.fixture(scope="module")
def listed() -> list[dict[str, Any]]:
    out = io.StringIO()
    assert run(["actions", "--json"], out=out) == 0
    rows: list[dict[str, Any]] = json.loads(out.getvalue())
    return rows


def _expand(row: dict[str, Any], method: str, path: str) -> list[Key]:
    """A placeholder whose input field is an enum stands for each of its values."""
    paths = [path]
    properties = row["input_schema"].get("properties", {})
    for name in re.findall(r"\{([^}]*)\}", path):
        choices = properties.get(name, {}).get("enum")
        if choices:
            paths = [p.replace(f"{{{name}}}", str(c)) for p in paths for c in choices]
    return [_key(method, p) for p in paths]


def test_every_action_has_the_contract_fields(listed: list[dict[str, Any]]) -> None:
    for row in listed:
        for field in ("name", "method", "path", "risk", "permission", "toolset"):
            assert row[field], f"{row.get('name')} has no {field}"
        assert row["risk"] in RISKS and row["toolset"] in TOOLSETS, row["name"]
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)+", row["name"]), row["name"]
    names = Counter(row["name"] for row in listed)
    assert [n for n, count in names.items() if count > 1] == []


def test_every_route_is_covered_or_excluded_by_a_named_category(
    listed: list[dict[str, Any]],
) -> None:
    covered = {key for row in listed for route in row["routes"]
               for key in _expand(row, route["method"], route["path"])}
    excluded = {_key(x.method, x.path): x.category for x in EXCLUDED_ROUTES}
    assert set(excluded.values()) <= set(EXCLUSION_CATEGORIES)
    missing = [f"{m} {p}" for m, p, _ in ROUTES
               if _key(m, p) not in covered and _key(m, p) not in excluded]
    assert not missing, "neither covered by an action nor excluded:\n" + "\n".join(missing)


def test_every_action_route_is_a_real_route(listed: list[dict[str, Any]]) -> None:
    real = {_key(m, p) for m, p, _ in ROUTES}
    unknown = [f"{row['name']}: {route['method']} {route['path']}" for row in listed
               for route in row["routes"]
               for key in _expand(row, route["method"], route["path"]) if key not in real]
    assert not unknown, "routes not in the route table:\n" + "\n".join(unknown)


def test_input_schemas_are_flat_objects(listed: list[dict[str, Any]]) -> None:
    for row in listed:
        schema = row["input_schema"]
        assert schema.get("type") == "object", row["name"]
        assert not {"anyOf", "oneOf", "allOf"} & set(schema), row["name"]
