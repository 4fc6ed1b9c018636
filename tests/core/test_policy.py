"""The policy, through Toolbox.run against the sandbox: settings, token permissions, roles."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from ninja_tools import NinjaClient, PolicyDenied, Settings
from ninja_tools.actions import catalog
from ninja_tools.audit import AuditLog
from ninja_tools.identity import fetch_identity
from ninja_tools.policy import Policy, Principal
from ninja_tools.sandbox import SandboxState, create_app
from ninja_tools.toolbox import Toolbox

from ..actions.conftest import Recorder, Yes


@pytest.fixture
def app() -> Any:
    return create_app()


@pytest.fixture
def state(app: Any) -> SandboxState:
    sandbox: SandboxState = app.state.sandbox
    return sandbox


def _box(app: Any, token: str, recorder: Recorder | None = None, *,
         audit: AuditLog | None = None, **policy: Any) -> Toolbox:
    client = NinjaClient(Settings.load(url="http://sandbox.test", token=token),
                         transport=recorder or httpx.ASGITransport(app=app))
    return Toolbox(client, policy=Policy(identity=lambda: fetch_identity(client), **policy),
                   audit=audit)


@pytest.fixture
async def restricted(app: Any) -> AsyncIterator[tuple[Toolbox, Recorder]]:
    recorder = Recorder(app)
    box = _box(app, "sandbox-restricted-token", recorder)
    yield box, recorder
    await box.client.aclose()


def _client_named(state: SandboxState, name: str) -> dict[str, Any]:
    return next(c for c in state.store.rows("client") if c["name"] == name)


async def test_what_the_user_can_never_do_is_hidden_and_refused_naming_the_permission(
    restricted: tuple[Toolbox, Recorder], state: SandboxState,
) -> None:
    box, recorder = restricted
    visible = {a.name for a in await box.visible()}
    assert "list_invoices" in visible and "create_client" in visible
    assert "create_invoice" not in visible and "purge_client" not in visible
    assert box.policy is not None
    await box.policy.whoami()
    recorder.forget()
    with pytest.raises(PolicyDenied) as caught:
        await box.run("create_product", {"fields": {"product_key": "x"}})
    assert "create_product" in caught.value.message
    assert recorder.sent == []
    with pytest.raises(PolicyDenied) as caught:
        await box.run("refresh_bank_accounts", {})
    assert "administrator" in caught.value.message


async def test_editing_a_record_the_user_owns_still_works(
    restricted: tuple[Toolbox, Recorder], state: SandboxState,
) -> None:
    box, _ = restricted
    own, other = _client_named(state, "Initech"), _client_named(state, "Acme Corporation")
    result = await box.run("archive_clients", {"ids": [own["id"], other["id"]]})
    outcomes = {r.id: r.outcome for r in result.results}  # type: ignore[attr-defined]
    assert outcomes == {own["id"]: "done", other["id"]: "unchanged"}
    assert state.store.get("client", own["id"])["archived_at"]
    assert not state.store.get("client", other["id"])["archived_at"]


async def test_read_only_refuses_every_write_even_when_allowed_by_name(app: Any) -> None:
    recorder = Recorder(app)
    box = _box(app, "sandbox-token", recorder, read_only=True)
    writes = [a for a in catalog() if a.risk != "read"]
    visible = {a.name for a in await box.visible()}
    assert not visible & {a.name for a in writes}
    recorder.forget()
    with pytest.raises(PolicyDenied) as caught:
        await box.run("archive_clients", {"ids": ["abcdefghij"]})
    assert "read-only" in caught.value.message and recorder.sent == []
    assert (await box.run("list_clients", {})).count  # type: ignore[attr-defined]


async def test_the_deny_list_wins(app: Any) -> None:
    box = _box(app, "sandbox-token", exclude=frozenset({"list_clients"}))
    with pytest.raises(PolicyDenied) as caught:
        await box.run("list_clients", {})
    assert "NINJA_EXCLUDE_TOOLS" in caught.value.message


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("viewer", {"read"}), ("clerk", {"read", "write", "send"}),
     ("admin", {"read", "write", "send", "destructive", "password"})],
)
async def test_roles_cap_the_risk(app: Any, role: Any, allowed: set[str]) -> None:
    box = _box(app, "sandbox-token")
    visible = await box.visible(Principal(id="u", role=role))
    assert {a.risk for a in visible} == allowed


async def test_audit_has_one_record_per_write_and_no_password(app: Any, tmp_path: Path,
                                                              state: SandboxState) -> None:
    log = AuditLog(tmp_path / "audit.jsonl")
    box = _box(app, "sandbox-token", audit=log)
    invoice = next(r for r in state.store.rows("invoice") if not r["is_deleted"])
    await box.run("list_invoices", {})
    await box.run("archive_invoices", {"ids": [invoice["id"]]})
    await box.run("delete_invoice", {"id": invoice["id"]}, confirmer=Yes())
    client = _client_named(state, "Globex")
    await box.run("purge_client", {"id": client["id"]}, confirmer=Yes("sandbox-password"))
    entries = log.entries()
    assert [e["action"] for e in entries] == ["archive_invoices", "delete_invoice",
                                              "purge_client"]
    assert all(e["outcome"] == "done" for e in entries)
    assert entries[1]["confirmed"] == "test" and invoice["id"] in entries[1]["targets"]
    assert "sandbox-password" not in log.path.read_text()
