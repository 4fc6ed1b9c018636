"""The Slack app's own settings, from the environment (interface contract of the design).

``SLACK_BOT_TOKEN``, ``SLACK_SIGNING_SECRET``, ``SLACK_APP_TOKEN`` (Socket Mode when set),
``NINJA_SLACK_ROLES`` (the roles file) and ``SLACK_API_URL`` (the Web API base: GovSlack, or a
test double). Secrets are ``SecretStr``: a repr or a log line never shows them, and errors name
the variable, never its value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pydantic import SecretStr

from ninja_tools import ConfigError

__all__ = ["DEFAULT_API_URL", "SlackSettings"]

DEFAULT_API_URL = "https://slack.com/api/"


def _secret(env: Mapping[str, str], name: str) -> SecretStr | None:
    value = env.get(name, "").strip()
    return SecretStr(value) if value else None


def _api_url(raw: str) -> str:
    url = raw.strip() or DEFAULT_API_URL
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError("SLACK_API_URL is not an http(s) address.",
                          hint="e.g. https://slack-gov.com/api/ for GovSlack; leave it unset"
                          " for Slack's own.")
    return url if url.endswith("/") else url + "/"


@dataclass(frozen=True)
class SlackSettings:
    """What the Slack app needs from the environment.

    Usage:
        slack = SlackSettings.from_env()
        slack.check()        # ConfigError naming what is missing
    """

    bot_token: SecretStr | None = field(default=None, repr=False)
    signing_secret: SecretStr | None = field(default=None, repr=False)
    app_token: SecretStr | None = field(default=None, repr=False)
    roles_file: str = ""
    api_url: str = DEFAULT_API_URL

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SlackSettings:
        env = os.environ if env is None else env
        return cls(bot_token=_secret(env, "SLACK_BOT_TOKEN"),
                   signing_secret=_secret(env, "SLACK_SIGNING_SECRET"),
                   app_token=_secret(env, "SLACK_APP_TOKEN"),
                   roles_file=env.get("NINJA_SLACK_ROLES", "").strip(),
                   api_url=_api_url(env.get("SLACK_API_URL", "")))

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None

    def check(self) -> None:
        """Refuse to start without what the chosen mode needs."""
        if self.bot_token is None:
            raise ConfigError("SLACK_BOT_TOKEN is not set.",
                              hint="Install the app in your workspace and copy its Bot User"
                              " OAuth Token (xoxb-...) from OAuth & Permissions.")
        if self.socket_mode:
            if not self.app_token or not self.app_token.get_secret_value().startswith("xapp-"):
                raise ConfigError("SLACK_APP_TOKEN must be an app-level token (xapp-...).",
                                  hint="Basic Information > App-Level Tokens, with the"
                                  " connections:write scope.")
        elif self.signing_secret is None:
            raise ConfigError("SLACK_SIGNING_SECRET is not set.",
                              hint="Copy it from Basic Information > App Credentials; or set"
                              " SLACK_APP_TOKEN to use Socket Mode.")
