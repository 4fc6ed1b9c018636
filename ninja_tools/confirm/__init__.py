"""Human confirmation of destructive and password actions; imports no mcp, slack or adapters.

The faces import this, never the other way round.

Public API
----------
``Desk(toolbox, base_url=..., clock=...)``: ``await desk.open(call) -> Pending`` (the
question, read once from the server and kept), ``await desk.approve(id, password=...,
typed_name=..., principal=..., call=...) -> Status``, ``await desk.refuse(id)``,
``await desk.status(id) -> Status``, ``await desk.wait(id, timeout)``.
``PageConfirmer(desk, principal)``: a ``Confirmer`` that answers ``Toolbox.run`` with
``ConfirmationPending`` (the link) instead of a yes.
``confirm_mount(desk)`` / ``confirm_page_app(desk)``: the page ``/confirm/{id}`` for a Starlette
app; ``await serve_confirm_page(desk)`` runs it alone on 127.0.0.1 and returns its base URL.

Layout: ``pending`` what faces get · ``targets`` which records a call names and their
fingerprints · ``wording`` the question · ``effect`` reading and re-reading · ``desk`` the
life of a confirmation · ``confirmer`` PageConfirmer · ``html``/``page``/``serve`` the page.
"""

from .confirmer import PageConfirmer
from .desk import ATTEMPTS, TTL, Desk
from .page import SECURITY_HEADERS, confirm_mount, confirm_page_app
from .pending import ConfirmationNotFound, ConfirmationPending, Pending, State, Status
from .serve import PageServer, serve_confirm_page

__all__ = [
    "ATTEMPTS",
    "SECURITY_HEADERS",
    "TTL",
    "ConfirmationNotFound",
    "ConfirmationPending",
    "Desk",
    "PageConfirmer",
    "PageServer",
    "Pending",
    "State",
    "Status",
    "confirm_mount",
    "confirm_page_app",
    "serve_confirm_page",
]
