"""Every destructive and password action of the catalog waits for a human: without one, or when
the human says no, nothing reaches Invoice Ninja; a question opened and cancelled only reads."""

from __future__ import annotations

import pytest

from ninja_tools.actions import catalog
from ninja_tools.actions.base import Action, Risk
from ninja_tools.confirm import Desk
from ninja_tools.errors import ConfirmationRefused, ConfirmationRequired, NotFound
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Confirmation, Toolbox

from .args import build
from .conftest import ALICE, Recorder

GATED = sorted(a.name for a in catalog() if a.risk in ("destructive", "password"))


class No:
    """A confirmer whose human always says no."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    async def confirm(self, action: Action, args: object, risk: Risk) -> Confirmation:
        self.asked.append(action.name)
        return Confirmation(approved=False, how="the human said no")


def test_the_catalog_has_gated_actions() -> None:
    assert {"purge_client", "merge_clients", "delete_invoices"} <= set(GATED)
    assert len(GATED) > 50


@pytest.mark.parametrize("name", GATED)
async def test_without_a_confirmer_nothing_is_sent(
    name: str, toolbox: Toolbox, state: SandboxState, recorder: Recorder
) -> None:
    args = build(toolbox.action(name), state).args
    call = await toolbox.prepare(name, args)
    assert toolbox.needs_human(call), f"{name} ({call.risk}) would run without a human"
    with pytest.raises(ConfirmationRequired):
        await toolbox.run(name, args)
    assert recorder.sent == []


@pytest.mark.parametrize("name", GATED)
async def test_a_declining_confirmer_sends_nothing(
    name: str, toolbox: Toolbox, state: SandboxState, recorder: Recorder
) -> None:
    no = No()
    with pytest.raises(ConfirmationRefused):
        await toolbox.run(name, build(toolbox.action(name), state).args, confirmer=no)
    assert no.asked == [name]
    assert recorder.sent == []


@pytest.mark.parametrize("name", GATED)
async def test_a_question_opened_and_cancelled_only_reads(
    name: str, toolbox: Toolbox, desk: Desk, state: SandboxState, recorder: Recorder
) -> None:
    built = build(toolbox.action(name), state)
    call = await toolbox.prepare(name, built.args, ALICE)
    if not built.real and any(k in built.args for k in ("id", "ids", "mergeable_id")):
        # the demo data has no record of this kind: the question cannot be built, and says so
        with pytest.raises(NotFound):
            await desk.open(call)
    else:
        pending = await desk.open(call)
        assert pending.question and pending.risk == call.risk
        status = await desk.refuse(pending.id)
        assert status.state == "refused"
    assert recorder.writes() == []
