"""NinjaClient: the one async HTTP client every face uses to talk to Invoice Ninja.

It owns headers, error mapping, retries, paging, uploads and downloads, and it never lets the
token, the API secret or a password reach a log line, an exception, a repr or a URL. The
transport is the only seam: tests and ``--sandbox`` pass ``httpx.ASGITransport`` or
``httpx.MockTransport``.

    async with NinjaClient(Settings.load()) as client:
        async for invoice in client.paginate("invoices", {"client_status": "overdue"}):
            ...
"""

from __future__ import annotations

import base64
import logging
import re
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from urllib.parse import quote

import anyio
import httpx
from pydantic import SecretStr

from ._version import __version__
from .config import Settings
from .error_map import error_from_response, looks_like_html, parse_retry_after, read_json
from .errors import (
    ApiError,
    ConnectionFailed,
    NinjaError,
    OutcomeUnknown,
    ProtocolError,
    RateLimited,
    RouteRefused,
    ServerError,
    TLSFailed,
)
from .retry import RetryPolicy

__all__ = [
    "MUTATING_GET_ACTIONS",
    "Download",
    "NinjaClient",
    "Page",
    "RetryPolicy",
    "Upload",
    "api_path",
]

logger = logging.getLogger(__name__)

#: Actions of ``GET /{entity}/{id}/{action}`` that change data in Invoice Ninja. A crawler, a
#: link preview or a retry must never touch them, so the client refuses them outright; the bulk
#: POST routes do the same jobs. ``download`` and ``delivery_note`` stay usable.
MUTATING_GET_ACTIONS = frozenset({
    "mark_paid", "mark_sent", "email", "send_email", "archive", "restore", "delete", "cancel",
    "reverse", "approve", "convert", "convert_to_invoice", "convert_to_project",
    "clone_to_invoice", "clone_to_quote", "clone_to_credit", "clone_to_recurring",
    "clone_to_purchase_order", "auto_bill", "start", "stop", "send_now", "add_to_inventory",
    "expense", "set_payment_link",
})

#: POST routes that only read, so they may be retried like a GET.
_READ_ONLY_POSTS = (
    re.compile(r"^refresh$"),
    re.compile(r"^charts/[\w]+$"),
    re.compile(r"^reports/preview/[^/]+$"),
    re.compile(r"^exports/preview/[^/]+$"),
    re.compile(r"^templates/preview/[^/]+$"),
    re.compile(r"^password_timeout$"),
)

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def api_path(template: str, **ids: str) -> str:
    """Fill a path template, quoting each id so it cannot change the path.

    ``api_path("invoices/{id}/download", id="a/b")`` -> ``"invoices/a%2Fb/download"``.
    """
    return template.format(**{key: quote(str(value), safe="") for key, value in ids.items()})


@dataclass(frozen=True)
class Download:
    """A file Invoice Ninja sent back (a PDF, usually), with the name it suggested."""

    content: bytes
    filename: str
    content_type: str

    def __repr__(self) -> str:
        return f"Download({self.filename!r}, {self.content_type!r}, {len(self.content)} bytes)"


@dataclass(frozen=True)
class Upload:
    """A file to attach to a record."""

    filename: str
    content: bytes
    content_type: str = "application/octet-stream"


@dataclass(frozen=True)
class Page:
    """One page of a list: the rows and the pagination Invoice Ninja reported."""

    items: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    total_pages: int

    @property
    def has_more(self) -> bool:
        return self.page < self.total_pages


def _is_read_only(method: str, path: str) -> bool:
    if method in ("GET", "HEAD"):
        return True
    return method == "POST" and any(p.match(path) for p in _READ_ONLY_POSTS)


def _refuse_mutating_get(method: str, path: str) -> None:
    parts = [p for p in path.split("/") if p]
    if method == "GET" and len(parts) == 3 and parts[2] in MUTATING_GET_ACTIONS:
        raise RouteRefused(
            f"Refusing GET {path}: in Invoice Ninja this GET route changes data"
            f" ({parts[2]}).",
            hint=f"Use the bulk action instead: POST {parts[0]}/bulk with action"
            f" '{parts[2]}'.",
        )


