"""The one place the Slack app turns an exception into one readable line for the user.

Errors of the core (``NinjaError``) say what went wrong and what to do next; anything else is
a bug: logged with its traceback on stderr, and the user gets a generic sentence.
"""

from __future__ import annotations

import logging

from ninja_tools import NinjaError

from . import texts
from .blocks import Message, esc, message, section

__all__ = ["explain", "failure"]

log = logging.getLogger(__name__)


def explain(exc: BaseException) -> str:
    """One line of mrkdwn, Invoice Ninja's words escaped."""
    if isinstance(exc, NinjaError):
        line = " ".join(str(exc).split())
    else:
        log.error("unexpected failure in the Slack app", exc_info=exc)
        line = texts.UNEXPECTED
    return f"{texts.WARN} {esc(line)}"


def failure(exc: BaseException, *, replace: bool | None = None) -> Message:
    """An ephemeral reply saying what went wrong."""
    line = explain(exc)
    return message(line, [section(line)], replace=replace)
