"""Small, valid PDF files for the sandbox's download endpoints, with no dependencies.

The real server answers PDF routes with rendered documents; the sandbox answers
with a plain text layout that any PDF reader opens: PDF 1.4, the standard
Helvetica fonts (WinAnsiEncoding, nothing embedded), uncompressed content
streams and an exact cross-reference table.  Output is deterministic: the same
input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from ninja_tools.sandbox.calc import compute, money

__all__ = ["document_pdf", "render_pdf", "statement_pdf"]

PAGE_WIDTH = 595  # A4, in points
PAGE_HEIGHT = 842
MARGIN = 50
BODY_SIZE = 10
BODY_LEADING = 14
TITLE_SIZE = 16
TITLE_LEADING = 20
MAX_TITLE_LINES = 3
MAX_PAGES = 100

# Helvetica advance widths (1/1000 em) of the printable ASCII characters 32-126.
_ASCII_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
# WinAnsi bytes above 127 that are wider than the conservative default.
_WIDE_HIGH = frozenset(b"\x85\x89\x8c\x97\x99\x9c\xbc\xbd\xbe\xc6\xe6")
# Helvetica-Bold is at most this much wider than Helvetica for any character.
_BOLD_FACTOR = 1.25

KINDS: dict[str, str] = {
    "invoice": "Invoice",
    "quote": "Quote",
    "credit": "Credit",
    "purchase_order": "Purchase Order",
    "delivery_note": "Delivery Note",
    "statement": "Statement",
}


def _to_winansi(text: str) -> bytes:
    """Encode for a WinAnsi font: drop control characters, replace the unencodable."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text.replace("\t", "    ")):
        category = unicodedata.category(ch)
        if category.startswith("C"):
            continue
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if category.startswith("M"):
                continue  # a stray combining mark
            # Keep the base letter of accented characters ("ő" -> "o").
            base = unicodedata.normalize("NFKD", ch).encode("cp1252", "ignore")
            out += base if base.strip() else b"?"
    return bytes(out)


def _units(byte: int) -> int:
    if 32 <= byte <= 126:
        return _ASCII_WIDTHS[byte - 32]
    return 1000 if byte in _WIDE_HIGH else 667


def _wrap(data: bytes, size: float, bold: bool = False) -> list[bytes]:
    """Break one line into pieces that fit between the margins (in linear time)."""
    limit = (PAGE_WIDTH - 2 * MARGIN) * 1000 / size / (_BOLD_FACTOR if bold else 1.0)
    space = _units(32)
    pieces: list[bytes] = []
    current: bytes | None = None
    current_width = 0
    for word in data.split(b" "):
        width = sum(_units(b) for b in word)
        if current is not None and current_width + space + width <= limit:
            current += b" " + word
            current_width += space + width
            continue
        if current is not None:
            pieces.append(current)
        while width > limit:  # a word wider than the page is cut where it overflows
            cut, cut_width = 0, 0
            while cut_width + _units(word[cut]) <= limit:
                cut_width += _units(word[cut])
                cut += 1
            pieces.append(word[:cut])
            word, width = word[cut:], width - cut_width
        current, current_width = word, width
    pieces.append(current or b"")
    return pieces


def _literal(data: bytes) -> bytes:
    """A PDF string literal; bytes outside printable ASCII become octal escapes."""
    out = bytearray(b"(")
    for byte in data:
        if byte in b"\\()":
            out += b"\\" + bytes([byte])
        elif 32 <= byte <= 126:
            out.append(byte)
        else:
            out += b"\\%03o" % byte
    out += b")"
    return bytes(out)


def _text_block(font: str, size: int, leading: int, y: int, lines: Iterable[bytes]) -> bytes:
    ops = [b"BT", b"/%s %d Tf" % (font.encode(), size), b"%d TL" % leading]
    ops.append(b"%d %d Td" % (MARGIN, y))
    for n, line in enumerate(lines):
        if n:
            ops.append(b"T*")
        if line:
            ops.append(_literal(line) + b" Tj")
    ops.append(b"ET")
    return b"\n".join(ops) + b"\n"


def _info_string(text: str) -> bytes:
    """A PDF text string in UTF-16BE, so the document title keeps every character."""
    clean = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))
    return b"<FEFF" + clean.encode("utf-16-be").hex().upper().encode() + b">"


def _paginate(title: str, lines: Sequence[str]) -> tuple[list[bytes], list[list[bytes]]]:
    title_lines = _wrap(_to_winansi(title), TITLE_SIZE, bold=True)[:MAX_TITLE_LINES]
    body: list[bytes] = []
    for line in lines:
        for part in str(line).splitlines() or [""]:
            body.extend(_wrap(_to_winansi(part), BODY_SIZE))
    top = PAGE_HEIGHT - MARGIN - TITLE_SIZE - TITLE_LEADING * len(title_lines) - BODY_LEADING
    per_page = (top - MARGIN - BODY_LEADING) // BODY_LEADING + 1
    if len(body) > per_page * MAX_PAGES:
        body = [*body[: per_page * MAX_PAGES - 1], b"[... output truncated ...]"]
    pages = [body[i : i + per_page] for i in range(0, len(body), per_page)] or [[]]
    return title_lines, pages


