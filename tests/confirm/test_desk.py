"""The desk: one question per call, read once; single use; expiry; binding to the principal and
the arguments; targets re-read after the yes; the status and outcome faces read."""

from __future__ import annotations

import anyio
import httpx
import pytest

from ninja_tools.confirm import ConfirmationNotFound, ConfirmationPending, Desk, PageConfirmer
from ninja_tools.errors import ConfirmationRefused
from ninja_tools.policy import Principal
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import ALICE, PAGE, Clock, Recorder, by_name

MALLORY = Principal(id="mallory")


async def reprice(api: httpx.AsyncClient, invoice: str) -> None:
    """Change an invoice's amount behind the desk's back."""
    answer = await api.put(f"/invoices/{invoice}", json={
        "line_items": [{"product_key": "x", "quantity": 1, "cost": 5}]})
    assert answer.status_code == 200, answer.text


def invoice_numbered(state: SandboxState, number: str) -> str:
    return str(state.store.where("invoice", number=number)[0]["id"])


async def test_question_names_each_target_with_client_and_amount(
    toolbox: Toolbox, desk: Desk, state: SandboxState
) -> None:
    three = [invoice_numbered(state, n) for n in ("0001", "0002", "0003")]
    pending = await desk.open(await toolbox.prepare("delete_invoices", {"ids": three}, ALICE))
    assert pending.question == (
        "Delete 3 invoices: 0001 Acme Corporation 1,200.00 USD, 0002 Globex 1,368.00 USD, "
        "0003 Umbrella Corp 75.00 USD.")
    assert pending.url == f"{PAGE}/confirm/{pending.id}"
    assert pending.needs == "yes" and pending.risk == "destructive"


async def test_purge_and_merge_questions_say_what_goes(
    toolbox: Toolbox, desk: Desk, state: SandboxState
) -> None:
    acme, globex = by_name(state, "client", "Acme Corporation"), by_name(state, "client", "Globex")
    invoices = len(state.store.where("invoice", client_id=acme["id"]))
    payments = len(state.store.where("payment", client_id=acme["id"]))
    purge = await desk.open(await toolbox.prepare("purge_client", {"id": acme["id"]}, ALICE))
    assert purge.question.startswith("Purge client Acme Corporation (0001, balance 3,384.00 USD)")
    assert f"{invoices} invoices" in purge.question and f"{payments} payments" in purge.question
    assert purge.needs == "password"
    merge = await desk.open(await toolbox.prepare(
        "merge_clients", {"id": acme["id"], "mergeable_id": globex["id"]}, ALICE))
    assert merge.question.startswith("Merge client Globex (0002")
    assert "into Acme Corporation (0001" in merge.question
    assert "Globex is then removed for good" in merge.question


async def test_the_question_is_built_once_and_stays_the_same(
    toolbox: Toolbox, desk: Desk, state: SandboxState, recorder: Recorder
, elsewhere: httpx.AsyncClient) -> None:
    invoice = invoice_numbered(state, "0001")
    first = await desk.open(await toolbox.prepare("delete_invoice", {"id": invoice}, ALICE))
    await reprice(elsewhere, invoice)
    reads = len(recorder.sent)
    again = await desk.open(await toolbox.prepare("delete_invoice", {"id": invoice}, ALICE))
    assert again == first  # same id, same question, though the invoice changed meanwhile
    assert len(recorder.sent) == reads  # not read again
    other = await desk.open(await toolbox.prepare("delete_invoice", {"id": invoice}, MALLORY))
    assert other.id != first.id
    assert len(first.id) >= 22 and first.id != other.id  # 128 random bits, URL-safe


async def test_approve_runs_once_and_keeps_the_outcome(
    toolbox: Toolbox, desk: Desk, state: SandboxState, recorder: Recorder
) -> None:
    invoice = invoice_numbered(state, "0002")
    pending = await desk.open(await toolbox.prepare("delete_invoice", {"id": invoice}, ALICE))
    assert (await desk.status(pending.id)).state == "pending"
    assert recorder.writes() == []
    done = await desk.approve(pending.id, principal=ALICE)
    assert done.state == "done" and done.outcome and done.outcome["id"] == invoice
    assert state.store.get("invoice", invoice)["is_deleted"]
    assert recorder.writes() == [("DELETE", f"/api/v1/invoices/{invoice}")]
    with pytest.raises(ConfirmationRefused, match="already used"):
        await desk.approve(pending.id, principal=ALICE)
    with pytest.raises(ConfirmationRefused, match="already used"):
        await desk.refuse(pending.id)
    assert len(recorder.writes()) == 1
    assert (await desk.status(pending.id)).as_dict()["state"] == "done"


