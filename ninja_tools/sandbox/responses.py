"""Rendering answers the way the real server does: sorted, pretty JSON and Laravel pages.

Successes are always HTTP 200 (the real API has no 201/204). Items are wrapped in
``{"data": ...}``; lists also carry ``meta.pagination`` (see ``pagination.py``).
"""

from __future__ import annotations

import html
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from .failures import SandboxError

APP_VERSION = "5.10.42"
MINIMUM_CLIENT_VERSION = "5.0.16"
VERSION_HEADERS = {
    "X-App-Version": APP_VERSION,
    "X-Api-Version": MINIMUM_CLIENT_VERSION,
    "X-Minimum-Client-Version": MINIMUM_CLIENT_VERSION,
}

_REASONS = {
    302: "Found",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    412: "Precondition Failed",
    419: "Page Expired",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    500: "Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


def dumps(payload: Any) -> bytes:
    """Pretty-printed JSON with sorted keys and escaped non-ASCII, like PHP's json_encode."""
    return json.dumps(payload, sort_keys=True, indent=4).encode()


def json_response(payload: Any, status: int = 200) -> Response:
    return Response(dumps(payload), status_code=status, media_type="application/json")


def item(record: dict[str, Any]) -> Response:
    return json_response({"data": record})


def message(text: str, status: int = 200) -> Response:
    return json_response({"message": text}, status)


def empty() -> Response:
    """The bare 200 some real endpoints give (e.g. ``POST documents``)."""
    return Response(b"", status_code=200, media_type="text/html; charset=UTF-8")


def expects_json(request: Request) -> bool:
    """Laravel's ``expectsJson()``: an XHR, or an Accept header that asks for JSON."""
    if request.headers.get("x-requested-with", "").lower() == "xmlhttprequest":
        return True
    accept = request.headers.get("accept", "").lower()
    return "/json" in accept or "+json" in accept


def error_response(request: Request, exc: SandboxError) -> Response:
    """Render ``exc`` in JSON mode, or as Laravel would for a browser-style request."""
    if exc.html_status is None or expects_json(request):
        return json_response(exc.body, exc.status)
    if exc.html_status == 302:
        back = request.headers.get("referer") or str(request.base_url)
        return RedirectResponse(back, status_code=302)
    return html_page(exc.html_status, str(exc.body.get("message", "")), exc.html_headers)


def html_page(status: int, text: str = "", headers: dict[str, str] | None = None) -> Response:
    """A page shaped like Laravel's minimal error view ("404 | Not Found")."""
    reason = _REASONS.get(status, "Error")
    shown = html.escape(text if status in (403, 429) and text else reason)
    body = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(reason)}</title>\n</head>\n<body>\n"
        f'<div class="flex-center"><div class="code">{status}</div>'
        f'<div class="message">{shown}</div></div>\n</body>\n</html>\n'
    )
    return HTMLResponse(body, status_code=status, headers=headers)
