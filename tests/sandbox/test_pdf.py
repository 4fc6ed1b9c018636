"""The sandbox's PDFs must be valid files that real readers parse without complaint."""

from __future__ import annotations

import io
import logging
import re
from typing import Any

import pytest
from pypdf import PdfReader

from ninja_tools.sandbox import records
from ninja_tools.sandbox.calc import compute
from ninja_tools.sandbox.pdf import document_pdf, render_pdf, statement_pdf

TRICKY_NAME = r"Acme <b>Bold</b> (Europe) \ Ltd"


def read(data: bytes, caplog: pytest.LogCaptureFixture) -> PdfReader:
    """Open strictly and fail on any warning pypdf logs."""
    with caplog.at_level(logging.WARNING, logger="pypdf"):
        reader = PdfReader(io.BytesIO(data), strict=True)
        for page in reader.pages:
            page.extract_text()
    assert [r.getMessage() for r in caplog.records] == []
    return reader


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def invoice_doc(**overrides: Any) -> dict[str, Any]:
    doc = records.on_create("invoice")
    doc.update(
        number="0001",
        date="2024-05-01",
        due_date="2024-05-31",
        is_amount_discount=False,
        line_items=[
            records.line_item(
                quantity=2, cost=600, product_key="Widget", notes="Blue (large)", tax_rate1=0
            )
        ],
    )
    doc.update(overrides)
    totals = compute(doc)
    doc.update(line_items=totals.line_items, amount=totals.amount, total_taxes=totals.total_taxes)
    doc.setdefault("balance", totals.amount)
    return doc


def test_render_pdf_is_a_valid_single_page(caplog: pytest.LogCaptureFixture) -> None:
    data = render_pdf(title="Hello", lines=["First line", "", "Third line"])
    assert data.startswith(b"%PDF-1.4\n")
    assert data.endswith(b"%%EOF\n")
    reader = read(data, caplog)
    assert len(reader.pages) == 1
    assert reader.metadata is not None and reader.metadata.title == "Hello"
    text = text_of(reader)
    assert "First line" in text and "Third line" in text
    assert "Page 1 of 1" in text
    assert b"/BaseFont /Helvetica" in data and b"/WinAnsiEncoding" in data


def test_xref_offsets_are_exact() -> None:
    data = render_pdf(title="Offsets", lines=[f"line {n}" for n in range(120)])
    startxref = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))  # type: ignore[union-attr]
    assert data[startxref:].startswith(b"xref\n0 ")
    header = re.match(rb"xref\n0 (\d+)\n", data[startxref:])
    assert header is not None
    count = int(header.group(1))
    table = data[startxref + header.end() :]
    entries = [table[i * 20 : (i + 1) * 20] for i in range(count)]
    assert entries[0] == b"0000000000 65535 f \n"
    for number, entry in enumerate(entries[1:], start=1):
        assert len(entry) == 20 and entry.endswith(b" 00000 n \n")
        offset = int(entry[:10])
        assert data[offset:].startswith(b"%d 0 obj\n" % number), number
    assert b"/Size %d" % count in data


def test_stream_lengths_are_exact() -> None:
    data = render_pdf(title="Lengths", lines=["a (b) \\ c"])
    for match in re.finditer(rb"<< /Length (\d+) >>\nstream\n", data):
        end = match.end() + int(match.group(1))
        assert data[end:].startswith(b"\nendstream")


def test_markup_parentheses_and_backslash_survive(caplog: pytest.LogCaptureFixture) -> None:
    data = render_pdf(title=f"Title {TRICKY_NAME}", lines=[TRICKY_NAME, "(unbalanced", "back\\"])
    reader = read(data, caplog)
    text = text_of(reader)
    assert TRICKY_NAME in text
    assert "(unbalanced" in text
    assert "back\\" in text
    assert reader.metadata is not None and reader.metadata.title == f"Title {TRICKY_NAME}"


def test_unicode_is_replaced_safely_and_controls_dropped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    data = render_pdf(
        title="Zoë 中文", lines=["Zoë pays 5 € \u2013 ok", "Łódź Őrs 中 😀", "bell\x07\x00end"]
    )
    reader = read(data, caplog)
    text = text_of(reader)
    assert "Zoë pays 5 € \u2013 ok" in text  # all in the WinAnsi character set
    # ó is WinAnsi; ź and Ő fold to their base letter; Ł, 中 and 😀 have none.
    assert "?ódz Ors ? ?" in text
    assert "bellend" in text
    assert reader.metadata is not None and reader.metadata.title == "Zoë 中文"
    assert b"\x07" not in data and b"\x00" not in data


def test_long_lines_wrap_and_long_words_are_cut(caplog: pytest.LogCaptureFixture) -> None:
    words = " ".join(f"word{n}" for n in range(200))
    giant = "x" * 1000
    reader = read(render_pdf(title="Wrap", lines=[words, giant]), caplog)
    text_lines = text_of(reader).splitlines()
    assert all(len(line) < 120 for line in text_lines)
    joined = " ".join(text_lines)
    assert all(f"word{n}" in joined for n in range(200))
    assert "".join(line for line in text_lines if set(line) == {"x"}) == giant


