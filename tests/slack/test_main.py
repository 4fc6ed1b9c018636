"""``ninja-tools slack`` as a user runs it: the settings it refuses, Socket Mode, and HTTP mode."""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from slack_sdk.signature import SignatureVerifier

from ninja_cli.main import build_parser, run
from ninja_slack import main as slack_main
from ninja_slack import texts

from .conftest import ADMIN, BOT_TOKEN, ROLES, SIGNING_SECRET
from .fake_slack import FakeSlack

MANIFESTS = Path(slack_main.__file__).parent


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    fake = FakeSlack()
    yield fake
    fake.close()


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fake: FakeSlack) -> dict[str, str]:
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLES)
    values = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
              "SLACK_API_URL": fake.base_url, "NINJA_SLACK_ROLES": str(roles)}
    for name in ("SLACK_APP_TOKEN", "NINJA_PUBLIC_URL", "NINJA_URL", "NINJA_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    return values


def test_missing_settings_are_one_line(env: dict[str, str], monkeypatch: pytest.MonkeyPatch,
                                       tmp_path: Path) -> None:
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    err = io.StringIO()
    assert run(["slack", "--sandbox"], err=err) == 1
    assert err.getvalue().startswith("ninja-tools: SLACK_BOT_TOKEN is not set.")
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    (tmp_path / "roles.toml").write_text('default = "owner"')
    err = io.StringIO()
    assert run(["slack", "--sandbox"], err=err) == 1
    assert "NINJA_SLACK_ROLES: default has role 'owner'" in err.getvalue()
    assert BOT_TOKEN not in err.getvalue()


def test_socket_mode_when_an_app_token_is_set(env: dict[str, str],
                                              monkeypatch: pytest.MonkeyPatch,
                                              fake: FakeSlack) -> None:
    seen: dict[str, Any] = {}

    async def fake_socket_mode(bolt: Any, app_token: str, desk: Any, **options: Any) -> None:
        seen.update(app_token=app_token, base=desk.base_url, **options)

    monkeypatch.setattr(slack_main, "run_socket_mode", fake_socket_mode)
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1-socket")
    monkeypatch.setenv("NINJA_PUBLIC_URL", "https://ninja.example/")
    args = build_parser().parse_args(["slack", "--sandbox", "--port", "3999"])
    assert slack_main.run_slack(args) == 0
    assert seen == {"app_token": "xapp-1-socket", "base": "https://ninja.example",
                    "host": "127.0.0.1", "port": 3999, "page": True}
    assert [c.method for c in fake.calls] == ["auth.test"]  # the token is checked at start


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_http_mode_end_to_end(env: dict[str, str], fake: FakeSlack, tmp_path: Path) -> None:
    port = _free_port()
    child_env = {**os.environ, "NINJA_PUBLIC_URL": f"http://127.0.0.1:{port}"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ninja_cli", "slack", "--sandbox", "--port", str(port)],
        env=child_env, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        lines = []
        while not any("Listening on" in line for line in lines):
            line = proc.stderr.readline() if proc.stderr else ""
            assert line, f"the app stopped: {''.join(lines)}"
            lines.append(line)
        assert f"Listening on http://127.0.0.1:{port}/slack/events" in lines[-1]
        hook = f"{fake.base_url}hooks/e2e"
        body = urlencode({"team_id": "T0NINJA", "channel_id": "C0GENERAL", "user_id": ADMIN,
                          "command": "/invoice", "text": "overdue", "response_url": hook,
                          "trigger_id": "1.2.3"})
        stamp = str(int(time.time()))
        headers = {"content-type": "application/x-www-form-urlencoded",
                   "x-slack-request-timestamp": stamp,
                   "x-slack-signature": SignatureVerifier(SIGNING_SECRET).generate_signature(
                       timestamp=stamp, body=body)}
        answer = httpx.post(f"http://127.0.0.1:{port}/slack/events", content=body,
                            headers=headers, timeout=10)
        assert answer.status_code == 200
        deadline = time.monotonic() + 10
        while not fake.to("/hooks/e2e"):
            assert time.monotonic() < deadline, "no reply"
            time.sleep(0.02)
        assert "*List invoices*: 6 of 6" in json.dumps(fake.to("/hooks/e2e")[0].body)
    finally:
        proc.send_signal(signal.SIGINT)
        out = proc.communicate(timeout=10)[1]
    assert proc.returncode == 130, out
    assert BOT_TOKEN not in out and SIGNING_SECRET not in out


@pytest.mark.parametrize("name", ["manifest.yml", "manifest.socket.yml"])
def test_the_manifests_declare_what_the_app_uses(name: str) -> None:
    text = (MANIFESTS / name).read_text()
    for scope in ("commands", "chat:write", "files:write", "im:write", "usergroups:read"):
        assert f"- {scope}\n" in text, scope
    assert "command: /invoice" in text and "is_enabled: true" in text
    socket_mode = name == "manifest.socket.yml"
    assert f"socket_mode_enabled: {str(socket_mode).lower()}" in text
    assert ("/slack/events" in text) is not socket_mode


def test_the_cli_knows_the_slack_flags() -> None:
    args = build_parser().parse_args(["slack"])
    assert isinstance(args, argparse.Namespace)
    assert (args.host, args.port, args.sandbox) == ("127.0.0.1", 3000, False)


def test_the_readme_documents_every_command() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    section = readme.split("<!-- section: slack -->", 1)[1].split("<!-- section:", 1)[0]
    for entry in texts.HELP:
        assert any(f"`{word}" in section or f"`/invoice {word}" in section
                   for word in entry.words), entry.usage
    for variable in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN",
                     "NINJA_SLACK_ROLES", "SLACK_API_URL", "NINJA_PUBLIC_URL"):
        assert f"`{variable}`" in section
    assert "manifest.yml" in section and "manifest.socket.yml" in section
