"""What a valid catalog entry is: one set of rules for the importer and the admin API.

Each ``clean_*`` function takes an entry as JSON gives it (a dict of plain values),
checks every field and returns the values to store, with defaults for the optional
ones. All problems are collected and raised together as one ``InvalidInput`` whose
``details.fields`` maps each field's path (``materials[2].form``, or with the
importer's prefix ``items[3].materials[2].form``) to what is wrong with it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from app.models.catalog import REGION_LEVELS
from app.services import application_forms
from app.services.checks import MISSING, REGION_CODE_RE, Problems, Reader, parse_date

AUDIENCES = ("personal", "legal_person")
PROCESSING_TYPES = ("immediate", "promised")  # 即办件, 承诺件
MATERIAL_FORMS = ("original", "copy", "electronic")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_DAYS = 365  # a time limit in working days

CODE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z", re.ASCII)
PREFIX_RE = re.compile(r"[A-Z]\Z", re.ASCII)
WINDOW_RE = re.compile(r"[A-Za-z0-9-]{1,8}\Z", re.ASCII)
PHONE_RE = re.compile(r"[0-9+\-() ]{3,32}\Z", re.ASCII)
HHMM_RE = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]\Z", re.ASCII)
URL_RE = re.compile(r"(?:https://|/)[!-~]{1,250}\Z", re.ASCII)

ITEM_FIELDS = (
    "name", "sub_item", "audience", "themes", "keywords", "legal_basis", "processing_type", "legal_days",
    "promised_days", "fee", "visits", "online", "appointment", "assurance_level", "conditions", "steps",
    "special_procedures", "faq", "consult_phone", "complaint_phone", "application_form",
)  # fmt: skip
MATERIAL_FIELDS = ("name", "count", "form", "source", "required", "condition", "notes", "sample_url", "upload")
HALL_FIELDS = ("name", "address", "latitude", "longitude", "timezone", "phone", "hours", "closed_days", "special_days")


# --- Regions and departments ------------------------------------------------------------------


def clean_region(entry: object, where: str = "", *, with_code: bool = True) -> dict[str, Any]:
    """``code`` (unless ``with_code`` is False), ``name``, ``level`` and the ``parent`` region's code
    (None for a root)."""
    problems = Problems(where)
    known = {"code", "name", "level", "parent"} - (set() if with_code else {"code"})
    read = Reader(entry, problems, known=known)
    cleaned: dict[str, Any] = {}
    if with_code:
        cleaned["code"] = read.pattern("code", REGION_CODE_RE, "A 行政区划代码 of 6, 9 or 12 digits.")
    cleaned |= {
        "name": read.text("name", 64),
        "level": read.choice("level", REGION_LEVELS),
        "parent": read.pattern("parent", REGION_CODE_RE, "A 行政区划代码 of 6, 9 or 12 digits.", None),
    }
    problems.raise_if_any()
    return cleaned


def check_region_parent(level: str, parent_level: str | None, where: str = "") -> None:
    """A region sits below a region of a higher level (a district in a city, not in a street)."""
    if parent_level is not None and REGION_LEVELS.index(parent_level) >= REGION_LEVELS.index(level):
        problems = Problems(where)
        problems.add("parent", f"A {level} cannot sit in a {parent_level}.")
        problems.raise_if_any()


def clean_department(entry: object, where: str = "", *, with_code: bool = True) -> dict[str, Any]:
    """``code`` (unless ``with_code`` is False), ``name``, the ``region`` code and a ``phone``."""
    problems = Problems(where)
    known = {"code", "name", "region", "phone"} - (set() if with_code else {"code"})
    read = Reader(entry, problems, known=known)
    cleaned: dict[str, Any] = {}
    if with_code:
        cleaned["code"] = read.pattern("code", CODE_RE, "Letters, digits, '.', '_' or '-', at most 64.")
    cleaned |= {
        "name": read.text("name", 128),
        "region": read.pattern("region", REGION_CODE_RE, "A 行政区划代码 of 6, 9 or 12 digits."),
        "phone": read.pattern("phone", PHONE_RE, "A phone number.", None),
    }
    problems.raise_if_any()
    return cleaned


# --- Service items ------------------------------------------------------------------------------


def clean_item(entry: object, where: str = "", *, with_code: bool = True) -> dict[str, Any]:
    """A service item with its guide and materials: ``code`` (unless ``with_code`` is False), ``department``
    (a department code), the ``ITEM_FIELDS`` and ``materials``."""
    problems = Problems(where)
    known = {"code", "department", "materials", *ITEM_FIELDS} - (set() if with_code else {"code"})
    read = Reader(entry, problems, known=known)
    cleaned: dict[str, Any] = {}
    if with_code:
        cleaned["code"] = read.pattern("code", CODE_RE, "Letters, digits, '.', '_' or '-', at most 64.")
    cleaned |= {
        "department": read.pattern("department", CODE_RE, "A department code."),
        "name": read.text("name", 128),
        "sub_item": read.text("sub_item", 128, None),
        "audience": read.choice("audience", AUDIENCES),
        "themes": read.strings("themes", 32),
        "keywords": read.strings("keywords", 32),
        "legal_basis": read.text("legal_basis", 4000, "", multiline=True),
        "processing_type": read.choice("processing_type", PROCESSING_TYPES),
        "legal_days": read.integer("legal_days", 0, MAX_DAYS, 0),
        "promised_days": read.integer("promised_days", 0, MAX_DAYS, 0),
        "fee": _fee(read),
        "visits": read.integer("visits", 0, 2, 1),
        "online": read.boolean("online", False),
        "appointment": read.boolean("appointment", True),
        "assurance_level": read.integer("assurance_level", 1, 3, 1),
        "conditions": read.strings("conditions", 500, multiline=True),
        "steps": read.each("steps", _step),
        "special_procedures": read.each("special_procedures", _special_procedure),
        "faq": read.each("faq", _question),
        "consult_phone": read.pattern("consult_phone", PHONE_RE, "A phone number.", None),
        "complaint_phone": read.pattern("complaint_phone", PHONE_RE, "A phone number.", None),
        "materials": read.each("materials", _material, required=True),
        "application_form": application_forms.clean_definition(
            read.raw("application_form", None), problems, "application_form"
        ),
    }
    _item_consistency(cleaned, problems)
    problems.raise_if_any()
    return cleaned


def _item_consistency(item: dict[str, Any], problems: Problems) -> None:
    if item["processing_type"] == "promised" and item["promised_days"] == 0:
        problems.add("promised_days", "A promised item (承诺件) needs a promised time limit of at least 1 day.")
    if item["processing_type"] == "immediate" and item["promised_days"]:
        problems.add("promised_days", "An immediate item (即办件) is done on the spot: 0 days.")
    legal, promised = item["legal_days"], item["promised_days"]
    if isinstance(legal, int) and isinstance(promised, int) and legal and promised > legal:
        problems.add("promised_days", "The promised time limit cannot exceed the legal one.")
    if item["visits"] == 0 and item["online"] is False:
        problems.add("visits", "0 visits (全程网办) needs online application.")


def _fee(read: Reader) -> dict[str, Any] | None:
    fee = read.obj("fee", ("free", "lines"))
    if fee is None:
        return None
    free = fee.boolean("free")
    lines = fee.each("lines", _fee_line)
    if free is True and lines:
        read.problems.add(fee.path("lines"), "A free item (不收费) has no fee lines.")
    if free is False and not lines:
        read.problems.add(fee.path("lines"), "Name at least one fee with its legal basis, or set free.")
    return {"free": free, "lines": lines}


def _fee_line(read: Reader) -> dict[str, Any]:
    read.only("name", "amount_fen", "basis")
    return {
        "name": read.text("name", 64),
        "amount_fen": read.integer("amount_fen", 0, 100_000_000),
        "basis": read.text("basis", 500, multiline=True),
    }


def _step(read: Reader) -> dict[str, Any]:
    read.only("name", "description")
    return {"name": read.text("name", 64), "description": read.text("description", 1000, "", multiline=True)}


def _special_procedure(read: Reader) -> dict[str, Any]:
    read.only("name", "days", "counts_toward_limit", "basis")
    return {
        "name": read.text("name", 128),
        "days": read.integer("days", 0, MAX_DAYS),
        "counts_toward_limit": read.boolean("counts_toward_limit"),
        "basis": read.text("basis", 500, "", multiline=True),
    }


def _question(read: Reader) -> dict[str, Any]:
    read.only("q", "a")
    return {"q": read.text("q", 200, multiline=True), "a": read.text("a", 2000, multiline=True)}


def _material(read: Reader) -> dict[str, Any]:
    read.only(*MATERIAL_FIELDS)
    material = {
        "name": read.text("name", 128),
        "count": read.integer("count", 1, 99, 1),
        "form": read.choice("form", MATERIAL_FORMS),
        "source": read.text("source", 128, None),
        "required": read.boolean("required", True),
        "condition": read.text("condition", 255, None),
        "notes": read.text("notes", 1000, None, multiline=True),
        "sample_url": read.pattern("sample_url", URL_RE, "An https:// URL or a path on this site.", None),
        "upload": read.boolean("upload", False),  # uploaded with an online application
    }
    if material["required"] is False and not material["condition"]:
        read.problems.add(read.path("condition"), "A conditional material names its condition (情形).")
    return material


# --- Halls --------------------------------------------------------------------------------------


def clean_hall(entry: object, where: str = "", *, with_code: bool = True, nested: bool = True) -> dict[str, Any]:
    """A hall: ``code`` (unless ``with_code`` is False), the ``region`` code and the ``HALL_FIELDS``.
    Queue categories and windows are read by ``clean_category`` and ``clean_window``; with ``nested``
    False the entry may not hold them (the admin API edits them on their own)."""
    problems = Problems(where)
    known = {"code", "region", "categories", "windows", *HALL_FIELDS} - (set() if with_code else {"code"})
    known -= set() if nested else {"categories", "windows"}
    read = Reader(entry, problems, known=known)
    cleaned: dict[str, Any] = {}
    if with_code:
        cleaned["code"] = read.pattern("code", CODE_RE, "Letters, digits, '.', '_' or '-', at most 64.")
    cleaned |= {
        "region": read.pattern("region", REGION_CODE_RE, "A 行政区划代码 of 6, 9 or 12 digits."),
        "name": read.text("name", 128),
        "address": read.text("address", 255),
        "latitude": read.number("latitude", -90, 90),
        "longitude": read.number("longitude", -180, 180),
        "timezone": read.text("timezone", 64, "Asia/Shanghai"),
        "phone": read.pattern("phone", PHONE_RE, "A phone number.", None),
        "hours": _week(read),
        "closed_days": _dates(read, "closed_days"),
        "special_days": read.each("special_days", _special_day),
    }
    if (cleaned["latitude"] is None) != (cleaned["longitude"] is None):
        problems.add("longitude" if cleaned["longitude"] is None else "latitude", "Give both coordinates or neither.")
    if cleaned["timezone"] and not _known_timezone(cleaned["timezone"]):
        problems.add("timezone", "An IANA timezone such as Asia/Shanghai.")
    problems.raise_if_any()
    return cleaned


@cache
def _timezones() -> frozenset[str]:
    return frozenset(available_timezones())  # scans the tz database on disk: once is enough


def _known_timezone(name: str) -> bool:
    if name not in _timezones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _week(read: Reader) -> dict[str, list[list[str]]]:
    week = read.obj("hours", WEEKDAYS, {})
    return {day: _hours(week, day) for day in WEEKDAYS if day in week.entry} if week else {}


def _hours(read: Reader, name: str) -> list[list[str]]:
    """``[["09:00", "12:00"], ["13:30", "17:00"]]``: ascending, not overlapping."""
    spans = read.raw(name, [])
    where = read.path(name)
    if not isinstance(spans, list) or len(spans) > 4:
        read.problems.add(where, 'At most 4 spans like ["09:00", "12:00"].')
        return []
    previous_end = ""
    for index, span in enumerate(spans):
        if not (
            isinstance(span, list) and len(span) == 2 and all(isinstance(t, str) and HHMM_RE.match(t) for t in span)
        ):
            read.problems.add(f"{where}[{index}]", 'An opening span like ["09:00", "12:00"].')
            return spans
        if not previous_end <= span[0] < span[1]:
            read.problems.add(f"{where}[{index}]", "Spans run forwards and in order, without overlapping.")
        previous_end = span[1]
    return spans


def _dates(read: Reader, name: str) -> list[str]:
    values = read.raw(name, [])
    if not isinstance(values, list) or len(values) > 366:
        read.problems.add(read.path(name), "A list of dates (YYYY-MM-DD).")
        return []
    for index, value in enumerate(values):
        if parse_date(value) is None:
            read.problems.add(f"{read.path(name)}[{index}]", "A date as YYYY-MM-DD.")
    return sorted(set(values)) if all(parse_date(value) for value in values) else values


def _special_day(read: Reader) -> dict[str, Any]:
    read.only("date", "hours", "note")
    day = read.raw("date")
    if day is not MISSING and parse_date(day) is None:
        read.problems.add(read.path("date"), "A date as YYYY-MM-DD.")
    return {"date": day, "hours": _hours(read, "hours"), "note": read.text("note", 128, "")}


def clean_category(entry: object, where: str = "", *, with_prefix: bool = True) -> dict[str, Any]:
    """A queue category: one capital letter ``prefix`` (unless ``with_prefix`` is False), a ``name``
    and the ``items`` codes it handles."""
    problems = Problems(where)
    known = {"prefix", "name", "items"} - (set() if with_prefix else {"prefix"})
    read = Reader(entry, problems, known=known)
    cleaned: dict[str, Any] = {}
    if with_prefix:
        cleaned["prefix"] = read.pattern("prefix", PREFIX_RE, "One capital letter, A to Z.")
    cleaned |= {
        "name": read.text("name", 64),
        "items": read.strings("items", 64),
    }
    problems.raise_if_any()
    return cleaned


def clean_window(entry: object, where: str = "", *, with_number: bool = True) -> dict[str, Any]:
    """A window: its ``number`` (unless ``with_number`` is False), the category ``categories``
    prefixes it serves, ``accessible``."""
    problems = Problems(where)
    known = {"number", "categories", "accessible"} - (set() if with_number else {"number"})
    read = Reader(entry, problems, known=known)
    cleaned: dict[str, Any] = {}
    if with_number:
        cleaned["number"] = read.pattern("number", WINDOW_RE, "1-8 letters, digits or '-'.")
    cleaned |= {
        "categories": read.strings("categories", 1),
        "accessible": read.boolean("accessible", False),
    }
    problems.raise_if_any()
    return cleaned
