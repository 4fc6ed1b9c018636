"""purge_client, merge_clients and merge_vendors: confirmed by a human, password on every call."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from ninja_tools.actions.admin import ClientMerge, PurgeResult, VendorMerge
from ninja_tools.errors import ConfirmationRequired, InvalidInput, PasswordRejected
from ninja_tools.sandbox import SandboxState
from ninja_tools.sandbox.merge import CHILD_KINDS
from ninja_tools.toolbox import Toolbox

from .conftest import Recorder, Yes

OWNED = (*CHILD_KINDS, "recurring_quote")


def named(state: SandboxState, kind: str, name: str) -> dict[str, Any]:
    return next(r for r in state.store.rows(kind) if r.get("name") == name)


def owned(state: SandboxState, client_id: str) -> list[dict[str, Any]]:
    return [r for kind in OWNED for r in state.store.where(kind, client_id=client_id)]


async def test_purge_removes_the_client_and_everything_of_it(
    toolbox: Toolbox, state: SandboxState, yes: Yes
) -> None:
    acme = named(state, "client", "Acme Corporation")
    assert owned(state, acme["id"])
    result = await toolbox.run("purge_client", {"id": acme["id"]}, confirmer=yes)
    assert isinstance(result, PurgeResult) and result.purged == "Acme Corporation"
    assert yes.asked == [("purge_client", "password")]
    assert state.store.get("client", acme["id"]) is None
    assert owned(state, acme["id"]) == []


async def test_wrong_password_is_rejected_and_nothing_is_purged(
    toolbox: Toolbox, state: SandboxState
) -> None:
    acme = named(state, "client", "Acme Corporation")
    things = len(owned(state, acme["id"]))
    with pytest.raises(PasswordRejected):
        await toolbox.run("purge_client", {"id": acme["id"]}, confirmer=Yes("not-the-password"))
    assert state.store.get("client", acme["id"]) is not None
    assert len(owned(state, acme["id"])) == things


async def test_password_is_sent_even_when_the_login_cache_is_warm(
    toolbox: Toolbox, state: SandboxState, recorder: Recorder, yes: Yes
) -> None:
    await toolbox.run("purge_client", {"id": named(state, "client", "Initech")["id"]},
                      confirmer=yes)
    assert state.auth.login_cache, "the first call should have warmed the login cache"
    recorder.forget()
    stark = named(state, "client", "Stark Industries")
    await toolbox.run("purge_client", {"id": stark["id"]}, confirmer=yes)
    purges = recorder.to("/purge")
    assert len(purges) == 1
    encoded = base64.b64encode(b"sandbox-password").decode()
    assert purges[0].headers["x-api-password-base64"] == encoded
    assert all("x-api-password" not in r.headers for r in recorder.requests
               if not r.path.endswith("/purge")), "the password goes out on the protected call only"


async def test_without_a_password_nothing_is_sent(
    toolbox: Toolbox, state: SandboxState, recorder: Recorder
) -> None:
    acme = named(state, "client", "Acme Corporation")
    for name, args in (("purge_client", {"id": acme["id"]}),
                       ("merge_clients", {"id": acme["id"],
                                          "mergeable_id": named(state, "client", "Globex")["id"]})):
        with pytest.raises(ConfirmationRequired, match="password"):
            await toolbox.run(name, args, confirmer=Yes(password=None))
    assert recorder.sent == []


async def test_merge_clients_moves_records_and_contacts(
    toolbox: Toolbox, state: SandboxState, yes: Yes
) -> None:
    acme, globex = named(state, "client", "Acme Corporation"), named(state, "client", "Globex")
    moving = [r["id"] for r in owned(state, globex["id"])]
    result = await toolbox.run("merge_clients", {"id": acme["id"], "mergeable_id": globex["id"]},
                               confirmer=yes)
    assert isinstance(result, ClientMerge) and result.merged == "Globex"
    assert result.client.id == acme["id"]
    assert "hank@globex.example" in {c.email for c in result.client.contacts or []}
    assert state.store.get("client", globex["id"]) is None
    assert moving and set(moving) <= {r["id"] for r in owned(state, acme["id"])}


async def test_merge_vendors_moves_expenses(
    toolbox: Toolbox, state: SandboxState, yes: Yes
) -> None:
    keep = named(state, "vendor", "Office Supplies Ltd")
    other = named(state, "vendor", "Cloud Hosting Inc")
    moving = [e["id"] for e in state.store.where("expense", vendor_id=other["id"])]
    result = await toolbox.run("merge_vendors", {"id": keep["id"], "mergeable_id": other["id"]},
                               confirmer=yes)
    assert isinstance(result, VendorMerge) and result.merged == "Cloud Hosting Inc"
    assert result.vendor.id == keep["id"] and state.store.get("vendor", other["id"]) is None
    assert moving and all((state.store.get("expense", i) or {})["vendor_id"] == keep["id"]
                          for i in moving)


async def test_invalid_input_fails_before_asking_or_sending(
    toolbox: Toolbox, state: SandboxState, recorder: Recorder, yes: Yes
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("purge_client", {"id": "no/such id"}, confirmer=yes)
    assert "id" in caught.value.field_errors
    acme = named(state, "client", "Acme Corporation")["id"]
    for name in ("merge_clients", "merge_vendors"):
        with pytest.raises(InvalidInput) as caught:
            await toolbox.run(name, {"id": acme}, confirmer=yes)
        assert "mergeable_id" in caught.value.field_errors
        with pytest.raises(InvalidInput):
            await toolbox.run(name, {"id": acme, "mergeable_id": acme}, confirmer=yes)
    assert recorder.sent == [] and yes.asked == []
