"""``serve()``: run the sandbox as a real HTTP server with uvicorn."""

from __future__ import annotations

import ipaddress
import sys

from .app import create_app
from .state import SandboxState

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def banner(state: SandboxState, host: str, port: int) -> str:
    """What ``serve()`` prints on start: where to connect and which credentials exist."""
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}"
    owner_token = state.options.token
    lines = [
        "Invoice Ninja sandbox (in-memory; data is lost on exit)",
        f"  URL:      {url}",
        f"  API:      {url}/api/v1",
        f"  Token:    {owner_token}   (X-API-TOKEN; account owner)",
        f"  Password: {state.options.password}   (X-API-PASSWORD, for purge/merge/users)",
    ]
    others = [t for t in state.tokens() if not t.is_system and t.token != owner_token]
    if others:
        lines.append("  Other demo tokens:")
        lines += [f"    {t.token}: {t.purpose or t.name}" for t in others]
    if state.sandbox_routes:
        lines.append(f"  Controls: {url}/_sandbox/faults, /_sandbox/outbox, /_sandbox/reset")
    lines.append(
        f"  Try: curl -H 'X-API-TOKEN: {owner_token}' -H 'X-Requested-With: XMLHttpRequest' "
        f"{url}/api/v1/invoices"
    )
    lines.append(
        f"  Connect ninja-tools: NINJA_URL={url} NINJA_TOKEN={owner_token} ninja-tools check"
    )
    return "\n".join(lines)


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 8123,
    token: str = "sandbox-token",
    password: str = "sandbox-password",
    seed: str = "demo",
    enable_sandbox_routes: bool | None = None,
) -> None:
    """Serve until interrupted. ``/_sandbox`` controls are off on a public host unless enabled."""
    import uvicorn

    controls = is_loopback(host) if enable_sandbox_routes is None else enable_sandbox_routes
    app = create_app(seed=seed, token=token, password=password, sandbox_routes=controls)
    state: SandboxState = app.state.sandbox
    state.live_server = True
    print(banner(state, host, port), file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
