"""A settled (or still pending) confirmation as a Slack reply: the result card when it ran.

The desk keeps a confirmed call's result as JSON data; it is read back into the action's output
model so that it gets the same card as a result shown at once. Pure.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ninja_tools import NinjaError, Toolbox
from ninja_tools.confirm import Status

from . import texts
from .blocks import Message, esc, message, section
from .render import render

__all__ = ["outcome"]


def outcome(toolbox: Toolbox, status: Status) -> Message:
    """A settled (or still pending) confirmation as a reply: the result card when it ran."""
    text = esc(status.message)
    if status.state == "done":
        head = texts.OUTCOME_DONE.format(message=text)
        try:
            action = toolbox.action(status.action)
            result: Any = action.output.model_validate(status.outcome or {})
            title = action.title
        except (ValidationError, NinjaError):
            result, title = status.outcome or {}, status.action
        shown = render(result, title=title)
        return message(head, [section(head), *shown.get("blocks", [])])
    if status.state == "failed":
        line = texts.OUTCOME_FAILED.format(message=esc(status.error or status.message))
    elif status.state == "pending" and status.error:
        line = f"{texts.WARN} {esc(status.error)}"
    elif status.state == "approved":
        line = texts.RUNNING
    else:
        line = texts.OUTCOME_OTHER.format(message=text)
    return message(line, [section(line)])
