"""The public names of ``ninja_tools``: changing them is a decision, not an accident."""

from __future__ import annotations

import ninja_tools

PUBLIC = {
    "AccessRestricted", "Action", "ApiError", "AuditLog", "AuthenticationFailed", "BadRequest",
    "ConfigError", "Confirmation", "ConfirmationRefused", "ConfirmationRequired", "Confirmer",
    "ConnectionFailed", "Download", "DuplicateRequest", "Identity", "InvalidInput",
    "NinjaClient", "NinjaError", "NotFound", "NotReady", "OutcomeUnknown", "Page",
    "PasswordRejected", "PermissionDenied", "Policy", "PolicyDenied", "Principal",
    "ProtocolError", "RateLimited", "RetryPolicy", "RouteNotFound", "RouteRefused",
    "ServerError", "Settings", "TLSFailed", "Toolbox", "UnknownAction", "Upload",
    "ValidationFailed", "__version__",
}


def test_public_names_are_pinned() -> None:
    assert set(ninja_tools.__all__) == PUBLIC
    for name in PUBLIC:
        assert hasattr(ninja_tools, name), name


def test_the_core_imports_no_face() -> None:
    import ast
    from pathlib import Path

    root = Path(ninja_tools.__file__).parent
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                top = name.split(".")[0]
                assert top not in ("mcp", "slack_bolt", "slack_sdk", "ninja_mcp",
                                   "ninja_slack", "ninja_cli"), f"{path} imports {name}"
