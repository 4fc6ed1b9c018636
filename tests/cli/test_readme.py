"""The README's catalog table is generated from the catalog; a stale one fails here."""

from __future__ import annotations

from pathlib import Path

from ninja_cli.actions_cmd import markdown_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_catalog_table_is_current() -> None:
    text = README.read_text("utf-8")
    start, end = "<!-- actions:start -->\n", "<!-- actions:end -->"
    assert start in text and end in text
    current = text.split(start, 1)[1].split(end, 1)[0]
    assert current == markdown_table(), "run `ninja-tools actions --markdown` into the README"
