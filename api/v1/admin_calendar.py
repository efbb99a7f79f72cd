"""The holiday table behind the working-day calendar (sys_admin with the scope ``all``).

Single days override the national calendar (a local closure, a make-up workday); a whole
year is entered from the State Council's notice when chinese-calendar does not know it yet.
The calendar is national: a sys_admin of a narrower scope gets 403.
"""

from __future__ import annotations

import datetime

from api.auth import current_staff
from api.blueprint import Blueprint
from api.schemas.calendar import (
    DatePathSchema,
    HolidayListSchema,
    HolidayQuerySchema,
    HolidayRequestSchema,
    HolidaySchema,
    YearPathSchema,
    YearRequestSchema,
)
from app.models.catalog import HolidayOverride
from app.services import holidays
from app.services.scopes import SYS_ADMIN

blp = Blueprint(
    "admin_calendar", __name__, url_prefix="/api/v1/admin", description="Holidays and make-up workdays (sys_admin)"
)


@blp.get("/holidays")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(HolidayQuerySchema, location="query")
@blp.response(200, HolidayListSchema)
def list_holidays(query: dict) -> holidays.Listing:
    """The overrides in date order (of one year with ``year``), the years the table covers, and how ``year``
    is covered: by chinese-calendar (``package``), by this table (``table``) or not at all (``none``)."""
    return holidays.list_overrides(admin=current_staff(), year=query.get("year"))


@blp.put("/holidays/<date>")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(DatePathSchema, location="path", arg_name="date")
@blp.arguments(HolidayRequestSchema)
@blp.response(200, HolidaySchema)
@blp.errors(400)
def set_holiday(data: dict, date: datetime.date) -> HolidayOverride:
    """Make the day a working day (``true``) or a day off (``false``), whatever the national calendar says."""
    return holidays.set_day(date, data["working"], data["note"], admin=current_staff())


@blp.delete("/holidays/<date>")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(DatePathSchema, location="path", arg_name="date")
@blp.response(204)
@blp.errors(400, 404)
def delete_holiday(date: datetime.date) -> tuple[str, int]:
    """Remove the day's override: the national calendar (or the covered year's week) decides it again."""
    holidays.delete_day(date, admin=current_staff())
    return "", 204


@blp.put("/holiday-years/<year>")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(YearPathSchema, location="path", arg_name="year")
@blp.arguments(YearRequestSchema)
@blp.response(200, HolidayListSchema)
@blp.errors(400)
def set_year(data: dict, year: int) -> holidays.Listing:
    """Enter a whole year from the State Council's notice: it replaces every override of the year and marks the
    year covered. List the holidays as ``working: false`` and the make-up Saturdays and Sundays as
    ``working: true``; the other days follow chinese-calendar, or the week (Monday to Friday) in a year it
    does not know."""
    days = [holidays.Day(day["date"], day["working"], day["note"]) for day in data["days"]]
    return holidays.set_year(year, days, data["note"], admin=current_staff())


@blp.delete("/holiday-years/<year>")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(YearPathSchema, location="path", arg_name="year")
@blp.response(204)
@blp.errors(400, 404)
def uncover_year(year: int) -> tuple[str, int]:
    """The table no longer covers the year in full (its single days stay); 404 if it did not."""
    holidays.uncover_year(year, admin=current_staff())
    return "", 204
