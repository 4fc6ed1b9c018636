"""What ``/invoice`` does once Slack has been answered: one core call per command, shown back.

``Face`` holds the collaborators (toolbox, desk, roles, the Web API client) and turns a parsed
command into ``Toolbox.run`` with the user's principal and a ``SlackConfirmer``, and the result
into a reply. Nothing of Invoice Ninja lives here; the Bolt wiring is in ``listeners``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import anyio
from slack_sdk.web.async_client import AsyncWebClient

from ninja_tools import Toolbox
from ninja_tools.actions.base import RISK_ORDER
from ninja_tools.confirm import ConfirmationPending, Desk
from ninja_tools.policy import ROLES, Principal
from ninja_tools.present import FileResult, dump
from ninja_tools.resources import TOOLSETS

from . import texts
from .blocks import Message, confirm_card, context, esc, help_blocks, message, section, sections
from .confirmer import SlackConfirmer
from .delivery import send_to_user
from .entities import Vocabulary
from .explain import failure
from .grammar import Actions, Help, NewInvoice, Run, Usage, parse, unslack
from .modal import Submission, client_options, form
from .outcome import outcome
from .render import more_value, render
from .resolve import resolve
from .roles import Roles

__all__ = ["Asker", "Face", "Reply"]

log = logging.getLogger(__name__)

Reply = Callable[[Message], Awaitable[Any]]
#: Seconds the client picker waits for Invoice Ninja (Slack gives up after three).
OPTIONS_TIMEOUT = 2.5


@dataclass(frozen=True)
class Asker:
    """Who asked, and where the answer goes."""

    user_id: str
    user_name: str = ""
    channel_id: str = ""
    response_url: str = ""
    trigger_id: str = ""
    text: str = ""


class Face:
    """The Slack app's behaviour, independent of Bolt.

    Args:
        toolbox: runs every action (its policy enforces the roles).
        desk: pending confirmations, shared with the confirm page.
        roles: Slack users to principals.
        web: the Slack Web API client (modal, direct messages).
        page: whether the confirm page is reachable (``NINJA_PUBLIC_URL``).
    """

    def __init__(self, toolbox: Toolbox, desk: Desk, roles: Roles, web: AsyncWebClient, *,
                 page: bool) -> None:
        self.toolbox = toolbox
        self.desk = desk
        self.roles = roles
        self.web = web
        self.page = page
        self.words = Vocabulary(toolbox.actions())
        self.owners: dict[str, str] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    async def principal(self, asker: Asker) -> Principal:
        return await self.roles.principal(asker.user_id, asker.user_name)

    # -- the command ---------------------------------------------------------------------------

    async def command(self, asker: Asker, reply: Reply) -> None:
        """Answer ``/invoice <text>`` (the acknowledgement already went out)."""
        parsed = parse(asker.text, self.words)
        if isinstance(parsed, Usage):
            return  # the acknowledgement carried the usage line
        try:
            principal = await self.principal(asker)
            if isinstance(parsed, Help):
                await reply(await self.help(principal, share=parsed.share))
            elif isinstance(parsed, Actions):
                await reply(await self.catalog(principal, parsed.toolset, share=parsed.share))
            elif isinstance(parsed, NewInvoice):
                await self.open_form(asker, principal, reply)
            else:
                await self.run(parsed, asker, principal, reply)
        except Exception as exc:
            await reply(failure(exc))

    async def help(self, principal: Principal, *, share: bool = False) -> Message:
        """The help entries this user may run (and how many more a higher role would show)."""
        visible = {a.name for a in await self.toolbox.visible(principal)}
        shown = [e for e in texts.HELP if not e.needs or any(n in visible for n in e.needs)]
        role = principal.role or "admin"
        return message(texts.HELP_TITLE, help_blocks(shown, role, len(texts.HELP) - len(shown)),
                       share=share)

    async def catalog(self, principal: Principal, toolset: str, *,
                      share: bool = False) -> Message:
        visible = await self.toolbox.visible(principal)
        if not toolset:
            counts: dict[str, int] = {}
            for action in visible:
                counts[action.toolset] = counts.get(action.toolset, 0) + 1
            lines = [f"*{name}* ({n}): {esc(TOOLSETS.get(name, ''))}"
                     for name, n in sorted(counts.items())]
            title = esc(texts.ACTIONS_TITLE)
            return message(title, [section(title), *sections(lines)], share=share)
        chosen = [a for a in visible if a.toolset == toolset.replace("-", "_")]
        if not chosen:
            line = f"{texts.WARN} {texts.ACTIONS_NONE.format(toolset=esc(toolset))}"
            return message(line, [section(line)])
        title = texts.ACTIONS_IN.format(toolset=esc(toolset))
        lines = [f"`{a.name}` ({a.risk}): {esc(a.title)}" for a in chosen]
        return message(title, [section(title), *sections(lines)], share=share)

    async def run(self, parsed: Run, asker: Asker, principal: Principal, reply: Reply) -> None:
        """One catalog action: resolve names to ids, run it, and show the result."""
        action = self.toolbox.action(parsed.action)
        args = await resolve(parsed.args, self.toolbox, principal, self.words)
        log.info("%s runs %s", principal.id, action.name)
        confirmer = SlackConfirmer(self.desk, principal, page=self.page)
        try:
            result = await self.toolbox.run(action.name, args, principal, confirmer)
        except ConfirmationPending as waiting:
            await self.ask(waiting, asker, reply)
            return
        if isinstance(result, FileResult):
            await send_to_user(self.web, asker.user_id, result)
            line = texts.PDF_SENT.format(filename=esc(result.filename))
            await reply(message(line, [section(line)]))
            return
        next_page = getattr(result, "next_page", None)
        more = more_value(action.name, args, next_page) if (
            next_page and action.kind == "list") else None
        answer = render(result, title=action.title, share=parsed.share, more=more)
        if parsed.share:
            answer.setdefault("blocks", []).append(context(texts.SHARED_NOTE.format(
                user=asker.user_id, command=texts.COMMAND, text=esc(unslack(asker.text)))))
        await reply(answer)

    # -- confirmations -------------------------------------------------------------------------

    async def ask(self, waiting: ConfirmationPending, asker: Asker, reply: Reply) -> None:
        """Show the confirmation card (to the asker only); follow page confirmations."""
        pending = waiting.pending
        self.owners[pending.id] = asker.user_id
        await reply(message(esc(pending.question), confirm_card(pending, asker.user_id)))
        if pending.needs != "yes":
            self.follow(pending.id, reply)

    def follow(self, confirmation_id: str, reply: Reply) -> None:
        """Replace the card with the outcome once the confirm page settles it."""

        async def watch() -> None:
            try:
                status = await self.desk.wait(confirmation_id, self.desk.ttl)
                if status.finished:
                    await reply({**outcome(self.toolbox, status), "replace_original": True})
            except Exception as exc:  # the card stays as it was; say why in the log
                log.warning("could not report a confirmation's outcome (%s)",
                            type(exc).__name__)

        task = asyncio.get_running_loop().create_task(watch())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- the form --------------------------------------------------------------------------------

    async def open_form(self, asker: Asker, principal: Principal, reply: Reply) -> None:
        """Open the form at once (Slack's trigger lasts three seconds), if the role may create
        invoices at all; the policy decides again, in full, when the form is sent."""
        risk = self.toolbox.action("create_invoice").risk
        if principal.role is not None and RISK_ORDER[risk] > RISK_ORDER[ROLES[principal.role]]:
            line = f"{texts.WARN} {texts.FORM_NOT_ALLOWED.format(role=principal.role)}"
            await reply(message(line, [section(line)]))
            return
        await self.web.views_open(trigger_id=asker.trigger_id, view=form(
            response_url=asker.response_url, channel_id=asker.channel_id))

    async def submit_form(self, submission: Submission, asker: Asker, reply: Reply) -> None:
        """Create the invoice the form describes (the form was checked and closed already)."""
        try:
            principal = await self.principal(asker)
            await self.run(Run("create_invoice", submission.args), asker, principal, reply)
        except Exception as exc:
            await reply(failure(exc))

    async def client_options(self, query: str, asker: Asker) -> list[dict[str, Any]]:
        """Clients matching what was typed in the picker; nothing rather than too late."""
        try:
            principal = await self.principal(asker)
            with anyio.fail_after(OPTIONS_TIMEOUT):
                page = await self.toolbox.run("find_clients", {"search": query, "per_page": 25},
                                              principal)
        except Exception as exc:
            log.info("no client options (%s)", type(exc).__name__)
            return []
        return client_options(dump(page).get("items") or [])

    async def aclose(self) -> None:
        """Stop following confirmations (at shutdown)."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
