"""The in-memory store: one ordered table of plain dict records per entity kind.

Records are exactly what the API returns (transformer-shaped dicts), so handlers can
answer with them directly. Tables keep insertion order, which is the default list order
(the real server's primary-key order). The store also owns the id counters (one per
kind, hashed by ``ids.encode``) and the per-entity document number counters.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import ids

Record = dict[str, Any]


class Store:
    """Tables keyed by entity kind (``"client"``, ``"invoice"``...), then by hashed id."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, Record]] = {}
        self._id_counters: dict[str, int] = {}
        self._number_counters: dict[str, int] = {}

    def new_id(self, kind: str) -> str:
        """Reserve the next id of ``kind``; ids are deterministic per kind and per run."""
        self._id_counters[kind] = self._id_counters.get(kind, 0) + 1
        return ids.encode(self._id_counters[kind])

    def add(self, kind: str, record: Record) -> Record:
        if not record.get("id"):
            record["id"] = self.new_id(kind)
        self.tables.setdefault(kind, {})[record["id"]] = record
        return record

    def get(self, kind: str, record_id: str) -> Record | None:
        return self.tables.get(kind, {}).get(record_id)

    def rows(self, kind: str) -> list[Record]:
        return list(self.tables.get(kind, {}).values())

    def where(self, kind: str, **match: Any) -> list[Record]:
        return [r for r in self.rows(kind) if all(r.get(k) == v for k, v in match.items())]

    def remove(self, kind: str, record_id: str) -> Record | None:
        """Hard delete (only purge does this on the real server)."""
        return self.tables.get(kind, {}).pop(record_id, None)

    def kinds(self) -> Iterator[str]:
        return iter(list(self.tables))

    def next_number(self, counter: str, taken: set[str]) -> str:
        """The next free number of ``counter``, zero-padded to 4 like the default pattern."""
        while True:
            self._number_counters[counter] = self._number_counters.get(counter, 0) + 1
            candidate = f"{self._number_counters[counter]:04d}"
            if candidate not in taken:
                return candidate
