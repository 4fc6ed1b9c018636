"""The ``password_protected`` middleware of the real server, decision for decision.

Order (PasswordProtection.php): (1) the user's login cache is warm and *no* password
header was sent -> pass and slide the cache; (2) OAuth user and the company does not
require a password -> pass with no header at all; (3) an ``X-API-OAUTH-PASSWORD``
header -> the sandbox cannot ask Google, so it fails; (4) the password header matches
-> cache and pass; (5) otherwise 412. A wrong password is 412 even with a warm cache.
The cache key is per user (all tokens of a user share it), on the sandbox clock.
"""

from __future__ import annotations

import base64
import binascii

from starlette.requests import Request

from .auth import Actor
from .failures import ApiError
from .state import SandboxState

NEVER = 30 * 60 * 1000 * 1000  # seconds; what a timeout setting of 0 turns into


def timeout_seconds(state: SandboxState) -> float:
    """``default_password_timeout`` is stored in milliseconds; 0 means (nearly) never."""
    millis = float(state.company().get("default_password_timeout") or 0)
    return NEVER if millis == 0 else millis / 1000


def supplied_password(request: Request) -> str:
    """``X-API-PASSWORD``, overridden by ``X-API-PASSWORD-BASE64`` (UTF-8 inside base64)."""
    password = request.headers.get("x-api-password", "")
    encoded = request.headers.get("x-api-password-base64")
    if encoded:
        try:
            password = base64.b64decode(encoded + "=" * (-len(encoded) % 4)).decode(
                "utf-8", "replace"
            )
        except (binascii.Error, ValueError):
            password = ""
    return password


def cache_is_warm(state: SandboxState, actor: Actor) -> bool:
    expiry = state.auth.login_cache.get(actor.id)
    return expiry is not None and expiry > state.clock.time()


def warm_cache(state: SandboxState, actor: Actor) -> None:
    state.auth.login_cache[actor.id] = state.clock.time() + timeout_seconds(state)


def require_password(state: SandboxState, actor: Actor, request: Request) -> None:
    """Let the request through or raise the real 412."""
    password = supplied_password(request)
    if cache_is_warm(state, actor) and not password:
        warm_cache(state, actor)
        return
    oauth_id = str(actor.user.get("oauth_provider_id") or "")
    if len(oauth_id) > 2 and not state.company().get("oauth_password_required"):
        return
    if len(request.headers.get("x-api-oauth-password", "")) > 1:
        raise ApiError(412, "Invalid Password", errors=True)
    if password and state.auth.check_password(actor.id, password):
        warm_cache(state, actor)
        return
    raise ApiError(412, "Invalid Password", errors=True)
