"""List paging the Laravel/Fractal way: ``per_page`` (default 20, max 5000) and ``page``.

``links`` holds ``previous``/``next`` only when they exist (an empty list otherwise, as
PHP serialises an empty array), and, like the real paginator, those URLs carry only
``?page=N``: other query parameters, ``per_page`` included, are not appended.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 5000
ELOQUENT_DEFAULT = 15  # what paginate(0) falls back to
_PHP_INT = re.compile(r"^\s*([+-]?\d+)")


def php_int(value: str) -> int:
    """PHP's ``(int)`` cast of a string: the leading integer, else 0."""
    match = _PHP_INT.match(value)
    return int(match.group(1)) if match else 0


def per_page(request: Request) -> int:
    raw = request.query_params.get("per_page")
    if raw is None:
        return DEFAULT_PER_PAGE
    return min(abs(php_int(raw)), MAX_PER_PAGE) or ELOQUENT_DEFAULT


def current_page(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    return int(raw) if re.fullmatch(r"[+-]?\d+", raw.strip()) and int(raw) >= 1 else 1


@dataclass
class Page:
    items: list[Any]
    meta: dict[str, Any]


def paginate(request: Request, rows: list[Any]) -> Page:
    size = per_page(request)
    page = current_page(request)
    total = len(rows)
    last = max(math.ceil(total / size), 1)
    items = rows[(page - 1) * size : page * size]
    path = str(request.url.replace(query=""))
    links: dict[str, str] = {}
    if page > 1:
        links["previous"] = f"{path}?page={page - 1}"
    if page < last:
        links["next"] = f"{path}?page={page + 1}"
    pagination: dict[str, Any] = {
        "total": total,
        "count": len(items),
        "per_page": size,
        "current_page": page,
        "total_pages": last,
        "links": links or [],
    }
    return Page(items=items, meta={"pagination": pagination})
