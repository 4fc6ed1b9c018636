"""No secret anywhere: one scenario through MCP, Slack and the CLI on one sandbox, with marker
values for every secret, then every output, log line, Slack request and the audit file scanned.

Each face confirms a purge with the Invoice Ninja password: MCP and Slack on the confirm page
(a wrong password first), the CLI at its (stubbed) terminal prompt. The bot token may travel
only in the Authorization header of Web API calls.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from mcp import Client

from ninja_cli import call_cmd  # type: ignore[import-untyped]
from ninja_cli.confirm import TerminalConfirmer  # type: ignore[import-untyped]
from ninja_cli.main import run  # type: ignore[import-untyped]
from ninja_mcp.options import Options
from ninja_mcp.runtime import Runtime
from ninja_mcp.server import build_server
from ninja_slack.settings import SlackSettings  # type: ignore[import-untyped]
from ninja_tools import Settings
from ninja_tools.sandbox import SandboxState, create_app
from tests.mcp.conftest import YES, answering, confirm_on_page, connect
from tests.mcp.scenario import run_scenario

from .slack_app import Secrets, button, slack_app

NINJA_TOKEN = "mk-NinjaToken-Q7Z3"
API_SECRET = "mk-ApiSecret-V9K2"
PASSWORD = "mk-Password-R4T8"
BOT_TOKEN = "xoxb-mk-BotToken-L2M6"
SIGNING_SECRET = "mk-SigningSecret-H5J1"
APP_TOKEN = "xapp-mk-AppToken-W3N7"
MARKERS = (NINJA_TOKEN, API_SECRET, PASSWORD, BOT_TOKEN, SIGNING_SECRET, APP_TOKEN)
LOGGERS = ("httpx", "httpcore", "slack_bolt", "slack_sdk", "mcp", "ninja_mcp", "ninja_slack",
           "ninja_cli", "ninja_tools", "uvicorn", "starlette")


def _id(state: SandboxState, kind: str, **where: str) -> str:
    return str(state.store.where(kind, **where)[0]["id"])


def _record_results(client: Client, shown: list[str]) -> None:
    """Keep every tool result and resource the client receives, for the scan."""
    for method in ("call_tool", "read_resource"):
        inner = getattr(client, method)

        async def recorded(*args: Any, _inner: Any = inner, **kwargs: Any) -> Any:
            result = await _inner(*args, **kwargs)
            shown.append(result.model_dump_json())
            return result

        setattr(client, method, recorded)


async def _mcp(state: SandboxState, sandbox: Any, shown: list[str]) -> None:
    """The everyday scenario, a delete confirmed in the client, a purge on the page."""
    options = Options.from_args(argparse.Namespace(transport="stdio"))
    runtime = Runtime(options, transport=httpx.ASGITransport(app=sandbox))
    shown.append(repr(options))
    await runtime.warm_up(delay=0)
    async with connect(build_server(runtime), elicit=answering("accept", YES)) as client:
        _record_results(client, shown)
        await run_scenario(client, "Acme")
        results = [await client.call_tool("delete_invoice", {"number": "0002"}),
                   await client.call_tool("list_invoices", {"per_page": 0}),
                   await client.call_tool("run_action", {"name": "purge_client", "arguments": {
                       "id": _id(state, "client", name="Umbrella Corp")}})]
        pending = results[-1].structured_content
        assert pending is not None, results[-1].content
        url = pending["confirmation"]["url"]
        for password in ("wrong-password", PASSWORD):
            shown.append((await confirm_on_page(url, password=password)).text)
        results.append(await client.call_tool("confirmation_status", {
            "confirmation_id": pending["confirmation"]["confirmation_id"]}))
        assert (results[-1].structured_content or {}).get("state") == "done", results[-1]
    await runtime.aclose()
    assert not state.store.where("client", name="Umbrella Corp")
    assert sum("structured_content" in text for text in shown) >= 9  # the results were kept


async def _slack(sandbox: Any, audit: Path, shown: list[str]) -> str:
    """A Slack session over the same sandbox; returns everything the app sent to Slack."""
    slack_env = SlackSettings.from_env()
    slack_env.check()
    ninja = Settings.load()
    assert ninja.token is not None and ninja.api_secret is not None
    secrets = Secrets(ninja_token=ninja.token.get_secret_value(),
                      api_secret=ninja.api_secret.get_secret_value(),
                      bot_token=slack_env.bot_token.get_secret_value(),
                      signing_secret=slack_env.signing_secret.get_secret_value())
    shown += [repr(slack_env), repr(ninja)]
    async with slack_app(sandbox, secrets, audit=audit) as slack:
        for text in ("help", "overdue", "show 0014", "clients", "pdf 0014", "paid 0010 100",
                     "create Globex 2 x Audit @ 300 send", "show 9999",
                     "run list_invoices per_page=0"):
            shown.append(json.dumps(await slack.ask(text)))
        card = await slack.ask("delete 0004 0006")
        shown.append((await slack.click("ninja_confirm", button(card, "ninja_confirm")["value"]))
                     [0].text)
        _ack, hook = await slack.command("purge Initech")
        link = button(await slack.reply(hook), "ninja_open_page")["url"]
        for password in ("wrong-password", PASSWORD):
            shown.append((await confirm_on_page(link, password=password)).text)
        shown.append(json.dumps(await slack.reply(hook, count=2)))
        assert not sandbox.state.sandbox.store.where("client", name="Initech")
        body = slack.command_body("overdue", "U0ADMIN", slack.hook_url())
        forged = await slack.http.post("/slack/events", content=body,
                                       headers=slack.signed(body, secret="forged-secret"))
        assert forged.status_code == 401
        assert len(slack.fake.calls) > 15
        for call in slack.fake.calls:
            carries = call.headers.get("authorization")
            if call.path.startswith(("/hooks/", "/upload/")):
                assert carries is None, call.path
            else:
                assert carries == f"Bearer {BOT_TOKEN}", call.path
        return "\n".join(
            f"{c.path} {c.query} {[(k, v) for k, v in c.headers.items() if k != 'authorization']}"
            f" {c.raw.decode('utf-8', 'replace')}" for c in slack.fake.calls)


def _cli(sandbox: Any, state: SandboxState, tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Commands of the CLI, a purge confirmed with the password at the terminal prompt."""
    err = io.StringIO()
    passwords = iter(("wrong-password", PASSWORD))
    monkeypatch.setattr(call_cmd, "TerminalConfirmer", lambda assume_yes: (
        TerminalConfirmer(assume_yes=assume_yes, is_tty=lambda: True, ask=lambda _: "y",
                          ask_password=lambda _: next(passwords), err=err)))
    stark = json.dumps({"id": _id(state, "client", name="Stark Industries")})
    invoice = json.dumps({"number": "0005"})
    texts: list[str] = []
    for argv in (["check"], ["-v", "call", "list_invoices", "--args", '{"per_page": 3}'],
                 ["call", "download_invoice_pdf", "--args", invoice, "--out",
                  str(tmp_path / "0005.pdf")],
                 ["call", "delete_invoice", "--args", invoice], ["call", "list_clients",
                                                                 "--args", "{oops"],
                 ["call", "purge_client", "--args", stark],
                 ["-v", "call", "purge_client", "--args", stark]):
        out, errors = io.StringIO(), io.StringIO()
        code = run(argv, out=out, err=errors, transport=httpx.ASGITransport(app=sandbox))
        texts += [f"{argv} -> {code}", out.getvalue(), errors.getvalue()]
    texts.append(err.getvalue())
    assert not state.store.where("client", name="Stark Industries"), texts
    return texts


