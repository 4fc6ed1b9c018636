"""The core behind the server, built once and late: catalog, client, Toolbox, Desk, page.

Nothing heavy is imported before it is needed, so the server answers ``initialize`` and the
default tools/list straight away: the catalog (hundreds of pydantic models), the sandbox and
the confirm page's web server load in a worker thread after that, or when a call needs them.
A problem (no token, bad settings, a refused token, an unreachable server) never stops the
server: it is logged once on stderr and every tool answers with it.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import anyio

from ninja_tools import NinjaError, UnknownAction
from ninja_tools.actions.base import ALWAYS_CONFIRM, Action
from ninja_tools.identity import Identity
from ninja_tools.policy import Policy
from ninja_tools.retry import RetryPolicy

from .options import SANDBOX_TOKEN, Options

if TYPE_CHECKING:
    import httpx

    from ninja_tools.confirm import Desk, PageServer
    from ninja_tools.toolbox import Toolbox

__all__ = ["Core", "Runtime"]

log = logging.getLogger("ninja_mcp")

#: Tool calls wait at most this long for retries (a chat host should not hang for a minute).
#: The client, the Toolbox and httpx load when the core is built, off the start-up path.
RETRY = RetryPolicy(attempts=3, base_delay=1.0, max_delay=4.0, max_total=10.0)
CHECK_HINT = "Run `ninja-tools check` to test the connection and the token."


def _load_heavy(sandbox: bool) -> tuple[tuple[Action, ...], Any]:
    """The catalog, the confirm package and (when asked) a seeded sandbox; run in a thread."""
    from ninja_tools.actions import catalog

    actions = catalog()
    import ninja_tools.confirm  # noqa: F401  (the page's web stack, loaded off the start path)

    app = None
    if sandbox:
        from ninja_tools.sandbox import create_app

        app = create_app(seed="demo", token=SANDBOX_TOKEN)
    return actions, app


async def _anyone() -> Identity:
    """For listing before the token's user is known: only the settings can deny."""
    return Identity(is_owner=True)


@dataclass
class Core:
    """What runs calls: the Toolbox (policy, audit) and the Desk of pending confirmations."""

    toolbox: Toolbox
    desk: Desk


