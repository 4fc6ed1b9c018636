"""The Slack ``Confirmer``: a pending confirmation on the core's desk, shown as a card.

``confirm`` never says yes by itself: it opens (or finds) the pending confirmation and stops the
call with ``ConfirmationPending``; the face shows the question with Confirm and Cancel (or, for a
password, a link to the confirm page), and only the requesting user's click, or the page, makes
it run. Password actions need the confirm page (``NINJA_PUBLIC_URL``): Slack has no masked input,
and a password must never pass through a chat.
"""

from __future__ import annotations

from pydantic import BaseModel

from ninja_tools import ConfirmationRequired
from ninja_tools.actions.base import Action, Risk
from ninja_tools.confirm import Desk, PageConfirmer
from ninja_tools.policy import Principal
from ninja_tools.toolbox import Confirmation

from . import texts

__all__ = ["SlackConfirmer"]


class SlackConfirmer(PageConfirmer):
    """Opens the pending confirmation for one Slack user's call.

    Args:
        desk: the process's desk (the confirm page serves the same one).
        principal: the requesting Slack user; only they can answer.
        page: whether the confirm page is reachable (``NINJA_PUBLIC_URL`` is set).
    """

    def __init__(self, desk: Desk, principal: Principal, *, page: bool) -> None:
        super().__init__(desk, principal)
        self.page = page

    async def confirm(self, action: Action, args: BaseModel, risk: Risk) -> Confirmation:
        if risk == "password" and not self.page:
            raise ConfirmationRequired(texts.PASSWORD_NEEDS_PAGE.format(action=action.name),
                                       hint=texts.PASSWORD_HINT)
        return await super().confirm(action, args, risk)
