"""PDF answers: document PDFs with the real file names, merged prints, invitation downloads.

The real server streams downloads with ``Content-Type: application/pdf`` and the
``numberFormatter()`` file name (``Invoice_0001.pdf``; a delivery note is
``Delivery_Note_Invoice_0001.pdf``; ``bulk_print`` is ``print.pdf``), quoted only when
Symfony's header rules require it.
"""

from __future__ import annotations

import re

from starlette.responses import Response
from starlette.routing import Route

from . import pdf
from .calls import Call, api
from .failures import ApiError
from .registry import Registry
from .resources import PREFIX
from .store import Record

_TOKEN = re.compile(r"^[a-z0-9!#$%&'*.^_`|~-]+$", re.IGNORECASE)
_LABELS = {
    "invoice": "Invoice",
    "quote": "Quote",
    "credit": "Credit",
    "purchase_order": "Purchase_Order",
    "recurring_invoice": "Recurring_Invoice",
}
INVITATION_ROUTES = {"invoice": "invoice", "quote": "quote", "credit": "credit"}


def file_name(kind: str, doc: Record) -> str:
    """``numberFormatter()``: translated entity, underscore, number; unsafe characters dropped."""
    number = str(doc.get("number") or "")
    raw = (
        f"{_LABELS.get(kind, kind)}_{number}"
        if number
        else f"{_LABELS.get(kind, kind)}_{doc.get('id', '')[:5]}"
    )
    cleaned = re.sub(r"[^\w\s\-~,;\[\]().]", "", raw)
    cleaned = re.sub(r"\.{2,}", "", cleaned)
    return re.sub(r"\s+", "_", cleaned)


def disposition(name: str, inline: bool = False) -> str:
    quoted = (
        name if _TOKEN.match(name) else '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    )
    return f"{'inline' if inline else 'attachment'}; filename={quoted}"


def pdf_response(data: bytes, name: str, *, inline: bool = False) -> Response:
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": disposition(name, inline)},
    )


def render(call: Call, kind: str, doc: Record, *, as_kind: str | None = None) -> bytes:
    """One document as PDF bytes via ``pdf.document_pdf``."""
    parent_kind, field = (
        ("vendor", "vendor_id") if kind == "purchase_order" else ("client", "client_id")
    )
    parent = call.store.get(parent_kind, str(doc.get(field) or "")) or {}
    company = call.state.company()
    pdf_kind = as_kind or ("invoice" if kind == "recurring_invoice" else kind)
    return pdf.document_pdf(
        pdf_kind,
        doc,
        client_name=str(parent.get("name") or ""),
        company_name=str((company.get("settings") or {}).get("name") or ""),
        currency=_currency(call, parent),
    )


def _currency(call: Call, parent: Record) -> str:
    currency_id = str((parent.get("settings") or {}).get("currency_id") or "1")
    return {"1": "USD", "2": "GBP", "3": "EUR"}.get(currency_id, "USD")


def document_download(call: Call, kind: str, doc: Record) -> Response:
    return pdf_response(render(call, kind, doc), f"{file_name(kind, doc)}.pdf")


def delivery_note(call: Call, doc: Record) -> Response:
    data = render(call, "invoice", doc, as_kind="delivery_note")
    return pdf_response(data, f"Delivery_Note_{file_name('invoice', doc)}.pdf")


def merged(call: Call, kind: str, docs: list[Record]) -> Response:
    """bulk_print: one PDF with every document, one after the other."""
    lines: list[str] = []
    title = ""
    for doc in docs:
        label = pdf.KINDS.get("invoice" if kind == "recurring_invoice" else kind, kind)
        heading = f"{label} {doc.get('number') or ''}".strip()
        title = title or heading
        lines += [heading, *_summary(doc), ""]
    data = pdf.render_pdf(title=f"Print {title}".strip(), lines=lines)
    return pdf_response(data, "print.pdf")


def _summary(doc: Record) -> list[str]:
    out = [f"Date: {doc.get('date', '')}"]
    for item in doc.get("line_items") or []:
        out.append(
            f"{item.get('quantity', 0)} x {item.get('product_key', '')} "
            f"{item.get('notes', '')}".rstrip()
        )
    out += [
        f"Total: {float(doc.get('amount') or 0):,.2f}",
        f"Balance: {float(doc.get('balance') or 0):,.2f}",
    ]
    return out


def by_invitation(call: Call, kind: str, key: str) -> Record | None:
    rows: list[Record] = call.store.rows(kind)
    for doc in rows:
        if any(i.get("key") == key for i in doc.get("invitations") or []):
            return doc
    return None


def invitation_download(kind: str):  # type: ignore[no-untyped-def]
    """GET {kind}/{invitation_key}/download: token only, any invitation key of the company."""

    async def handler(call: Call) -> Response:
        doc = by_invitation(call, kind, call.param("key"))
        if doc is None:
            raise ApiError(400, "no record found")
        return pdf_response(
            render(call, kind, doc),
            f"{file_name(kind, doc)}.pdf",
            inline=call.query("inline") == "true",
        )

    handler.__name__ = f"{kind}_invitation_download"
    return handler


def install(reg: Registry) -> None:
    reg.add_routes(
        [
            Route(
                f"{PREFIX}/{segment}/{{key}}/download",
                api(invitation_download(kind)),
                methods=["GET"],
            )
            for kind, segment in INVITATION_ROUTES.items()
        ]
    )
