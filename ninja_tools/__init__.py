"""ninja-tools: a typed, permission-aware tool layer over the Invoice Ninja v5 REST API.

The core knows Invoice Ninja and nothing of MCP, Slack or the command line; the faces in
``adapters/`` import from here, never the other way round.
"""

from ._version import __version__
from .client import Download, NinjaClient, Page, RetryPolicy, Upload
from .config import Settings
from .errors import (
    AccessRestricted,
    ApiError,
    AuthenticationFailed,
    BadRequest,
    ConfigError,
    ConnectionFailed,
    DuplicateRequest,
    NinjaError,
    NotFound,
    NotReady,
    OutcomeUnknown,
    PasswordRejected,
    PermissionDenied,
    ProtocolError,
    RateLimited,
    RouteNotFound,
    RouteRefused,
    ServerError,
    TLSFailed,
    ValidationFailed,
)

__all__ = [
    "AccessRestricted",
    "ApiError",
    "AuthenticationFailed",
    "BadRequest",
    "ConfigError",
    "ConnectionFailed",
    "Download",
    "DuplicateRequest",
    "NinjaClient",
    "NinjaError",
    "NotFound",
    "NotReady",
    "OutcomeUnknown",
    "Page",
    "PasswordRejected",
    "PermissionDenied",
    "ProtocolError",
    "RateLimited",
    "RetryPolicy",
    "RouteNotFound",
    "RouteRefused",
    "ServerError",
    "Settings",
    "TLSFailed",
    "Upload",
    "ValidationFailed",
    "__version__",
]