async def test_expired_confirmations_execute_nothing(
    toolbox: Toolbox, desk: Desk, clock: Clock, state: SandboxState, recorder: Recorder
) -> None:
    invoice = invoice_numbered(state, "0003")
    pending = await desk.open(await toolbox.prepare("delete_invoice", {"id": invoice}, ALICE))
    clock.advance(9 * 60)
    assert (await desk.status(pending.id)).state == "pending"
    clock.advance(61)
    with pytest.raises(ConfirmationRefused, match="expired"):
        await desk.approve(pending.id)
    status = await desk.status(pending.id)
    assert status.state == "expired" and "nothing was done" in status.message
    assert recorder.writes() == []
    assert not state.store.get("invoice", invoice)["is_deleted"]
    fresh = await desk.open(await toolbox.prepare("delete_invoice", {"id": invoice}, ALICE))
    assert fresh.id != pending.id  # an expired one is never handed out again


async def test_bound_to_the_principal(
    toolbox: Toolbox, desk: Desk, state: SandboxState, recorder: Recorder
) -> None:
    invoice = invoice_numbered(state, "0004")
    pending = await desk.open(await toolbox.prepare("delete_invoice", {"id": invoice}, ALICE))
    with pytest.raises(ConfirmationRefused, match="someone else"):
        await desk.approve(pending.id, principal=MALLORY)
    with pytest.raises(ConfirmationRefused, match="someone else"):
        await desk.refuse(pending.id, principal=MALLORY)
    assert recorder.writes() == []
    assert (await desk.status(pending.id)).state == "pending"  # and the owner still can
    assert (await desk.approve(pending.id, principal=ALICE)).state == "done"


async def test_bound_to_the_exact_arguments(
    toolbox: Toolbox, desk: Desk, state: SandboxState, recorder: Recorder
) -> None:
    one, two = invoice_numbered(state, "0001"), invoice_numbered(state, "0002")
    asked = await toolbox.prepare("delete_invoices", {"ids": [one]}, ALICE)
    pending = await desk.open(asked)
    other = await toolbox.prepare("delete_invoices", {"ids": [one, two]}, ALICE)
    with pytest.raises(ConfirmationRefused, match="other arguments"):
        await desk.approve(pending.id, call=other)
    someone = await toolbox.prepare("delete_invoices", {"ids": [one]}, MALLORY)
    with pytest.raises(ConfirmationRefused, match="someone else"):
        await desk.approve(pending.id, call=someone)
    assert recorder.writes() == []
    same = await toolbox.prepare("delete_invoices", {"ids": one}, ALICE)  # "a" == ["a"]
    assert (await desk.approve(pending.id, call=same)).state == "done"
    assert not state.store.get("invoice", two)["is_deleted"]


async def test_changed_targets_are_refused_and_nothing_is_sent(
    toolbox: Toolbox, desk: Desk, state: SandboxState, recorder: Recorder
, elsewhere: httpx.AsyncClient) -> None:
    three = [invoice_numbered(state, n) for n in ("0001", "0002", "0003")]
    pending = await desk.open(await toolbox.prepare("delete_invoices", {"ids": three}, ALICE))
    await reprice(elsewhere, three[1])
    before = len(recorder.writes())
    status = await desk.approve(pending.id, principal=ALICE)
    assert status.state == "refused"
    assert "0002 Globex 1,368.00 USD changed" in status.message
    assert recorder.writes()[before:] == []
    assert not any(state.store.get("invoice", i)["is_deleted"] for i in three)


async def test_a_purged_target_is_refused(
    toolbox: Toolbox, desk: Desk, state: SandboxState, recorder: Recorder
) -> None:
    globex = by_name(state, "client", "Globex")["id"]
    pending = await desk.open(await toolbox.prepare("delete_client", {"id": globex}, ALICE))
    state.store.remove("client", globex)  # gone by other means meanwhile
    status = await desk.approve(pending.id)
    assert status.state == "refused" and "no longer exists" in status.message
    assert recorder.writes() == []


async def test_new_records_under_a_client_change_its_purge(
    toolbox: Toolbox, desk: Desk, state: SandboxState, recorder: Recorder
, elsewhere: httpx.AsyncClient) -> None:
    globex = by_name(state, "client", "Globex")["id"]
    pending = await desk.open(await toolbox.prepare("purge_client", {"id": globex}, ALICE))
    made = await elsewhere.post("/invoices", json={"client_id": globex, "line_items": [
        {"product_key": "more", "quantity": 1, "cost": 10}]})
    assert made.status_code == 200
    before = len(recorder.writes())
    status = await desk.approve(pending.id, password="sandbox-password")
    assert status.state == "refused" and "changed" in status.message
    assert recorder.writes()[before:] == []
    assert state.store.get("client", globex) is not None


async def test_cancel_refuses_and_ends_it(
    toolbox: Toolbox, desk: Desk, state: SandboxState, recorder: Recorder
) -> None:
    invoice = invoice_numbered(state, "0001")
    pending = await desk.open(await toolbox.prepare("delete_invoice", {"id": invoice}, ALICE))
    status = await desk.refuse(pending.id, principal=ALICE)
    assert (status.state, status.message) == ("refused", "Cancelled; nothing was done.")
    with pytest.raises(ConfirmationRefused):
        await desk.approve(pending.id)
    assert recorder.writes() == []


