"""Settings from the environment, a ``.env`` file and command-line flags; knows no face.

Flags win over the environment, the environment over ``.env``. Secrets are ``SecretStr``, so a
``repr`` or a log line of the settings never shows them.

    settings = Settings.load(url="https://invoicing.co")
    token = settings.require_token()
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .errors import ConfigError

__all__ = ["DEFAULT_URL", "Settings", "normalise_url"]

DEFAULT_URL = "https://invoicing.co"
_API_SUFFIX = "/api/v1"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def normalise_url(raw: str) -> str:
    """Return the server's base address: no trailing ``/`` and no ``/api/v1`` suffix.

    ``https://x.test/api/v1/`` -> ``https://x.test``; ``https://x.test/ninja/`` -> ``https://x.test/ninja``.
    """
    url = raw.strip()
    while url.endswith("/"):
        url = url[:-1]
    if url.lower().endswith(_API_SUFFIX):
        url = url[: -len(_API_SUFFIX)].rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{raw!r} is not an http(s) address, e.g. https://invoicing.co")
    if parts.query or parts.fragment:
        raise ValueError("the address must not carry a query or fragment")
    return url


def _comma_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [str(item).strip() for item in value if str(item).strip()]


class Settings(BaseSettings):
    """Everything ninja-tools needs to reach one Invoice Ninja company.

    Args:
        url: the Invoice Ninja address (``NINJA_URL``); a trailing ``/`` or ``/api/v1`` is fine.
        token: the API token (``NINJA_TOKEN``).
        api_secret: the self-hosted API secret (``NINJA_API_SECRET``), sent as ``X-API-SECRET``.
        timeout: seconds to wait for an answer (``NINJA_TIMEOUT``).
        verify_tls: true, false, or the path of a CA bundle (``NINJA_VERIFY_TLS``).
    """

    model_config = SettingsConfigDict(
        env_prefix="NINJA_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    url: str = DEFAULT_URL
    token: SecretStr | None = None
    api_secret: SecretStr | None = None
    timeout: float = Field(default=30.0, gt=0, le=600)
    verify_tls: bool | str = True
    read_only: bool = False
    toolsets: Annotated[list[str], NoDecode] = Field(default_factory=list)
    tools: Annotated[list[str], NoDecode] = Field(default_factory=list)
    exclude_tools: Annotated[list[str], NoDecode] = Field(default_factory=list)
    confirm_sends: bool = False
    public_url: str | None = None
    http_token: SecretStr | None = None
    audit_file: Path | None = None

    @field_validator("url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        return normalise_url(value)

    @field_validator("token", "api_secret", "http_token", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value

    @field_validator("verify_tls", mode="before")
    @classmethod
    def _check_verify(cls, value: Any) -> bool | str:
        if isinstance(value, bool):
            return value
        text = str(value).strip()
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        if not Path(text).is_file():
            raise ValueError(f"expected true, false or the path of a CA bundle; {text!r} is none")
        return text

    @field_validator("toolsets", "tools", "exclude_tools", mode="before")
    @classmethod
    def _split(cls, value: Any) -> list[str]:
        return _comma_list(value)

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """Read the settings, flags (``overrides``) first; raise ``ConfigError`` on bad values.

        ``None`` overrides are ignored, so unset flags fall through to the environment.
        """
        given = {key: value for key, value in overrides.items() if value is not None}
        try:
            return cls(**given)
        except ValidationError as exc:
            # Name the variable and the problem, never the value: it may be a secret.
            problems = "; ".join(
                f"NINJA_{'_'.join(str(p) for p in err['loc']).upper()}: {err['msg']}"
                for err in exc.errors()
            )
            raise ConfigError(
                f"Invalid settings: {problems}.",
                hint="Fix the environment variable, .env entry or flag.",
            ) from None

    @property
    def api_url(self) -> str:
        """The API root, e.g. ``https://invoicing.co/api/v1``."""
        return self.url + _API_SUFFIX

    def require_token(self) -> str:
        """Return the API token, or raise ``ConfigError`` saying how to set one."""
        if self.token is None:
            raise ConfigError(
                "No Invoice Ninja API token is set.",
                hint=(
                    "Set NINJA_TOKEN in the environment or a .env file (Invoice Ninja: Settings >"
                    " Account Management > Integrations > API Tokens), or try --sandbox to use"
                    " the built-in demo server with no account."
                ),
            )
        return self.token.get_secret_value()
