"""The sandbox covers the catalog: every catalog route has a sandbox route, and every entity
row agrees with ``ninja_tools.resources`` on its bulk strings and bulk validation mode."""

from __future__ import annotations

import re
from typing import Any

import pytest
from starlette.routing import Match

from ninja_tools.actions import catalog
from ninja_tools.resources import RESOURCES
from ninja_tools.sandbox import create_app
from ninja_tools.sandbox.app import build_registry

MODES = {"in": "validated", "switch": "switch", "repository": "repository"}


@pytest.fixture(scope="module")
def routes() -> list[Any]:
    return list(create_app(seed="empty").routes)


def _served(routes: list[Any], method: str, path: str) -> bool:
    concrete = "/api/v1/" + re.sub(r"\{[^}]+\}", "Xabcdefgh1", path)
    scope = {"type": "http", "method": method, "path": concrete, "root_path": "",
             "query_string": b"", "headers": []}
    return any(route.matches(scope)[0] == Match.FULL for route in routes)


def test_every_catalog_route_has_a_sandbox_route(routes: list[Any]) -> None:
    missing = sorted({f"{r.method} {r.path}" for a in catalog() for r in a.all_routes
                      if not _served(routes, r.method, r.path)})
    assert missing == []


def test_bulk_strings_and_modes_match_the_resource_rows() -> None:
    specs = build_registry().specs
    for res in RESOURCES:
        if res.bulk_validation == "none" or res.path == "tokens":  # tokens: withheld entirely
            continue
        spec = specs[res.path]
        assert set(spec.bulk_actions) == set(res.bulk), res.path
        assert spec.bulk_mode.value == MODES[res.bulk_validation], res.path
