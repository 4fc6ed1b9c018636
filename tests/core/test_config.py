"""Settings: URL normalisation, the missing-token line, flags over environment over .env."""

from __future__ import annotations

from pathlib import Path

import pytest

from ninja_tools import ConfigError, Settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("NINJA_URL", "NINJA_TOKEN", "NINJA_API_SECRET", "NINJA_TIMEOUT",
                 "NINJA_VERIFY_TLS", "NINJA_TOOLSETS", "NINJA_READ_ONLY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("https://invoicing.co", "https://invoicing.co"),
        ("https://invoicing.co/", "https://invoicing.co"),
        ("https://invoicing.co/api/v1", "https://invoicing.co"),
        ("https://invoicing.co/api/v1/", "https://invoicing.co"),
        ("  https://ninja.example.com/sub/API/V1// ", "https://ninja.example.com/sub"),
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123"),
    ],
)
def test_url_is_normalised(raw: str, url: str) -> None:
    settings = Settings.load(url=raw)
    assert settings.url == url
    assert settings.api_url == url + "/api/v1"


@pytest.mark.parametrize("raw", ["invoicing.co", "ftp://x.test", "https://", "https://x.test?a=1"])
def test_bad_url_is_a_config_error_naming_the_variable(raw: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.load(url=raw)
    assert "NINJA_URL" in str(caught.value)


def test_default_url_is_hosted_invoice_ninja() -> None:
    assert Settings.load().url == "https://invoicing.co"


def test_missing_token_is_one_clear_line() -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.load().require_token()
    text = str(caught.value)
    assert "\n" not in text and "NINJA_TOKEN" in text and "--sandbox" in text


def test_blank_token_counts_as_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NINJA_TOKEN", "   ")
    with pytest.raises(ConfigError):
        Settings.load().require_token()


def test_environment_then_dotenv_then_flags(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("NINJA_TOKEN=from-dotenv\nNINJA_TIMEOUT=12\n")
    assert Settings.load().require_token() == "from-dotenv"
    monkeypatch.setenv("NINJA_TOKEN", "from-env")
    settings = Settings.load()
    assert settings.require_token() == "from-env" and settings.timeout == 12
    assert Settings.load(timeout=5, url=None).timeout == 5


def test_lists_and_booleans_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NINJA_TOOLSETS", "invoices, clients,,")
    monkeypatch.setenv("NINJA_READ_ONLY", "1")
    settings = Settings.load()
    assert settings.toolsets == ["invoices", "clients"] and settings.read_only is True


@pytest.mark.parametrize(("raw", "value"), [("false", False), ("0", False), ("TRUE", True)])
def test_verify_tls_accepts_booleans(raw: str, value: bool) -> None:
    assert Settings.load(verify_tls=raw).verify_tls is value


def test_verify_tls_accepts_an_existing_ca_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    assert Settings.load(verify_tls=str(bundle)).verify_tls == str(bundle)
    with pytest.raises(ConfigError) as caught:
        Settings.load(verify_tls=str(tmp_path / "missing.pem"))
    assert "NINJA_VERIFY_TLS" in str(caught.value)


def test_bad_timeout_names_the_variable_not_the_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NINJA_TIMEOUT", "soon-ish")
    with pytest.raises(ConfigError) as caught:
        Settings.load()
    assert "NINJA_TIMEOUT" in str(caught.value) and "soon-ish" not in str(caught.value)


def test_repr_hides_secrets() -> None:
    settings = Settings.load(token="tok-visible-1", api_secret="sec-visible-2")
    assert "tok-visible-1" not in repr(settings) and "sec-visible-2" not in repr(settings)
    assert "tok-visible-1" not in str(settings.model_dump())
