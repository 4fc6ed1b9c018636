"""The desk: confirmations from question to outcome; imports no mcp, slack or adapters.

``open`` builds the question once from the server's data and keeps it with the call;
``approve`` re-reads the targets, runs the call through ``Toolbox.execute`` (the password,
when there is one, goes to that one request and is dropped) and keeps the outcome;
``refuse`` and expiry end it with nothing done; ``status`` says where it stands. A pending
confirmation is single-use, expires (10 minutes), is bound to its principal and to a keyed
hash of the exact arguments, and nothing handed out carries a secret.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import time
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import anyio
from pydantic import BaseModel, SecretBytes, SecretStr

from .. import present
from ..errors import ConfirmationRefused, NinjaError, PasswordRejected
from ..identity import Identity
from ..policy import Principal
from ..toolbox import Call, Toolbox
from .effect import Effect, describe, recheck
from .pending import ConfirmationNotFound, Needs, Pending, State, Status

__all__ = ["TTL", "Desk"]

log = logging.getLogger(__name__)

#: Seconds a pending confirmation waits for its human.
TTL = 600.0
#: Seconds a finished one is kept so that faces can still ask for its status.
KEEP = 3600.0
#: Wrong passwords (or names) before a confirmation is refused for good.
ATTEMPTS = 5

_PROVIDERS = {"google": "Google", "microsoft": "Microsoft", "apple": "Apple"}


def _plain(value: Any) -> Any:
    """JSON for the argument hash: secrets by value (keyed hash only), the rest as text."""
    if isinstance(value, SecretStr | SecretBytes):
        return _plain(value.get_secret_value())
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def _same_name(typed: str, expected: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()

    return bool(typed.strip()) and norm(typed) == norm(expected)


@dataclass(eq=False)
class _Entry:
    """One confirmation as the desk keeps it; never handed out."""

    pending: Pending
    call: Call = field(repr=False)
    args_hash: str = field(repr=False)
    form_token: str = field(repr=False)
    effect: Effect = field(repr=False)
    state: State = "pending"
    message: str = ""
    outcome: dict[str, Any] | None = None
    error: str | None = None
    attempts: int = 0
    finished_at: float | None = None
    settled: anyio.Event = field(default_factory=anyio.Event, repr=False)


class Desk:
    """Pending confirmations of one Toolbox, shared by every face of one process.

    Usage:
        desk = Desk(toolbox, base_url="https://ninja.example.com")
        pending = await desk.open(await toolbox.prepare("purge_client", {"id": "..."}, who))
        # the human answers on pending.url; a face asks:
        status = await desk.status(pending.id)

    Args:
        toolbox: runs the confirmed calls (and writes their audit records).
        base_url: where people reach the confirm page; ``Pending.url`` starts with it.
        clock: seconds since the epoch (tests move it to expire confirmations).
        ttl: seconds a confirmation waits; attempts: wrong passwords (or names) allowed.
        identity: who the token's user is (has a password or signs in with Google...);
            default: the policy's cached answer, else one ``POST /refresh``.
    """

    def __init__(self, toolbox: Toolbox, *, base_url: str = "",
                 clock: Callable[[], float] = time.time, ttl: float = TTL,
                 attempts: int = ATTEMPTS,
                 identity: Callable[[], Awaitable[Identity]] | None = None) -> None:
        self.toolbox = toolbox
        self.base_url = base_url.rstrip("/")
        self.clock = clock
        self.ttl = ttl
        self.attempts = attempts
        self._identity = identity
        self._known: tuple[Identity, float] | None = None
        self._key = secrets.token_bytes(32)
        self._entries: dict[str, _Entry] = {}
        self._opening = anyio.Lock()

    def __repr__(self) -> str:
        return f"Desk({len(self._entries)} confirmations)"

    # -- opening ---------------------------------------------------------------------------

    def args_hash(self, call: Call) -> str:
        """A keyed hash of the action and its exact (validated) arguments."""
        data = {"action": call.action.name, "args": call.params.model_dump(mode="python")}
        text = json.dumps(data, sort_keys=True, default=_plain, ensure_ascii=False)
        return hmac.new(self._key, text.encode(), hashlib.sha256).hexdigest()

    def find(self, call: Call) -> Pending | None:
        """The live pending confirmation of this principal for exactly this call, if any."""
        wanted = self.args_hash(call)
        for entry in self._entries.values():
            if (entry.state == "pending" and not self._expired(entry)
                    and entry.call.principal.id == call.principal.id
                    and hmac.compare_digest(entry.args_hash, wanted)):
                return entry.pending
        return None

    async def open(self, call: Call) -> Pending:
        """The pending confirmation for ``call``: the same one (same question) while one for
        this principal and these exact arguments waits, else a new one read from the server.

        Only reads are sent; ``NotFound`` when a target does not exist.
        """
        await self._sweep()
        async with self._opening:
            same = self.find(call)
            if same is not None:
                return same
            effect = await describe(self.toolbox.context, call)
            needs, why = await self._needs(call)
            confirmation_id = secrets.token_urlsafe(16)
            pending = Pending(
                id=confirmation_id, action=call.action.name, title=call.action.title,
                risk=call.risk, question=effect.question, details=effect.details,
                url=f"{self.base_url}/confirm/{confirmation_id}",
                expires_at=dt.datetime.fromtimestamp(self.clock() + self.ttl, dt.UTC),
                needs=needs, type_to_confirm=effect.name if needs == "name" else "", why=why,
            )
            self._entries[confirmation_id] = _Entry(
                pending=pending, call=call, args_hash=self.args_hash(call),
                form_token=secrets.token_urlsafe(32), effect=effect)
            log.info("confirmation opened for %s (%s)", call.action.name, call.risk)
            return pending

    async def identity(self) -> Identity:
        """The token's user (cached five minutes)."""
        if self._known is None or self.clock() - self._known[1] > 300:
            if self._identity is not None:
                who = await self._identity()
            elif self.toolbox.policy is not None:
                who = await self.toolbox.policy.whoami()
            else:
                who = await self.toolbox.context.identity()
            self._known = (who, self.clock())
        return self._known[0]

    async def _needs(self, call: Call) -> tuple[Needs, str]:
        if call.risk != "password":
            return "yes", ""
        who = await self.identity()
        if who.has_password:
            return "password", ""
        provider = _PROVIDERS.get(who.oauth_provider.lower(), who.oauth_provider.capitalize())
        user = who.user_name or "The token's user"
        return "name", (f"{user} signs in with {provider} and has no Invoice Ninja password, "
                        "so type the name instead to confirm.")

    # -- answering -------------------------------------------------------------------------

    async def approve(self, confirmation_id: str, *, password: SecretStr | str | None = None,
                      typed_name: str | None = None, principal: Principal | None = None,
                      call: Call | None = None, how: str = "confirmed on the confirm page",
                      ) -> Status:
        """Run the confirmed call, once. ``principal`` and ``call``, when a face gives them,
        must match what the confirmation was opened for.

        Raises ``ConfirmationRefused`` (nothing done, nothing changed) for an unknown id,
        another principal, other arguments, an expired or already used confirmation. A wrong
        password or name leaves it pending (``Status.error`` says so) until the attempts
        run out. The password is used for this one request and dropped.
        """
        secret = SecretStr(password) if isinstance(password, str) else password
        del password
        entry = await self._live(confirmation_id)
        self._check_binding(entry, principal, call)
        needs = entry.pending.needs
        if needs == "password" and not (secret and secret.get_secret_value()):
            return self._status(entry, error="Type the Invoice Ninja password to confirm.")
        if needs == "name" and not _same_name(typed_name or "", entry.pending.type_to_confirm):
            return await self._wrong(entry, "That is not the name; type it exactly as shown.")
        entry.state = "approved"  # taken before any await: a second answer finds it in use
        try:
            return await self._run(entry, secret if needs == "password" else None, how)
        finally:
            del secret

    async def _run(self, entry: _Entry, secret: SecretStr | None, how: str) -> Status:
        call = entry.call
        try:
            change = await recheck(self.toolbox.context, call, entry.effect)
        except Exception as exc:
            entry.state = "pending"
            why = exc.message if isinstance(exc, NinjaError) else type(exc).__name__
            return self._status(entry, error=f"Could not read the records again ({why}). "
                                "Nothing was done; try again.")
        if change:
            await self.toolbox.decline(call, "targets changed")
            return await self._finish(entry, "refused", f"{change[0].upper()}{change[1:]}, so "
                                      "nothing was done. Ask again to see the current data.")
        try:
            result = await self.toolbox.execute(call, how=how, password=secret,
                                                passwordless=entry.pending.needs == "name")
        except PasswordRejected:
            return await self._wrong(entry, "Invoice Ninja did not accept that password "
                                     "(412 Invalid Password); nothing was done.")
        except NinjaError as exc:
            entry.error = str(exc)
            return await self._finish(entry, "failed", f"It did not work: {exc.message}")
        except Exception as exc:  # a bug: keep its kind, never its text (it may hold data)
            log.error("confirmed %s failed: %s", call.action.name, type(exc).__name__)
            entry.error = f"Unexpected {type(exc).__name__}; nothing more is known."
            return await self._finish(entry, "failed", "It did not work: an unexpected error.")
        entry.outcome = _outcome(result)
        message = entry.outcome.get("message") if isinstance(entry.outcome, dict) else None
        return await self._finish(entry, "done", str(message or "Done."))

    async def _wrong(self, entry: _Entry, error: str) -> Status:
        entry.attempts += 1
        entry.state = "pending"
        if entry.attempts >= self.attempts:
            await self.toolbox.decline(entry.call, "too many wrong answers")
            entry.error = error
            return await self._finish(entry, "refused", f"{error} That was the last try; this "
                                      "confirmation is closed. Ask again to start over.")
        return self._status(entry, error=error)

    async def refuse(self, confirmation_id: str, *, principal: Principal | None = None,
                     how: str = "cancelled") -> Status:
        """Cancel a pending confirmation: nothing is done, and the link stops working."""
        entry = await self._live(confirmation_id)
        self._check_binding(entry, principal, None)
        await self.toolbox.decline(entry.call, how)
        return await self._finish(entry, "refused", "Cancelled; nothing was done.")

    # -- asking ----------------------------------------------------------------------------

    async def status(self, confirmation_id: str) -> Status:
        """Where it stands: pending, approved (running), refused, expired, done or failed."""
        entry = self._entry(confirmation_id)
        await self._expire(entry)
        return self._status(entry)

    async def wait(self, confirmation_id: str, timeout: float) -> Status:
        """The status once it is settled, or as it stands after ``timeout`` seconds."""
        entry = self._entry(confirmation_id)
        with anyio.move_on_after(max(0.0, min(timeout, entry.pending.expires_at.timestamp()
                                              - self.clock()))):
            await entry.settled.wait()
        return await self.status(confirmation_id)

    def pending(self, confirmation_id: str) -> Pending:
        return self._entry(confirmation_id).pending

    def form_token(self, confirmation_id: str) -> str:
        """The page's per-confirmation anti-forgery token (for its hidden form field)."""
        return self._entry(confirmation_id).form_token

    def form_token_matches(self, confirmation_id: str, given: str) -> bool:
        entry = self._entries.get(confirmation_id)
        return entry is not None and bool(given) and hmac.compare_digest(
            entry.form_token.encode(), given.encode())

    # -- bookkeeping -----------------------------------------------------------------------

    def _entry(self, confirmation_id: str) -> _Entry:
        entry = self._entries.get(confirmation_id)
        if entry is None:
            raise ConfirmationNotFound(
                "This confirmation is not known: the link is wrong, or it ended long ago.",
                hint="Ask for the action again to get a new confirmation.")
        return entry

    async def _live(self, confirmation_id: str) -> _Entry:
        """The entry, if it can still be answered; else ``ConfirmationRefused`` saying why."""
        entry = self._entry(confirmation_id)
        await self._expire(entry)
        if entry.state == "expired":
            raise ConfirmationRefused(
                "This confirmation expired before it was answered; nothing was done.",
                hint="Ask for the action again to get a new confirmation.")
        if entry.state != "pending":
            raise ConfirmationRefused(
                "This confirmation was already used; it works only once and nothing more was "
                "done.", hint="Ask for the action again if it is still needed.")
        return entry

    def _check_binding(self, entry: _Entry, principal: Principal | None,
                       call: Call | None) -> None:
        owner = entry.call.principal.id
        if (principal is not None and principal.id != owner) or (
                call is not None and call.principal.id != owner):
            raise ConfirmationRefused("This confirmation belongs to someone else; only the "
                                      "person who asked can answer it. Nothing was done.")
        if call is not None and not hmac.compare_digest(self.args_hash(call), entry.args_hash):
            raise ConfirmationRefused("This confirmation was given for other arguments; "
                                      "nothing was done.", hint="Ask again with these ones.")

    def _expired(self, entry: _Entry) -> bool:
        return self.clock() >= entry.pending.expires_at.timestamp()

    async def _expire(self, entry: _Entry) -> None:
        if entry.state == "pending" and self._expired(entry):
            await self.toolbox.decline(entry.call, "expired")
            await self._finish(entry, "expired", "It expired after "
                               f"{self.ttl / 60:g} minutes without an answer; nothing was done.")

    async def _finish(self, entry: _Entry, state: State, message: str) -> Status:
        entry.state, entry.message, entry.finished_at = state, message, self.clock()
        entry.settled.set()
        log.info("confirmation of %s ended: %s", entry.call.action.name, state)
        return self._status(entry)

    async def _sweep(self) -> None:
        """Expire what waited too long and forget what ended long ago."""
        for confirmation_id, entry in list(self._entries.items()):
            await self._expire(entry)
            if entry.finished_at is not None and self.clock() - entry.finished_at > KEEP:
                del self._entries[confirmation_id]

    def _status(self, entry: _Entry, error: str | None = None) -> Status:
        state = entry.state
        message = entry.message or {
            "pending": "Waiting for a human to confirm or cancel it.",
            "approved": "Confirmed; running now.",
        }.get(state, "")
        left = self.attempts - entry.attempts if state == "pending" else None
        return Status(id=entry.pending.id, state=state, action=entry.pending.action,
                      question=entry.pending.question, message=message, outcome=entry.outcome,
                      error=error or entry.error, attempts_left=left)


def _outcome(result: BaseModel) -> dict[str, Any]:
    """The shaped result as JSON data (files by name and size: their bytes stay out)."""
    if isinstance(result, present.FileResult):
        return {"filename": result.filename, "content_type": result.content_type,
                "size": result.size}
    return present.dump(result)

