"""The ``/invoice`` grammar: command text in, what to run out. Pure: no I/O, no Slack objects.

``parse("send 0042", words)`` gives ``Run("send_invoice", {"number": "0042"})``; records named
the way people name them (``delete 0041 0042``, ``purge Globex``) become ``Ref`` values that the
runner turns into ids through the core before the action runs. Anything it cannot read gives
``Usage`` with the nearest usage line, never an exception.
"""

from __future__ import annotations

import difflib
import json
import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from . import texts
from .entities import Entity, Vocabulary
from .lines import LINE_START, PhraseError, parse_amount, parse_due, parse_line

__all__ = ["Actions", "Help", "NewInvoice", "Parsed", "Ref", "Run", "Usage", "parse",
           "unslack", "usage_for"]


@dataclass(frozen=True)
class Ref:
    """A record named by its number (or a client by its name); resolved to an id later."""

    entity: str
    text: str


@dataclass(frozen=True)
class Run:
    """Run one catalog action; ``args`` may hold ``Ref`` values (alone or in lists)."""

    action: str
    args: Mapping[str, Any] = field(default_factory=dict)
    share: bool = False


@dataclass(frozen=True)
class Help:
    share: bool = False


@dataclass(frozen=True)
class Actions:
    """The catalog actions the user may run, all toolsets or one."""

    toolset: str = ""
    share: bool = False


@dataclass(frozen=True)
class NewInvoice:
    """Open the new-invoice form."""


@dataclass(frozen=True)
class Usage:
    """The text could not be read; ``text`` says why and how to write it."""

    text: str


Parsed = Run | Help | Actions | NewInvoice | Usage

#: Curly quotes (as Slack clients type them) and no-break spaces, made plain.
_SMART = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'",
                        "\u2019": "'", "\u00a0": " "})
_JSON_START = ("[", "{")
_JSON_WORDS = ("true", "false", "null")


def unslack(text: str) -> str:
    """Slack's command text as typed: its ``&amp; &lt; &gt;`` undone, curly quotes straight."""
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.translate(_SMART).split())


def usage_for(word: str, words: Vocabulary | None = None) -> str:
    """The usage line documenting ``word`` (a command or entity word), or the help hint."""
    named = words.entity(word) if words is not None and word not in _VERBS else None
    if named is not None:
        word = "quotes" if named[1] else "quote"
    for entry in texts.HELP:
        if word in entry.words:
            return texts.USAGE.format(command=texts.COMMAND, usage=entry.usage)
    return texts.TRY_HELP


def _usage(word: str, problem: str = "", words: Vocabulary | None = None) -> Usage:
    return Usage(f"{problem} {usage_for(word, words)}".strip())


def _tokens(rest: str) -> list[str]:
    return shlex.split(rest)


def _one_number(word: str, tokens: list[str], what: str) -> str | Usage:
    if not tokens:
        return _usage(word, texts.NEED_NUMBER.format(what=what))
    if len(tokens) > 1:
        return _usage(word, texts.EXTRA_WORDS.format(text=" ".join(tokens[1:])))
    return tokens[0]


# -- invoices -------------------------------------------------------------------------------------

def _status_list(word: str, status: str) -> Callable[[str, Vocabulary], Parsed]:
    def parse_shortcut(rest: str, words: Vocabulary) -> Parsed:
        client = " ".join(_tokens(rest))
        return Run("list_invoices", {"status": status, **({"client": client} if client else {})})

    return parse_shortcut


def _list(rest: str, words: Vocabulary) -> Parsed:
    tokens = _tokens(rest)
    statuses = words.choices("list_invoices", "status")
    args: dict[str, Any] = {}
    if tokens and tokens[0].lower() in statuses:
        args["status"] = tokens.pop(0).lower()
    if tokens:
        args["client"] = " ".join(tokens)
    return Run("list_invoices", args)


def _show(rest: str, words: Vocabulary) -> Parsed:
    number = _one_number("show", _tokens(rest), "invoice")
    if isinstance(number, Usage):
        return number
    return Run("get_invoice", {"id": Ref("invoice", number)})


def _links(rest: str, words: Vocabulary) -> Parsed:
    """``links <number>``: the invoice's client-portal links, to the asker only."""
    number = _one_number("links", _tokens(rest), "invoice")
    if isinstance(number, Usage):
        return number
    return Run("get_invoice", {"id": Ref("invoice", number), "portal_links": True})


def _new(rest: str, words: Vocabulary) -> Parsed:
    if rest:
        return _usage("new", texts.EXTRA_WORDS.format(text=rest))
    return NewInvoice()


