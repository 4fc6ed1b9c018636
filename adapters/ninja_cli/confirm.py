"""The terminal's confirmer: shows the effect and asks; passwords through ``getpass``.

Refuses when stdin is not a terminal, except ``--yes`` for ``destructive`` and ``send``
actions; a password is never taken from a flag, a pipe or the environment.
"""

from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from pydantic import BaseModel, SecretStr

from ninja_tools.actions.base import Action, Risk
from ninja_tools.toolbox import Confirmation


def _effect(action: Action, args: BaseModel) -> str:
    shown = args.model_dump(mode="json", exclude_defaults=True)
    return f"{action.title} ({action.name}) with {json.dumps(shown, sort_keys=True)}"


@dataclass
class TerminalConfirmer:
    """Asks on the terminal. ``assume_yes`` answers yes for destructive and send actions."""

    assume_yes: bool = False
    is_tty: Callable[[], bool] = field(default=lambda: sys.stdin.isatty())
    ask: Callable[[str], str] = field(default=input)
    ask_password: Callable[[str], str] = field(default=getpass.getpass)
    err: TextIO = field(default_factory=lambda: sys.stderr)

    async def confirm(self, action: Action, args: BaseModel, risk: Risk) -> Confirmation:
        effect = _effect(action, args)
        if risk == "password":
            if not self.is_tty():
                return Confirmation(False, how="refused: a password needs a terminal")
            self.err.write(f"This needs your Invoice Ninja password: {effect}\n")
            password = self.ask_password("Invoice Ninja password (input hidden): ")
            if not password:
                return Confirmation(False, how="no password given")
            return Confirmation(True, password=SecretStr(password), how="terminal password")
        if self.assume_yes:
            return Confirmation(True, how="--yes")
        if not self.is_tty():
            return Confirmation(False, how="refused: not a terminal (use --yes)")
        self.err.write(f"About to {risk}: {effect}\n")
        answer = self.ask("Go ahead? [y/N] ").strip().lower()
        return Confirmation(answer in ("y", "yes"), how="terminal prompt")
