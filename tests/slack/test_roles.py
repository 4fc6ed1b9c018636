"""Roles from NINJA_SLACK_ROLES, group membership (cached), settings and the new-invoice form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ninja_slack import modal
from ninja_slack.roles import FAILED_TTL, MEMBERS_TTL, RoleMap, Roles
from ninja_slack.settings import DEFAULT_API_URL, SlackSettings
from ninja_tools import ConfigError

FILE = """
default = "clerk"
[users]
U0ANN = "admin"
U0BOB = "viewer"
[groups]
S0ACCOUNTS = "admin"
S0SALES = "clerk"
S0GONE = "admin"
"""


class Members:
    """A stand-in for usergroups.users.list that counts its calls."""

    def __init__(self) -> None:
        self.groups = {"S0ACCOUNTS": ["U0CAT", "U0BOB"], "S0SALES": ["U0DAN", "U0CAT"]}
        self.calls: list[str] = []

    async def __call__(self, group_id: str) -> list[str]:
        self.calls.append(group_id)
        if group_id not in self.groups:
            raise RuntimeError("no_such_subteam")
        return self.groups[group_id]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_users_win_then_the_highest_group_then_the_default() -> None:
    roles = Roles(RoleMap.parse(FILE), Members())
    assert await roles.role("U0ANN") == "admin"
    assert await roles.role("U0BOB") == "viewer"  # named: the entry wins over S0ACCOUNTS
    assert await roles.role("U0CAT") == "admin"  # in both groups: the highest
    assert await roles.role("U0DAN") == "clerk"
    assert await roles.role("U0EVE") == "clerk"  # the default
    who = await roles.principal("U0CAT", "cat")
    assert (who.id, who.role, who.name) == ("slack:U0CAT", "admin", "cat")


async def test_members_are_cached_and_a_failing_group_grants_nothing() -> None:
    members, clock = Members(), Clock()
    roles = Roles(RoleMap.parse(FILE), members, clock=clock)
    await roles.role("U0EVE")
    await roles.role("U0EVE")
    assert sorted(members.calls) == ["S0ACCOUNTS", "S0GONE", "S0SALES"]
    clock.now += FAILED_TTL + 1
    await roles.role("U0EVE")
    assert members.calls.count("S0GONE") == 2 and members.calls.count("S0SALES") == 1
    clock.now += MEMBERS_TTL
    members.groups["S0SALES"].append("U0EVE")
    assert await roles.role("U0EVE") == "clerk"
    members.groups["S0ACCOUNTS"].append("U0EVE")
    assert await roles.role("U0EVE") == "clerk"  # cached: the change shows after the TTL
    clock.now += MEMBERS_TTL + 1
    assert await roles.role("U0EVE") == "admin"


def test_everyone_is_a_viewer_without_a_file(tmp_path: Path) -> None:
    assert RoleMap.load(None) == RoleMap(default="viewer")
    path = tmp_path / "roles.toml"
    path.write_text('[users]\nU0ANN = "admin"\n')
    assert RoleMap.load(path).default == "viewer" and RoleMap.load(path).users == {"U0ANN": "admin"}


@pytest.mark.parametrize(("text", "problem"), [
    ('default = "boss"', "has role 'boss'"),
    ('[users]\nann = "admin"', "is not a Slack user id"),
    ('[groups]\nU0ANN = "admin"', "is not a Slack user-group id"),
    ("users = 3", "must be a table"),
    ("[user]\nU0ANN = 'admin'", "unknown key 'user'"),
    ("default = ", "not valid TOML"),
])
def test_a_bad_file_is_refused_with_the_reason(text: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        RoleMap.parse(text)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        RoleMap.load(tmp_path / "nope.toml")


def test_settings_from_the_environment() -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-secret-1", "SLACK_SIGNING_SECRET": "sign-secret-2",
           "NINJA_SLACK_ROLES": "/etc/roles.toml", "SLACK_API_URL": "https://slack-gov.com/api"}
    slack = SlackSettings.from_env(env)
    slack.check()
    assert slack.api_url == "https://slack-gov.com/api/" and not slack.socket_mode
    assert "secret" not in repr(slack)
    assert SlackSettings.from_env({}).api_url == DEFAULT_API_URL
    socket = SlackSettings.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-2"})
    socket.check()  # no signing secret needed in Socket Mode
    assert socket.socket_mode


@pytest.mark.parametrize(("env", "problem"), [
    ({}, "SLACK_BOT_TOKEN is not set"),
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET is not set"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"}, "app-level token"),
    ({"SLACK_API_URL": "slack.com"}, "SLACK_API_URL is not an http"),
])
def test_settings_refuse_what_cannot_work(env: dict[str, str], problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        SlackSettings.from_env(env).check()


def submission(client: str | None, lines: str, due: str | None = None,
               send: bool = False) -> dict[str, object]:
    view = modal.form(response_url="https://hooks.slack.test/1", channel_id="C0GENERAL")
    values = {
        "client": {modal.CLIENT_ACTION: {"type": "external_select", "selected_option": (
            {"value": client, "text": {"type": "plain_text", "text": "x"}} if client else None)}},
        "lines": {"value": {"type": "plain_text_input", "value": lines}},
        "due": {"value": {"type": "datepicker", "selected_date": due}},
        "send": {"value": {"type": "checkboxes", "selected_options": (
            [{"value": "send"}] if send else [])}},
    }
    return {**view, "id": "V1", "state": {"values": values}}


def test_the_form_reads_into_create_invoice_arguments() -> None:
    read = modal.read(submission("cl1", "10 x Consulting @ 150\n2 x Travel @ 80", "2030-01-31",
                                 send=True))
    assert read.errors == {} and read.response_url == "https://hooks.slack.test/1"
    assert read.args == {"client_id": "cl1", "due_date": "2030-01-31", "send": True,
                         "line_items": [{"quantity": 10.0, "notes": "Consulting", "cost": 150.0},
                                        {"quantity": 2.0, "notes": "Travel", "cost": 80.0}]}
    bad = modal.read(submission(None, "ten x Consulting"))
    assert set(bad.errors) == {"client", "lines"} and "`" not in bad.errors["lines"]


def test_the_form_never_asks_for_a_password() -> None:
    view = modal.form(response_url="u", channel_id="c")
    text = json.dumps(view).lower()
    assert "password" not in text and view["callback_id"] == modal.CALLBACK_ID
    options = modal.client_options([{"id": "a1", "name": "A" * 100}, {"name": "no id"}])
    assert options == [{"text": {"type": "plain_text", "text": "A" * 74 + "…"}, "value": "a1"}]