async def test_unknown_ids_are_refused(desk: Desk) -> None:
    with pytest.raises(ConfirmationNotFound):
        await desk.status("A" * 22)
    with pytest.raises(ConfirmationNotFound):
        await desk.approve("A" * 22)


async def test_page_confirmer_stops_the_call_with_a_link(
    toolbox: Toolbox, desk: Desk, state: SandboxState, recorder: Recorder
) -> None:
    invoice = invoice_numbered(state, "0001")
    confirmer = PageConfirmer(desk, ALICE)
    with pytest.raises(ConfirmationPending) as first:
        await toolbox.run("delete_invoice", {"id": invoice}, ALICE, confirmer)
    with pytest.raises(ConfirmationPending) as again:
        await toolbox.run("delete_invoice", {"id": invoice}, ALICE, confirmer)
    assert again.value.pending == first.value.pending
    assert first.value.pending.url in str(first.value)
    assert recorder.writes() == []
    status = await desk.approve(first.value.pending.id, principal=ALICE)
    assert status.state == "done" and state.store.get("invoice", invoice)["is_deleted"]


async def test_wrong_passwords_run_out(
    toolbox: Toolbox, desk: Desk, state: SandboxState, recorder: Recorder
) -> None:
    globex = by_name(state, "client", "Globex")["id"]
    pending = await desk.open(await toolbox.prepare("purge_client", {"id": globex}, ALICE))
    missing = await desk.approve(pending.id)
    assert missing.state == "pending" and "Type the Invoice Ninja password" in str(missing.error)
    for left in (4, 3, 2, 1):
        status = await desk.approve(pending.id, password="wrong")
        assert (status.state, status.attempts_left) == ("pending", left)
        assert "did not accept that password" in str(status.error)
    last = await desk.approve(pending.id, password="wrong")
    assert last.state == "refused" and "last try" in last.message
    with pytest.raises(ConfirmationRefused):
        await desk.approve(pending.id, password="sandbox-password")
    assert state.store.get("client", globex) is not None
    assert [p for _, p in recorder.writes()] == [f"/api/v1/clients/{globex}/purge"] * 5


async def test_nothing_handed_out_holds_a_secret(
    toolbox: Toolbox, desk: Desk, state: SandboxState
) -> None:
    globex = by_name(state, "client", "Globex")["id"]
    pending = await desk.open(await toolbox.prepare("purge_client", {"id": globex}, ALICE))
    token = desk.form_token(pending.id)
    status = await desk.approve(pending.id, password="sandbox-password-wrong")
    shown = " ".join([repr(pending), str(pending.as_dict()), repr(status), str(status.as_dict()),
                      repr(desk), str(await desk.status(pending.id))])
    assert token not in shown and "sandbox-password" not in shown
    assert set(pending.as_dict()) == {"confirmation_id", "action", "risk", "question", "url",
                                      "expires_at", "needs"}


async def test_audit_records_declines_and_runs(
    toolbox: Toolbox, desk: Desk, state: SandboxState, tmp_path: object
) -> None:
    from pathlib import Path

    from ninja_tools.audit import AuditLog

    assert isinstance(tmp_path, Path)
    toolbox.audit = AuditLog(tmp_path / "audit.jsonl")
    one, two = invoice_numbered(state, "0001"), invoice_numbered(state, "0002")
    cancelled = await desk.open(await toolbox.prepare("delete_invoice", {"id": one}, ALICE))
    await desk.refuse(cancelled.id, how="cancelled on the confirm page")
    done = await desk.open(await toolbox.prepare("delete_invoice", {"id": two}, ALICE))
    await desk.approve(done.id)
    entries = toolbox.audit.entries()
    assert [(e["outcome"], e["confirmed"], e["targets"]) for e in entries] == [
        ("declined", "cancelled on the confirm page", [one]),
        ("done", "confirmed on the confirm page", [two]),
    ]



async def test_two_answers_at_once_run_it_once(
    toolbox: Toolbox, desk: Desk, state: SandboxState, recorder: Recorder
) -> None:
    invoice = invoice_numbered(state, "0001")
    pending = await desk.open(await toolbox.prepare("delete_invoice", {"id": invoice}, ALICE))
    outcomes: list[str] = []

    async def answer() -> None:
        try:
            outcomes.append((await desk.approve(pending.id)).state)
        except ConfirmationRefused:
            outcomes.append("refused")

    async with anyio.create_task_group() as group:
        group.start_soon(answer)
        group.start_soon(answer)
    assert sorted(outcomes) == ["done", "refused"]
    assert recorder.writes() == [("DELETE", f"/api/v1/invoices/{invoice}")]


async def test_wait_returns_once_settled(
    toolbox: Toolbox, desk: Desk, state: SandboxState
) -> None:
    invoice = invoice_numbered(state, "0001")
    pending = await desk.open(await toolbox.prepare("delete_invoice", {"id": invoice}, ALICE))
    assert (await desk.wait(pending.id, timeout=0.01)).state == "pending"
    async with anyio.create_task_group() as group:
        group.start_soon(desk.approve, pending.id)
        settled = await desk.wait(pending.id, timeout=5)
    assert settled.state == "done"
