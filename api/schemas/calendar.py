"""The holiday table (sys_admin): single days, whole years, and what the calendar covers."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from marshmallow import Schema, fields, post_load, validate

from api.schemas.fields import AsciiInteger
from app.calendar import PACKAGE_YEARS
from app.services import holidays

_YEAR = validate.Range(min=holidays.YEAR_MIN, max=holidays.YEAR_MAX)
_NOTE = validate.Length(max=holidays.NOTE_MAX)
_WORKING = "true: a working day (e.g. a make-up Saturday, 调休); false: a day off"


class IsoDate(fields.Date):
    """``YYYY-MM-DD`` in ASCII digits (marshmallow's own Date also takes ``20270216``)."""

    _ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> date:
        if not isinstance(value, str) or not self._ISO.match(value):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class StrictBoolean(fields.Boolean):
    """JSON ``true`` or ``false`` only (marshmallow's own Boolean also takes 1, "yes", "on"…)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class DatePathSchema(Schema):
    date = IsoDate(required=True, metadata={"example": "2027-02-16"})

    @post_load
    def _unwrap(self, data: dict, **_kwargs: object) -> date:
        return data["date"]


class YearPathSchema(Schema):
    year = AsciiInteger(required=True, validate=_YEAR, metadata={"example": 2027})

    @post_load
    def _unwrap(self, data: dict, **_kwargs: object) -> int:
        return data["year"]


class HolidayQuerySchema(Schema):
    year = AsciiInteger(validate=_YEAR, metadata={"description": "Only this year's days, and how it is covered"})


class HolidayRequestSchema(Schema):
    working = StrictBoolean(required=True, metadata={"description": _WORKING})
    note = fields.String(load_default="", validate=_NOTE, metadata={"example": "春节"})


class YearDayRequestSchema(HolidayRequestSchema):
    date = IsoDate(required=True, metadata={"example": "2027-02-16"})


class YearRequestSchema(Schema):
    days = fields.List(
        fields.Nested(YearDayRequestSchema),
        required=True,
        validate=validate.Length(max=holidays.DAYS_MAX),
        metadata={
            "description": "Every exception of the year: holidays on weekdays (false) and make-up weekend days (true)"
        },
    )
    note = fields.String(
        load_default="", validate=_NOTE, metadata={"example": "国务院办公厅关于2027年部分节假日安排的通知"}
    )


class HolidaySchema(Schema):
    date = fields.Date(required=True, attribute="day")
    working = fields.Boolean(required=True, metadata={"description": _WORKING})
    note = fields.String(required=True)


class CalendarYearSchema(Schema):
    year = fields.Integer(required=True)
    note = fields.String(required=True)


class HolidayListSchema(Schema):
    year = fields.Integer(allow_none=True, metadata={"description": "The year asked for, if any"})
    coverage = fields.String(
        allow_none=True,
        metadata={
            "enum": [holidays.PACKAGE, holidays.TABLE, holidays.NONE, None],
            "description": "How `year` is covered: by chinese-calendar, by this table, or not at all (deadlines in "
            "it cannot be computed)",
        },
    )
    items = fields.List(fields.Nested(HolidaySchema), required=True, attribute="overrides")
    total = fields.Function(lambda listing: len(listing.overrides), required=True)
    covered_years = fields.List(
        fields.Nested(CalendarYearSchema), required=True, metadata={"description": "Years this table covers in full"}
    )
    package_years = fields.Function(
        lambda _listing: {"first": PACKAGE_YEARS.start, "last": PACKAGE_YEARS.stop - 1},
        required=True,
        metadata={
            "description": "The years the installed chinese-calendar knows",
            "example": {"first": 2004, "last": 2026},
        },
    )