_DUE = re.compile(r"^(?P<body>.*@\s*[\d.,]+)\s+due\s+(?P<due>.+)$", re.IGNORECASE)
_FIRST = re.compile(rf"^(?P<client>.+?)\s+(?P<line>{LINE_START}.+)$", re.IGNORECASE)


def _create(rest: str, words: Vocabulary) -> Parsed:
    body = rest.strip()
    args: dict[str, Any] = {}
    if re.search(r"(^|\s)send$", body, re.IGNORECASE):
        body, args["send"] = body[:-4].rstrip(), True
    try:
        due = _DUE.match(body)
        if due:
            body = due["body"]
            args.update(parse_due(due["due"]).as_args())
        first, *more = body.split(";")
        head = _FIRST.match(first.strip())
        if head is None:
            if not first.strip() or re.match(LINE_START, first.strip(), re.IGNORECASE):
                return _usage("create", texts.NO_CLIENT)
            return _usage("create", texts.NO_LINES)
        client = head["client"].strip().strip("\"'").strip()
        if not client:
            return _usage("create", texts.NO_CLIENT)
        lines = [parse_line(head["line"])] + [parse_line(m) for m in more if m.strip()]
    except PhraseError as exc:
        return _usage("create", str(exc))
    return Run("create_invoice", {"client": client, "line_items": lines, **args})


def _paid(rest: str, words: Vocabulary) -> Parsed:
    tokens = _tokens(rest)
    if not tokens:
        return _usage("paid", texts.NEED_NUMBER.format(what="invoice"))
    if len(tokens) > 2:
        return _usage("paid", texts.EXTRA_WORDS.format(text=" ".join(tokens[2:])))
    if len(tokens) == 1:
        return Run("mark_invoice_paid", {"number": tokens[0]})
    try:
        amount = parse_amount(tokens[1])
    except PhraseError as exc:
        return _usage("paid", str(exc))
    return Run("record_payment", {"invoice": tokens[0], "amount": amount})


# -- any entity -----------------------------------------------------------------------------------

def _entity_first(tokens: list[str], words: Vocabulary) -> Entity:
    """The entity named by the first token (dropped), else invoices."""
    named = words.entity(tokens[0]) if tokens else None
    if named is not None:
        tokens.pop(0)
        return named[0]
    return words.entities["invoice"]


def _by_number(name: str, entity: Entity, number: str, words: Vocabulary) -> dict[str, Any]:
    """``number`` when the action takes one, else an ``id`` to resolve."""
    if "number" in words.fields(name):
        return {"number": number}
    return {"id": Ref(entity.singular, number)}


def _one_of(verb: str, action: str) -> Callable[[str, Vocabulary], Parsed]:
    """``send [entity] <number>`` and ``pdf [entity] <number>``."""

    def parse_one(rest: str, words: Vocabulary) -> Parsed:
        tokens = _tokens(rest)
        entity = _entity_first(tokens, words)
        name = action.format(singular=entity.singular)
        if not words.has(name):
            return _usage(verb, texts.ENTITY_CANT.format(verb=verb, what=entity.plural_label))
        number = _one_number(verb, tokens, entity.label)
        if isinstance(number, Usage):
            return number
        return Run(name, _by_number(name, entity, number, words))

    return parse_one


def _bulk(verb: str) -> Callable[[str, Vocabulary], Parsed]:
    """``delete|archive|restore [entity] <number> ...``."""

    def parse_bulk(rest: str, words: Vocabulary) -> Parsed:
        tokens = _tokens(rest)
        entity = _entity_first(tokens, words)
        name = f"{verb}_{entity.plural}"
        if not words.has(name):
            return _usage(verb, texts.ENTITY_CANT.format(verb=verb, what=entity.plural_label))
        if not tokens:
            return _usage(verb, texts.NEED_NUMBER.format(what=entity.label))
        numbers = [n for token in tokens for n in token.split(",") if n]
        return Run(name, {"ids": [Ref(entity.singular, n) for n in dict.fromkeys(numbers)]})

    return parse_bulk


def _entity_list(entity: Entity, rest: str) -> Parsed:
    tokens = _tokens(rest)
    args: dict[str, Any] = {}
    if tokens and tokens[0].lower() in entity.statuses:
        field_name = "client_status" if "client_status" in entity.list_fields else "status"
        status = tokens.pop(0).lower()
        args[field_name] = [status] if field_name == "client_status" else status
    if tokens:
        if "filter" not in entity.list_fields:
            return _usage("quotes", texts.NO_SEARCH.format(what=entity.label))
        args["filter"] = " ".join(tokens)
    return Run(entity.list_action, args)


