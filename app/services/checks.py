"""Checking JSON entries field by field: the building blocks of every ``clean_*`` and form check.

A ``Reader`` reads one JSON object, checks each field it is asked for and reports what is wrong to a
``Problems``, which raises everything at once as one ``InvalidInput`` whose ``details.fields`` maps each
field's path (``materials[2].form``) to what is wrong with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from app.errors import InvalidInput

MAX_LIST = 50
REGION_CODE_RE = re.compile(r"\d{6}(?:\d{3}){0,2}\Z", re.ASCII)  # 行政区划代码: 6, 9 or 12 digits
REASON_MIN, REASON_MAX = 5, 200


class Problems:
    """Collects what is wrong, field by field, and raises it all at once."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.fields: dict[str, list[str]] = {}

    def add(self, where: str, message: str) -> None:
        path = f"{self.prefix}.{where}" if self.prefix and where else self.prefix or where
        self.fields.setdefault(path, []).append(message)

    def raise_if_any(self) -> None:
        if self.fields:
            raise InvalidInput(details={"fields": self.fields})


def staff_reason(value: object, problems: Problems, why: str) -> str:
    """A staff member's reason for a change (audited): 5-200 printable characters."""
    text = value.strip() if isinstance(value, str) else ""
    if not REASON_MIN <= len(text) <= REASON_MAX or not text.isprintable():
        problems.add("reason", f"{REASON_MIN}-{REASON_MAX} printable characters: {why}.")
    return text


MISSING = object()


class Reader:
    """Reads the fields of one JSON object, checking each and reporting to ``problems``.

    A field given as null, or an optional text field given as "", counts as absent: an
    optional field then takes its default and a required one is reported missing.
    """

    def __init__(self, entry: object, problems: Problems, where: str = "", known: Iterable[str] = ()) -> None:
        self.problems = problems
        self.where = where
        self.entry: dict[str, Any] = entry if isinstance(entry, dict) else {}
        if not isinstance(entry, dict):
            problems.add(where, "Must be an object.")
        elif known:
            self.only(*known)

    def only(self, *names: str) -> None:
        for name in sorted(set(self.entry) - set(names)):
            self.problems.add(self.path(name), "Unknown field.")

    def path(self, name: str) -> str:
        return f"{self.where}.{name}" if self.where else name

    def raw(self, name: str, default: Any = MISSING) -> Any:
        """The value as given; ``MISSING`` (reported) when a required field is absent."""
        value = self.entry.get(name)
        if value is None or (value == "" and default is not MISSING):
            if default is MISSING:
                self.problems.add(self.path(name), "Missing data for required field.")
            return default
        return value

    def text(self, name: str, max_len: int, default: Any = MISSING, *, multiline: bool = False) -> Any:
        value = self.raw(name, default)
        if value is MISSING or value is default:
            return None if value is MISSING else value
        return clean_text(value, max_len, multiline, self.problems, self.path(name))

    def pattern(self, name: str, regex: re.Pattern[str], hint: str, default: Any = MISSING) -> Any:
        value = self.raw(name, default)
        if value is MISSING or value is default:
            return None if value is MISSING else value
        if not isinstance(value, str) or not regex.match(value):
            self.problems.add(self.path(name), hint)
        return value

    def integer(self, name: str, low: int, high: int, default: Any = MISSING) -> Any:
        value = self.raw(name, default)
        if value is MISSING:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            self.problems.add(self.path(name), f"Must be a whole number from {low} to {high}.")
        return value

    def number(self, name: str, low: float, high: float) -> float | None:
        value = self.raw(name, None)
        if value is None:
            return None
        if not isinstance(value, int | float) or isinstance(value, bool) or not low <= value <= high:
            self.problems.add(self.path(name), f"Must be a number from {low} to {high}.")
            return None
        return float(value)

    def boolean(self, name: str, default: Any = MISSING) -> Any:
        value = self.raw(name, default)
        if value is MISSING:
            return None
        if not isinstance(value, bool):
            self.problems.add(self.path(name), "Must be true or false.")
        return value

    def choice(self, name: str, options: tuple[str, ...], default: Any = MISSING) -> Any:
        value = self.raw(name, default)
        if value is MISSING:
            return None
        if value not in options:
            self.problems.add(self.path(name), f"Must be one of: {', '.join(options)}.")
        return value

    def obj(self, name: str, known: Iterable[str], default: Any = MISSING) -> Reader | None:
        """A nested object, or None when it is absent (reported if required)."""
        value = self.raw(name, default)
        return None if value is MISSING else Reader(value, self.problems, self.path(name), known)

    def each(self, name: str, clean: Callable[[Reader], Any], *, required: bool = False) -> list[Any]:
        """A list of objects, each read by ``clean``."""
        values = self.raw(name, MISSING if required else [])
        if values is MISSING:
            return []
        if not isinstance(values, list) or len(values) > MAX_LIST:
            self.problems.add(self.path(name), f"Must be a list of at most {MAX_LIST} entries.")
            return []
        where = self.path(name)
        return [clean(Reader(value, self.problems, f"{where}[{index}]")) for index, value in enumerate(values)]

    def strings(self, name: str, max_len: int, *, multiline: bool = False) -> list[str]:
        values = self.raw(name, [])
        if not isinstance(values, list) or len(values) > MAX_LIST:
            self.problems.add(self.path(name), f"Must be a list of at most {MAX_LIST} strings.")
            return []
        return [
            clean_text(value, max_len, multiline, self.problems, f"{self.path(name)}[{index}]")
            for index, value in enumerate(values)
        ]


def clean_text(value: object, max_len: int, multiline: bool, problems: Problems, where: str) -> str:
    if not isinstance(value, str):
        problems.add(where, "Not a valid string.")
        return ""
    value = value.strip()
    visible = value.replace("\n", "") if multiline else value
    if not value or len(value) > max_len or not visible.isprintable():
        problems.add(where, f"1-{max_len} printable characters" + (" (new lines allowed)." if multiline else "."))
    return value


def parse_date(value: object) -> date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def text_field(value: object, max_len: int, where: str) -> str:
    """One free-text field checked on its own (a note, a reason, a reply): 1-``max_len`` printable characters,
    new lines allowed; 400 naming ``where`` otherwise."""
    problems = Problems()
    text = clean_text(value, max_len, True, problems, where)
    problems.raise_if_any()
    return text


def check_date_range(date_from: date, date_to: date, max_days: int) -> None:
    """``from`` … ``to`` in order and at most ``max_days`` days long, both ends counted; else 400 on ``to``."""
    problems = Problems()
    if date_to < date_from:
        problems.add("to", "Must not be before from.")
    elif (date_to - date_from).days + 1 > max_days:
        problems.add("to", f"At most {max_days} days from from.")
    problems.raise_if_any()
