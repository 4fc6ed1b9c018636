"""Every catalog action runs through ``Toolbox.run`` against a fresh sandbox and does its job.

Two parametrized tests over the whole catalog (never a hand-picked list): one runs each action
with valid arguments built from the sandbox's data (``catalog_args``) and checks its effect on
``state.store`` or the data it read (``catalog_checks``); the other gives each action an
invalid input and checks that ``InvalidInput`` names the field and that nothing was sent.
"""

from __future__ import annotations

from typing import Any

import pytest

from ninja_tools import NinjaClient, Settings
from ninja_tools.actions import catalog
from ninja_tools.actions.base import Action
from ninja_tools.errors import InvalidInput
from ninja_tools.sandbox import SandboxState, create_app
from ninja_tools.toolbox import Toolbox

from .catalog_args import arguments, invalid_arguments
from .catalog_checks import arrange, snapshot, verify
from .catalog_data import kind_of, resource_of
from .conftest import TODAY, Recorder, Yes

#: Generated actions that cannot work against the real server as generated; each reason says
#: what is wrong. ``strict``: once the action is fixed the test fails until it leaves this table.
KNOWN_BROKEN: dict[str, str] = {}

ACTIONS = catalog()


def _params(actions: tuple[Action, ...]) -> list[object]:
    out: list[object] = []
    for action in actions:
        marks = []
        if action.name in KNOWN_BROKEN:
            marks.append(pytest.mark.xfail(reason=KNOWN_BROKEN[action.name], strict=True))
        out.append(pytest.param(action, id=action.name, marks=marks))
    return out


@pytest.mark.parametrize("action", _params(ACTIONS))
async def test_action_runs_against_the_sandbox(
    action: Action, toolbox: Toolbox, state: SandboxState, yes: Yes
) -> None:
    args = arguments(action, state)
    arrange(action, state, args)
    before = snapshot(state, kind_of(state, resource_of(action)), args)
    result = await toolbox.run(action.name, args, confirmer=yes)
    assert isinstance(result, action.output) or type(result).__name__.startswith(
        action.output.__name__.split("[")[0]
    ), (type(result), action.output)
    verify(action, state, args, result, before)


@pytest.fixture(scope="module")
def shared_app() -> Any:
    """One sandbox for every invalid-input case: they must not reach it, so none changes it."""
    return create_app(today=TODAY)


@pytest.mark.parametrize("action", [pytest.param(a, id=a.name) for a in ACTIONS])
async def test_invalid_input_is_refused_before_anything_is_sent(
    action: Action, shared_app: Any, yes: Yes
) -> None:
    recorder = Recorder(shared_app)
    client = NinjaClient(Settings.load(url="http://sandbox.test", token="sandbox-token"),
                         transport=recorder)
    toolbox = Toolbox(client)
    args, field = invalid_arguments(action, shared_app.state.sandbox)
    try:
        with pytest.raises(InvalidInput) as caught:
            await toolbox.run(action.name, args, confirmer=yes)
    finally:
        await client.aclose()
    assert any(name == field or name.startswith(f"{field}.") for name in caught.value.field_errors)
    assert recorder.sent == []
