"""``ninja-tools check``: can we reach Invoice Ninja, and who is the token?"""

from __future__ import annotations

import argparse
from typing import TextIO

import httpx

from ninja_tools import RetryPolicy
from ninja_tools.identity import fetch_identity

from .connect import open_client, settings_from


async def run_check(
    args: argparse.Namespace, out: TextIO, *, transport: httpx.AsyncBaseTransport | None = None
) -> int:
    """Print the server, its version, the token's user and permissions; raise what is wrong."""
    # A diagnosis should answer quickly, so `check` retries once at most.
    quick = RetryPolicy(attempts=2, base_delay=0.5, max_total=2.0)
    async with open_client(settings_from(args), sandbox=args.sandbox, transport=transport,
                           retry=quick) as client:
        identity = await fetch_identity(client)
        server = client.server_version or "unknown version"
        url = "in-process sandbox" if getattr(args, "sandbox", False) else client.base_url
        out.write(f"Server:      {url} (Invoice Ninja {server})\n")
        out.write(f"Company:     {identity.company_name or '(unnamed)'}\n")
        user = identity.user_name + (f" <{identity.email}>" if identity.email else "")
        out.write(f"User:        {user}\n")
        out.write(f"Permissions: {identity.summary()}\n")
        if identity.oauth_provider:
            out.write(
                f"Password:    none (signs in with {identity.oauth_provider.capitalize()}); purge"
                " and merge"
                " will ask for the record's name instead\n"
            )
        if identity.is_locked:
            out.write("Warning:     this user is locked in Invoice Ninja\n")
        out.write("All good: ninja-tools can reach Invoice Ninja with this token.\n")
    return 0
