"""``PageConfirmer``, for faces that cannot ask in-line; imports no mcp, slack or adapters.

No elicitation, or a password to take: the call stops with a link, and runs when the human
confirms on the page.
"""

from __future__ import annotations

from pydantic import BaseModel

from ..actions.base import Action, Risk
from ..policy import Principal
from ..toolbox import Call, Confirmation
from .desk import Desk
from .pending import ConfirmationPending

__all__ = ["PageConfirmer"]


class PageConfirmer:
    """Opens (or finds) the pending confirmation and raises ``ConfirmationPending`` with it.

    Usage:
        try:
            result = await toolbox.run(name, args, who, PageConfirmer(desk, who))
        except ConfirmationPending as waiting:
            reply(waiting.pending.as_dict())      # the question and the link, no secret

    Asking again with the same arguments gives the same confirmation and the same question.
    It never returns a yes: only the human, on the page, can make the call run.
    """

    def __init__(self, desk: Desk, principal: Principal) -> None:
        self.desk = desk
        self.principal = principal

    async def confirm(self, action: Action, args: BaseModel, risk: Risk) -> Confirmation:
        call = Call(action=action, params=args, risk=risk, principal=self.principal,
                    args=args.model_dump(mode="json", exclude_none=True))
        raise ConfirmationPending(await self.desk.open(call))
