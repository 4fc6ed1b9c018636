"""Every sentence the Slack app says, and the help entries whose examples the tests run.

Texts written here are ours (mrkdwn allowed); anything that came from Invoice Ninja is escaped
by ``blocks.esc`` before it is put next to them. Imports nothing of ours.
"""

from __future__ import annotations

from dataclasses import dataclass

COMMAND = "/invoice"
WARN = ":warning:"


@dataclass(frozen=True)
class Entry:
    """One line of help: the usage, what it does, examples, and who sees it.

    ``needs``: action names; the entry is shown to a user who may run any of them (an empty
    tuple: always shown). ``words``: the command words the entry documents, so that a
    malformed command answers with this entry's usage.
    """

    usage: str
    summary: str
    examples: tuple[str, ...]
    needs: tuple[str, ...]
    words: tuple[str, ...]


HELP: tuple[Entry, ...] = (
    Entry("help", "This list, with only what your role may run.", ("help",), (), ("help",)),
    Entry("overdue | unpaid | drafts [client]", "Shortcuts for the invoice lists.",
          ("overdue", "unpaid Acme Corporation", "drafts"), ("list_invoices",),
          ("overdue", "unpaid", "drafts", "draft")),
    Entry("list [overdue|unpaid|draft|sent|partial|paid|cancelled|all] [client]",
          "Invoices, 20 a page, with totals and a button for more.",
          ("list", "list paid", "list sent Globex"), ("list_invoices",), ("list", "invoices")),
    Entry("show <number>", "One invoice with its lines.", ("show 0014",), ("get_invoice",),
          ("show", "invoice")),
    Entry("links <number>", "The invoice's client-portal links, shown to you only: each opens"
          " the portal as that contact.", ("links 0014",), ("get_invoice",), ("links",)),
    Entry("new", "A form: client picker, line items, due date, send now.", ("new",),
          ("create_invoice",), ("new",)),
    Entry("create <client> <qty> x <item> @ <price> [; <qty> x <item> @ <price> ...]"
          " [due <date>] [send]",
          "An invoice in one line. Due: a date (2026-04-30) or `in 14 days`; `send` e-mails it.",
          ("create Acme Corporation 10 x Consulting @ 150",
           "create Globex 2 x Design @ 400; 1 x Hosting @ 25 due in 14 days",
           'create "Stark Industries" 5 x Support @ 90 due 2030-04-30 send'),
          ("create_invoice",), ("create",)),
    Entry("send [quote|credit] <number>", "E-mail it to the client.",
          ("send 0014", "send quote 0002"), ("send_invoice", "send_quote", "send_credit"),
          ("send",)),
    Entry("paid <number> [amount]", "Mark an invoice paid, or record a part payment.",
          ("paid 0014", "paid 0015 100"), ("mark_invoice_paid", "record_payment"), ("paid",)),
    Entry("pdf [quote|credit|purchase-order] <number>",
          "The PDF, sent to you in a direct message (never to the channel).",
          ("pdf 0014", "pdf quote 0001"), ("download_invoice_pdf",), ("pdf",)),
    Entry("clients [search]", "Clients with their balances.", ("clients", "clients globex"),
          ("find_clients", "list_clients"), ("clients",)),
    Entry("client <name or number>", "One client's card.", ("client Globex", "client 0001"),
          ("get_client",), ("client",)),
    Entry("quotes | payments | credits | expenses | vendors | products | projects | tasks |"
          " recurring | ... [status] [search]",
          "Any other list, by entity; a status first where the list has them.",
          ("quotes", "quotes approved", "payments", "credits Acme", "recurring"),
          ("list_quotes", "list_payments", "list_credits"), ("quotes",)),
    Entry("quote | payment | credit | expense | vendor | project | task | ... <number>",
          "One record of any entity.", ("quote 0002", "payment 0001", "credit 0003"),
          ("get_quote", "get_payment", "get_credit"), ("quote",)),
    Entry("archive | restore [entity] <number> ...", "Archive records, or bring them back.",
          ("archive 0001", "restore 0001", "archive quote 0001"),
          ("archive_invoices", "restore_invoices"), ("archive", "restore")),
    Entry("delete [entity] <number> ...",
          "Delete records, after you confirm the exact effect on a card only you can press.",
          ("delete 0001 0002", "delete quote 0001"), ("delete_invoices", "delete_quotes"),
          ("delete",)),
    Entry("purge <client>",
          "Delete a client and all of its records for good, confirmed with your Invoice Ninja"
          " password on the confirm page.",
          ("purge Initech",), ("purge_client",), ("purge",)),
    Entry("actions [toolset]", "The catalog actions you may run, by toolset.",
          ("actions", "actions invoices"), (), ("actions",)),
    Entry("run <action> key=value ...",
          "Any catalog action; a value may be JSON (lists of line items, for instance).",
          ("run list_invoices status=overdue per_page=5",
           "run create_invoice client=Initech"
           " line_items='[{\"notes\": \"Audit\", \"cost\": 500}]'"),
          (), ("run",)),
    Entry("share <command>", "Post the answer in the channel instead of only to you.",
          ("share overdue",), (), ("share",)),
)