class Runtime:
    """Builds the core once, on first need, and keeps the one startup problem if any.

    Usage:
        runtime = Runtime(Options.from_args(args))
        core = await runtime.core()        # raises the startup problem, if there is one

    Args:
        options: what the server was asked to do.
        transport: an httpx transport for the Invoice Ninja client (tests, a sandbox).
        toolbox, desk: an existing core (tests); nothing is built then.
    """

    def __init__(self, options: Options, *, transport: httpx.AsyncBaseTransport | None = None,
                 toolbox: Toolbox | None = None, desk: Desk | None = None) -> None:
        self.options = options
        self._transport = transport
        self._lock = anyio.Lock()
        self._actions: dict[str, Action] | None = None
        self._core: Core | None = None
        self._problem: NinjaError | None = options.problem
        self._identity_ok = False
        self._page: PageServer | None = None
        self._told = False
        self._closed = False
        self.listed = anyio.Event()
        self._settings_policy = Policy(identity=_anyone, exclude=options.exclude,
                                       read_only=options.read_only)
        if toolbox is not None:
            if desk is None:
                from ninja_tools.confirm import Desk

                desk = Desk(toolbox)
            self._core = Core(toolbox, desk)
            self._actions = {a.name: a for a in toolbox.actions()}
            self._identity_ok = True

    # -- building ----------------------------------------------------------------------------

    async def actions(self) -> Mapping[str, Action]:
        """Every action of the catalog by name (built once)."""
        await self._build()
        assert self._actions is not None
        return self._actions

    async def core(self) -> Core:
        """The Toolbox and Desk; raises the startup problem (with its hint) if there is one."""
        await self._build()
        if self._core is None:
            assert self._problem is not None
            raise self._problem
        return self._core

    async def _build(self) -> None:
        async with self._lock:
            if self._actions is not None:
                return
            actions, app = await anyio.to_thread.run_sync(_load_heavy, self.options.sandbox)
            self._actions = {a.name: a for a in actions}
            if self._problem is None:
                self._core = self._make_core(app)

    def _make_core(self, app: Any) -> Core | None:
        import httpx

        from ninja_tools.client import NinjaClient
        from ninja_tools.confirm import Desk
        from ninja_tools.toolbox import Toolbox

        settings = self.options.settings
        assert settings is not None
        transport = self._transport
        if transport is None and app is not None:
            transport = httpx.ASGITransport(app=app)
        try:
            client = NinjaClient(settings, transport=transport, retry=RETRY)
        except NinjaError as exc:
            self._problem = exc
            return None
        toolbox = Toolbox.for_settings(client, settings, sandbox=self.options.sandbox,
                                       exclude=self.options.exclude,
                                       read_only=self.options.read_only)
        return Core(toolbox, Desk(toolbox, base_url=settings.public_url or ""))

    async def warm_up(self, *, delay: float = 1.0) -> None:
        """Build the core soon after the first tools/list (or ``delay`` seconds), then check
        the token once; a problem is logged once and kept for every tool to report."""
        with anyio.move_on_after(delay):
            await self.listed.wait()
        await anyio.sleep(0.02)  # let the listing reach the client first
        try:
            await self.core()
            await self.check()
        except NinjaError as exc:
            self.tell(exc)

    async def check(self) -> None:
        """Ask Invoice Ninja who the token is (once); raises what went wrong."""
        core = await self.core()
        if core.toolbox.policy is not None:
            await core.toolbox.policy.whoami()
        self._identity_ok = True

    def reachable(self) -> None:
        """The policy just read the token's user: listings may use it from now on."""
        self._identity_ok = True

    @property
    def ready_core(self) -> Core | None:
        """The core if it is built and usable, else ``None``."""
        return self._core

    def tell(self, exc: NinjaError) -> None:
        """Log a connection or settings problem on stderr, once per process."""
        if not self._told:
            self._told = True
            log.error("Invoice Ninja is not usable yet: %s %s Every tool will answer with this"
                      " until it is fixed. %s", exc.message, exc.hint, CHECK_HINT)

    @property
    def built(self) -> bool:
        """Whether the catalog is loaded (listings then come from it)."""
        return self._actions is not None

    # -- what listings use -------------------------------------------------------------------

    def _policy(self) -> Policy:
        core = self._core
        if core is not None and self._identity_ok and core.toolbox.policy is not None:
            return core.toolbox.policy
        return self._settings_policy

    async def allowed(self, actions: list[Action]) -> list[Action]:
        """The actions the policy lets this server's principal run (settings only until the
        token's user is known)."""
        principal = self.options.principal
        try:
            return await self._policy().allowed(actions, principal)
        except NinjaError:
            return await self._settings_policy.allowed(actions, principal)

    async def denial(self, action: Action) -> str:
        """Why the policy refuses ``action`` here (empty when it allows it)."""
        try:
            decision = await self._policy().decide(action, self.options.principal)
        except NinjaError:
            decision = await self._settings_policy.decide(action, self.options.principal)
        return decision.reason

    def confirms(self, action: Action) -> bool:
        """Whether a human confirms this action before it runs (at its highest risk)."""
        sends = bool(self.options.settings and self.options.settings.confirm_sends)
        return action.risk in ALWAYS_CONFIRM or (sends and action.risk == "send")

    def unknown(self, name: str) -> UnknownAction:
        """The error for a name no action has, naming the closest ones."""
        close = difflib.get_close_matches(name, list(self._actions or ()), n=3, cutoff=0.6)
        return UnknownAction(f"There is no tool or action called {name!r}.",
                             hint=(f"Did you mean {', '.join(close)}? " if close else "")
                             + "find_actions searches them all.")

    @property
    def settings_policy(self) -> Policy:
        return self._settings_policy

    # -- the confirm page under stdio --------------------------------------------------------

    async def ensure_page(self) -> None:
        """Under stdio, serve the confirm page on 127.0.0.1 (started on first need)."""
        if self.options.transport != "stdio" or self._page is not None:
            return
        core = await self.core()
        from ninja_tools.confirm import serve_confirm_page

        self._page = await serve_confirm_page(core.desk, port=self.options.confirm_port)
        log.info("confirm page at %s", self._page.url)

    async def aclose(self) -> None:
        if self._page is not None:
            await self._page.aclose()
            self._page = None
        if self._core is not None and not self._closed:
            self._closed = True
            await self._core.toolbox.client.aclose()