def render_pdf(*, title: str, lines: Sequence[str]) -> bytes:
    """Render a title and lines of text as a complete PDF 1.4 file.

    Lines that are too wide wrap at spaces (or anywhere, for very long words)
    and the text flows onto further pages, each headed by the title and
    numbered at the foot.  Output past ``MAX_PAGES`` pages is cut.
    """
    title_lines, pages = _paginate(title, lines)
    body_top = PAGE_HEIGHT - MARGIN - TITLE_SIZE - TITLE_LEADING * len(title_lines) - BODY_LEADING
    first_page_obj = 6
    kids = b" ".join(b"%d 0 R" % (first_page_obj + 2 * n) for n in range(len(pages)))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Title %s /Producer (ninja-tools) >>" % _info_string(title),
    ]
    for n, page_lines in enumerate(pages):
        footer = b"Page %d of %d" % (n + 1, len(pages))
        stream = (
            _text_block(
                "F2", TITLE_SIZE, TITLE_LEADING, PAGE_HEIGHT - MARGIN - TITLE_SIZE, title_lines
            )
            + _text_block("F1", BODY_SIZE, BODY_LEADING, body_top, page_lines)
            + _text_block("F1", 8, 10, MARGIN // 2, [footer])
        )
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /ProcSet [/PDF /Text] /Font << /F1 3 0 R /F2 4 0 R >> >> "
            b"/Contents %d 0 R >>" % (PAGE_WIDTH, PAGE_HEIGHT, first_page_obj + 2 * n + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    return _assemble(objects)


def _assemble(objects: list[bytes]) -> bytes:
    """Number the objects from 1 and add the xref table and trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    file_id = hashlib.md5(bytes(out), usedforsecurity=False).hexdigest().upper().encode()
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1,
        file_id,
        file_id,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def _amount(value: Any, currency: str) -> str:
    return f"{money(value):,.2f} {currency}".strip()


def _quantity(value: float) -> str:
    """A quantity without trailing zeros: 2.0 -> "2", 1.5 -> "1.5"."""
    text = format(Decimal(repr(float(value))).normalize(), "f")
    return "0" if text == "-0" else text


def document_pdf(
    kind: str,
    doc: Mapping[str, Any],
    *,
    client_name: str,
    company_name: str,
    currency: str = "USD",
) -> bytes:
    """Render an invoice, quote, credit, purchase order, delivery note or statement.

    Totals shown are the stored ``amount``, ``total_taxes``, ``paid_to_date``
    and ``balance`` of ``doc``; the subtotal, line totals and tax lines are
    recomputed from its line items.  A statement takes its ``rows``,
    ``start_date`` and ``end_date`` from ``doc``.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}; expected one of {', '.join(KINDS)}")
    if kind == "statement":
        return statement_pdf(
            client_name=client_name,
            company_name=company_name,
            rows=list(doc.get("rows") or []),
            start_date=str(doc.get("start_date") or ""),
            end_date=str(doc.get("end_date") or ""),
            currency=currency,
        )
    title = f"{KINDS[kind]} {doc.get('number') or ''}".strip()
    totals = compute(doc)
    lines = [company_name, ""]
    if doc.get("date"):
        lines.append(f"Date: {doc['date']}")
    if doc.get("due_date") and kind != "delivery_note":
        lines.append(f"{'Valid until' if kind == 'quote' else 'Due date'}: {doc['due_date']}")
    if doc.get("po_number"):
        lines.append(f"PO number: {doc['po_number']}")
    lines += [f"{'Vendor' if kind == 'purchase_order' else 'Client'}: {client_name}", ""]

    for item in totals.line_items:
        label = " - ".join(p for p in (item["product_key"], item["notes"]) if p)
        line = f"{_quantity(item['quantity'])} x {' '.join(label.split())}"
        if kind != "delivery_note":
            line += (
                f" @ {_amount(item['cost'], currency)} = {_amount(item['line_total'], currency)}"
            )
        lines.append(line)

    if kind != "delivery_note":
        lines += ["", f"Subtotal: {_amount(totals.subtotal, currency)}"]
        if totals.discount_total:
            lines.append(f"Discount: {_amount(-totals.discount_total, currency)}")
        lines += [f"{tax['name']}: {_amount(tax['total'], currency)}" for tax in totals.tax_map]
        lines += [
            f"Taxes: {_amount(doc.get('total_taxes', totals.total_taxes), currency)}",
            f"Total: {_amount(doc.get('amount', totals.amount), currency)}",
            f"Paid to date: {_amount(doc.get('paid_to_date', 0), currency)}",
            f"Balance: {_amount(doc.get('balance', 0), currency)}",
        ]
    for key, label in (("public_notes", "Notes"), ("terms", "Terms"), ("footer", "")):
        if doc.get(key):
            lines += ["", f"{label}: {doc[key]}" if label else str(doc[key])]
    return render_pdf(title=title, lines=lines)


def statement_pdf(
    *,
    client_name: str,
    company_name: str,
    rows: Sequence[Mapping[str, Any]],
    start_date: str,
    end_date: str,
    currency: str = "USD",
) -> bytes:
    """Render a client statement: one line per document, then the totals."""
    lines = [
        company_name,
        "",
        f"Client: {client_name}",
        f"Period: {start_date} to {end_date}",
        "",
        "Number | Date | Due date | Amount | Balance",
    ]
    for row in rows:
        amount = _amount(row.get("amount", 0), currency)
        balance = _amount(row.get("balance", 0), currency)
        number, date, due_date = (row.get(key) or "" for key in ("number", "date", "due_date"))
        lines.append(f"{number} | {date} | {due_date} | {amount} | {balance}")
    if not rows:
        lines.append("No documents in this period.")
    total = sum((Decimal(repr(money(row.get("amount", 0)))) for row in rows), Decimal(0))
    due = sum((Decimal(repr(money(row.get("balance", 0)))) for row in rows), Decimal(0))
    lines += ["", f"Total: {_amount(total, currency)}", f"Balance due: {_amount(due, currency)}"]
    return render_pdf(title=f"Statement {start_date} to {end_date}".strip(), lines=lines)
