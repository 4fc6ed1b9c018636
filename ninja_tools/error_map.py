"""Turns an Invoice Ninja error answer into one typed error; the only place that knows its quirks.

Invoice Ninja does not follow REST: a bad token is 403, a missing permission 401, an unknown id
400, and the error body comes in several shapes (``message``, ``message`` + ``errors`` whose
values are lists or plain strings, or ``{"error": {"message": ...}}``).
"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx

from .errors import (
    AccessRestricted,
    ApiError,
    AuthenticationFailed,
    BadRequest,
    DuplicateRequest,
    NinjaError,
    NotFound,
    NotReady,
    PasswordRejected,
    PermissionDenied,
    ProtocolError,
    RateLimited,
    RouteNotFound,
    ServerError,
    ValidationFailed,
)

__all__ = ["error_from_response", "looks_like_html", "parse_retry_after", "read_json"]

_MODEL = re.compile(r"No query results for model \[(?:App\\+Models\\+)?(\w+)\]", re.IGNORECASE)
_RECORD = re.compile(r"Record with value (\S+) not found", re.IGNORECASE)
_ROUTE_404 = re.compile(r"route does not exist|method not supported|nothing to see here",
                        re.IGNORECASE)
_HEADER_HINT = (
    "Check that NINJA_URL is your Invoice Ninja address (e.g. https://invoicing.co; the /api/v1"
    " suffix is optional) and that no proxy in between strips the X-Requested-With and Accept"
    " headers."
)
_RESTRICTIONS = (
    ("free / unpaid", "plan", "This hosted account's plan does not allow API tokens.",
     "Upgrade the Invoice Ninja plan, or use a self-hosted server."),
    ("paid plan", "plan", "This feature needs a paid Invoice Ninja plan.",
     "Upgrade the plan in Invoice Ninja to use it."),
    ("locked", "locked", "The token's user is locked in Invoice Ninja.",
     "Ask the account owner to unlock the user (Settings > User Management)."),
    ("inactive", "inactive", "The token's user has been removed or deactivated.",
     "Create a token for an active user (Settings > Account Management > API Tokens)."),
    ("email confirmation", "email_unverified", "The account must confirm its e-mail address.",
     "Confirm the e-mail address of the Invoice Ninja account, then try again."),
    ("invalid secret", "secret", "The API secret was refused.",
     "Set NINJA_API_SECRET to the server's API_SECRET."),
)


def looks_like_html(response: httpx.Response) -> bool:
    """True when the body is a web page rather than JSON (Laravel's non-JSON error mode)."""
    if "html" in response.headers.get("content-type", ""):
        return True
    return response.content.lstrip()[:15].lower().startswith((b"<!doctype", b"<html"))


def read_json(response: httpx.Response) -> Any:
    """Parse a JSON body; raise ``ProtocolError`` for HTML or broken JSON."""
    if looks_like_html(response):
        raise ProtocolError(
            f"The server answered {response.request.method} {response.url.path} with an HTML"
            " page instead of JSON.",
            hint=_HEADER_HINT,
        )
    if not response.content:
        return None
    try:
        return json.loads(response.content)
    except ValueError:
        raise ProtocolError(
            f"The answer to {response.request.method} {response.url.path} was not valid JSON"
            " (cut off or garbled).",
            hint="Try again; if it persists, check the server's logs or a proxy in between.",
        ) from None


def parse_retry_after(response: httpx.Response) -> float | None:
    """Seconds from a numeric ``Retry-After`` header, if the server sent one."""
    value = response.headers.get("retry-after", "").strip()
    try:
        seconds = float(value)
    except ValueError:
        return None
    return max(seconds, 0.0)


def _message(body: Any) -> str:
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return str(error["message"])
        if isinstance(error, str) and not body.get("message"):
            return error
        message = body.get("message")
        if isinstance(message, str):
            return message
    return ""


def _field_errors(body: Any) -> dict[str, list[str]]:
    """Normalise ``errors`` whether its values are lists, strings or nested objects."""
    raw = body.get("errors") if isinstance(body, dict) else None
    found: dict[str, list[str]] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict | list):
                    walk(prefix, item)
                else:
                    found.setdefault(prefix or "input", []).append(str(item))
        elif value not in (None, ""):
            found.setdefault(prefix or "input", []).append(str(value))

    walk("", raw)
    return found


def _record_id(path: str) -> str:
    """The id segment of ``/api/v1/{entity}/{id}/...``, if the path has one."""
    parts = [p for p in path.split("/") if p]
    if len(parts) >= 4 and parts[0] == "api" and parts[1] == "v1":
        return parts[3]
    return ""


