"""The confirm page's HTML, escaped and script-free; imports no mcp, slack or adapters.

A plain form, no script, every value escaped on the way in. Pure functions returning text;
the one inline style is allowed by its hash in the page's Content-Security-Policy, so nothing
else inline can run or apply.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from html import escape
from typing import Any

from ..visible import visible
from .pending import Pending

__all__ = ["CSP", "document", "message", "question_form"]

_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;"
    "color:#1b1b1b}h1{font-size:1.4rem}.effect{font-size:1.1rem;font-weight:600}"
    ".error{color:#a40000;font-weight:600}.note{color:#555}pre{white-space:pre-wrap;"
    "background:#f4f4f4;padding:.75rem;overflow-wrap:anywhere}label{display:block;"
    "margin-top:1rem}input[type=password],input[type=text]{font-size:1rem;padding:.4rem;"
    "width:100%;box-sizing:border-box}button{font-size:1rem;padding:.5rem 1.2rem;"
    "margin:1rem .5rem 0 0}"
)
_STYLE_HASH = base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
#: Nothing loads or runs but this page's own style; forms post back to this origin only.
CSP = (f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")


def _e(value: Any) -> str:
    return escape(visible(str(value)), quote=True)


def document(title: str, body: str) -> str:
    """A whole page around ``body`` (already escaped HTML)."""
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"referrer\" content=\"no-referrer\">"
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head>\n<body>\n{body}\n"
        "</body></html>\n"
    )


def _list(lines: Iterable[str]) -> str:
    items = "".join(f"<li>{_e(line)}</li>" for line in lines)
    return f"<ul>{items}</ul>" if items else ""


def question_form(pending: Pending, form_token: str, *, user: str = "", error: str = "",
                  attempts_left: int | None = None) -> str:
    """The question with Confirm and Cancel, and the password or name field it needs."""
    parts = [f"<h1>Confirm: {_e(pending.title)}</h1>",
             f"<p class=\"effect\">{_e(pending.question)}</p>"]
    if len(pending.details) > 1:
        parts.append(_list(pending.details))
    if error:
        left = (f" {attempts_left} {'try' if attempts_left == 1 else 'tries'} left."
                if attempts_left is not None else "")
        parts.append(f"<p class=\"error\" role=\"alert\">{_e(error)}{_e(left)}</p>")
    fields = [f"<input type=\"hidden\" name=\"form_token\" value=\"{_e(form_token)}\">"]
    if pending.needs == "password":
        whose = f" of {user}" if user else ""
        fields.append(
            f"<label for=\"password\">Invoice Ninja password{_e(whose)}</label>"
            "<input type=\"password\" id=\"password\" name=\"password\" "
            "autocomplete=\"current-password\">"
            "<p class=\"note\">Invoice Ninja asks for it before this action. It goes with this "
            "one request and is not kept.</p>")
    elif pending.needs == "name":
        fields.append(
            f"<p>{_e(pending.why)}</p>"
            f"<label for=\"typed_name\">Type <strong>{_e(pending.type_to_confirm)}</strong> "
            "to confirm</label><input type=\"text\" id=\"typed_name\" name=\"typed_name\" "
            "autocomplete=\"off\" spellcheck=\"false\">")
    fields.append("<button type=\"submit\" name=\"decision\" value=\"confirm\">Confirm</button>"
                  "<button type=\"submit\" name=\"decision\" value=\"cancel\">Cancel</button>")
    parts.append(f"<form method=\"post\">{''.join(fields)}</form>")
    parts.append(f"<p class=\"note\">This link works once, until "
                 f"{_e(pending.expires_at.strftime('%H:%M'))} UTC.</p>")
    return document(f"Confirm: {pending.title}", "\n".join(parts))


def message(heading: str, text: str, *, outcome: dict[str, Any] | None = None,
            error: str = "") -> str:
    """A page that only tells: done, cancelled, expired, already used..."""
    parts = [f"<h1>{_e(heading)}</h1>", f"<p>{_e(text)}</p>"]
    if error and error != text:
        parts.append(f"<p class=\"error\">{_e(error)}</p>")
    if outcome:
        shown = json.dumps(outcome, indent=2, ensure_ascii=False, default=str)
        parts.append(f"<pre>{_e(shown)}</pre>")
    return document(heading, "\n".join(parts))
