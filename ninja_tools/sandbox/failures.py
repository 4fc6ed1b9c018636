"""Exceptions that carry an Invoice Ninja error answer, and how each renders.

The real server answers most errors differently depending on whether the request
"expects JSON" (``Accept: application/json`` or ``X-Requested-With: XMLHttpRequest``).
Each class here knows its JSON body and status, and what Laravel would do otherwise
(an HTML page, maybe with another status, or a redirect back for validation errors).
Errors the real server returns straight from a middleware or controller as JSON
(token, password, duplicate guard, deleted record) use ``ApiError``, which is JSON in
both modes, as there.
"""

from __future__ import annotations

from typing import Any

MODEL_CLASS_PREFIX = "App\\Models\\"


class SandboxError(Exception):
    """Base class: ``status`` and ``body`` in JSON mode; ``html_status`` otherwise."""

    status: int = 500
    html_status: int | None = None  # None: JSON even when the client does not expect JSON
    html_headers: dict[str, str]

    def __init__(self, body: dict[str, Any]) -> None:
        super().__init__(body.get("message", ""))
        self.body = body
        self.html_headers = {}


class ApiError(SandboxError):
    """An error the real server returns as JSON whatever the request's Accept header."""

    def __init__(self, status: int, message: str, *, errors: bool = False) -> None:
        body: dict[str, Any] = {"message": message}
        if errors:
            body["errors"] = {}
        super().__init__(body)
        self.status = status


class ModelNotFound(SandboxError):
    """Route binding failed: 400 in JSON mode (Invoice Ninja's handler), 404 page otherwise."""

    status = 400
    html_status = 404

    def __init__(self, model: str | None = None, *, value: str | None = None) -> None:
        if value is not None:
            message = f"Record with value {value} not found"
        else:
            message = f"No query results for model [{MODEL_CLASS_PREFIX}{model}]."
        super().__init__({"message": message})


class Unauthorized(SandboxError):
    """A policy or FormRequest said no: 401 in JSON mode, Laravel's 403 page otherwise."""

    status = 401
    html_status = 403

    def __init__(self, message: str = "This action is unauthorized.") -> None:
        super().__init__({"message": message})


class ValidationFailed(SandboxError):
    """FormRequest validation: 422 with per-field messages, or a 302 back without JSON."""

    status = 422
    html_status = 302

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__({"message": "The given data was invalid.", "errors": errors})
        self.errors = errors


class RouteNotFound(SandboxError):
    status = 404
    html_status = 404

    def __init__(self) -> None:
        super().__init__({"message": "Route does not exist"})


class MethodNotAllowed(SandboxError):
    """Invoice Ninja maps a wrong verb to 404 in JSON mode; Laravel's page says 405."""

    status = 404
    html_status = 405

    def __init__(self) -> None:
        super().__init__({"message": "Method not supported for this route"})


class TooManyRequests(SandboxError):
    """Throttle: JSON mode drops Retry-After (as the real handler does); the HTML page keeps it."""

    status = 429
    html_status = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__({"message": "Too many requests"})
        self.html_headers["Retry-After"] = str(retry_after)


class ServerError(SandboxError):
    """What an unhandled exception looks like with APP_DEBUG=false."""

    status = 500
    html_status = 500

    def __init__(self) -> None:
        super().__init__({"message": "Server Error"})


class NotImplementedInSandbox(ApiError):
    """A real action the sandbox does not model (yet); never a real server answer."""

    def __init__(self, what: str) -> None:
        super().__init__(501, f"The sandbox does not implement {what}.")


def required(field: str) -> str:
    return f"The {_attr(field)} field is required."


def invalid_selection(field: str) -> str:
    return f"The selected {_attr(field)} is invalid."


def taken(field: str) -> str:
    return f"The {_attr(field)} has already been taken."


def not_numeric(field: str) -> str:
    return f"The {_attr(field)} field must be a number."


def _attr(field: str) -> str:
    """Laravel's display name for a field: ``client_id`` -> ``client id``."""
    return field if "." in field else field.replace("_", " ")
