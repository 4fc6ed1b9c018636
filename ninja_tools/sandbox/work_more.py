"""Invoicing a project's time, historical PDFs of activities, and e-invoice imports.

Real facts kept (``ActivityController::downloadHistoricalEntity``, ``ExpenseController::
edocument``, ``EDocumentRequest``; ``projects/{id}/invoice`` is [2025] and modelled here):

* ``POST projects/{id}/invoice`` (create_invoice, and view on the project) saves a draft
  invoice for the project's client with one line per uninvoiced task of the project (hours
  at the task's or the project's rate); the tasks become invoiced. Answers the invoice.
* ``GET activities/download_entity/{id}`` (view on the activity) streams the PDF backed up
  with an invoice, quote or credit activity (``<number>.pdf``); an activity without such a
  backup is 404 ``{"message":"No backup exists for this activity","errors":{}}``.
* ``PUT edocument/upload`` (admin): multipart ``documents[]`` files, each queued for import
  as an expense (``{"message":"Processing...."}``). The sandbox imports a UBL/CII file at
  once: its payable total becomes the expense amount. A request without files fails the
  controller's loop over them (500).
"""

from __future__ import annotations

import re

from starlette.datastructures import UploadFile
from starlette.responses import Response
from starlette.routing import Route

from . import downloads
from .calls import Call, api, find
from .failures import ApiError, ServerError, Unauthorized
from .registry import Registry
from .resources import PREFIX, item_response
from .responses import message
from .store import Record
from .writes import save

BACKED_UP = {"invoice_id": "invoice", "quote_id": "quote", "credit_id": "credit"}
_TOTAL = re.compile(
    r"<(?:cbc:PayableAmount|ram:GrandTotalAmount|ram:DuePayableAmount)[^>]*>([\d.]+)<"
)
_SELLER = re.compile(
    r"<(?:cac:AccountingSupplierParty|ram:SellerTradeParty)>.*?<(?:cbc|ram):Name>([^<]+)<",
    re.S,
)


async def invoice_project(call: Call) -> Response:
    projects = call.registry.spec("projects")
    project = call.lookup(projects, call.param("id"))
    invoices = call.registry.spec("invoices")
    call.actor.require("view", projects, project)
    call.actor.require("create", invoices)
    lines = []
    for task in call.store.where("task", project_id=project["id"]):
        if task.get("invoice_id") or task.get("is_deleted"):
            continue
        rate = float(task.get("rate") or 0) or float(project.get("task_rate") or 0)
        lines.append({
            "product_key": "",
            "notes": str(task.get("description") or ""),
            "quantity": round(float(task.get("duration") or 0) / 3600, 4),
            "cost": rate,
            "task_id": task["id"],
            "type_id": "2",
        })
    invoice = save(call, invoices, None, {"client_id": project["client_id"],
                                          "project_id": project["id"], "line_items": lines})
    return item_response(call, invoices, invoice)


async def historical_pdf(call: Call) -> Response:
    activity = find(call.state, "activity", "Activity", call.param("id"))
    if not (call.actor.is_super or call.actor.has_permission("view_activity")
            or activity.get("user_id") == call.actor.id):
        raise Unauthorized()
    for column, kind in BACKED_UP.items():
        doc = call.store.get(kind, str(activity.get(column) or ""))
        if doc is not None:
            data = downloads.render(call, kind, doc)
            return downloads.pdf_response(data, f"{downloads.file_name(kind, doc)}.pdf")
    raise ApiError(404, "No backup exists for this activity", errors=True)


def import_edocument(call: Call, name: str, content: bytes) -> Record | None:
    text = content.decode("utf-8", "replace")
    total = _TOTAL.search(text)
    if total is None:
        return None
    seller = _SELLER.search(text)
    vendor = next((v for v in call.store.rows("vendor")
                   if seller and v.get("name") == seller.group(1).strip()), None)
    body = {"amount": float(total.group(1)), "public_notes": f"Imported from {name}",
            "vendor_id": vendor["id"] if vendor else ""}
    return save(call, call.registry.spec("expenses"), None, body)


async def edocument(call: Call) -> Response:
    if not call.actor.is_super:
        raise Unauthorized()
    files: list[tuple[str, bytes]] = []
    if "form" in call.request.headers.get("content-type", ""):
        async with call.request.form() as form:
            for key, value in form.multi_items():
                if key.startswith("documents") and isinstance(value, UploadFile):
                    files.append((value.filename or "edocument.xml", await value.read()))
    if not files:
        raise ServerError()  # foreach over a missing file list
    for name, content in files:
        import_edocument(call, name, content)
    return message("Processing....")


def install(reg: Registry) -> None:
    reg.add_routes(
        [
            Route(f"{PREFIX}/projects/{{id}}/invoice", api(invoice_project), methods=["POST"]),
            Route(f"{PREFIX}/activities/download_entity/{{id}}", api(historical_pdf),
                  methods=["GET"]),
            Route(f"{PREFIX}/edocument/upload", api(edocument), methods=["PUT", "POST"]),
        ]
    )