def test_no_secret_in_any_output_log_request_or_audit_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    audit = tmp_path / "audit.jsonl"
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    for name, value in {"NINJA_URL": "http://sandbox.test", "NINJA_TOKEN": NINJA_TOKEN,
                        "NINJA_API_SECRET": API_SECRET, "NINJA_AUDIT_FILE": str(audit),
                        "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                        "SLACK_APP_TOKEN": APP_TOKEN}.items():
        monkeypatch.setenv(name, value)
    caplog.set_level(logging.DEBUG)
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    sandbox = create_app(token=NINJA_TOKEN, password=PASSWORD)
    state: SandboxState = sandbox.state.sandbox
    shown: list[str] = []

    anyio.run(_mcp, state, sandbox, shown)
    sent_to_slack = anyio.run(_slack, sandbox, audit, shown)
    shown += _cli(sandbox, state, tmp_path, monkeypatch)

    printed = capfd.readouterr()
    logged = [caplog.text, *(f"{r.getMessage()} {r.args!r}" for r in caplog.records)]
    audited = audit.read_text(encoding="utf-8")
    assert len(caplog.records) > 100 and audited.count("purge_client") >= 2
    everything = {"results, replies and pages": "\n".join(shown),
                  "requests to Slack": sent_to_slack, "the log": "\n".join(logged),
                  "stdout and stderr": printed.out + printed.err, "the audit file": audited}
    for where, text in everything.items():
        for marker in MARKERS:
            assert marker not in text, f"{marker} is in {where}"
