"""ninja-tools: a typed, permission-aware tool layer over the Invoice Ninja v5 REST API.

The core knows Invoice Ninja and nothing of MCP, Slack or the command line; the faces in
``adapters/`` import from here, never the other way round.

The errors, the settings and the version load at once; the client, the catalog and the rest
load on first use, so that a face can start (and answer its first request) before it needs
them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__
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

if TYPE_CHECKING:
    from .actions import Action
    from .audit import AuditLog
    from .client import Download, NinjaClient, Page, Upload
    from .identity import Identity
    from .policy import Policy, Principal
    from .retry import RetryPolicy
    from .toolbox import Confirmation, Confirmer, Toolbox

#: Public names loaded on first use, and the module each lives in.
_LAZY = {
    "Action": "actions", "AuditLog": "audit", "Download": "client", "NinjaClient": "client",
    "Page": "client", "RetryPolicy": "retry", "Upload": "client", "Identity": "identity",
    "Policy": "policy", "Principal": "policy", "Confirmation": "toolbox",
    "Confirmer": "toolbox", "Toolbox": "toolbox",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ninja_tools' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value

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
