"""An item's application form as data: the fields an admin defines, and a resident's answers to them.

A form is a JSON list of typed fields, edited with the item. ``clean_definition`` checks it the way
``catalog_rules`` checks the rest of an item (every problem named by its path, e.g. ``form[2].options``);
``validate`` checks a resident's answers against it, for a draft (``partial``: anything may still be
missing) or for submission (required fields must be there). Which checklist materials are uploads is
not part of the form: the material itself says so (``"upload": true``).

Pure functions: no database, no clock (``today`` is given), so the same rules hold in the admin API, the
importer and the applications service.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from datetime import date
from typing import Any

from app.services.checks import REGION_CODE_RE, Problems, Reader, parse_date
from app.validators import InvalidIdNumber, InvalidPhone, normalize_id_number, normalize_phone

FIELD_TYPES = ("text", "number", "date", "select", "phone", "id_number", "address", "checkbox")
SENSITIVE_TYPES = ("phone", "id_number")  # encrypted at rest and masked in answers, like residents' own
COMMON_KEYS = ("name", "label", "type", "required", "help")
OPTION_KEYS = {
    "text": ("max_length", "multiline"),
    "number": ("min", "max", "integer"),
    "date": ("not_before", "not_after"),
    "select": ("options", "multiple"),
}
ALL_OPTION_KEYS = tuple(key for keys in OPTION_KEYS.values() for key in keys)
ADDRESS_KEYS = ("region", "detail")
MAX_FIELDS = 60
MAX_NUMBER = 10**15 - 1  # at most 15 digits: JavaScript clients keep every one
TODAY = "today"

# snake_case: lower-case words joined by single underscores, at most 40 characters.
NAME_RE = re.compile(r"(?=[a-z0-9_]{1,40}\Z)[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z", re.ASCII)

REQUIRED = "This field is required."
MUST_TICK = "Must be ticked to continue."
ID_NUMBER_PROBLEMS = {
    "format": "Must be an 18-character resident ID number (the last may be X).",
    "region": "Not a valid resident ID number: the first two digits name no province.",
    "birth_date": "Not a valid resident ID number: digits 7-14 are not a real birth date.",
    "check_digit": "Not a valid resident ID number: the last character does not match; please check each digit.",
}


# --- The definition (admins) --------------------------------------------------------------------


def clean_definition(entry: object, problems: Problems, where: str = "form") -> list[dict[str, Any]]:
    """The form's fields with every option filled in (defaults for those left out); an absent form
    (None) is no form. Problems go to ``problems`` under ``where`` so the caller can report them with
    the rest of the item."""
    if entry is None:
        return []
    if not isinstance(entry, list) or len(entry) > MAX_FIELDS:
        problems.add(where, f"Must be a list of at most {MAX_FIELDS} fields.")
        return []
    fields = [_field(Reader(value, problems, f"{where}[{index}]")) for index, value in enumerate(entry)]
    seen: set[str] = set()
    for index, field in enumerate(fields):
        name = field["name"]
        if not isinstance(name, str):
            continue
        if name in seen:
            problems.add(f"{where}[{index}].name", f"'{name}' is already the name of another field.")
        seen.add(name)
    return fields


def _field(read: Reader) -> dict[str, Any]:
    kind = read.choice("type", FIELD_TYPES)
    known_type = kind if kind in FIELD_TYPES else None
    # A bad type is reported; which options fit cannot be judged, so any type's option names pass.
    read.only(*COMMON_KEYS, *(OPTION_KEYS.get(known_type, ()) if known_type else ALL_OPTION_KEYS))
    field = {
        "name": read.pattern("name", NAME_RE, "snake_case: a-z, digits and single '_', from a letter, at most 40."),
        "label": read.text("label", 64),
        "type": kind,
        "required": read.boolean("required", False),
        "help": read.text("help", 500, None, multiline=True),
    }
    if known_type in _OPTION_READERS:
        field |= _OPTION_READERS[known_type](read)
    return field


def _text_options(read: Reader) -> dict[str, Any]:
    return {"max_length": read.integer("max_length", 1, 2000, 200), "multiline": read.boolean("multiline", False)}


def _number_options(read: Reader) -> dict[str, Any]:
    integer = read.boolean("integer", False)
    low, high = (_plain(read.number(key, -MAX_NUMBER, MAX_NUMBER)) for key in ("min", "max"))
    for key, bound in (("min", low), ("max", high)):
        if integer is True and isinstance(bound, float):  # _plain made whole bounds ints
            read.problems.add(read.path(key), "Must be a whole number, as the field takes whole numbers.")
    if low is not None and high is not None and low > high:
        read.problems.add(read.path("max"), "Must not be below min.")
    return {"min": low, "max": high, "integer": integer}


def _plain(value: float | None) -> int | float | None:
    """5 rather than 5.0 (``Reader.number`` gives floats): bounds read back as the admin wrote them."""
    return int(value) if value is not None and value.is_integer() else value


def _date_options(read: Reader) -> dict[str, Any]:
    bounds = {key: read.raw(key, None) for key in ("not_before", "not_after")}
    for key, value in bounds.items():
        if value is not None and value != TODAY and parse_date(value) is None:
            read.problems.add(read.path(key), 'A date as YYYY-MM-DD, or "today".')
    early, late = parse_date(bounds["not_before"]), parse_date(bounds["not_after"])
    if early and late and early > late:
        read.problems.add(read.path("not_after"), "Must not be before not_before.")
    return bounds


def _select_options(read: Reader) -> dict[str, Any]:
    options = read.each("options", _option, required=True)
    if read.entry.get("options") == []:
        read.problems.add(read.path("options"), "Give at least one option.")
    seen: set[str] = set()
    for index, option in enumerate(options):
        if option["value"] in seen:
            read.problems.add(f"{read.path('options')}[{index}].value", "Another option has this value.")
        if isinstance(option["value"], str):
            seen.add(option["value"])
    return {"options": options, "multiple": read.boolean("multiple", False)}


def _option(read: Reader) -> dict[str, Any]:
    read.only("value", "label")
    return {"value": read.text("value", 64), "label": read.text("label", 64)}


_OPTION_READERS: dict[str, Callable[[Reader], dict[str, Any]]] = {
    "text": _text_options,
    "number": _number_options,
    "date": _date_options,
    "select": _select_options,
}


def sensitive_fields(definition: list[dict[str, Any]]) -> set[str]:
    """The fields holding phone and ID numbers: the caller encrypts them at rest and masks them on display."""
    return {field["name"] for field in definition if field["type"] in SENSITIVE_TYPES}


# --- The answers (residents) --------------------------------------------------------------------


def validate(definition: list[dict[str, Any]], form: object, *, partial: bool, today: date) -> dict[str, Any]:
    """The answers to a cleaned definition, normalised; unanswered fields are left out.

    ``partial`` (a draft being saved) lets required fields be missing; what is given must be valid
    either way. ``today`` is the hall's date, for ``"today"`` bounds and ID birth dates. Raises
    ``InvalidInput`` with every problem under ``form.<name>``.
    """
    problems = Problems()
    read = Reader(form, problems, "form")
    problems.raise_if_any()  # not an object: nothing more to say
    read.only(*(field["name"] for field in definition))
    answers: dict[str, Any] = {}
    for field in definition:
        name = field["name"]
        value = read.entry.get(name)
        if field["required"] and not partial and _unanswered(field, value):
            problems.add(read.path(name), MUST_TICK if field["type"] == "checkbox" else REQUIRED)
        elif not _blank(value):
            answers[name] = _ANSWER_READERS[field["type"]](read, field, today)
    problems.raise_if_any()
    return answers


def _blank(value: object) -> bool:
    """What an untouched input sends: null, blank text, no choices, an address with nothing in it."""
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return not value
    if isinstance(value, dict):
        return all(_blank(part) for part in value.values())
    return value is None


def _unanswered(field: dict[str, Any], value: object) -> bool:
    return _blank(value) or (field["type"] == "checkbox" and value is False)


def _wrong(read: Reader, field: dict[str, Any], message: str) -> None:
    read.problems.add(read.path(field["name"]), message)


def _text_answer(read: Reader, field: dict[str, Any], today: date) -> Any:
    return read.text(field["name"], field["max_length"], None, multiline=field["multiline"])


def _number_answer(read: Reader, field: dict[str, Any], today: date) -> Any:
    value = read.entry[field["name"]]
    integer, low, high = field["integer"], field["min"], field["max"]
    if integer and isinstance(value, float) and value.is_integer():
        value = int(value)
    in_range = _is_number(value) and (
        (low if low is not None else -MAX_NUMBER) <= value <= (high if high is not None else MAX_NUMBER)
    )  # false for NaN and infinities too
    if not in_range or (integer and not isinstance(value, int)):
        _wrong(read, field, _number_hint(integer, low, high))
    return value


def _number_hint(integer: bool, low: float | None, high: float | None) -> str:
    kind = "a whole number" if integer else "a number"
    if low is not None and high is not None:
        return f"Must be {kind} from {low} to {high}."
    if low is not None:
        return f"Must be {kind}, at least {low}."
    if high is not None:
        return f"Must be {kind}, at most {high}."
    return f"Must be {kind} of at most 15 digits."


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _date_answer(read: Reader, field: dict[str, Any], today: date) -> Any:
    value = read.entry[field["name"]]
    early, late = (_bound(field[key], today) for key in ("not_before", "not_after"))
    day = parse_date(value)
    if day is None or (early and day < early) or (late and day > late):
        limits = [f"not before {early}"] if early else []
        limits += [f"not after {late}"] if late else []
        _wrong(read, field, ", ".join(["Must be a date YYYY-MM-DD", *limits]) + ".")
        return value
    return day.isoformat()


def _bound(value: str | None, today: date) -> date | None:
    return today if value == TODAY else parse_date(value)


def _select_answer(read: Reader, field: dict[str, Any], today: date) -> Any:
    values = tuple(option["value"] for option in field["options"])
    if not field["multiple"]:
        return read.choice(field["name"], values, None)
    chosen = read.entry[field["name"]]
    if not (isinstance(chosen, list) and all(value in values for value in chosen) and _distinct(chosen)):
        _wrong(read, field, f"Must be a list of some of: {', '.join(values)}, each at most once.")
    return chosen


def _distinct(values: list[Any]) -> bool:
    return len(set(values)) == len(values)  # only called once every value is a known (hashable) string


def _phone_answer(read: Reader, field: dict[str, Any], today: date) -> Any:
    value = read.entry[field["name"]]
    if isinstance(value, str):
        with suppress(InvalidPhone):
            return normalize_phone(value.strip())
    _wrong(read, field, "Must be a mainland mobile number: 11 digits from 1, like 13800138000.")
    return value


def _id_number_answer(read: Reader, field: dict[str, Any], today: date) -> Any:
    value = read.entry[field["name"]]
    try:
        return normalize_id_number(value.strip() if isinstance(value, str) else "", today=today)
    except InvalidIdNumber as error:  # "" (not text) fails as format
        _wrong(read, field, ID_NUMBER_PROBLEMS[error.details["reason"]])
        return value


def _address_answer(read: Reader, field: dict[str, Any], today: date) -> Any:
    value = read.entry[field["name"]]
    address = Reader(value, read.problems, read.path(field["name"]), ADDRESS_KEYS)
    if not isinstance(value, dict):  # reported; no parts to read
        return value
    return {
        "region": address.pattern("region", REGION_CODE_RE, "A 行政区划代码 of 6, 9 or 12 digits.", None),
        "detail": address.text("detail", 200),
    }


def _checkbox_answer(read: Reader, field: dict[str, Any], today: date) -> Any:
    return read.boolean(field["name"])


_ANSWER_READERS: dict[str, Callable[[Reader, dict[str, Any], date], Any]] = {
    "text": _text_answer,
    "number": _number_answer,
    "date": _date_answer,
    "select": _select_answer,
    "phone": _phone_answer,
    "id_number": _id_number_answer,
    "address": _address_answer,
    "checkbox": _checkbox_answer,
}
