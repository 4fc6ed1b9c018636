"""The server's instructions and a few prompts for common jobs; plain text, no I/O.

``INSTRUCTIONS`` teaches a model the few things it must know; each prompt turns a job (bill a
client, chase overdue invoices, a month-end summary) into the steps and tools to use.
"""

from __future__ import annotations

from collections.abc import Mapping

from mcp.types import GetPromptResult, Prompt, PromptArgument, PromptMessage, TextContent

__all__ = ["INSTRUCTIONS", "PROMPTS", "render"]

INSTRUCTIONS = """\
Invoice Ninja (invoicing, quotes, payments, clients) through ninja-tools.
- Ids are Invoice Ninja's hashed ids: strings such as "Opnel5aKBz", never numbers. Invoice and \
quote numbers ("0042") are not ids; tools that take an invoice accept either id or number.
- Find the client first (find_clients), or pass the client's name or a contact's e-mail where \
a tool takes `client`; create_invoice can create a missing client.
- Amounts are plain numbers in the client's currency (150 or 150.5, no symbols); dates are \
YYYY-MM-DD; quantities and hourly rates go on line items (quantity 10, cost 150).
- Lists return one page: follow next_page, or narrow with filters; totals are per currency.
- Only the everyday tools are listed. find_actions searches the other actions (expenses, \
credits, recurring, tasks, reports, settings...), describe_action shows their arguments and \
run_action runs them, with the same permissions and confirmations.
- Destructive actions (delete, cancel, refund, purge...) wait for the user. A result with \
status waiting_for_confirmation means nothing happened yet: give the user the link and the \
question, word for word, and check confirmation_status later. Never ask the user for a \
password in the chat; the confirm page asks for it.
- Errors say what to do next; follow their hint instead of retrying the same call."""

_BILL = Prompt(
    name="bill_client", title="Bill a client",
    description="Invoice a client for work or products, and optionally e-mail the invoice.",
    arguments=[
        PromptArgument(name="client", description="The client's name or e-mail",
                       required=True),
        PromptArgument(name="work", description="What to bill, e.g. '10 hours consulting at"
                       " 150'", required=True),
        PromptArgument(name="send", description="yes to e-mail the invoice now",
                       required=False),
    ])
_CHASE = Prompt(
    name="chase_overdue_invoices", title="Chase overdue invoices",
    description="Find overdue invoices, group them by client and prepare reminders.",
    arguments=[PromptArgument(name="client", description="Only this client (name or e-mail)",
                              required=False)])
_MONTH = Prompt(
    name="month_end_summary", title="Month-end summary",
    description="Invoiced, paid and outstanding for one month, with the biggest debtors.",
    arguments=[PromptArgument(name="month", description="The month as YYYY-MM (default: the"
                              " last full month)", required=False)])

PROMPTS: dict[str, Prompt] = {p.name: p for p in (_BILL, _CHASE, _MONTH)}


def _bill(args: Mapping[str, str]) -> str:
    send = args.get("send", "").strip().lower() in ("yes", "y", "true", "1")
    then = ("Then e-mail it with send_invoice (or create it with send=true)." if send else
            "Do not e-mail it; say that send_invoice would.")
    return (f"Bill the client \"{args.get('client', '')}\" for: {args.get('work', '')}.\n"
            "1. Find the client with find_clients (by name or e-mail). If several match, ask "
            "which one; if none, ask before creating one.\n"
            "2. Turn the work into line items (notes, quantity, cost; a product_key when "
            "list_products has a matching product) and create the invoice with create_invoice.\n"
            f"3. {then}\n"
            "4. Report the invoice number, total, due date, and the PDF resource "
            "invoice://<id>/pdf.")


def _chase(args: Mapping[str, str]) -> str:
    who = args.get("client", "").strip()
    scope = f" of the client \"{who}\"" if who else ""
    return (f"Chase the overdue invoices{scope}.\n"
            "1. list_invoices with status overdue" + (" and client" if who else "") +
            "; follow next_page until all are read.\n"
            "2. Group them by client: number, amount, balance, due date, days overdue.\n"
            "3. Propose for each client the reminder to send (send_invoice with template "
            "reminder1, reminder2 or reminder3 after the ones already sent) and a short "
            "personal message.\n"
            "4. Send nothing until the user says which ones to send.")


def _month(args: Mapping[str, str]) -> str:
    month = args.get("month", "").strip() or "the last full month"
    return (f"Summarise {month} for the business.\n"
            "1. Invoices dated in the month: list_invoices with date_from and date_to "
            "(all pages), totals per currency and per status.\n"
            "2. Payments received in the month: run_action list_payments with date_range.\n"
            "3. Outstanding now: list_invoices with status unpaid and with status overdue.\n"
            "4. Write a short summary: invoiced, received, outstanding, overdue, the five "
            "biggest debtors, and anything unusual.")


_RENDER = {"bill_client": _bill, "chase_overdue_invoices": _chase,
           "month_end_summary": _month}


def render(name: str, args: Mapping[str, str] | None) -> GetPromptResult | None:
    """The prompt's messages, or ``None`` for an unknown name."""
    build = _RENDER.get(name)
    if build is None:
        return None
    text = build(dict(args or {}))
    return GetPromptResult(description=PROMPTS[name].description, messages=[
        PromptMessage(role="user", content=TextContent(type="text", text=text))])
