"""Expenses, vendors, purchase orders and products: the money-out side and stock.

Real facts kept:

* expenses (``BulkExpenseRequest``, ``ExpenseController::bulk``, ``ExpenseFilters``):
  ``bulk_update`` takes ``column`` from ``Expense::$bulk_update_columns`` and
  ``new_value`` (``newValue`` is copied over); ``tax1..3`` values are ``"name||rate"``;
  ``bulk_categorize`` sets ``category_id`` on every listed expense; the list filter
  ``client_status`` ORs its states and ``categories`` takes a comma list of ids.
* products: ``set_tax_id`` needs ``tax_id`` (the real rule is ``required_if`` only; its
  ``in:1..9`` is swallowed as extra ``required_if`` values, so other numbers pass).
* purchase orders (``PurchaseOrderController::bulk``/``performAction``,
  ``app/Services/PurchaseOrder/*``): statuses 1 draft, 2 sent, 3 accepted, 4 received,
  5 cancelled; ``add_to_inventory`` raises ``in_stock_quantity`` per product key
  (creating missing products) and marks the order received; ``expense`` creates one
  expense once; ``cancel`` only from draft/sent; in a bulk call the single-record
  answers are dropped and the list comes back, except ``bulk_download`` (a message),
  ``bulk_print`` (a PDF) and ``template`` (a hash).
* vendors merge (password protected, routed by the core) also moves documents here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from . import filters, lifecycle, pdf
from .activity import record_activity
from .calc import money
from .calls import Call, api
from .entities import EntitySpec
from .failures import ApiError, ValidationFailed, invalid_selection
from .filters import FilterContext
from .merge import merger
from .registry import Registry, SaveEvent
from .resources import PREFIX, item_response
from .responses import message
from .statics import CURRENCIES
from .store import Record
from .writes import coerce, save

PO_DRAFT, PO_SENT, PO_ACCEPTED, PO_RECEIVED, PO_CANCELLED = "1", "2", "3", "4", "5"
EMAIL_PURCHASE_ORDER = 135
EXPENSE_BULK_COLUMNS = (
    "tax1",
    "tax2",
    "tax3",
    "custom_value1",
    "custom_value2",
    "custom_value3",
    "custom_value4",
    "should_be_invoiced",
    "uses_inclusive_taxes",
    "private_notes",
    "public_notes",
)
SENT_MESSAGE = "Successfully sent message"


# ---------------------------------------------------------------- expenses


def _bulk_update(call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]) -> None:
    column = body.get("column")
    if column in (None, ""):
        raise ValidationFailed(
            {"column": ["The column field is required when action is bulk_update."]}
        )
    if column not in EXPENSE_BULK_COLUMNS:
        raise ValidationFailed({"column": [invalid_selection("column")]})
    value = body.get("new_value", body.get("newValue"))
    now = call.state.now()
    for expense in rows:
        if column in ("tax1", "tax2", "tax3"):
            parts = str(value or "").split("||")
            if len(parts) != 2:
                continue
            n = column[-1]
            expense[f"tax_name{n}"] = parts[0]
            expense[f"tax_rate{n}"] = coerce(0.0, parts[1] or 0)
        else:
            expense[column] = coerce(expense[column], value)
        expense["updated_at"] = now


def _bulk_categorize(
    call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]
) -> None:
    category = str(body.get("category_id") or "")
    now = call.state.now()
    for expense in rows:
        expense["category_id"] = category
        expense["updated_at"] = now


def _check_category(call: Call, body: dict[str, Any]) -> None:
    category = body.get("category_id")
    if category not in (None, "") and call.store.get("expense_category", str(category)) is None:
        raise ValidationFailed({"category_id": [invalid_selection("category id")]})


def _with_category_check(handler: Any) -> Any:
    def wrapped(call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]) -> Any:
        _check_category(call, body)
        return handler(call, spec, rows, body)

    return wrapped


def _expense_status(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
    wanted = set(value.split(","))
    if "all" in wanted:
        return rows

    def paid(r: Record) -> bool:
        return bool(r.get("payment_date")) or bool(r.get("transaction_reference"))

    tests: dict[str, Callable[[Record], bool]] = {
        "logged": lambda r: (
            float(r.get("amount") or 0) >= 0
            and not r.get("invoice_id")
            and not r.get("payment_date")
            and not r.get("should_be_invoiced")
        ),
        "pending": lambda r: bool(r.get("should_be_invoiced")) and not r.get("invoice_id"),
        "invoiced": lambda r: bool(r.get("invoice_id")),
        "uninvoiced": lambda r: not r.get("invoice_id"),
        "paid": paid,
        "unpaid": lambda r: not paid(r),
        "uncategorized": lambda r: not r.get("category_id"),
    }
    chosen = [test for name, test in tests.items() if name in wanted]
    return [r for r in rows if any(test(r) for test in chosen)] if chosen else rows


def _categories(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
    wanted = {v for v in value.split(",") if v}
    return [r for r in rows if r.get("category_id") in wanted] if wanted else rows


def _expense_amount(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
    return [r for r in rows if filters.mysql_number(r.get("amount")) == filters.mysql_number(value)]


def invoice_links_expenses(event: SaveEvent) -> None:
    """Line items that name an expense mark it invoiced, like tasks."""
    for item in event.record.get("line_items") or []:
        expense = event.call.store.get("expense", str(item.get("expense_id") or ""))
        if expense is not None:
            expense["invoice_id"] = event.record["id"]


def invoice_releases_expenses(call: Call, spec: EntitySpec, invoice: Record) -> None:
    for expense in call.store.where("expense", invoice_id=invoice["id"]):
        expense["invoice_id"] = ""


# ---------------------------------------------------------------- products


def _set_tax_id(call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]) -> None:
    tax_id = body.get("tax_id")
    if tax_id in (None, ""):
        raise ValidationFailed(
            {"tax_id": ["The tax id field is required when action is set_tax_id."]}
        )
    # The real controller updates every listed product, without the edit check.
    wanted = {str(i) for i in body.get("ids") or []}
    for product in call.store.rows("product"):
        if product["id"] in wanted:
            product["tax_id"] = str(tax_id)
            product["updated_at"] = call.state.now()


# ---------------------------------------------------------------- purchase orders


def _vendor(call: Call, po: Record) -> Record:
    return call.store.get("vendor", str(po.get("vendor_id") or "")) or {}


def _currency_code(currency_id: str) -> str:
    return next((c["code"] for c in CURRENCIES if c["id"] == currency_id), "USD")


def po_pdf(call: Call, po: Record) -> bytes:
    vendor = _vendor(call, po)
    company = call.state.company()
    currency = str(vendor.get("currency_id") or company["settings"].get("currency_id") or "1")
    return pdf.document_pdf(
        "purchase_order",
        po,
        client_name=str(vendor.get("name") or ""),
        company_name=str(company["settings"].get("name") or ""),
        currency=_currency_code(currency),
    )


def _pdf_response(data: bytes, filename: str) -> Response:
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def mark_sent(call: Call, po: Record) -> None:
    if po.get("status_id") != PO_DRAFT:
        return
    now = call.state.now()
    today = call.state.clock.today().isoformat()
    for invitation in po.get("invitations") or []:
        invitation["sent_date"] = invitation["sent_date"] or today
    po["status_id"] = PO_SENT
    po["balance"] = money(float(po.get("amount") or 0) - float(po.get("paid_to_date") or 0))
    po["updated_at"] = now


def email_po(call: Call, po: Record) -> None:
    """PurchaseOrderEmail: marks a draft sent and mails every invited vendor contact.

    The mail itself goes through the money side's ``mail.send_document`` so every
    message in the outbox has the same shape.
    """
    from .mail import send_document

    for sent in send_document(call, "purchase_order", po, "email_template_purchase_order"):
        contact: Record = next(
            (c for c in _vendor(call, po).get("contacts") or [] if c.get("email") == sent["to"]),
            {},
        )
        record_activity(
            call.state,
            EMAIL_PURCHASE_ORDER,
            "purchase_order",
            po,
            user_id=call.actor.id,
            vendor_contact_id=str(contact.get("id", "")),
        )
    if po.get("status_id") == PO_SENT:
        po["balance"] = money(float(po.get("amount") or 0) - float(po.get("paid_to_date") or 0))


def add_to_inventory(call: Call, po: Record) -> None:
    products = call.registry.spec("products")
    for item in po.get("line_items") or []:
        key = str(item.get("product_key") or "")
        product = next((p for p in call.store.rows("product") if p.get("product_key") == key), None)
        if product is None:
            product = save(
                call,
                products,
                None,
                {
                    "product_key": key,
                    "notes": item.get("notes") or "",
                    "price": item.get("cost") or 0,
                    "quantity": item.get("quantity") or 0,
                    **{f"custom_value{n}": item.get(f"custom_value{n}") or "" for n in range(1, 5)},
                },
            )
        product["in_stock_quantity"] = int(product.get("in_stock_quantity") or 0) + int(
            float(item.get("quantity") or 0)
        )
        product["updated_at"] = call.state.now()
    po["status_id"] = PO_RECEIVED
    po["updated_at"] = call.state.now()


def expense_from_po(call: Call, po: Record) -> Record | None:
    """PurchaseOrderExpense: one expense per order; None when it already has one."""
    if po.get("expense_id") and call.store.get("expense", str(po["expense_id"])) is not None:
        return None
    vendor = _vendor(call, po)
    amount = float(po.get("amount") or 0)
    taxes = float(po.get("total_taxes") or 0)
    body: dict[str, Any] = {
        "amount": amount if po.get("uses_inclusive_taxes") else money(amount - taxes),
        "date": call.state.clock.today().isoformat(),
        "vendor_id": po.get("vendor_id") or "",
        "uses_inclusive_taxes": bool(po.get("uses_inclusive_taxes")),
        "calculate_tax_by_amount": True,
        "private_notes": f"PO # {po.get('number', '')}",
        "currency_id": vendor.get("currency_id") or "",
        "public_notes": "".join(
            f"{_qty(i.get('quantity'))} x {i.get('product_key', '')} [ {i.get('notes', '')} ]\n"
            for i in po.get("line_items") or []
        ),
    }
    if taxes > 0:
        body.update(tax_amount1=taxes, tax_name1="Tax")
    project = call.store.get("project", str(po.get("project_id") or ""))
    if project is not None:
        body.update(project_id=project["id"], client_id=project.get("client_id") or "")
    elif po.get("client_id"):
        body["client_id"] = po["client_id"]
    if not body["vendor_id"] or (vendor and vendor.get("is_deleted")):
        body.pop("vendor_id")
    expense = save(call, call.registry.spec("expenses"), None, body)
    po["expense_id"] = expense["id"]
    return expense


def _qty(value: Any) -> str:
    number = float(value or 0)
    return str(int(number)) if number.is_integer() else str(number)


def cancel(call: Call, po: Record) -> None:
    if int(po.get("status_id") or 1) <= int(PO_SENT):
        po["status_id"] = PO_CANCELLED
        po["updated_at"] = call.state.now()


PO_ONE_ACTIONS = {
    "mark_sent": mark_sent,
    "email": email_po,
    "send_email": email_po,
    "add_to_inventory": add_to_inventory,
    "expense": expense_from_po,
    "cancel": cancel,
}


def _po_bulk(action: str) -> Any:
    def handler(
        call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]
    ) -> Response | None:
        wanted = {str(i) for i in body.get("ids") or []}
        found = [r for r in call.store.rows("purchase_order") if r["id"] in wanted]
        if not found:
            return message("No Purchase Orders Found")
        if action == "bulk_download":
            call.state.outbox.append(
                {
                    "to": call.actor.user.get("email", ""),
                    "template": "download_files",
                    "entity": "purchase_order",
                    "entity_ids": [r["id"] for r in found],
                    "subject": "Download files",
                    "sent_at": call.state.now(),
                }
            )
            return message(SENT_MESSAGE)
        if action == "bulk_print" and call.actor.can("view", spec, found[0]):
            return _pdf_response(_print_pdf(call, found), "print.pdf")
        if action == "template" and call.actor.can("view", spec, found[0]):
            send = str(body.get("send_email", "")).lower() in ("1", "true")
            return message("email sent" if send else str(uuid.uuid4()))
        for po in rows:  # only those the caller may edit
            if action in lifecycle.ACTIONS:
                lifecycle.ACTIONS[action](call, spec, po)
            elif action in PO_ONE_ACTIONS:
                PO_ONE_ACTIONS[action](call, po)
        return None

    return handler


def _print_pdf(call: Call, pos: list[Record]) -> bytes:
    if len(pos) == 1:
        return po_pdf(call, pos[0])
    lines = [
        f"{po.get('number', '')}  {_vendor(call, po).get('name', '')}  "
        f"{money(po.get('amount')):.2f}"
        for po in pos
    ]
    return pdf.render_pdf(title="Purchase Orders", lines=lines)


async def po_action(call: Call) -> Response:
    """GET purchase_orders/{id}/{action}: performAction for one order (edit permission)."""
    spec = call.registry.spec("purchase_orders")
    po = call.lookup(spec, call.param("id"))
    action = call.param("action")
    if action == "edit":  # the resource route Laravel registers first
        call.actor.require("view", spec, po)
        return item_response(call, spec, po)
    call.actor.require("edit", spec, po)
    if action == "download":
        return _pdf_response(po_pdf(call, po), f"{po.get('number') or 'purchase_order'}.pdf")
    if action in ("email", "send_email"):
        email_po(call, po)
        return message("email sent")
    if action == "expense":
        if expense_from_po(call, po) is None:
            raise ApiError(400, "Purchase Order already expensed")
        return item_response(call, spec, po)
    if action in lifecycle.ACTIONS:
        lifecycle.ACTIONS[action](call, spec, po)
        return item_response(call, spec, po)
    if action in PO_ONE_ACTIONS:
        PO_ONE_ACTIONS[action](call, po)
        return item_response(call, spec, po)
    raise ApiError(400, f"The requested action `{action}` is not available.")


# ---------------------------------------------------------------- vendors


def _vendor_merge_with_documents() -> Any:
    """The core's vendor merge, plus the merged vendor's documents moving to the survivor."""
    core_merge = merger("vendors", "vendor_id", "Vendor")

    async def merge(call: Call) -> Response:
        other = call.store.get("vendor", call.param("mergeable_id"))
        documents = list(other.get("documents") or []) if other else []
        response = await core_merge(call)
        keep = call.store.get("vendor", call.param("id"))
        if response.status_code == 200 and keep is not None and documents:
            keep["documents"] = [*(keep.get("documents") or []), *documents]
            for document in documents:
                document["vendor_id"] = keep["id"]
            for owner in call.store.rows("document_file"):
                if owner.get("parent_kind") == "vendor" and owner.get("parent_id") == (
                    other or {}
                ).get("id"):
                    owner["parent_id"] = keep["id"]
            return item_response(call, call.registry.spec("vendors"), keep)
        return response

    return merge


def _replace_route(reg: Registry, path: str, route: BaseRoute) -> None:
    reg.routes[:] = [r for r in reg.routes if getattr(r, "path", None) != path]
    reg.routes.insert(0, route)


def install(reg: Registry) -> None:
    reg.bulk_action("expenses", "bulk_update")(_with_category_check(_bulk_update))
    reg.bulk_action("expenses", "bulk_categorize")(_with_category_check(_bulk_categorize))
    for action in ("archive", "restore", "delete"):
        reg.bulk_action("expenses", action)(_with_category_check(_generic(action)))
    reg.bulk_action("products", "set_tax_id")(_set_tax_id)
    spec = reg.spec("purchase_orders")
    for action in spec.bulk_actions:
        reg.bulk_action("purchase_orders", action)(_po_bulk(action))
    reg.on_save("invoices")(invoice_links_expenses)
    reg.after_action("invoices", "delete")(invoice_releases_expenses)
    filters.ENTITY_FILTERS.setdefault("expenses", {}).update(
        {
            "client_status": _expense_status,
            "categories": _categories,
            "amount": _expense_amount,
        }
    )
    merge_path = f"{PREFIX}/vendors/{{id}}/{{mergeable_id}}/merge"
    _replace_route(
        reg,
        merge_path,
        Route(merge_path, api(_vendor_merge_with_documents(), password=True), methods=["POST"]),
    )
    reg.add_routes(
        [Route(f"{PREFIX}/purchase_orders/{{id}}/{{action}}", api(po_action), methods=["GET"])]
    )


def _generic(action: str) -> Any:
    def handler(call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]) -> None:
        for row in rows:
            lifecycle.ACTIONS[action](call, spec, row)

    return handler
