"""A fake Slack Web API on loopback: answers what the app calls and records every request.

It serves ``auth.test``, ``conversations.open``, the three steps of ``files_upload_v2``
(``files.getUploadURLExternal``, the upload URL itself, ``files.completeUploadExternal``),
``usergroups.users.list``, ``views.open``, and ``/hooks/...`` as response URLs. Each request
is kept whole (path, headers, raw body), so tests can scan them for secrets.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TEAM = "T0NINJA"
BOT_USER = "U0BOT"


@dataclass
class Call:
    """One request the app sent to the fake."""

    path: str
    query: dict[str, str]
    headers: dict[str, str]
    raw: bytes
    body: dict[str, Any] = field(default_factory=dict)

    @property
    def method(self) -> str:
        return self.path.strip("/")

    @property
    def args(self) -> dict[str, Any]:
        """Query and body fields together (slack_sdk sends some methods' fields as query)."""
        return {**self.query, **self.body}


def _parse(raw: bytes, content_type: str) -> dict[str, Any]:
    if "json" in content_type:
        try:
            loaded = json.loads(raw or b"{}")
        except ValueError:
            return {}
        return loaded if isinstance(loaded, dict) else {}
    if "x-www-form-urlencoded" in content_type:
        return {k: v[0] for k, v in parse_qs(raw.decode("utf-8", "replace")).items()}
    return {}


class FakeSlack:
    """The fake; ``base_url`` ends with ``/`` as slack_sdk wants it.

    Args:
        groups: user-group id -> member user ids (``usergroups.users.list``).
    """

    def __init__(self, groups: dict[str, list[str]] | None = None) -> None:
        self.calls: list[Call] = []
        self.groups = dict(groups or {})
        self.uploads: dict[str, bytes] = {}
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep the test output quiet
                pass

            def do_GET(self) -> None:  # slack_sdk sends a few methods as GET with a query
                self.do_POST()

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                parts = urlsplit(self.path)
                call = Call(path=parts.path,
                            query={k: v[0] for k, v in parse_qs(parts.query).items()},
                            headers={k.lower(): v for k, v in self.headers.items()}, raw=raw,
                            body=_parse(raw, self.headers.get("Content-Type", "")))
                with fake._lock:
                    fake.calls.append(call)
                status, ctype, out = fake.answer(call)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.02,),
                                        daemon=True)
        self._thread.start()

    # -- answers --------------------------------------------------------------------------------

    def answer(self, call: Call) -> tuple[int, str, bytes]:
        if call.path.startswith("/hooks/"):
            return 200, "text/plain", b"ok"
        if call.path.startswith("/upload/"):
            self.uploads[call.path.rsplit("/", 1)[-1]] = call.raw
            return 200, "text/plain", f"OK - {len(call.raw)}".encode()
        reply: dict[str, Any] = {"ok": True}
        method = call.method
        if method == "auth.test":
            reply.update(team_id=TEAM, team="Ninja Test", user_id=BOT_USER, bot_id="B0BOT",
                         url="https://ninja-test.slack.com/")
        elif method == "conversations.open":
            users = str(call.args.get("users") or "")
            reply["channel"] = {"id": f"D{users}"}
        elif method == "files.getUploadURLExternal":
            file_id = f"F{len(self.uploads) + 1:04d}"
            reply.update(file_id=file_id, upload_url=f"{self.base_url}upload/{file_id}")
        elif method == "files.completeUploadExternal":
            files = json.loads(str(call.args.get("files") or "[]"))
            reply["files"] = [{"id": f["id"], "title": f.get("title")} for f in files]
        elif method == "usergroups.users.list":
            group = str(call.args.get("usergroup") or "")
            if group in self.groups:
                reply["users"] = self.groups[group]
            else:
                reply = {"ok": False, "error": "no_such_subteam"}
        elif method == "views.open":
            reply["view"] = {"id": "V0001"}
        return 200, "application/json; charset=utf-8", json.dumps(reply).encode()

    # -- reading --------------------------------------------------------------------------------

    def to(self, path: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.path == path or c.path.startswith(path + "/")
                    or c.method == path]

    async def wait(self, path: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """The calls to ``path`` once there are ``count`` of them (polling, on any loop)."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.to(path)
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                seen = [c.path for c in self.calls]
                raise AssertionError(f"no call to {path} within {timeout} s; saw {seen}")
            await asyncio.sleep(0.01)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
