"""Validation of what residents type: mainland mobile numbers, resident ID numbers
(GB 11643-1999) and personal names. ASCII digits only; nothing trailing.

Each check returns the normalised value or raises an ``InvalidInput`` with its own code.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from app.errors import InvalidInput
from app.security.masking import ID_NUMBER_RE, PHONE_RE


class InvalidPhone(InvalidInput):
    code = "INVALID_PHONE"
    message_zh = "手机号码格式不正确"
    message_en = "This is not a valid mainland mobile number"


class InvalidIdNumber(InvalidInput):
    code = "INVALID_ID_NUMBER"
    message_zh = "身份证号码不正确"
    message_en = "This is not a valid resident ID number"


class InvalidName(InvalidInput):
    code = "INVALID_NAME"
    message_zh = "姓名格式不正确"
    message_en = "This is not a valid name"


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
# Province-level codes (GB/T 2260), plus 83 for residence permits of Taiwan residents.
_PROVINCES = frozenset(
    {
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
        "83",
    }
)
_NAME_DOTS = "·•・"
_NAME_MIN, _NAME_MAX = 2, 30


def normalize_phone(value: str) -> str:
    """``13800138000``; full-width digits, spaces and trailing newlines are refused."""
    if not PHONE_RE.fullmatch(value):
        raise InvalidPhone()
    return value


def id_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    return _ID_CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def normalize_id_number(value: str, *, today: date | None = None) -> str:
    """An 18-character resident ID number with its check character as ``X`` (upper case).

    Checks the region (a real province code), the birth date (a real date, from 1900,
    not in the future) and the check character.
    """
    candidate = value[:17] + value[17:].upper()
    if not ID_NUMBER_RE.fullmatch(candidate):
        raise InvalidIdNumber(details={"reason": "format"})
    if candidate[:2] not in _PROVINCES:
        raise InvalidIdNumber(details={"reason": "region"})
    try:
        born = date(int(candidate[6:10]), int(candidate[10:12]), int(candidate[12:14]))
    except ValueError as exc:
        raise InvalidIdNumber(details={"reason": "birth_date"}) from exc
    if not date(1900, 1, 1) <= born <= (today or date.today()):
        raise InvalidIdNumber(details={"reason": "birth_date"})
    if id_check_char(candidate[:17]) != candidate[17]:
        raise InvalidIdNumber(details={"reason": "check_digit"})
    return candidate


def normalize_name(value: str) -> str:
    """2–30 characters: Chinese characters, Latin letters, inner spaces and the middle dot
    of minority and foreign names (``阿依古丽·买买提``). No control, zero-width or
    direction-changing characters."""
    name = unicodedata.normalize("NFC", value)
    if not _NAME_MIN <= len(name) <= _NAME_MAX or name != name.strip():
        raise InvalidName()
    for char in name:
        if not (_is_han(char) or char in _NAME_DOTS or char == " " or (char.isascii() and char.isalpha())):
            raise InvalidName()
    if name[0] in _NAME_DOTS or name[-1] in _NAME_DOTS:
        raise InvalidName()
    return name


def _is_han(char: str) -> bool:
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2EBEF
