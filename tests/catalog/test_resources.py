"""Checks the reviewed API tables in ninja_tools.resources against our own route transcription."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest

from ninja_tools import resources as R
from ninja_tools.resources import BulkAction, SpecialRoute

from .route_table import BULK_STRINGS, ENTITIES, PASSWORD_ROUTES, ROUTES

Key = tuple[str, str]

#: Verbs an action name may start with. Adding one is a naming decision: review it.
VERBS = (
    "add", "approve", "archive", "assign", "auto_bill", "calculate", "cancel", "categorize",
    "check", "clone", "convert", "create", "delete", "download", "email", "get", "import",
    "increase", "invite", "list", "mark", "match", "merge", "ping", "preview", "print", "purge",
    "reactivate", "refresh", "refund", "remove", "render", "resend", "restore", "retry", "run",
    "send", "set", "sort", "start", "stop", "test", "unlink", "update", "upload", "validate",
    "zip",
)
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_PERMISSION = re.compile(r"^((view|create|edit)_([a-z_]+|\{entity\})|admin|any)$")


def _key(method: str, path: str) -> Key:
    """Compare templates by shape: placeholder names do not matter."""
    return method, re.sub(r"\{[^}]*\}", "{}", path)


def _expand(route: SpecialRoute) -> Iterator[str]:
    paths = [route.path]
    for placeholder, values in route.choices:
        paths = [p.replace(f"{{{placeholder}}}", v) for p in paths for v in values]
    yield from paths


def _catalog_routes() -> list[SpecialRoute]:
    standard = [s for r in R.RESOURCES for s in R.standard_routes(r)]
    return standard + list(R.SPECIAL_ROUTES)


def _named_bulk() -> list[BulkAction]:
    return [b for b in R.BULK_ACTIONS if b.skip is None]


def _coverage() -> dict[Key, list[tuple[str, str]]]:
    """Route -> the (action name, risk) pairs that cover it."""
    covered: dict[Key, list[tuple[str, str]]] = {}
    for route in _catalog_routes():
        for path in _expand(route):
            covered.setdefault(_key(route.method, path), []).append((route.name, route.risk))
    for row in _named_bulk():
        covered.setdefault(_key("POST", f"{row.resource}/bulk"), []).append((row.name, row.risk))
    return covered


def _excluded() -> dict[Key, R.ExcludedRoute]:
    return {_key(x.method, x.path): x for x in R.EXCLUDED_ROUTES}


def _all_names() -> list[str]:
    return [r.name for r in _catalog_routes()] + [b.name for b in _named_bulk()]


def _tokens(name: str) -> list[str]:
    return name.split("_")


def _has(name: str, noun: str) -> bool:
    """Whether ``noun`` appears in ``name`` as whole words."""
    words, part = _tokens(name), _tokens(noun)
    return any(words[i:i + len(part)] == part for i in range(len(words) - len(part) + 1))


# --- (a) every route covered or excluded -----------------------------------------------------


def test_route_table_has_no_duplicates() -> None:
    counts = Counter(_key(m, p) for m, p, _ in ROUTES)
    assert [k for k, n in counts.items() if n > 1] == []


def test_every_route_is_covered_or_excluded() -> None:
    covered, excluded = _coverage(), _excluded()
    missing = [f"{m} {p}" for m, p, _ in ROUTES
               if _key(m, p) not in covered and _key(m, p) not in excluded]
    assert not missing, "neither covered nor excluded:\n" + "\n".join(missing)


def test_no_route_is_both_covered_and_excluded() -> None:
    both = sorted(set(_coverage()) & set(_excluded()))
    assert not both, f"covered and excluded at once: {both}"


def test_catalog_and_exclusions_name_only_real_routes() -> None:
    known = {_key(m, p) for m, p, _ in ROUTES}
    stale = [f"{m} {p}" for m, p in sorted(set(_coverage()) | set(_excluded()))
             if (m, p) not in known]
    assert not stale, "not in tests/catalog/route_table.py:\n" + "\n".join(stale)


def test_exclusions_use_named_categories_with_reasons() -> None:
    for category, reason in R.EXCLUSION_CATEGORIES.items():
        assert _SNAKE.match(category.replace("-", "_")), category
        assert len(reason) > 20, category
    used = {x.category for x in R.EXCLUDED_ROUTES}
    assert used <= set(R.EXCLUSION_CATEGORIES), used - set(R.EXCLUSION_CATEGORIES)
    assert set(R.EXCLUSION_CATEGORIES) <= used, "unused categories"
    counts = Counter(_key(x.method, x.path) for x in R.EXCLUDED_ROUTES)
    assert [k for k, n in counts.items() if n > 1] == []


def test_withheld_routes_are_not_generated() -> None:
    for res in R.RESOURCES:
        assert set(res.withheld) <= set(res.routes), res.path
        assert set(res.password_routes) <= set(res.routes), res.path
        generated = {s.name.split("_", 1)[0] for s in R.standard_routes(res)}
        verbs = {"index": "list", "store": "create", "show": "get", "update": "update",
                 "destroy": "delete"}
        assert not {verbs[k] for k in res.withheld} & generated, res.path


# --- (b) every bulk string exactly once ------------------------------------------------------


def test_resources_accept_exactly_the_bulk_strings_of_section_1() -> None:
    for res in R.RESOURCES:
        expected = BULK_STRINGS.get(res.path, ())
        assert sorted(res.bulk) == sorted(expected), res.path
        assert len(set(res.bulk)) == len(res.bulk), res.path
        assert (res.bulk_validation == "none") == (not res.bulk), res.path
    assert set(BULK_STRINGS) <= {r.path for r in R.RESOURCES}


def test_every_bulk_string_has_exactly_one_row() -> None:
    rows = Counter((b.resource, b.action) for b in R.BULK_ACTIONS)
    wanted = {(r.path, a) for r in R.RESOURCES for a in r.bulk}
    missing = sorted(wanted - set(rows))
    extra = sorted(set(rows) - wanted)
    twice = sorted(k for k, n in rows.items() if n > 1)
    assert not missing, f"bulk strings with no row: {missing}"
    assert not extra, f"rows for strings the resource does not accept: {extra}"
    assert not twice, f"strings with more than one row: {twice}"


def test_bulk_rows_are_named_or_skipped_with_a_reason() -> None:
    names = set(_all_names())
    for row in R.BULK_ACTIONS:
        label = f"{row.resource} {row.action}"
        if row.skip is None:
            assert row.name and not row.reason and not row.alias_of and not row.replaced_by, label
            continue
        assert not row.name and not row.params and row.reason, label
        if row.skip == "alias":
            target = [b for b in _named_bulk()
                      if (b.resource, b.action) == (row.resource, row.alias_of)]
            assert target, f"{label}: alias of a string that is not itself an action"
        else:
            assert not row.alias_of, label
        if row.skip == "replaced":
            assert row.replaced_by in names, f"{label}: {row.replaced_by} is no action"
        else:
            assert not row.replaced_by, label


def test_bulk_params_are_complete() -> None:
    for row in _named_bulk():
        assert len({p.name for p in row.params}) == len(row.params), row.name
        for p in row.params:
            assert p.name not in ("action", "ids"), row.name
            assert p.description, (row.name, p.name)
            assert (p.kind == "choice") == bool(p.choices), (row.name, p.name)


# --- (c) names -------------------------------------------------------------------------------


def test_action_names_are_unique() -> None:
    counts = Counter(_all_names())
    twice = sorted(n for n, c in counts.items() if c > 1)
    assert not twice, f"action names used more than once: {twice}"


@pytest.mark.parametrize("name", sorted(set(_all_names())))
def test_action_name_is_snake_case_and_starts_with_a_verb(name: str) -> None:
    assert _SNAKE.match(name), name
    assert any(name.startswith(f"{verb}_") for verb in VERBS), name


def test_bulk_names_use_the_plural_noun() -> None:
    for row in _named_bulk():
        res = R.resource(row.resource)
        # A plural compound after the singular also reads as plural: email_payment_receipts.
        compound = re.search(rf"(^|_){re.escape(res.singular)}_[a-z]+s(_|$)", row.name)
        assert _has(row.name, res.plural) or compound, row.name


def test_standard_names_use_singular_for_one_record_and_plural_for_lists() -> None:
    for res in R.RESOURCES:
        for route in R.standard_routes(res):
            if route.name.startswith("list_"):
                assert route.name == f"list_{res.plural}"
            else:
                assert _has(route.name, res.singular), route.name
                assert not _has(route.name, res.plural), route.name


def test_special_names_follow_the_noun_rule() -> None:
    for route in R.SPECIAL_ROUTES:
        placeholders = re.findall(r"\{[^}]*\}", route.path)
        if route.resource and placeholders == ["{id}"]:
            res = R.resource(route.resource)
            assert _has(route.name, res.singular), route.name
            assert not _has(route.name, res.plural), route.name
        if route.name.startswith("list_"):
            assert route.name.endswith("s"), route.name


# --- (d) risks -------------------------------------------------------------------------------


def test_every_risk_is_one_of_the_five() -> None:
    risks = {r.risk for r in _catalog_routes()} | {b.risk for b in R.BULK_ACTIONS}
    assert risks <= set(R.RISKS)


def test_covered_password_routes_have_risk_password() -> None:
    table = {_key(m, p) for m, p, _ in ROUTES}
    covered = _coverage()
    assert len(PASSWORD_ROUTES) == 19
    for method, path in PASSWORD_ROUTES:
        key = _key(method, path)
        assert key in table, f"{method} {path} missing from ROUTES"
        wrong = [name for name, risk in covered.get(key, []) if risk != "password"]
        assert not wrong, f"{method} {path} covered without risk password: {wrong}"


def test_only_password_routes_have_risk_password() -> None:
    password = {_key(m, p) for m, p in PASSWORD_ROUTES}
    for key, actions in _coverage().items():
        for name, risk in actions:
            assert (risk == "password") == (key in password), name


def test_bulk_risks_follow_the_design() -> None:
    by_verb = {"archive": "write", "restore": "write", "delete": "destructive",
               "cancel": "destructive", "auto": "destructive", "email": "send",
               "print": "read"}
    for row in _named_bulk():
        verb = row.name.split("_", 1)[0]
        if row.resource == "users":
            assert row.risk == "password", row.name
        elif verb in by_verb:
            assert row.risk == by_verb[verb], row.name


def test_read_only_routes_only_read() -> None:
    for route in _catalog_routes():
        # GET users/{id} reads, but behind the password middleware: read-only, risk password.
        if route.read_only:
            assert route.risk in ("read", "password"), route.name
        if route.method == "GET":
            assert route.read_only, route.name
        if route.risk == "read":
            assert route.read_only, route.name


# --- (e) resources ---------------------------------------------------------------------------


def test_resources_are_the_entities_of_section_1() -> None:
    paths = [r.path for r in R.RESOURCES]
    assert len(paths) == len(set(paths))
    assert sorted(paths) == sorted(ENTITIES)


def test_every_resource_has_a_toolset_and_permissions() -> None:
    for res in R.RESOURCES:
        assert res.toolset in R.TOOLSETS, res.path
        assert res.permission and _SNAKE.match(res.permission), res.path
        assert res.singular != res.plural, res.path
        assert set(res.routes) <= {"index", "create", "store", "show", "edit", "update",
                                   "destroy"}, res.path
        for verb in ("view", "create", "edit", "bulk"):
            assert _PERMISSION.match(res.permission_for(verb)), (res.path, verb)
        if res.admin_only:
            assert res.permission_for("create") == res.permission_for("bulk") == "admin"


def test_special_routes_are_well_formed() -> None:
    for route in R.SPECIAL_ROUTES:
        assert route.toolset in R.TOOLSETS, route.name
        assert _PERMISSION.match(route.permission), route.name
        assert route.method in ("GET", "POST", "PUT", "DELETE"), route.name
        assert not route.path.startswith(("/", "api/")), route.name
        for placeholder, values in route.choices:
            assert f"{{{placeholder}}}" in route.path and values, route.name
        if route.resource:
            assert R.resource(route.resource), route.name
        if "{id}" in route.path:
            assert route.resource, f"{route.name}: whose id is {{id}}?"


def test_every_toolset_is_used() -> None:
    used = {r.toolset for r in R.RESOURCES} | {s.toolset for s in R.SPECIAL_ROUTES}
    assert used == set(R.TOOLSETS)


def test_filters_are_well_formed() -> None:
    for res in R.RESOURCES:
        filters = res.list_filters()
        assert len({f.name for f in filters}) == len(filters), res.path
        for f in filters:
            assert f.description, (res.path, f.name)
            assert (f.kind in ("choice", "choices")) == bool(f.choices), (res.path, f.name)
        if res.include_status_default:
            assert "archive" in res.capabilities, res.path
        assert len(dict(res.statuses)) == len(res.statuses), res.path
        assert res.sort_columns, res.path


def test_filters_document_what_the_server_really_does() -> None:
    clients = {f.name: f for f in R.resource("clients").list_filters()}
    assert "100:gt" in clients["balance"].description
    assert clients["between_balance"].kind == "range"
    invoices = {f.name: f for f in R.resource("invoices").list_filters()}
    assert invoices["client_status"].choices == ("all", "draft", "paid", "unpaid", "overdue",
                                                 "cancelled")
    assert {"filter", "number", "client_id", "date_range", "status", "sort", "created_at",
            "updated_at", "is_deleted"} <= set(invoices)
    assert dict(R.resource("invoices").statuses)["6"] == "reversed"


def test_resource_lookup() -> None:
    assert R.resource("invoices").singular == "invoice"
    with pytest.raises(KeyError, match="nope"):
        R.resource("nope")
