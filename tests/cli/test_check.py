"""``ninja-tools check`` with a good token, a bad one, and an unreachable server."""

from __future__ import annotations

import io
from pathlib import Path

import httpx
import pytest

from ninja_cli.main import run

from ..core.fakes import Script, reply

REFRESH = {"data": [{
    "is_owner": False, "is_admin": False, "is_locked": False,
    "permissions": "view_invoice,view_client,create_client",
    "token": {"token": "system-token-must-not-show"},
    "user": {"id": "u1", "first_name": "Rita", "last_name": "Stricted",
             "email": "rita@example.com", "oauth_provider_id": ""},
    "company": {"id": "c1", "settings": {"name": "Sandbox Co"}},
}]}


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NINJA_URL", "https://ninja.test")
    monkeypatch.setenv("NINJA_TOKEN", "tok-check")


def _run(*answers: httpx.Response | Exception) -> tuple[int, str, str, Script]:
    script = Script(*answers)
    out, err = io.StringIO(), io.StringIO()
    code = run(["check"], out=out, err=err, transport=httpx.MockTransport(script))
    return code, out.getvalue(), err.getvalue(), script


def test_check_with_a_good_token_shows_version_user_and_permissions() -> None:
    code, out, err, script = _run(reply(200, REFRESH, headers={"X-App-Version": "5.10.42"}))
    assert code == 0, err
    assert "5.10.42" in out and "Sandbox Co" in out
    assert "Rita Stricted <rita@example.com>" in out
    assert "create_client, view_client, view_invoice" in out
    assert "system-token-must-not-show" not in out
    assert script.requests[0].url.path == "/api/v1/refresh"


def test_check_with_a_bad_token_says_so_in_one_line() -> None:
    code, out, err, _ = _run(reply(403, {"message": "Invalid Token", "errors": {}}))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "NINJA_TOKEN" in err and "refused the API token" in err
    assert "tok-check" not in err


def test_check_on_a_free_hosted_plan() -> None:
    code, _, err, _ = _run(reply(403, {"message": "Feature not available with free / unpaid"
                                                  " account.", "errors": {}}))
    assert code == 1 and "plan" in err


def test_check_when_unreachable() -> None:
    code, _, err, _ = _run(*[httpx.ConnectError("refused")] * 5)
    assert code == 1 and "Could not reach" in err and "https://ninja.test" in err


def test_check_with_tls_failure_names_the_setting() -> None:
    import ssl

    failure = httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    failure.__cause__ = ssl.SSLCertVerificationError("self-signed")
    code, _, err, _ = _run(failure)
    assert code == 1 and "NINJA_VERIFY_TLS" in err


def test_check_without_a_token_says_how_to_set_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NINJA_TOKEN")
    code, _, err, _ = _run()
    assert code == 1 and "NINJA_TOKEN" in err and "--sandbox" in err
