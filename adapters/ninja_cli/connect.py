"""Builds the NinjaClient a command uses: the configured server, or an in-process sandbox."""

from __future__ import annotations

import argparse

import httpx

from ninja_tools import NinjaClient, RetryPolicy, Settings

SANDBOX_URL = "http://sandbox.invalid"
SANDBOX_TOKEN = "sandbox-token"


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings from flags over environment; ``--sandbox`` points them at the demo server."""
    if getattr(args, "sandbox", False):
        return Settings.load(url=SANDBOX_URL, token=SANDBOX_TOKEN, timeout=args.timeout)
    return Settings.load(url=args.url, timeout=args.timeout, verify_tls=args.verify_tls)


def open_client(
    settings: Settings,
    *,
    sandbox: bool = False,
    transport: httpx.AsyncBaseTransport | None = None,
    retry: RetryPolicy | None = None,
) -> NinjaClient:
    """A client for the command; the sandbox is imported only when asked for."""
    if transport is None and sandbox:
        from ninja_tools.sandbox import create_app

        transport = httpx.ASGITransport(app=create_app(seed="demo", token=SANDBOX_TOKEN))
    return NinjaClient(settings, transport=transport, retry=retry)