def test_many_lines_flow_onto_more_pages(caplog: pytest.LogCaptureFixture) -> None:
    lines = [f"Row {n:03d}" for n in range(200)]
    reader = read(render_pdf(title="Many", lines=lines), caplog)
    assert len(reader.pages) == 5
    assert "Row 000" in reader.pages[0].extract_text()
    assert "Row 199" in reader.pages[-1].extract_text()
    assert "Page 5 of 5" in reader.pages[-1].extract_text()
    assert "Many" in reader.pages[3].extract_text()  # every page is headed
    text = text_of(reader)
    assert all(f"Row {n:03d}" in text for n in range(200))


def test_output_is_deterministic() -> None:
    assert render_pdf(title="Same", lines=["a", "b"]) == render_pdf(title="Same", lines=["a", "b"])


def test_invoice_pdf_shows_number_client_and_totals(caplog: pytest.LogCaptureFixture) -> None:
    doc = invoice_doc(paid_to_date=200.0, balance=1000.0)
    data = document_pdf("invoice", doc, client_name=TRICKY_NAME, company_name="Ninja Co")
    reader = read(data, caplog)
    text = text_of(reader)
    assert reader.metadata is not None and reader.metadata.title == "Invoice 0001"
    assert "Invoice 0001" in text
    assert "Ninja Co" in text
    assert f"Client: {TRICKY_NAME}" in text
    assert "Date: 2024-05-01" in text and "Due date: 2024-05-31" in text
    assert "2 x Widget - Blue (large) @ 600.00 USD = 1,200.00 USD" in text
    assert "Subtotal: 1,200.00 USD" in text
    assert "Total: 1,200.00 USD" in text
    assert "Paid to date: 200.00 USD" in text
    assert "Balance: 1,000.00 USD" in text


def test_invoice_pdf_lists_taxes_and_discount(caplog: pytest.LogCaptureFixture) -> None:
    doc = invoice_doc(discount=10, tax_name1="GST", tax_rate1=5)
    doc["line_items"][0].update(tax_name1="VAT", tax_rate1=20)
    doc.update(amount=compute(doc).amount, total_taxes=compute(doc).total_taxes)
    text = text_of(read(document_pdf("invoice", doc, client_name="C", company_name="N"), caplog))
    # 1,200 less 10% = 1,080; VAT 216, GST 54.
    assert "Discount: -120.00 USD" in text
    assert "VAT 20%: 216.00 USD" in text
    assert "GST 5%: 54.00 USD" in text
    assert "Taxes: 270.00 USD" in text
    assert "Total: 1,350.00 USD" in text


def test_delivery_note_has_no_prices(caplog: pytest.LogCaptureFixture) -> None:
    data = document_pdf("delivery_note", invoice_doc(), client_name="C", company_name="N")
    text = text_of(read(data, caplog))
    assert "Delivery Note 0001" in text
    assert "2 x Widget - Blue (large)" in text
    assert "USD" not in text
    assert "Balance" not in text and "Due date" not in text


def test_quote_credit_and_purchase_order_labels(caplog: pytest.LogCaptureFixture) -> None:
    quote = document_pdf(
        "quote", invoice_doc(number="Q-7"), client_name="C", company_name="N", currency="EUR"
    )
    text = text_of(read(quote, caplog))
    assert "Quote Q-7" in text and "Valid until: 2024-05-31" in text and "1,200.00 EUR" in text
    credit = document_pdf("credit", invoice_doc(number="CR-1"), client_name="C", company_name="N")
    assert "Credit CR-1" in text_of(read(credit, caplog))
    po = document_pdf(
        "purchase_order", invoice_doc(number="PO-3"), client_name="V", company_name="N"
    )
    po_text = text_of(read(po, caplog))
    assert "Purchase Order PO-3" in po_text and "Vendor: V" in po_text


def test_unknown_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown document kind"):
        document_pdf("receipt", {}, client_name="C", company_name="N")


def test_statement_pdf(caplog: pytest.LogCaptureFixture) -> None:
    rows: list[dict[str, Any]] = [
        {"number": "0001", "date": "2024-01-05", "due_date": "2024-02-04", "amount": 100},
        {"number": "0002", "date": "2024-01-20", "due_date": "2024-02-19", "amount": "1200.5"},
    ]
    rows[0]["balance"] = 100
    rows[1]["balance"] = 50.25
    data = statement_pdf(
        client_name=TRICKY_NAME,
        company_name="Ninja Co",
        rows=rows,
        start_date="2024-01-01",
        end_date="2024-01-31",
    )
    reader = read(data, caplog)
    text = text_of(reader)
    assert TRICKY_NAME in text
    assert "Period: 2024-01-01 to 2024-01-31" in text
    assert "0001 | 2024-01-05 | 2024-02-04 | 100.00 USD | 100.00 USD" in text
    assert "0002 | 2024-01-20 | 2024-02-19 | 1,200.50 USD | 50.25 USD" in text
    assert "Total: 1,300.50 USD" in text
    assert "Balance due: 150.25 USD" in text
    via_kind = document_pdf(
        "statement",
        {"rows": rows, "start_date": "2024-01-01", "end_date": "2024-01-31"},
        client_name=TRICKY_NAME,
        company_name="Ninja Co",
    )
    assert via_kind == data


def test_empty_statement(caplog: pytest.LogCaptureFixture) -> None:
    data = statement_pdf(
        client_name="C", company_name="N", rows=[], start_date="2024-01-01", end_date="2024-01-31"
    )
    text = text_of(read(data, caplog))
    assert "No documents in this period." in text
    assert "Balance due: 0.00 USD" in text
