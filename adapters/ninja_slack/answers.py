"""Button presses: Confirm and Cancel on a confirmation card, and More under a list.

A Confirm or Cancel button carries only the pending confirmation's id. Only the user who asked
may answer it: anyone else gets a polite refusal and nothing changes (the desk checks the same
binding again). A confirmed call runs through ``Desk.approve`` for that user.
"""

from __future__ import annotations

import json
import logging

from ninja_tools import NinjaError

from . import texts
from .blocks import context, message, section
from .explain import failure
from .face import Asker, Face, Reply
from .outcome import outcome
from .render import more_value, render

__all__ = ["answer", "more"]

log = logging.getLogger(__name__)


async def answer(face: Face, confirmation_id: str, asker: Asker, reply: Reply, *,
                 approve: bool) -> None:
    """Confirm or cancel a pending confirmation for the user who pressed the button."""
    owner = face.owners.get(confirmation_id)
    if owner is not None and owner != asker.user_id:
        line = texts.NOT_YOURS.format(user=asker.user_id)
        await reply(message(line, [section(line)], replace=False))
        return
    try:
        principal = await face.principal(asker)
        if approve:
            status = await face.desk.approve(confirmation_id, principal=principal,
                                             how=f"confirmed in Slack by {principal.id}")
        else:
            status = await face.desk.refuse(confirmation_id, principal=principal,
                                            how=f"cancelled in Slack by {principal.id}")
    except Exception as exc:  # refused (used, expired, someone else's) or a fault
        await reply(failure(exc, replace=False))
        return
    if status.state == "pending":  # e.g. a password is needed: the card stays
        await reply({**outcome(face.toolbox, status), "replace_original": False})
        return
    if approve:
        shown = outcome(face.toolbox, status)
        shown["blocks"].append(context(texts.CONFIRMED_BY.format(user=asker.user_id)))
    elif status.state == "refused":
        shown = message(texts.CANCELLED, [section(texts.CANCELLED)])
    else:
        shown = outcome(face.toolbox, status)
    await reply({**shown, "replace_original": True})


async def more(face: Face, value: str, asker: Asker, reply: Reply) -> None:
    """The next page of a list (reads only; whoever presses it sees it as themselves)."""
    try:
        wanted = json.loads(value)
        action = face.toolbox.action(str(wanted["a"]))
        args = dict(wanted["args"])
    except (ValueError, KeyError, TypeError, NinjaError):
        line = f"{texts.WARN} {texts.MORE_STALE}"
        await reply(message(line, [section(line)], replace=False))
        return
    if action.kind != "list" or action.risk != "read":
        line = f"{texts.WARN} {texts.MORE_STALE}"
        await reply(message(line, [section(line)], replace=False))
        return
    try:
        principal = await face.principal(asker)
        result = await face.toolbox.run(action.name, args, principal)
    except Exception as exc:
        await reply(failure(exc, replace=False))
        return
    next_page = getattr(result, "next_page", None)
    following = more_value(action.name, args, next_page) if next_page else None
    await reply({**render(result, title=action.title, more=following), "replace_original": False})