def example_commands() -> list[str]:
    """Every example of the help, as typed after ``/invoice``."""
    return [example for entry in HELP for example in entry.examples]


# -- help ---------------------------------------------------------------------------------------

HELP_TITLE = f"`{COMMAND}`: Invoice Ninja from Slack"
HELP_ROLE = "Your role: *{role}*. Answers are shown only to you unless you start with `share`."
HELP_HIDDEN = "{count} more commands need a higher role."

# -- usage and parsing --------------------------------------------------------------------------

USAGE = "Usage: `{command} {usage}`"
UNKNOWN = "I don't know `{word}`."
NEAREST = "Did you mean `{word}`?"
TRY_HELP = f"`{COMMAND} help` lists what you can do."
QUOTE_OPEN = "A quote mark is not closed."
NEED_NUMBER = "Say which {what}: a number like 0042."
BAD_AMOUNT = "`{text}` is not an amount."
BAD_DATE = "`{text}` is not a date: use YYYY-MM-DD or `in 14 days`."
BAD_LINE = ("`{text}` is not a line item: write `<qty> x <item> @ <price>`, e.g."
            " `10 x Consulting @ 150`.")
NO_CLIENT = "Name the client first, then the line items."
NO_LINES = "Give at least one line item: `<qty> x <item> @ <price>`."
BAD_PAIR = "`{text}` is not `key=value`."
BAD_JSON = "The value of `{key}` looks like JSON but is not valid ({error})."
NO_ACTION = "Name the action to run, e.g. `run list_invoices status=overdue`."
EXTRA_WORDS = "I did not understand `{text}` at the end."
NO_SEARCH = "The {what} list takes no search words."
SHARE_WHAT = "Share what? e.g. `share overdue`."
LINKS_PRIVATE = ("Portal links open the client portal as that contact, so they are shown to you"
                 " only and never shared in the channel.")
ENTITY_CANT = "There is no `{verb}` for {what}."

# -- results ------------------------------------------------------------------------------------

NOTHING_FOUND = "Nothing found."
PAGE_OF = "{count} of {total}"
MORE = "More"
SHOWING = "page {page}"
TOTALS = "Totals: {totals}"
PDF_SENT = ":page_facing_up: I sent you *{filename}* in a direct message."
PDF_COMMENT = f"{{filename}}, as you asked with `{COMMAND}`."
NOT_FOUND_NUMBER = "No {what} numbered {number}."
NOT_FOUND_NAME = "No {what} matches `{text}`."
MANY_FOUND = "Several {what}s match `{text}`: {names}. Be more specific."
UNEXPECTED = ("Something went wrong on our side; nothing more is known here. The app's log"
              " has the details.")
ACTIONS_TITLE = "Actions you may run, by toolset. `actions <toolset>` lists one."
ACTIONS_NONE = "No toolset is called `{toolset}`."
ACTIONS_IN = "Actions in *{toolset}* you may run:"
MORE_STALE = "That button no longer works; run the command again."
SHARED_NOTE = "Shared by <@{user}>: `{command} {text}`"

# -- confirmations ------------------------------------------------------------------------------

CONFIRM_TITLE = ":raised_hand: *Please confirm*"
CONFIRM_WHO = "Only <@{user}> can answer. Expires at {time} UTC."
CONFIRM = "Confirm"
CANCEL = "Cancel"
OPEN_PAGE = "Open the confirm page"
PAGE_WHY = ("This needs your Invoice Ninja password, typed on our confirm page (never in"
            " Slack). The link works once, for you only.")
PAGE_NAME_WHY = "On the confirm page, type the name to confirm."
PASSWORD_NEEDS_PAGE = ("{action} needs your Invoice Ninja password, and Slack cannot take one"
                       " safely.")
PASSWORD_HINT = ("Ask whoever runs this app to set NINJA_PUBLIC_URL to the address where people"
                 " reach it (the confirm page is served there); then run the command again.")
NOT_YOURS = ("Sorry <@{user}>, only the person who asked can confirm or cancel this. Nothing was"
             " changed.")
CONFIRMED_BY = "Confirmed by <@{user}>."
CANCELLED = ":no_entry_sign: Cancelled; nothing was done."
OUTCOME_DONE = ":white_check_mark: {message}"
OUTCOME_FAILED = f"{WARN} It did not work: {{message}}"
OUTCOME_OTHER = "{message}"
RUNNING = ":hourglass_flowing_sand: Confirmed; working on it."

# -- the new-invoice form ----------------------------------------------------------------------

FORM_TITLE = "New invoice"
FORM_SUBMIT = "Create"
FORM_CLOSE = "Cancel"
FORM_CLIENT = "Client"
FORM_CLIENT_HINT = "Type part of the name"
FORM_LINES = "Line items"
FORM_LINES_HINT = "One a line: `<qty> x <item> @ <price>`, e.g. 10 x Consulting @ 150"
FORM_DUE = "Due date"
FORM_SEND = "Send now"
FORM_SEND_OPTION = "E-mail it to the client's contacts now"
FORM_NOT_ALLOWED = "Creating invoices needs the clerk role; yours is *{role}*."
FORM_PICK_CLIENT = "Pick a client from the list."
FORM_NO_RESPONSE = "The form could not report back; check the invoice list."