def _tls_problem(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _password_headers(password: str | SecretStr) -> dict[str, str]:
    """Both password headers Invoice Ninja reads; the plain one only when it can travel."""
    secret = password.get_secret_value() if isinstance(password, SecretStr) else password
    headers = {"X-API-PASSWORD-BASE64": base64.b64encode(secret.encode()).decode("ascii")}
    if secret.isascii() and secret.isprintable():
        headers["X-API-PASSWORD"] = secret
    return headers


def _filename(response: httpx.Response, fallback: str) -> str:
    disposition = response.headers.get("content-disposition", "")
    match = re.search(r"filename\*=UTF-8''([^;]+)|filename=\"?([^\";]+)\"?", disposition)
    if match:
        from urllib.parse import unquote

        name = unquote(match.group(1)) if match.group(1) else match.group(2)
        return name.replace("/", "_").replace("\\", "_").strip() or fallback
    return fallback


class NinjaClient:
    """An async client for one Invoice Ninja company, reached with one API token.

    Usage:
        async with NinjaClient(settings) as client:
            invoice = await client.get("invoices/Opnel5aKBz")

    Args:
        settings: where the server is and the token to use (``Settings.load()``).
        transport: an httpx transport to use instead of the network (tests, the sandbox).
        retry: the retry policy; the default backs off for up to a minute (Invoice Ninja's
            throttle window).
        sleep: the coroutine used to wait between retries (tests pass a recorder).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
    ) -> None:
        headers = {
            "X-API-TOKEN": settings.require_token(),
            "X-Requested-With": "XMLHttpRequest",
            "Accept": "application/json",
            "User-Agent": f"ninja-tools/{__version__}",
        }
        if settings.api_secret is not None:
            headers["X-API-SECRET"] = settings.api_secret.get_secret_value()
        self.base_url = settings.url
        self._url = settings.api_url
        self._retry = retry or RetryPolicy()
        self._sleep = sleep
        self._http = httpx.AsyncClient(
            base_url=self._url + "/",
            headers=headers,
            timeout=settings.timeout,
            verify=settings.verify_tls,
            transport=transport,
            follow_redirects=False,
        )
        self.server_version: str | None = None

    def __repr__(self) -> str:
        return f"NinjaClient({self._url!r})"

    async def __aenter__(self) -> NinjaClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def pause(self, seconds: float) -> None:
        """Wait between polls the way the client waits between retries (tests make it free)."""
        await self._sleep(seconds)

    # -- the verbs -------------------------------------------------------------------------

    async def get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        """GET a JSON answer (``path`` is relative to ``/api/v1``)."""
        return await self.call("GET", path, params=params)

    async def post(
        self,
        path: str,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        *,
        read_only: bool | None = None,
        password: str | SecretStr | None = None,
    ) -> Any:
        """POST JSON; ``read_only=True`` for POST routes that change nothing (may be retried)."""
        return await self.call(
            "POST", path, params=params, json=json, read_only=read_only, password=password
        )

    async def put(self, path: str, json: Any = None,
                  params: Mapping[str, Any] | None = None) -> Any:
        return await self.call("PUT", path, params=params, json=json)

    async def delete(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        return await self.call("DELETE", path, params=params)

    async def with_password(
        self, method: str, path: str, password: str | SecretStr, *, json: Any = None,
        params: Mapping[str, Any] | None = None,
    ) -> Any:
        """Call a password-protected route, sending the password on this request only.

        The headers go out every time, even when Invoice Ninja's login cache would let the call
        through without them, so a success always means the password was checked.
        """
        return await self.call(method, path, params=params, json=json, password=password)

    async def list_page(
        self, path: str, params: Mapping[str, Any] | None = None, *, page: int = 1,
        per_page: int = 20,
    ) -> Page:
        """One page of a list; ``status`` defaults to ``active`` (Invoice Ninja's lists include
        archived and deleted rows unless told otherwise)."""
        query = {"status": "active", **(params or {}), "page": page,
                 "per_page": max(1, min(per_page, 5000))}
        if query["status"] is None:
            del query["status"]
        body = await self.get(path, query)
        if not isinstance(body, dict) or not isinstance(body.get("data"), list):
            raise ProtocolError(f"GET {path} did not answer with a list.",
                                hint="Check that the path names a list route.")
        items: list[dict[str, Any]] = body["data"]
        pagination = (body.get("meta") or {}).get("pagination") or {}
        return Page(
            items=items,
            total=int(pagination.get("total", len(items))),
            page=int(pagination.get("current_page", page)),
            per_page=int(pagination.get("per_page", per_page)),
            total_pages=int(pagination.get("total_pages", 1)),
        )

    async def paginate(
        self, path: str, params: Mapping[str, Any] | None = None, *, per_page: int = 500,
    ) -> AsyncIterator[dict[str, Any]]:
        """Every row of a list, page after page (``per_page`` up to 5000)."""
        page = 1
        while True:
            result = await self.list_page(path, params, page=page, per_page=per_page)
            for item in result.items:
                yield item
            if not result.items or not result.has_more:
                return
            page += 1

    async def upload(
        self, path: str, files: Sequence[Upload], *, is_public: bool = False
    ) -> Any:
        """Attach files to a record: ``path`` is ``{entity}/{id}/upload``.

        Invoice Ninja's route is PUT, but PHP reads multipart bodies only on POST, so the
        files go as POST with ``_method=PUT``.
        """
        return await self.call(
            "POST", path,
            data={"_method": "PUT", "is_public": "true" if is_public else "false"},
            files=[("documents[]", (f.filename, f.content, f.content_type)) for f in files],
        )

    async def download(
        self, path: str, params: Mapping[str, Any] | None = None, *, method: str = "GET",
        json: Any = None, filename: str = "download.pdf", read_only: bool = True,
    ) -> Download:
        """Fetch a file (a PDF, a document); ``filename`` is used when the server names none."""
        response, _ = await self._exchange(
            method, path, params=params, json=json, read_only=read_only, parse=False
        )
        content_type = response.headers.get("content-type", "application/octet-stream")
        if "json" in content_type or looks_like_html(response):
            body = read_json(response)
            message = body.get("message") if isinstance(body, dict) else None
            raise ProtocolError(
                f"Expected a file from {method} {path} but got a message: {message or body!r}.",
                hint="The server did not produce the document; check the record and try again.",
            )
        return Download(response.content, _filename(response, filename),
                        content_type.split(";")[0].strip())

    # -- the engine ------------------------------------------------------------------------

    async def call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        files: Any = None,
        read_only: bool | None = None,
        password: str | SecretStr | None = None,
    ) -> Any:
        """Send one request with the retry rules and return its parsed JSON body.

        Reads (GETs and read-only POSTs) are retried on 429, 500, 502, 503, 504, connection
        errors and garbled answers. Writes are retried only on 429 and on connection errors
        raised before the request left; a timeout, a lost answer or a 5xx on a write raises
        ``OutcomeUnknown``. ``password`` is sent on this request only (see ``with_password``).
        """
        _, body = await self._exchange(
            method, path, params=params, json=json, data=data, files=files,
            read_only=read_only, password=password, parse=True,
        )
        return body

    async def _exchange(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        files: Any = None,
        read_only: bool | None = None,
        password: str | SecretStr | None = None,
        parse: bool,
    ) -> tuple[httpx.Response, Any]:
        method = method.upper()
        path = path.strip("/")
        _refuse_mutating_get(method, path)
        reads = _is_read_only(method, path) if read_only is None else read_only
        headers = _password_headers(password) if password is not None else None
        query = {k: _query_value(v) for k, v in (params or {}).items() if v is not None}
        waited = 0.0
        attempt = 0
        while True:
            attempt += 1
            retry_after: float | None = None
            started = time.perf_counter()
            try:
                response = await self._http.request(
                    method, path, params=query, json=json, data=data, files=files,
                    headers=headers,
                )
            except httpx.TransportError as exc:
                failure = self._transport_failure(method, path, exc, reads)
            else:
                logger.debug("%s /%s -> %s (%.0f ms)", method, path, response.status_code,
                             (time.perf_counter() - started) * 1000)
                self._note_version(response)
                if response.status_code >= 300:
                    failure = self._status_failure(method, path, response, reads)
                    retry_after = parse_retry_after(response)
                elif not parse:
                    return response, None
                else:
                    try:
                        return response, read_json(response)
                    except ProtocolError as exc:
                        if reads or looks_like_html(response):
                            failure = exc
                        else:
                            # The write reached the server; only its answer was garbled.
                            raise _unknown(method, path, "its answer was garbled") from None
            if not self._retryable(failure, reads) or attempt >= self._retry.attempts:
                raise failure
            wait = self._retry.delay(attempt, retry_after)
            if waited + wait > self._retry.max_total:
                raise failure
            logger.info("retrying %s /%s in %.1f s after: %s", method, path, wait,
                        failure.message)
            waited += wait
            await self._sleep(wait)

    def _transport_failure(
        self, method: str, path: str, exc: httpx.TransportError, reads: bool
    ) -> NinjaError:
        if _tls_problem(exc):
            return TLSFailed(
                f"Could not verify the TLS certificate of {self._url}.",
                hint="Set NINJA_VERIFY_TLS to the path of the CA bundle that signed it, or to"
                " false for a test server you trust.",
            )
        if isinstance(exc, _NOT_SENT) or reads:
            kind = "timed out" if isinstance(exc, httpx.TimeoutException) else "failed"
            return ConnectionFailed(
                f"Could not reach Invoice Ninja at {self._url}: {method} /{path} {kind}"
                f" ({type(exc).__name__}).",
                hint="Check NINJA_URL and the network; `ninja-tools check` tests the connection.",
            )
        return _unknown(method, path, f"the connection ended before an answer came"
                        f" ({type(exc).__name__})")

    def _status_failure(
        self, method: str, path: str, response: httpx.Response, reads: bool
    ) -> NinjaError:
        error = error_from_response(response)
        if not reads and isinstance(error, ServerError):
            return _unknown(method, path, f"Invoice Ninja answered HTTP {response.status_code}",
                            status=response.status_code)
        return error

    @staticmethod
    def _retryable(failure: NinjaError, reads: bool) -> bool:
        if isinstance(failure, RateLimited):
            return True
        if isinstance(failure, TLSFailed) or not reads:
            # A write is retried only when it never left (ConnectionFailed is raised for a
            # write only in that case).
            return isinstance(failure, ConnectionFailed) and not isinstance(failure, TLSFailed)
        if isinstance(failure, ApiError):
            return failure.status in _RETRY_STATUSES
        return isinstance(failure, ConnectionFailed | ProtocolError)

    def _note_version(self, response: httpx.Response) -> None:
        if self.server_version is None:
            version = response.headers.get("x-app-version")
            if version:
                self.server_version = version
                logger.info("Invoice Ninja version %s at %s", version, self._url)


def _unknown(method: str, path: str, why: str, *, status: int | None = None) -> OutcomeUnknown:
    resource = path.split("/")[2] if path.startswith("api/v1/") else path.split("/")[0]
    return OutcomeUnknown(
        f"{method} /{path} was sent, but {why}: it may or may not have taken effect.",
        status=status,
        hint=f"Read the {resource} back (list or get it) to see whether it happened before"
        " trying again, so nothing is done twice.",
    )


def _query_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | set | frozenset):
        return ",".join(str(v) for v in value)
    return value
