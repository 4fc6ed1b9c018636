"""`ninja-tools call` and `ninja-tools actions` through `run(argv)`, against the sandbox."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from ninja_cli.confirm import TerminalConfirmer
from ninja_cli.main import run
from ninja_tools import AuditLog
from ninja_tools.sandbox import SandboxState, create_app


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NINJA_URL", "http://sandbox.test")
    monkeypatch.setenv("NINJA_TOKEN", "sandbox-token")
    monkeypatch.setenv("NINJA_AUDIT_FILE", str(tmp_path / "audit.jsonl"))


@pytest.fixture
def app() -> Any:
    return create_app()


def _call(app: Any, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out=out, err=err, transport=httpx.ASGITransport(app=app))
    return code, out.getvalue(), err.getvalue()


def _first(state: SandboxState, kind: str) -> dict[str, Any]:
    return next(r for r in state.store.rows(kind) if not r.get("is_deleted"))


def test_call_prints_the_structured_result(app: Any) -> None:
    code, out, err = _call(app, "call", "list_clients", "--args", '{"per_page": 2}')
    assert code == 0, err
    body = json.loads(out)
    assert body["count"] == 2 and body["items"][0]["id"]


def test_call_writes_a_pdf_with_out(app: Any, tmp_path: Path) -> None:
    invoice = _first(app.state.sandbox, "invoice")
    target = tmp_path / "invoice.pdf"
    code, out, err = _call(app, "call", "download_invoice_pdf", "--args",
                           json.dumps({"id": invoice["id"]}), "--out", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF-")
    body = json.loads(out)
    assert body["saved_to"] == str(target) and "content" not in body


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (("call", "list_clients", "--args", "{not json"), "--args is not valid JSON"),
        (("call", "list_clients", "--args", "[1]"), "must be a JSON object"),
        (("call", "list_client"), "Did you mean list_clients"),
        (("call", "list_clients", "--args", '{"per_page": 0}'), "per_page"),
    ],
)
def test_bad_calls_fail_with_one_line(app: Any, argv: tuple[str, ...], needle: str) -> None:
    code, out, err = _call(app, *argv)
    assert code == 1 and out == ""
    assert needle in err and err.count("\n") == 1


def test_destructive_call_is_refused_without_a_terminal_and_runs_with_yes(app: Any) -> None:
    state: SandboxState = app.state.sandbox
    invoice = _first(state, "invoice")
    args = json.dumps({"id": invoice["id"]})
    code, _, err = _call(app, "call", "delete_invoice", "--args", args)
    assert code == 1 and "not a terminal" in err
    assert not state.store.get("invoice", invoice["id"])["is_deleted"]
    code, _out, err = _call(app, "call", "delete_invoice", "--args", args, "--yes")
    assert code == 0, err
    assert state.store.get("invoice", invoice["id"])["is_deleted"]
    entries = AuditLog(Path("audit.jsonl")).entries()
    assert [(e["action"], e["outcome"]) for e in entries] == [
        ("delete_invoice", "declined"), ("delete_invoice", "done")]
    assert entries[1]["confirmed"] == "--yes" and invoice["id"] in entries[1]["targets"]
    assert entries[1]["principal"].startswith("cli")


def test_read_only_and_the_deny_list_apply_to_the_cli(app: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    state: SandboxState = app.state.sandbox
    invoice = _first(state, "invoice")
    monkeypatch.setenv("NINJA_READ_ONLY", "true")
    code, _, err = _call(app, "call", "archive_invoices", "--args",
                         json.dumps({"ids": [invoice["id"]]}))
    assert code == 1 and "read-only" in err
    assert not state.store.get("invoice", invoice["id"])["archived_at"]
    monkeypatch.delenv("NINJA_READ_ONLY")
    monkeypatch.setenv("NINJA_EXCLUDE_TOOLS", "list_clients")
    code, _, err = _call(app, "call", "list_clients")
    assert code == 1 and "NINJA_EXCLUDE_TOOLS" in err


def test_password_action_is_refused_without_a_terminal_even_with_yes(app: Any) -> None:
    state: SandboxState = app.state.sandbox
    client = _first(state, "client")
    code, _, err = _call(app, "call", "purge_client", "--args",
                         json.dumps({"id": client["id"]}), "--yes")
    assert code == 1 and "password" in err
    assert state.store.get("client", client["id"]) is not None


async def test_terminal_confirmer_asks_and_takes_a_hidden_password() -> None:
    from ninja_tools.actions import catalog

    purge = next(a for a in catalog() if a.name == "purge_client")
    delete = next(a for a in catalog() if a.name == "delete_invoice")
    asked: list[str] = []
    confirmer = TerminalConfirmer(is_tty=lambda: True, ask=lambda q: asked.append(q) or "y",
                                  ask_password=lambda q: "pw", err=io.StringIO())
    yes = await confirmer.confirm(delete, delete.input(id="abc"), "destructive")
    assert yes.approved and asked
    given = await confirmer.confirm(purge, purge.input(id="abc"), "password")
    assert given.approved and given.password is not None
    assert given.password.get_secret_value() == "pw"


def test_actions_lists_every_action(app: Any) -> None:
    code, out, _ = _call(app, "actions")
    assert code == 0 and "list_invoices" in out and "purge_client" in out
