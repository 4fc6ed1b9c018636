"""``ninja-tools slack``: reads the settings, builds the app on the core, and serves it.

Socket Mode when ``SLACK_APP_TOKEN`` is set, otherwise HTTP on ``--host``/``--port`` with Slack's
requests at ``/slack/events`` and the confirm page beside them. ``--sandbox`` runs against an
in-process demo Invoice Ninja.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from ninja_cli.connect import open_client, settings_from
from ninja_tools import ConfigError, Settings, Toolbox
from ninja_tools.confirm import Desk

from .face import Face
from .listeners import build_slack_app
from .roles import RoleMap, Roles, slack_group_members
from .server import EVENTS_PATH, http_app, run_socket_mode, serve
from .settings import SlackSettings

__all__ = ["run_slack"]


def run_slack(args: argparse.Namespace) -> int:
    """Run the Slack app until stopped; configuration errors raise ``ConfigError``."""
    slack = SlackSettings.from_env()
    slack.check()
    mapping = RoleMap.load(slack.roles_file)
    settings = settings_from(args)
    asyncio.run(_serve(args, settings, slack, mapping))
    return 0


async def _check_token(web: AsyncWebClient) -> str:
    """Fail at start, not at the first command, when Slack refuses the bot token."""
    try:
        answer = await web.auth_test()
    except SlackApiError as exc:
        raise ConfigError(f"Slack refused SLACK_BOT_TOKEN ({exc.response.get('error')}).",
                          hint="Copy the Bot User OAuth Token again after installing the app."
                          ) from None
    except OSError as exc:
        raise ConfigError(f"Cannot reach the Slack Web API ({type(exc).__name__}).",
                          hint="Check the network, or SLACK_API_URL.") from None
    return str(answer.get("team") or answer.get("team_id") or "")


async def _serve(args: argparse.Namespace, settings: Settings, slack: SlackSettings,
                 mapping: RoleMap) -> None:
    assert slack.bot_token is not None  # checked by SlackSettings.check
    web = AsyncWebClient(token=slack.bot_token.get_secret_value(), base_url=slack.api_url)
    team = await _check_token(web)
    async with open_client(settings, sandbox=args.sandbox) as client:
        toolbox = Toolbox.for_settings(client, settings, sandbox=args.sandbox)
        public = (settings.public_url or "").rstrip("/")
        desk = Desk(toolbox, base_url=public)
        roles = Roles(mapping, members=slack_group_members(web))
        face = Face(toolbox, desk, roles, web, page=bool(public))
        signing = slack.signing_secret.get_secret_value() if slack.signing_secret else ""
        bolt = build_slack_app(face, client=web, signing_secret=signing)
        where = "the in-process sandbox" if args.sandbox else settings.url
        _say(f"Slack app for workspace {team or '(unknown)'} on Invoice Ninja at {where}.")
        _say(f"Roles: default {mapping.default}, {len(mapping.users)} users,"
             f" {len(mapping.groups)} user groups.")
        if not public:
            _say("Password actions (purge, merge) are off: set NINJA_PUBLIC_URL to where people"
                 " reach this app to turn on its confirm page.")
        try:
            if slack.app_token is not None:
                _say("Socket Mode: connecting to Slack (no public URL needed for Slack).")
                if public:
                    _say(f"Confirm page on http://{args.host}:{args.port}, reached at {public}.")
                await run_socket_mode(bolt, slack.app_token.get_secret_value(), desk,
                                      host=args.host, port=args.port, page=bool(public))
            else:
                served = await serve(http_app(bolt, desk), args.host, args.port, signals=True)
                _say(f"Listening on {served.url}{EVENTS_PATH}"
                     + (f"; Slack's Request URL: {public}{EVENTS_PATH}" if public else ""))
                await served.wait()
        finally:
            await face.aclose()


def _say(line: str) -> None:
    sys.stderr.write(f"ninja-tools slack: {line}\n")
    sys.stderr.flush()
