"""``ninja-tools call NAME --args JSON``: run one action and print its result as JSON."""

from __future__ import annotations

import argparse
import getpass
import json
from pathlib import Path
from typing import Any, TextIO

import httpx

from ninja_tools import ConfigError, Principal
from ninja_tools.present import FileResult, dump
from ninja_tools.toolbox import Toolbox

from .confirm import TerminalConfirmer
from .connect import open_client, settings_from


def _parse_args(raw: str | None) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"--args is not valid JSON ({exc.msg} at position {exc.pos}).",
                          hint='Pass an object, e.g. --args \'{"status": "overdue"}\'.') from None
    if not isinstance(value, dict):
        raise ConfigError("--args must be a JSON object.",
                          hint='e.g. --args \'{"id": "Opnel5aKBz"}\'.')
    return value


def _principal() -> Principal:
    """The person at the terminal, as the audit names them."""
    try:
        return Principal(id=f"cli:{getpass.getuser()}")
    except (KeyError, OSError):  # no user name in this environment
        return Principal(id="cli")


async def run_call(
    args: argparse.Namespace, out: TextIO, *, transport: httpx.AsyncBaseTransport | None = None,
    confirmer: TerminalConfirmer | None = None,
) -> int:
    arguments = _parse_args(args.args)
    settings = settings_from(args)
    async with open_client(settings, sandbox=args.sandbox, transport=transport) as client:
        toolbox = Toolbox.for_settings(client, settings, sandbox=args.sandbox)
        result = await toolbox.run(args.name, arguments, _principal(),
                                   confirmer=confirmer or TerminalConfirmer(assume_yes=args.yes))
    data = dump(result)
    if isinstance(result, FileResult) and args.out:
        Path(args.out).write_bytes(result.content)
        data.pop("content", None)
        data["saved_to"] = str(args.out)
    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return 0

