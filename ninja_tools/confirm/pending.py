"""What faces get from the desk (Pending, Status, errors); imports no mcp, slack or adapters.

Plain data that is safe to show or store anywhere (a tool result, a Slack message): an id, the
question, a link, an expiry, never a password or a form token. Imports nothing of ours beyond
the error base classes and the risk names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import ConfirmationRefused, ConfirmationRequired
from ..resources import Risk

__all__ = ["ConfirmationNotFound", "ConfirmationPending", "Needs", "Pending", "State", "Status"]

#: What the human must give to confirm: a yes, the account password, or the target's name.
Needs = Literal["yes", "password", "name"]
#: approved = accepted and running now; done and failed say how the run ended.
State = Literal["pending", "approved", "refused", "expired", "done", "failed"]


@dataclass(frozen=True)
class Pending:
    """A question waiting for a human, built once from the server's data.

    Args:
        id: random and unguessable (128 bits); the link and ``Desk.status`` use it.
        question: the exact effect, in one sentence ("Delete 3 invoices: ...").
        details: one line per target and per extra argument, for pages that have room.
        url: the confirm page for it (a path alone when the desk knows no base URL).
        needs: ``password`` for password actions, ``name`` when the token's user has no
            password (Google, Microsoft or Apple sign-in), else ``yes``.
        type_to_confirm: the text to type when ``needs`` is ``name``.
        why: one sentence on why a name is asked for instead of a password.
    """

    id: str
    action: str
    title: str
    risk: Risk
    question: str
    details: tuple[str, ...]
    url: str
    expires_at: dt.datetime
    needs: Needs = "yes"
    type_to_confirm: str = ""
    why: str = ""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, for a tool result or a Slack message."""
        data: dict[str, Any] = {
            "confirmation_id": self.id, "action": self.action, "risk": self.risk,
            "question": self.question, "url": self.url,
            "expires_at": self.expires_at.isoformat(timespec="seconds"), "needs": self.needs,
        }
        if self.type_to_confirm:
            data["type_to_confirm"] = self.type_to_confirm
        return data


@dataclass(frozen=True)
class Status:
    """Where one confirmation stands, in plain words, with the outcome once it ran.

    ``outcome`` is the shaped result as JSON data (``done``); ``error`` says what went wrong
    (``failed``, a refusal, or a wrong password while it stays ``pending``).
    """

    id: str
    state: State
    action: str
    question: str
    message: str
    outcome: dict[str, Any] | None = None
    error: str | None = None
    attempts_left: int | None = None

    @property
    def finished(self) -> bool:
        return self.state not in ("pending", "approved")

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"confirmation_id": self.id, "state": self.state,
                                "action": self.action, "question": self.question,
                                "message": self.message}
        for key in ("outcome", "error", "attempts_left"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


class ConfirmationPending(ConfirmationRequired):
    """Raised by ``PageConfirmer``: the human confirms on the page; ``pending`` says where.

    A ``ConfirmationRequired``, so a face that knows nothing of pages still stops cleanly.
    """

    def __init__(self, pending: Pending) -> None:
        super().__init__(
            f"{pending.action} waits for a human's confirmation: {pending.question}",
            hint=f"Open {pending.url} to confirm or cancel it; it expires at "
            f"{pending.expires_at:%H:%M} UTC.",
        )
        self.pending = pending


class ConfirmationNotFound(ConfirmationRefused):
    """Raised for an id the desk does not know (never issued, or cleared long after use)."""
