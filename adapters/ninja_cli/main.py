"""Entry point of ``ninja-tools``: parses arguments and runs one subcommand.

Faces other than the CLI (MCP, Slack) and the sandbox are imported only when their subcommand
runs, so a command stays quick to start.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import TextIO

import anyio
import httpx

from ninja_tools import NinjaError, __version__

from .check import run_check

logger = logging.getLogger("ninja_cli")


def _add_connection_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", help="Invoice Ninja address (default: NINJA_URL or"
                        " https://invoicing.co)")
    parser.add_argument("--timeout", type=float, help="seconds to wait for an answer"
                        " (default: NINJA_TIMEOUT or 30)")
    parser.add_argument("--verify-tls", dest="verify_tls",
                        help="true, false or a CA bundle path (default: NINJA_VERIFY_TLS)")
    parser.add_argument("--sandbox", action="store_true",
                        help="use an in-process demo server; no account needed")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ninja-tools",
        description="Run an Invoice Ninja business from an assistant, Slack or the shell."
        " The token comes from NINJA_TOKEN (environment or .env), never from a flag.",
    )
    parser.add_argument("--version", action="version", version=f"ninja-tools {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more on stderr")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser("check", help="test the connection and show the token's user")
    _add_connection_flags(check)

    actions = commands.add_parser("actions", help="list every action of the catalog")
    actions.add_argument("--json", action="store_true", help="print the catalog as JSON")
    actions.add_argument("--toolset", help="only this toolset")
    actions.add_argument("--markdown", action="store_true",
                         help="print the README's catalog table")

    call = commands.add_parser("call", help="run one action and print its result as JSON")
    call.add_argument("name", help="the action's name, e.g. list_invoices")
    call.add_argument("--args", help="the action's arguments as a JSON object")
    call.add_argument("--out", help="write a document (PDF) the action returns to this file")
    call.add_argument("--yes", action="store_true",
                      help="confirm destructive and send actions without asking (never"
                      " passwords)")
    _add_connection_flags(call)

    mcp = commands.add_parser("mcp", help="serve the catalog to assistants over MCP")
    mcp.add_argument("--transport", choices=("stdio", "http"), default="stdio")
    mcp.add_argument("--host", default="127.0.0.1", help="HTTP host (default 127.0.0.1)")
    mcp.add_argument("--port", type=int, default=8765, help="HTTP port (default 8765)")
    mcp.add_argument("--read-only", dest="read_only", action="store_true", default=None,
                     help="refuse every action that changes data (NINJA_READ_ONLY)")
    mcp.add_argument("--toolsets", help="comma list of toolsets to list too, or all"
                     " (NINJA_TOOLSETS)")
    mcp.add_argument("--tools", help="comma list of actions to list too (NINJA_TOOLS)")
    mcp.add_argument("--exclude-tools", dest="exclude_tools",
                     help="comma list of actions denied everywhere (NINJA_EXCLUDE_TOOLS)")
    mcp.add_argument("--confirm-port", dest="confirm_port", type=int, default=0,
                     help="port of the confirm page under stdio (default: any free port)")
    _add_connection_flags(mcp)

    slack = commands.add_parser("slack", help="run the /invoice Slack app")
    slack.add_argument("--host", default="127.0.0.1", help="HTTP host (default 127.0.0.1)")
    slack.add_argument("--port", type=int, default=3000, help="HTTP port (default 3000)")
    _add_connection_flags(slack)

    sandbox = commands.add_parser("sandbox", help="serve the embedded demo Invoice Ninja")
    sandbox.add_argument("--host", default="127.0.0.1")
    sandbox.add_argument("--port", type=int, default=8123)
    sandbox.add_argument("--token", default="sandbox-token",
                         help="the owner's API token (a demo value, not a secret)")
    sandbox.add_argument("--password", default="sandbox-password",
                         help="the owner's password (a demo value, not a secret)")
    sandbox.add_argument("--seed", choices=("demo", "empty"), default="demo")
    return parser


def run(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> int:
    """Run one command and return its exit code; errors become one line on ``err``."""
    out = out or sys.stdout
    err = err or sys.stderr
    args = build_parser().parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "check":
            return anyio.run(lambda: run_check(args, out, transport=transport))
        if args.command == "actions":
            from .actions_cmd import run_actions

            return run_actions(args.json, args.toolset, out, as_markdown=args.markdown)
        if args.command == "call":
            from .call_cmd import run_call

            return anyio.run(lambda: run_call(args, out, transport=transport))
        if args.command == "mcp":
            from ninja_mcp.main import run_mcp

            return run_mcp(args)
        if args.command == "slack":
            from ninja_slack.main import run_slack

            return run_slack(args)
        if args.command == "sandbox":
            from ninja_tools.sandbox import serve

            serve(host=args.host, port=args.port, token=args.token, password=args.password,
                  seed=args.seed)
            return 0
    except NinjaError as exc:
        err.write(f"ninja-tools: {exc}\n")
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `ninja-tools actions | head`
        return 0
    except Exception:
        logger.debug("unexpected failure", exc_info=True)
        err.write("ninja-tools: an unexpected error occurred; run with -v for details.\n")
        if args.verbose:
            logger.exception("unexpected failure")
        return 2
    raise AssertionError(f"unhandled command {args.command}")  # pragma: no cover


def main() -> None:
    sys.exit(run())
