"""Hashed record ids that look and behave like Invoice Ninja's Hashids strings.

The real server never exposes numeric keys: every id is a 10-character hash of the
row's primary key. The sandbox keeps a per-entity counter and encodes it with a fixed,
shuffled base-62 alphabet, so ids are deterministic across runs (tests can rely on
them) yet are never purely numeric (the real server answers a numeric id differently).
"""

from __future__ import annotations

import random
import re
import string

_BASE = string.ascii_letters + string.digits
_ALPHABET = "".join(random.Random("ninja-sandbox-ids").sample(_BASE, len(_BASE)))
_LETTERS = "".join(c for c in _ALPHABET if c.isalpha())
_TAIL = 9
_SPACE = len(_LETTERS) * 62**_TAIL  # first char is always a letter
_MULT = 435_051_738_865_347_265  # coprime with _SPACE (2**11 * 13 * 31**9): a bijection
_MULT_INV = pow(_MULT, -1, _SPACE)
_OFFSET = 3_141_592_653_589
_INDEX = {c: i for i, c in enumerate(_ALPHABET)}
_LETTER_INDEX = {c: i for i, c in enumerate(_LETTERS)}
_PHP_NUMERIC = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$")


def encode(number: int) -> str:
    """Hash a positive counter value into a 10-character id."""
    if number < 1:
        raise ValueError("ids start at 1")
    x = (number * _MULT + _OFFSET) % _SPACE
    tail = []
    for _ in range(_TAIL):
        x, digit = divmod(x, 62)
        tail.append(_ALPHABET[digit])
    return _LETTERS[x] + "".join(reversed(tail))


def decode(value: str) -> int | None:
    """Turn a hashed id back into its counter value, or None if it cannot be one of ours."""
    if len(value) != 1 + _TAIL or value[0] not in _LETTER_INDEX:
        return None
    x = _LETTER_INDEX[value[0]]
    for ch in value[1:]:
        if ch not in _INDEX:
            return None
        x = x * 62 + _INDEX[ch]
    number = ((x - _OFFSET) * _MULT_INV) % _SPACE
    return number if 0 < number < 10**12 else None


def is_php_numeric(value: str) -> bool:
    """PHP's ``is_numeric``: the real route binding rejects such ids with a special message."""
    return bool(_PHP_NUMERIC.match(value))
