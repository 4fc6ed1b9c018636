"""Typed errors for everything that can go wrong talking to Invoice Ninja; imports nothing of ours.

Every error carries a ``message`` that says what went wrong and a ``hint`` that says what to do
next, written for a person or a model. None of them ever holds a token, secret or password, and
``repr`` shows only the class, status and message, never bodies or headers.

    NinjaError
    ├── ConfigError                 settings are missing or wrong (no token, bad URL)
    ├── ConnectionFailed            no answer came back (DNS, refused, TLS, timeout on a read)
    │   └── TLSFailed               the server's certificate could not be verified
    ├── OutcomeUnknown              a write was sent but we cannot tell whether it happened
    ├── ProtocolError               not Invoice Ninja's JSON API (HTML, redirect, bad JSON)
    ├── RouteRefused                we refuse to call a route that changes data on GET
    ├── InvalidInput                an action's arguments failed validation; nothing was sent
    ├── UnknownAction               no action has that name
    ├── PolicyDenied                a setting, the token's permissions or a role forbids it
    ├── ConfirmationRequired        the action needs a human yes and none can be asked
    ├── ConfirmationRefused         the human said no, or the confirmation expired
    └── ApiError                    Invoice Ninja answered with an error status
        ├── AuthenticationFailed    403 "Invalid token": the token is wrong or revoked
        ├── AccessRestricted        other 403: plan or feature gate, locked or inactive user
        ├── PermissionDenied        401: the token's user lacks the permission
        ├── NotFound                400 "No query results" / "Record with value N not found"
        ├── DuplicateRequest        400 "Duplicate request": the server's 1-second guard
        ├── BadRequest              any other 400
        ├── RouteNotFound           404: no such route or wrong verb
        ├── NotReady                409 "Still working": poll again
        ├── PasswordRejected        412: the password is wrong or missing
        ├── ValidationFailed        422: per-field messages in ``field_errors``
        ├── RateLimited             429: too many requests
        └── ServerError             5xx on a read, after retries
"""

from __future__ import annotations

__all__ = [
    "AccessRestricted",
    "ApiError",
    "AuthenticationFailed",
    "BadRequest",
    "ConfigError",
    "ConfirmationRefused",
    "ConfirmationRequired",
    "ConnectionFailed",
    "DuplicateRequest",
    "InvalidInput",
    "NinjaError",
    "NotFound",
    "NotReady",
    "OutcomeUnknown",
    "PasswordRejected",
    "PermissionDenied",
    "PolicyDenied",
    "ProtocolError",
    "RateLimited",
    "RouteNotFound",
    "RouteRefused",
    "ServerError",
    "TLSFailed",
    "UnknownAction",
    "ValidationFailed",
]


class NinjaError(Exception):
    """Base of every error this package raises on purpose."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class ConfigError(NinjaError):
    """Raised when settings are missing or invalid, before any request is sent."""


class ConnectionFailed(NinjaError):
    """Raised when no answer came back from the server and retrying is over."""


class TLSFailed(ConnectionFailed):
    """Raised when the server's TLS certificate cannot be verified."""


class OutcomeUnknown(NinjaError):
    """Raised when a write was sent but the answer was lost, timed out or was a 5xx."""

    def __init__(self, message: str, *, hint: str = "", status: int | None = None) -> None:
        super().__init__(message, hint=hint)
        self.status = status


class ProtocolError(NinjaError):
    """Raised when the answer is not JSON from Invoice Ninja's API (HTML, redirect, bad JSON)."""


class RouteRefused(NinjaError):
    """Raised when asked to GET a route that changes data (``/invoices/{id}/mark_paid``...)."""


class InvalidInput(NinjaError):
    """Raised when an action's arguments fail validation, before any request is sent."""

    def __init__(self, message: str, *, field_errors: dict[str, list[str]], hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.field_errors = field_errors


class UnknownAction(NinjaError):
    """Raised when no action of the catalog has the name asked for."""


class PolicyDenied(NinjaError):
    """Raised when the policy refuses an action; the message names the missing permission or
    setting."""


class ConfirmationRequired(NinjaError):
    """Raised when an action needs a human's yes and there is no way to ask for it."""


class ConfirmationRefused(NinjaError):
    """Raised when the human declined, or the confirmation expired or was already used."""


class ApiError(NinjaError):
    """Raised when Invoice Ninja answers with an error status; ``status`` is the HTTP code."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        hint: str = "",
        field_errors: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.status = status
        self.field_errors: dict[str, list[str]] = field_errors or {}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, {self.message!r})"


class AuthenticationFailed(ApiError):
    """Raised on 403 "Invalid token": the API token is wrong, revoked or missing."""


class AccessRestricted(ApiError):
    """Raised on any other 403: a plan or feature gate, or a locked or inactive user.

    ``reason`` is one of ``plan``, ``locked``, ``inactive``, ``email_unverified``, ``secret`` or
    ``other``.
    """

    def __init__(self, message: str, *, status: int, reason: str, hint: str = "") -> None:
        super().__init__(message, status=status, hint=hint)
        self.reason = reason


class PermissionDenied(ApiError):
    """Raised on 401: the token's user may not do this (Invoice Ninja's authorization failure)."""


class NotFound(ApiError):
    """Raised on 400 "No query results" or "Record with value N not found"."""

    def __init__(
        self, message: str, *, status: int, entity: str = "", record_id: str = "", hint: str = ""
    ) -> None:
        super().__init__(message, status=status, hint=hint)
        self.entity = entity
        self.record_id = record_id


class DuplicateRequest(ApiError):
    """Raised on 400 "Duplicate request": the same action was sent twice within a second."""


class BadRequest(ApiError):
    """Raised on any other 400 answer."""


class RouteNotFound(ApiError):
    """Raised on 404: Invoice Ninja has no such route, or not for this HTTP verb."""


class NotReady(ApiError):
    """Raised on 409 "Still working": a report or preview is not ready; poll again."""


class PasswordRejected(ApiError):
    """Raised on 412: the account password was wrong or not given."""


class ValidationFailed(ApiError):
    """Raised on 422: the server rejected fields; ``field_errors`` maps field to messages."""


class RateLimited(ApiError):
    """Raised on 429 once the bounded back-off is used up."""

    def __init__(
        self, message: str, *, status: int, retry_after: float | None = None, hint: str = ""
    ) -> None:
        super().__init__(message, status=status, hint=hint)
        self.retry_after = retry_after


class ServerError(ApiError):
    """Raised on a 5xx answer to a read, once retries are used up."""
