"""The 办件编号: the number a resident reads aloud, types into a progress lookup or finds on an SMS.

Format (21 characters): the 6-digit 行政区划代码 of the county the case belongs to, the
hall-local date of submission ``YYYYMMDD``, a 6-digit daily sequence (000001-999999) and one
check character, e.g. ``330106`` ``20261009`` ``000123`` + check.

The check character is ISO 7064 MOD 11-2 over the 20 digits, as the last character of a resident
ID number (GB 11643) is over its 17: ``0``-``9`` or ``X``. It catches every single mistyped
character and every swap of two adjacent different characters, so a lookup with a typo answers
"no such number" instead of someone else's case.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

REGION_RE = re.compile(r"\d{6}\Z", re.ASCII)
NUMBER_RE = re.compile(r"(\d{6})(\d{8})(\d{6})([0-9X])\Z", re.ASCII)
SEQUENCE_MAX = 999_999


class CaseNumber(NamedTuple):
    region_code: str
    day: date
    sequence: int


def iso7064_mod11_2(digits: str) -> str:
    """The ISO 7064 MOD 11-2 check character (``0``-``9`` or ``X``) for a string of ASCII digits."""
    if not digits.isascii() or not digits.isdigit():
        raise ValueError("ISO 7064 MOD 11-2 takes ASCII digits only")
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2 % 11
    check = (12 - total) % 11
    return "X" if check == 10 else str(check)


def number(region_code: str, day: date, sequence: int) -> str:
    """The 办件编号 for the ``sequence``-th case of ``day`` in the county ``region_code``."""
    if not REGION_RE.match(region_code):
        raise ValueError(f"region_code must be 6 ASCII digits, not {region_code!r}")
    if not 1 <= sequence <= SEQUENCE_MAX:
        raise ValueError(f"sequence must be from 1 to {SEQUENCE_MAX}, not {sequence}")
    if day.year < 1000:
        raise ValueError("the year must have four digits")
    body = f"{region_code}{day:%Y%m%d}{sequence:06d}"
    return body + iso7064_mod11_2(body)


def parse(value: str) -> CaseNumber | None:
    """The parts of a valid 办件编号 (a lower-case ``x`` is taken as ``X``), else None."""
    match = NUMBER_RE.match(value[:-1] + value[-1:].upper())
    if match is None:
        return None
    region_code, ymd, sequence, check = match.groups()
    if iso7064_mod11_2(region_code + ymd + sequence) != check or int(sequence) == 0:
        return None
    try:
        day = date(int(ymd[:4]), int(ymd[4:6]), int(ymd[6:]))
    except ValueError:
        return None
    return CaseNumber(region_code, day, int(sequence))


def is_valid(value: str) -> bool:
    """True for a well-formed 办件编号 with the right check character."""
    return parse(value) is not None