def _words(model: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", model).lower()


def error_from_response(response: httpx.Response) -> NinjaError:
    """Map an answer with status >= 300 to the typed error that says what to do next."""
    status = response.status_code
    request = response.request
    where = f"{request.method} {response.url.path}"
    if 300 <= status < 400:
        location = response.headers.get("location", "")
        if location.startswith("https://") and response.url.scheme == "http":
            hint = "The server wants https: change NINJA_URL to start with https://."
        else:
            hint = _HEADER_HINT
        return ProtocolError(f"The server redirected {where} to {location or 'elsewhere'}.",
                             hint=hint)
    if looks_like_html(response) and status < 500:
        return ProtocolError(
            f"The server answered {where} with an HTML page (HTTP {status}) instead of JSON.",
            hint=_HEADER_HINT,
        )
    try:
        body = json.loads(response.content) if response.content else None
    except ValueError:
        body = None
    text = _message(body)

    if status == 403:
        if "invalid token" in text.lower():
            return AuthenticationFailed(
                "Invoice Ninja refused the API token (403 Invalid token).",
                status=status,
                hint="Check NINJA_TOKEN: copy the token again from Invoice Ninja (Settings >"
                " Account Management > Integrations > API Tokens) and make sure NINJA_URL is the"
                " server the token belongs to.",
            )
        for needle, reason, message, hint in _RESTRICTIONS:
            if needle in text.lower():
                return AccessRestricted(message, status=status, reason=reason, hint=hint)
        return AccessRestricted(
            f"Invoice Ninja refused access: {text or 'forbidden'}.",
            status=status, reason="other", hint="Check the account's plan and the user's status.",
        )
    if status == 401:
        return PermissionDenied(
            f"Permission denied for {where}: {text or 'This action is unauthorized.'}",
            status=status,
            hint="The token's user lacks the Invoice Ninja permission for this; an admin can"
            " grant it under Settings > User Management.",
        )
    if status == 400:
        model = _MODEL.search(text)
        record = _RECORD.search(text)
        if model or record:
            entity = _words(model.group(1)) if model else "record"
            record_id = record.group(1) if record else _record_id(response.url.path)
            hint = "Look the record up with a list or find action to get its id."
            if record:
                hint = "Ids are hashed strings such as 'Opnel5aKBz', not numbers; " + hint
            return NotFound(
                f"No {entity} with id '{record_id}' exists in this company.",
                status=status, entity=entity, record_id=record_id, hint=hint,
            )
        if "duplicate request" in text.lower():
            return DuplicateRequest(
                "Invoice Ninja rejected this as a duplicate of a request made within the last"
                " second.",
                status=status,
                hint="Check whether the first request did what you wanted before repeating it.",
            )
        return BadRequest(f"Invoice Ninja rejected {where}: {text or 'bad request'}.",
                          status=status)
    if status == 404 and text and not _ROUTE_404.search(text):
        # A route that exists but found nothing to give (e.g. no backup of an activity).
        return NotFound(f"Invoice Ninja found nothing for {where}: {text}", status=status,
                        record_id=_record_id(response.url.path),
                        hint="Check the id with a list action.")
    if status == 404:
        return RouteNotFound(
            f"Invoice Ninja has no route {where} ({text or 'not found'}).",
            status=status,
            hint="The server may be a different version; `ninja-tools check` shows it.",
        )
    if status == 409:
        return NotReady(f"Not ready yet: {text or 'still working'}.", status=status,
                        hint="Poll again in a moment.")
    if status == 412:
        return PasswordRejected(
            "Invoice Ninja rejected the password (412 Invalid Password); nothing was done.",
            status=status,
            hint="Confirm again with the Invoice Ninja password of the token's user.",
        )
    if status == 422:
        fields = _field_errors(body)
        detail = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in fields.items())
        return ValidationFailed(
            f"Invoice Ninja rejected the input: {detail or text or 'invalid data'}.",
            status=status, field_errors=fields, hint="Fix the named fields and try again.",
        )
    if status == 429:
        return RateLimited(
            "Invoice Ninja is rate limiting this client (429 Too many requests).",
            status=status, retry_after=parse_retry_after(response),
            hint="Wait a minute before trying again; hosted Invoice Ninja allows 800 requests"
            " a minute.",
        )
    if status >= 500:
        return ServerError(
            f"Invoice Ninja failed with HTTP {status} on {where}"
            + (f": {text}." if text else "."),
            status=status,
            hint="Try again later; if it persists, check the server's logs.",
        )
    return ApiError(f"Invoice Ninja answered HTTP {status} to {where}: {text or 'error'}.",
                    status=status)
