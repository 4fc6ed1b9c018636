"""ninja-tools: a typed, permission-aware tool layer over the Invoice Ninja v5 REST API.

The core knows Invoice Ninja and nothing of MCP, Slack or the command line; the faces in
``adapters/`` import from here, never the other way round.
"""

from ._version import __version__
from .actions import Action
from .audit import AuditLog
from .client import Download, NinjaClient, Page, RetryPolicy, Upload
from .config import Settings
from .errors import (
    AccessRestricted,
    ApiError,
    AuthenticationFailed,
    BadRequest,
    ConfigError,
    ConfirmationRefused,
    ConfirmationRequired,
    ConnectionFailed,
    DuplicateRequest,
    InvalidInput,
    NinjaError,
    NotFound,
    NotReady,
    OutcomeUnknown,
    PasswordRejected,
    PermissionDenied,
    PolicyDenied,
    ProtocolError,
    RateLimited,
    RouteNotFound,
    RouteRefused,
    ServerError,
    TLSFailed,
    UnknownAction,
    ValidationFailed,
)
from .identity import Identity
from .policy import Policy, Principal
from .toolbox import Confirmation, Confirmer, Toolbox

__all__ = [
    "AccessRestricted",
    "Action",
    "ApiError",
    "AuditLog",
    "AuthenticationFailed",
    "BadRequest",
    "ConfigError",
    "Confirmation",
    "ConfirmationRefused",
    "ConfirmationRequired",
    "Confirmer",
    "ConnectionFailed",
    "Download",
    "DuplicateRequest",
    "Identity",
    "InvalidInput",
    "NinjaClient",
    "NinjaError",
    "NotFound",
    "NotReady",
    "OutcomeUnknown",
    "Page",
    "PasswordRejected",
    "PermissionDenied",
    "Policy",
    "PolicyDenied",
    "Principal",
    "ProtocolError",
    "RateLimited",
    "RetryPolicy",
    "RouteNotFound",
    "RouteRefused",
    "ServerError",
    "Settings",
    "TLSFailed",
    "Toolbox",
    "UnknownAction",
    "Upload",
    "ValidationFailed",
    "__version__",
]
