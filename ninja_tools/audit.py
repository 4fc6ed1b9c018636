"""An append-only record of every write: who, what, on which records, how confirmed, outcome.

JSON lines, one per call of an action above ``read`` (refusals included), to
``NINJA_AUDIT_FILE`` or ``audit.jsonl`` in the user's data directory. Never a password, a token
or the arguments' values beyond the ids they name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
import platformdirs

__all__ = ["AuditLog", "default_audit_path", "target_ids"]


def default_audit_path() -> Path:
    return Path(platformdirs.user_data_dir("ninja-tools")) / "audit.jsonl"


def target_ids(args: Mapping[str, Any], result: Any = None) -> list[str]:
    """The record ids a call names (``id``, ``ids``, ``*_id``) and the id of what it made."""
    found: list[str] = []
    for key, value in args.items():
        if key == "ids" and isinstance(value, list):
            found += [str(v) for v in value]
        elif (key == "id" or key.endswith("_id")) and isinstance(value, str) and value:
            found.append(value)
    made = getattr(result, "id", None)
    if isinstance(made, str) and made:
        found.append(made)
    return list(dict.fromkeys(found))


@dataclass
class AuditLog:
    """Appends one JSON line per write to ``path`` (its folder is created on first use)."""

    path: Path = field(default_factory=default_audit_path)
    _lock: anyio.Lock = field(default_factory=anyio.Lock, repr=False)

    async def record(self, *, principal: str, action: str, risk: str, targets: list[str],
                     outcome: str, confirmed: str = "", error: str = "") -> None:
        entry = {
            "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "principal": principal, "action": action, "risk": risk, "targets": targets,
            "outcome": outcome, "confirmed": confirmed,
        }
        if error:
            entry["error"] = error
        line = json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n"
        async with self._lock:
            await anyio.to_thread.run_sync(self._append, line)

    def _append(self, line: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(line)

    def entries(self) -> list[dict[str, Any]]:
        """Every record so far (for tests and `ninja-tools` diagnostics)."""
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text("utf-8").splitlines() if line]
