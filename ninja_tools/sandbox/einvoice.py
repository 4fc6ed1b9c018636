"""E-documents: the XML e-invoice of a document by invitation key, and PEPPOL readiness checks.

Real facts kept (``InvoiceController::downloadEInvoice`` and its quote, credit and purchase
order twins, ``EInvoiceController::validateEntity``, ``ValidateEInvoiceRequest``,
``app/Services/EDocument/Standards/Validation/Peppol/EntityLevel.php``):

* ``GET invoice/{key}/download_e_invoice`` (``quote/{key}/download_e_quote``,
  ``credit/{key}/download_e_credit``, ``purchase_order/{key}/download_e_purchase_order``):
  any invitation key of the company; an unknown key is 400 ``no record found``. The answer is
  the XML (``application/xml``, ``<number>.xml``; ``?inline=true`` for inline). The sandbox
  writes a small UBL 2.1 document from the record.
* ``POST einvoice/validateEntity`` ``{entity: invoices|clients|companies, entity_id}``: 200
  with ``passes: true`` or 400 with ``passes: false``, listing missing fields as ``[{"field":
  "<label>"}]`` under ``client``, ``company`` (and ``invoice``). A client needs address1, city,
  state, postal code, country and (unless an individual) a VAT number; the company the same
  from its settings plus a registered PEPPOL legal entity id. View on the record is required.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .calls import Call, api
from .downloads import by_invitation, file_name
from .failures import ApiError, Unauthorized, ValidationFailed, invalid_selection, required
from .registry import Registry
from .resources import PREFIX
from .responses import json_response
from .store import Record

ROUTES = {
    "invoice": ("invoice", "download_e_invoice", "Invoice"),
    "quote": ("quote", "download_e_quote", "Quotation"),
    "credit": ("credit", "download_e_credit", "CreditNote"),
    "purchase_order": ("purchase_order", "download_e_purchase_order", "Order"),
}
LABELS = {
    "address1": "Street",
    "city": "City",
    "state": "State/Province",
    "postal_code": "Postal Code",
    "country_id": "Country",
    "vat_number": "VAT Number",
}
VALIDATED = {"invoices": ("invoice", "invoices"), "clients": ("client", "clients"),
             "companies": ("company", "companies")}


def ubl(kind: str, root: str, doc: Record, seller: str, buyer: str) -> bytes:
    """A minimal UBL 2.1 document: number, dates, parties, lines and totals."""
    lines = []
    for index, item in enumerate(doc.get("line_items") or [], start=1):
        lines.append(
            f"  <cac:{root}Line><cbc:ID>{index}</cbc:ID>"
            f"<cbc:Quantity>{float(item.get('quantity') or 0)}</cbc:Quantity>"
            f"<cbc:LineExtensionAmount>{float(item.get('line_total') or 0):.2f}"
            f"</cbc:LineExtensionAmount><cac:Item><cbc:Name>"
            f"{escape(str(item.get('product_key') or item.get('notes') or ''))}"
            f"</cbc:Name></cac:Item></cac:{root}Line>"
        )
    body = "\n".join(lines)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<{root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{root}-2"'
        ' xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"'
        ' xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">\n'
        f"  <cbc:ID>{escape(str(doc.get('number') or ''))}</cbc:ID>\n"
        f"  <cbc:IssueDate>{escape(str(doc.get('date') or ''))}</cbc:IssueDate>\n"
        f"  <cbc:DueDate>{escape(str(doc.get('due_date') or ''))}</cbc:DueDate>\n"
        f"  <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>{escape(seller)}"
        "</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>\n"
        f"  <cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>{escape(buyer)}"
        "</cbc:Name></cac:PartyName></cac:Party></cac:AccountingCustomerParty>\n"
        f"  <cac:LegalMonetaryTotal><cbc:PayableAmount>{float(doc.get('balance') or 0):.2f}"
        f"</cbc:PayableAmount></cac:LegalMonetaryTotal>\n{body}\n</{root}>\n"
    )
    return xml.encode()


def e_download(kind: str) -> Any:
    _, _, root = ROUTES[kind]

    async def handler(call: Call) -> Response:
        doc = by_invitation(call, kind, call.param("key"))
        if doc is None:
            raise ApiError(400, "no record found")
        parent_kind = "vendor" if kind == "purchase_order" else "client"
        parent = call.store.get(parent_kind, str(doc.get(f"{parent_kind}_id") or "")) or {}
        seller = str((call.state.company().get("settings") or {}).get("name") or "")
        data = ubl(kind, root, doc, seller, str(parent.get("name") or ""))
        name = f"{file_name(kind, doc)}.xml"
        inline = "inline; " if call.query("inline") == "true" else "attachment; "
        return Response(data, media_type="application/xml",
                        headers={"Content-Disposition": f'{inline}filename="{name}"'})

    handler.__name__ = f"{kind}_e_download"
    return handler


def _missing(source: dict[str, Any], individual: bool) -> list[dict[str, str]]:
    errors = []
    for field in ("address1", "city", "state", "postal_code", "country_id"):
        value = str(source.get(field) or "")
        if not value or (field == "country_id" and value in ("0", "")):
            errors.append({"field": LABELS[field]})
    if not individual and not str(source.get("vat_number") or ""):
        errors.append({"field": LABELS["vat_number"]})
    return errors


def company_errors(call: Call, client: Record | None) -> list[dict[str, str]]:
    company = call.state.company()
    settings = dict(company.get("settings") or {})
    if client is not None:  # getSetting: the client's own settings win
        settings.update({k: v for k, v in (client.get("settings") or {}).items() if v})
    errors = _missing(settings, settings.get("classification") == "individual")
    if not isinstance(company.get("legal_entity_id"), int):
        errors.append({"field": "You have not registered a legal entity id as yet."})
    return errors


def client_errors(client: Record) -> list[dict[str, str]]:
    return _missing(client, client.get("classification") == "individual")


async def validate_entity(call: Call) -> Response:
    body = await call.body()
    entity = str(body.get("entity") or "")
    if not entity:
        raise ValidationFailed({"entity": [required("entity")]})
    if entity not in VALIDATED:
        raise ValidationFailed({"entity": [invalid_selection("entity")]})
    kind, route = VALIDATED[entity]
    if not body.get("entity_id"):
        raise ValidationFailed({"entity_id": [required("entity_id")]})
    company = call.state.company()
    record = (
        (company if str(body["entity_id"]) == company["id"] else None)
        if kind == "company"
        else call.store.get(kind, str(body["entity_id"]))
    )
    if record is None:
        raise ValidationFailed({"entity_id": [invalid_selection("entity_id")]})
    if kind != "company" and not call.actor.can("view", call.registry.spec(route), record):
        raise Unauthorized()
    data: dict[str, Any] = {}
    if kind == "invoice":
        client = call.store.get("client", str(record.get("client_id") or "")) or {}
        data = {"invoice": [], "client": client_errors(client),
                "company": company_errors(call, client)}
    elif kind == "client":
        data = {"client": client_errors(record)}
    else:
        data = {"company": company_errors(call, None)}
    data["passes"] = not any(data.values())
    return json_response(data, 200 if data["passes"] else 400)


def install(reg: Registry) -> None:
    routes: list[BaseRoute] = [
        Route(f"{PREFIX}/{segment}/{{key}}/{action}", api(e_download(kind)), methods=["GET"])
        for kind, (segment, action, _) in ROUTES.items()
    ]
    routes.append(Route(f"{PREFIX}/einvoice/validateEntity", api(validate_entity),
                        methods=["POST"]))
    reg.add_routes(routes)
