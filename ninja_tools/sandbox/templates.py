"""E-mail template previews, and the files that queued renders and exports leave behind.

Real facts kept (``TemplateController::show``, ``app/Utils/TemplateEngine.php``,
``EmailTemplateDefaults``, ``TemplatePreviewController``, ``ReportExportController``):

* ``POST templates`` ``{template, entity, entity_id, subject, body}`` answers ``{subject,
  body, wrapper, raw_body, raw_subject}``: the company's (here: the default English) subject
  and body of the template with ``$variables`` filled from the record, or from the first
  invoice with invitations when no record is named. A named record that does not exist
  crashes the engine (500). The controller checks no permission.
* ``POST templates/preview/{hash}``: 409 ``Still working.....`` until the render of a bulk
  ``template`` action is stored, then the PDF once (``template.pdf``); the file is deleted
  after the read. Every bulk ``template`` answer's hash is registered here.
* ``POST exports/preview/{hash}``: the cached report of ``reports/{name}`` as
  ``report.csv`` (``text/csv``), once; 409 until it is ready. Shares the report cache with
  ``reports/preview/{hash}``. Both previews need ``view_reports`` or admin.
"""

from __future__ import annotations

import inspect
import json
import re
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from . import insight, pdf
from .calls import Call, api
from .entities import EntitySpec
from .failures import ServerError, Unauthorized
from .registry import BulkHandler, Registry
from .resources import PREFIX
from .responses import json_response
from .state import SandboxState
from .store import Record

STILL_WORKING = "Still working....."
_HASH = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SUBJECTS = {
    "invoice": "New invoice $number from $company.name",
    "quote": "New quote $number from $company.name",
    "credit": "New credit $number from $company.name",
    "purchase_order": "New purchase order $number from $company.name",
    "payment": "Payment Received",
    "payment_partial": "Payment Received",
    "statement": "Statement from $company.name",
    "reminder1": "Reminder: Invoice $number from $company.name",
    "reminder2": "Reminder: Invoice $number from $company.name",
    "reminder3": "Reminder: Invoice $number from $company.name",
    "reminder_endless": "Reminder: Invoice $number from $company.name",
}
_BODIES = {
    "invoice": "To view your invoice for $amount, click the link below.",
    "quote": "To view your quote for $amount, click the link below.",
    "credit": "To view your credit for $amount, click the link below.",
    "purchase_order": "To view your purchase order for $amount, click the link below.",
    "payment": "Thank you for your payment of $amount.<br><br>$invoices",
    "payment_partial": "Thank you for your payment of $amount.<br><br>$invoices",
    "statement": "Please find attached your statement.",
}


def desk(state: SandboxState) -> dict[str, bytes]:
    """Rendered template PDFs waiting to be fetched once, by hash."""
    found: dict[str, bytes] | None = getattr(state, "_template_files", None)
    if found is None:
        found = {}
        state._template_files = found  # type: ignore[attr-defined]
    return found


def store_render(state: SandboxState, hash_: str, title: str, lines: list[str]) -> None:
    desk(state)[hash_] = pdf.render_pdf(title=title, lines=lines)


def registering(route: str, handler: BulkHandler) -> BulkHandler:
    """Wrap a bulk ``template`` handler so the hash it answers can be fetched later."""

    async def wrapped(
        call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]
    ) -> Response | None:
        result = handler(call, spec, rows, body)
        if inspect.isawaitable(result):
            result = await result
        if isinstance(result, Response) and result.media_type == "application/json":
            answer = json.loads(bytes(result.body) or b"{}")
            text = answer.get("message", "") if isinstance(answer, dict) else ""
            if isinstance(text, str) and _HASH.match(text):
                wanted = {str(i) for i in body.get("ids") or []}
                numbers = [
                    str(r.get("number") or r.get("name") or r["id"])
                    for r in call.store.rows(spec.kind)
                    if r["id"] in wanted
                ]
                store_render(call.state, text, f"{route} template", numbers)
        return result

    return wrapped


def _fill(text: str, values: dict[str, str]) -> str:
    for name in sorted(values, key=len, reverse=True):
        text = text.replace(f"${name}", values[name])
    return text


async def preview_template(call: Call) -> Response:
    body = await call.body()
    template = str(body.get("template") or "")
    entity, entity_id = str(body.get("entity") or ""), str(body.get("entity_id") or "")
    record: Record | None
    if len(entity) > 1 and len(entity_id) > 1:
        record = call.store.get(entity, entity_id)
        if record is None:
            raise ServerError()
    else:
        entity = "invoice"
        record = next((r for r in call.store.rows("invoice") if r.get("invitations")), None)
    record = record or {}
    client = call.store.get("client", str(record.get("client_id") or "")) or {}
    company = str((call.state.company().get("settings") or {}).get("name") or "")
    name = template.removeprefix("email_template_")
    raw_subject = str(body.get("subject") or "") or _SUBJECTS.get(name, "")
    raw_body = str(body.get("body") or "") or (
        f"<p>$client<br><br>{_BODIES.get(name, _BODIES['invoice'])}</p><div>$view_button</div>"
    )
    values = {
        "number": str(record.get("number") or ""),
        "amount": f"{float(record.get('amount') or 0):,.2f}",
        "client": str(client.get("name") or ""),
        "company.name": company,
        "invoices": str(record.get("number") or ""),
        "view_button": f'<a href="#">View {entity.replace("_", " ").title()}</a>',
    }
    wrapper = f"<html><body><div class=\"email\">$body</div><p>{company}</p></body></html>"
    return json_response(
        {
            "subject": _fill(raw_subject, values),
            "body": _fill(raw_body, values),
            "wrapper": wrapper,
            "raw_body": raw_body,
            "raw_subject": raw_subject,
        }
    )


def _may_preview(call: Call) -> None:
    if not (call.actor.is_super or call.actor.has_permission("view_reports")):
        raise Unauthorized()


async def template_file(call: Call) -> Response:
    _may_preview(call)
    data = desk(call.state).pop(call.param("hash"), None)
    if data is None:
        return json_response({"message": STILL_WORKING}, 409)
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="template.pdf"'},
    )


async def export_file(call: Call) -> Response:
    _may_preview(call)
    queued = insight.desk(call.state).queued
    entry = queued.get(call.param("hash"))
    if entry is None or entry["polls_left"] > 0:
        if entry is not None:
            entry["polls_left"] -= 1
        return json_response({"message": STILL_WORKING}, 409)
    del queued[call.param("hash")]
    data = entry["data"]
    text = data if isinstance(data, str) else json.dumps(data)
    return Response(
        text.encode(),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="report.csv"'},
    )


def install(reg: Registry) -> None:
    for (route, action), handler in list(reg.bulk_actions.items()):
        if action == "template":
            reg.bulk_actions[(route, action)] = registering(route, handler)
    reg.add_routes(
        [
            Route(f"{PREFIX}/templates", api(preview_template), methods=["POST"]),
            Route(f"{PREFIX}/templates/preview/{{hash}}", api(template_file), methods=["POST"]),
            Route(f"{PREFIX}/exports/preview/{{hash}}", api(export_file), methods=["POST"]),
        ]
    )
