"""Deterministic demo data, declared as tables and loaded through the normal save path.

Dates are relative to the sandbox's today. Records are created with the same
pipeline as API calls (validation, numbering, totals, invitations, save hooks), so
data added by later domain modules (money flows) stays consistent. To extend the
demo, add rows to the tables below or write another seed function and list it in
``SEEDS``; ``create_app(seed=...)`` also accepts any ``(state, options) -> None``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from . import records
from .account import add_user
from .auth import Actor
from .calls import Call
from .ops_seed import seed_operations
from .state import SandboxState, SeedFunction, SeedOptions
from .store import Record
from .writes import save

RESTRICTED_TOKEN = "sandbox-restricted-token"
RESTRICTED_PASSWORD = "restricted-password"
GOOGLE_TOKEN = "sandbox-google-token"
RESTRICTED_PERMISSIONS = "view_client,view_invoice,create_client"


@dataclass(frozen=True)
class SeedUser:
    """One user with its token; ``key`` names it for the other tables (``owner``...)."""

    key: str
    first_name: str
    last_name: str
    email: str
    token: str | None
    password: str | None
    purpose: str
    permissions: str = ""
    is_owner: bool = False
    is_admin: bool = False
    is_locked: bool = False
    oauth_provider_id: str = ""


def demo_users(options: SeedOptions) -> list[SeedUser]:
    return [
        SeedUser(
            "owner",
            "Sandra",
            "Owner",
            "owner@sandbox.test",
            options.token,
            options.password,
            "account owner: every permission",
            is_owner=True,
            is_admin=True,
        ),
        SeedUser(
            "restricted",
            "Ray",
            "Stricted",
            "ray@sandbox.test",
            RESTRICTED_TOKEN,
            RESTRICTED_PASSWORD,
            f"restricted user ({RESTRICTED_PERMISSIONS}); owns Initech, assigned one invoice",
            permissions=RESTRICTED_PERMISSIONS,
        ),
        SeedUser(
            "google",
            "Gina",
            "Google",
            "gina@sandbox.test",
            GOOGLE_TOKEN,
            None,
            "admin who signs in with Google (no password; passes password checks)",
            is_admin=True,
            oauth_provider_id="google",
        ),
    ]


@dataclass(frozen=True)
class Row:
    """A record to create: its resource, body, and who creates / is assigned to it."""

    route: str
    body: dict[str, Any]
    by: str = "owner"
    assigned: str | None = None
    ref: str | None = None  # name other rows use in "@ref" values
    days_ago: dict[str, int] = field(default_factory=dict)  # date fields relative to today


DEMO_ROWS: tuple[Row, ...] = (
    Row("tax_rates", {"name": "GST", "rate": 10}),
    Row("tax_rates", {"name": "VAT", "rate": 20}),
    Row(
        "products",
        {
            "product_key": "consulting",
            "notes": "Consulting, per hour",
            "cost": 150,
            "price": 150,
            "quantity": 1,
        },
    ),
    Row(
        "products",
        {
            "product_key": "design",
            "notes": "Design work, per hour",
            "cost": 95,
            "price": 95,
            "quantity": 1,
        },
    ),
    Row(
        "products",
        {
            "product_key": "hosting",
            "notes": "Managed hosting, per month",
            "cost": 25,
            "price": 25,
            "quantity": 1,
        },
    ),
    Row(
        "products",
        {
            "product_key": "support",
            "notes": "Support plan, per month",
            "cost": 60,
            "price": 60,
            "quantity": 1,
            "tax_name1": "GST",
            "tax_rate1": 10,
        },
    ),
    Row(
        "clients",
        {
            "name": "Acme Corporation",
            "website": "https://acme.example",
            "city": "Springfield",
            "country_id": "840",
            "contacts": [
                {
                    "first_name": "Wile",
                    "last_name": "Coyote",
                    "email": "wile@acme.example",
                    "send_email": True,
                },
                {
                    "first_name": "Road",
                    "last_name": "Runner",
                    "email": "road@acme.example",
                    "send_email": False,
                },
            ],
        },
        ref="acme",
    ),
    Row(
        "clients",
        {
            "name": "Globex",
            "country_id": "840",
            "contacts": [
                {"first_name": "Hank", "last_name": "Scorpio", "email": "hank@globex.example"}
            ],
        },
        ref="globex",
    ),
    Row(
        "clients",
        {
            "name": "Initech",
            "id_number": "IN-42",
            "contacts": [
                {"first_name": "Bill", "last_name": "Lumbergh", "email": "bill@initech.example"}
            ],
        },
        by="restricted",
        ref="initech",
    ),
    Row(
        "clients",
        {
            "name": "Umbrella Corp",
            "country_id": "826",
            "contacts": [
                {"first_name": "Albert", "last_name": "Wesker", "email": "wesker@umbrella.example"}
            ],
        },
        ref="umbrella",
    ),
    Row(
        "clients",
        {
            "name": "Stark Industries",
            "contacts": [
                {"first_name": "Pepper", "last_name": "Potts", "email": "pepper@stark.example"}
            ],
        },
        ref="stark",
    ),
    Row(
        "vendors",
        {
            "name": "Office Supplies Ltd",
            "contacts": [
                {"first_name": "Olive", "last_name": "Office", "email": "olive@supplies.example"}
            ],
        },
        ref="supplies",
    ),
    Row(
        "vendors",
        {
            "name": "Cloud Hosting Inc",
            "contacts": [
                {"first_name": "Cirrus", "last_name": "Cloud", "email": "ops@cloudhosting.example"}
            ],
        },
    ),
    Row("expense_categories", {"name": "Travel"}),
    Row("expense_categories", {"name": "Software"}),
    Row("expense_categories", {"name": "Office"}),
    Row(
        "invoices",
        {
            "client_id": "@acme",
            "line_items": [
                {
                    "product_key": "consulting",
                    "notes": "Strategy workshop",
                    "quantity": 8,
                    "cost": 150,
                }
            ],
        },
        days_ago={"date": 3},
    ),
    Row(
        "invoices",
        {
            "client_id": "@globex",
            "line_items": [
                {
                    "product_key": "design",
                    "notes": "Landing page",
                    "quantity": 12,
                    "cost": 95,
                    "tax_name1": "VAT",
                    "tax_rate1": 20,
                }
            ],
        },
        assigned="restricted",
        days_ago={"date": 1},
    ),
    Row(
        "invoices",
        {
            "client_id": "@umbrella",
            "line_items": [
                {"product_key": "hosting", "notes": "Hosting, 3 months", "quantity": 3, "cost": 25}
            ],
        },
    ),
)


def seed_call(state: SandboxState, user: Record) -> Call:
    """A Call that acts as ``user`` outside any HTTP request (for seeding and scripts)."""
    scope = {
        "type": "http",
        "method": "POST",
        "scheme": "http",
        "server": ("sandbox", 80),
        "path": "/",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"sandbox")],
    }
    token = next(t for t in state.auth.tokens.values() if t.user_id == user["id"])
    actor = Actor(user=user, company_user=state.auth.company_users[user["id"]], token=token)
    return Call(request=Request(scope), state=state, actor=actor)


def make_company(state: SandboxState, name: str = "Sandbox Co") -> Record:
    company = records.blank("company")
    now = state.now()
    company.update(
        id=state.store.new_id("company"),
        company_key="sandboxcompanykey0000000000000001",
        default_password_timeout=1_800_000,
        oauth_password_required=False,
        created_at=now,
        updated_at=now,
    )
    company["settings"].update(
        name=name, currency_id="1", country_id="840", email="billing@sandbox.test"
    )
    return state.store.add("company", company)


def load_users(state: SandboxState, users: list[SeedUser]) -> dict[str, Record]:
    return {
        u.key: add_user(
            state,
            first_name=u.first_name,
            last_name=u.last_name,
            email=u.email,
            token=u.token,
            password=u.password,
            permissions=u.permissions,
            is_owner=u.is_owner,
            is_admin=u.is_admin,
            is_locked=u.is_locked,
            oauth_provider_id=u.oauth_provider_id,
            purpose=u.purpose,
        )
        for u in users
    }


def load_rows(
    state: SandboxState, users: dict[str, Record], rows: tuple[Row, ...]
) -> dict[str, Record]:
    refs: dict[str, Record] = {}
    today = state.clock.today()
    for row in rows:
        body = {
            k: (refs[v[1:]]["id"] if isinstance(v, str) and v.startswith("@") else v)
            for k, v in row.body.items()
        }
        for name, days in row.days_ago.items():
            body[name] = (today - dt.timedelta(days=days)).isoformat()
        if row.assigned:
            body["assigned_user_id"] = users[row.assigned]["id"]
        call = seed_call(state, users[row.by])
        record = save(call, state.registry.spec(row.route), None, body)
        if row.ref:
            refs[row.ref] = record
    return refs


def basics(state: SandboxState, options: SeedOptions) -> None:
    """Sandbox Co with three users, tax rates, products, clients, vendors and three draft
    invoices: the demo's foundations, small enough for tests that count rows."""
    make_company(state)
    load_rows(state, load_users(state, demo_users(options)), DEMO_ROWS)


def demo(state: SandboxState, options: SeedOptions) -> None:
    """The basics plus money and operations: invoices in every status, quotes, credits,
    payments, recurring invoices, expenses, projects, tasks, purchase orders, documents."""
    make_company(state)
    users = load_users(state, demo_users(options))
    load_rows(state, users, DEMO_ROWS)
    seed_operations(state, users)
    __import__("ninja_tools.sandbox.money_seed", fromlist=["seed_money"]).seed_money(state)
    __import__("ninja_tools.sandbox.tail_seed", fromlist=["x"]).seed_long_tail(state, users)


def empty(state: SandboxState, options: SeedOptions) -> None:
    """Just the company and its owner."""
    make_company(state)
    load_users(state, demo_users(options)[:1])


def with_users(users: list[SeedUser], rows: tuple[Row, ...] = DEMO_ROWS) -> SeedFunction:
    """A seed with your own users/tokens (the first must be able to create every row)."""

    def seed(state: SandboxState, options: SeedOptions) -> None:
        make_company(state)
        loaded = load_users(state, users)
        load_rows(state, loaded, rows)

    return seed


SEEDS: dict[str, SeedFunction] = {"demo": demo, "basics": basics, "empty": empty}
