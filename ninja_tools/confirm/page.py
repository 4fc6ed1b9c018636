"""The confirm page ``/confirm/{id}`` as a Starlette Mount; imports no mcp, slack or adapters.

Any of our HTTP apps (the MCP server's, the Slack app's) can include it. GET shows the exact
effect and a plain form (the password in a masked field when the action needs it); POST confirms
or cancels, once. Every answer is ``no-store``, unframeable, sends no referrer and runs no
script (a strict Content-Security-Policy). A POST must carry the page's per-confirmation form
token (compared in constant time) and, when the browser names an Origin (or a Sec-Fetch-Site),
come from this page's own origin. Form bodies are never logged, echoed or kept: the password
goes to ``Desk.approve`` and is gone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import ConfirmationRefused, NinjaError
from . import html
from .desk import Desk
from .pending import ConfirmationNotFound, Pending, Status

__all__ = ["SECURITY_HEADERS", "confirm_mount", "confirm_page_app"]

#: Headers on every answer of the page.
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("cache-control", "no-store"),
    ("pragma", "no-cache"),
    ("x-frame-options", "DENY"),
    ("content-security-policy", html.CSP),
    ("referrer-policy", "no-referrer"),
    ("x-content-type-options", "nosniff"),
    ("cross-origin-opener-policy", "same-origin"),
)
_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_MAX_BODY = 16 * 1024


class _Secure:
    """ASGI middleware adding ``SECURITY_HEADERS`` to every answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in SECURITY_HEADERS}
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode("latin-1").lower() not in names]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_secure)


def _page(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status)


def _told(status: Status) -> HTMLResponse:
    """The page for a confirmation that can no longer be answered, in plain words."""
    if status.state == "expired":
        return _page(html.message("This link has expired", "It was not answered within its "
                                  "time, so nothing was done. Ask for the action again to get a "
                                  "new link."), 410)
    if status.state == "approved":
        return _page(html.message("Already confirmed", "This action is being carried out now. "
                                  "The link works only once."), 409)
    if status.state == "refused":
        return _page(html.message("Nothing was done", f"{status.message} This link no longer "
                                  "works."), 409)
    return _page(html.message("This link was already used", "It works only once, and it has "
                              "been used: nothing more will be done. Ask for the action again "
                              "if it is still needed."), 409)


def _unknown() -> HTMLResponse:
    return _page(html.message("Unknown link", "This confirmation link is not known: it is "
                              "wrong, or it ended long ago. Nothing was done."), 404)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def _foreign(request: Request, desk: Desk) -> bool:
    """A POST a browser says came from another site (or page) than this one.

    Under ``Referrer-Policy: no-referrer`` browsers send ``Origin: null`` even for the page's
    own form; that is believed only with ``Sec-Fetch-Site: same-origin``, a header that page
    content cannot set.
    """
    origin = request.headers.get("origin")
    site = request.headers.get("sec-fetch-site")
    if site is not None and site != "same-origin":
        return True
    if origin is None:
        return False
    if origin == "null":
        return site != "same-origin"
    ours = {_origin(str(request.url)), _origin(desk.base_url)} - {""}
    return origin.lower() not in ours


async def _form(request: Request) -> dict[str, str] | None:
    """The urlencoded form (first value of each field), or ``None`` when too big or garbled."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > _MAX_BODY:
            return None
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=8)
    except (UnicodeDecodeError, ValueError):
        return None
    finally:
        body[:] = b"\0" * len(body)  # the raw bytes at least; str copies go with the request
    return {key: values[0] for key, values in fields.items() if values}


async def _user(desk: Desk, pending: Pending) -> str:
    """Whose password the page asks for (known already: ``open`` asked who the token is)."""
    if pending.needs != "password":
        return ""
    try:
        who = await desk.identity()
    except NinjaError:
        return ""
    return f"{who.user_name} ({who.email})" if who.email and who.user_name else who.email


def _routes(desk: Desk) -> list[Route]:
    async def show(request: Request) -> Response:
        confirmation_id = request.path_params["id"]
        if not _ID.match(confirmation_id):
            return _unknown()
        try:
            status = await desk.status(confirmation_id)
        except ConfirmationNotFound:
            return _unknown()
        if status.state != "pending":
            return _told(status)
        pending = desk.pending(confirmation_id)
        return _page(html.question_form(pending, desk.form_token(confirmation_id),
                                        user=await _user(desk, pending)))

    async def answer(request: Request) -> Response:
        confirmation_id = request.path_params["id"]
        if not _ID.match(confirmation_id):
            return _unknown()
        if _foreign(request, desk):
            return _page(html.message("Refused", "This form must be sent from the confirm page "
                                      "itself. Nothing was done."), 403)
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != (
                "application/x-www-form-urlencoded"):
            return _page(html.message("Refused", "Send the form from the confirm page. Nothing "
                                      "was done."), 415)
        form = await _form(request)
        if form is None:
            return _page(html.message("Refused", "The form was too large or garbled. Nothing "
                                      "was done."), 400)
        try:
            status = await desk.status(confirmation_id)
        except ConfirmationNotFound:
            return _unknown()
        if status.state != "pending":
            return _told(status)
        if not desk.form_token_matches(confirmation_id, form.get("form_token", "")):
            return _page(html.message("Refused", "The form was not the one this page gave out "
                                      "(missing or wrong form token). Nothing was done; reload "
                                      "the page and try again."), 403)
        return await _decide(desk, confirmation_id, form)

    return [Route("/{id}", show, methods=["GET"], name="confirm_show"),
            Route("/{id}", answer, methods=["POST"], name="confirm_answer")]


async def _decide(desk: Desk, confirmation_id: str, form: dict[str, str]) -> Response:
    decision = form.get("decision", "")
    try:
        if decision == "cancel":
            await desk.refuse(confirmation_id, how="cancelled on the confirm page")
            return _page(html.message("Cancelled", "Nothing was done. This link no longer "
                                      "works."))
        if decision != "confirm":
            return _page(html.message("Refused", "Press Confirm or Cancel on the page. Nothing "
                                      "was done."), 400)
        password = form.pop("password", "")
        secret = SecretStr(password) if password else None
        del password
        status = await desk.approve(confirmation_id, password=secret,
                                    typed_name=form.get("typed_name"))
        del secret
    except ConfirmationRefused:
        return _told(await desk.status(confirmation_id))
    return await _result(desk, confirmation_id, status)


async def _result(desk: Desk, confirmation_id: str, status: Status) -> Response:
    if status.state == "pending":
        pending = desk.pending(confirmation_id)
        return _page(html.question_form(
            pending, desk.form_token(confirmation_id), user=await _user(desk, pending),
            error=status.error or "", attempts_left=status.attempts_left), 422)
    if status.state == "done":
        return _page(html.message("Done", status.message, outcome=status.outcome))
    if status.state == "failed":
        return _page(html.message("It did not work", status.message, error=status.error or ""))
    return _told(status)


def confirm_mount(desk: Desk, path: str = "/confirm") -> Mount:
    """``/confirm/{id}`` with its security headers, to put in any Starlette app's routes."""
    return Mount(path, routes=_routes(desk), middleware=[Middleware(_Secure)])


def confirm_page_app(desk: Desk, *, allowed_hosts: Sequence[str] | None = None) -> Starlette:
    """A Starlette app serving only the confirm page (used alone on 127.0.0.1).

    ``allowed_hosts`` limits the Host header (against DNS rebinding); default: any.
    """
    middleware: list[Any] = []
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))
    return Starlette(routes=[confirm_mount(desk)], middleware=middleware)