def _entity_one(entity: Entity, rest: str, words: Vocabulary) -> Parsed:
    if not words.has(entity.get_action):
        return _usage("quote", texts.ENTITY_CANT.format(verb="show", what=entity.plural_label))
    number = _one_number("quote", _tokens(rest), entity.label)
    if isinstance(number, Usage):
        return number
    return Run(entity.get_action, {"id": Ref(entity.singular, number)})


# -- clients --------------------------------------------------------------------------------------

def _clients(rest: str, words: Vocabulary) -> Parsed:
    search = " ".join(_tokens(rest))
    return Run("find_clients", {"search": search}) if search else Run("list_clients", {})


def _client(rest: str, words: Vocabulary) -> Parsed:
    name = " ".join(_tokens(rest))
    if not name:
        return _usage("client", texts.NEED_NUMBER.format(what="client"))
    return Run("get_client", {"id": Ref("client", name)})


def _purge(rest: str, words: Vocabulary) -> Parsed:
    name = " ".join(_tokens(rest))
    if not name:
        return _usage("purge", texts.NEED_NUMBER.format(what="client"))
    return Run("purge_client", {"id": Ref("client", name)})


# -- the catalog ----------------------------------------------------------------------------------

def _value(key: str, raw: str) -> Any:
    """JSON for values that look like JSON (lists, objects, true/false/null); text otherwise,
    so that ``number=0042`` stays the string it is (the core accepts ``"5"`` for 5)."""
    if raw.startswith(_JSON_START) or raw in _JSON_WORDS:
        try:
            return json.loads(raw)
        except json.JSONDecodeError as exc:
            raise PhraseError(texts.BAD_JSON.format(key=key, error=exc.msg)) from None
    return raw


def _run(rest: str, words: Vocabulary) -> Parsed:
    tokens = _tokens(rest)
    if not tokens:
        return _usage("run", texts.NO_ACTION)
    name, *pairs = tokens
    args: dict[str, Any] = {}
    try:
        for pair in pairs:
            key, sep, raw = pair.partition("=")
            if not sep or not key.strip():
                return _usage("run", texts.BAD_PAIR.format(text=pair))
            args[key.strip()] = _value(key.strip(), raw.strip())
    except PhraseError as exc:
        return _usage("run", str(exc))
    return Run(name.lower(), args)


def _actions(rest: str, words: Vocabulary) -> Parsed:
    return Actions(toolset=" ".join(_tokens(rest)).lower())


def _help(rest: str, words: Vocabulary) -> Parsed:
    return Help()


_VERBS: dict[str, Callable[[str, Vocabulary], Parsed]] = {
    "help": _help, "?": _help,
    "overdue": _status_list("overdue", "overdue"), "unpaid": _status_list("unpaid", "unpaid"),
    "drafts": _status_list("drafts", "draft"), "draft": _status_list("drafts", "draft"),
    "list": _list, "invoices": _list, "show": _show, "invoice": _show, "links": _links,
    "new": _new, "create": _create, "paid": _paid,
    "send": _one_of("send", "send_{singular}"), "pdf": _one_of("pdf", "download_{singular}_pdf"),
    "delete": _bulk("delete"), "archive": _bulk("archive"), "restore": _bulk("restore"),
    "clients": _clients, "client": _client, "purge": _purge,
    "actions": _actions, "run": _run,
}


def _unknown(word: str, words: Vocabulary) -> Usage:
    known = [*_VERBS, "share", *words.words()]
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    unknown = texts.UNKNOWN.format(word=word)
    if close:
        nearest = texts.NEAREST.format(word=close[0])
        return Usage(f"{unknown} {nearest} {usage_for(close[0], words)}")
    return Usage(f"{unknown} {texts.TRY_HELP}")


def _share(parsed: Parsed) -> Parsed:
    if isinstance(parsed, Run) and parsed.args.get("portal_links"):
        # A portal link opens the portal as that contact: it is never posted in a channel.
        return _usage("links", texts.LINKS_PRIVATE)
    if isinstance(parsed, Run | Help | Actions):
        return replace(parsed, share=True)
    return parsed


def parse(text: str, words: Vocabulary) -> Parsed:
    """What ``/invoice <text>`` asks for. Never raises: unreadable text gives ``Usage``."""
    clean = unslack(text)
    verb, _, rest = clean.partition(" ")
    verb = verb.lower()
    if verb == "share":
        if not rest.strip():
            return _usage("share", texts.SHARE_WHAT)
        return _share(parse(rest, words))
    try:
        handler = _VERBS.get(verb or "help")
        if handler is not None:
            return handler(rest.strip(), words)
        named = words.entity(verb)
        if named is not None:
            entity, plural = named
            return _entity_list(entity, rest) if plural else _entity_one(entity, rest, words)
        return _unknown(verb, words)
    except ValueError:  # shlex: an unclosed quote
        return _usage(verb, texts.QUOTE_OPEN)
