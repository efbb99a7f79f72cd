"""The holiday table: days the national calendar gets wrong for us, and years entered in full.

``holiday_overrides`` holds single days (a local closure, or a day of a year chinese-calendar
does not know yet); ``calendar_years`` marks years whose every holiday and make-up workday
was entered, e.g. from the State Council's notice for next year. The calendar is national,
so only a sys_admin whose scope is ``all`` reads or changes it; every change is audited in
the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select

from app.calendar import PACKAGE_YEARS, WorkingCalendar
from app.errors import Forbidden, InvalidInput, NotFound
from app.extensions import db
from app.models.catalog import CalendarYear, HolidayOverride
from app.services import audit
from app.services.catalog import working_calendar
from app.services.scopes import ALL, SYS_ADMIN, StaffRights

YEAR_MIN, YEAR_MAX = 2000, 2100
NOTE_MAX = 128
DAYS_MAX = 366
PACKAGE, TABLE, NONE = "package", "table", "none"
WORKING_HINT = "true (a working day) or false (a day off)."


@dataclass(frozen=True)
class Day:
    """One day of a year being entered: off (``working=False``) or a make-up workday (``True``)."""

    day: date
    working: bool
    note: str = ""


@dataclass(frozen=True)
class Listing:
    """The overrides (of ``year``, or all), the years the table covers, and how ``year`` is covered."""

    year: int | None
    coverage: str | None  # package, table or none; None when no year was asked for
    overrides: list[HolidayOverride]
    covered_years: list[CalendarYear]


def _require_national_admin(admin: StaffRights) -> None:
    if not any(scope.kind == ALL for scope in admin.scopes(SYS_ADMIN)):
        raise Forbidden()


def _year_problem(year: object) -> str | None:
    if isinstance(year, bool) or not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        return f"A year from {YEAR_MIN} to {YEAR_MAX}."
    return None


def _is_date(day: object) -> bool:
    return isinstance(day, date) and not isinstance(day, datetime)


def _date_problem(day: object) -> str | None:
    if not _is_date(day) or _year_problem(day.year):
        return f"A date (YYYY-MM-DD) in the years {YEAR_MIN} to {YEAR_MAX}."
    return None


def _note_problem(note: str) -> str | None:
    if len(note) > NOTE_MAX or not note.isprintable():
        return f"At most {NOTE_MAX} printable characters."
    return None


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _covered_by(year: int, calendar: WorkingCalendar) -> str:
    if year in PACKAGE_YEARS:
        return PACKAGE
    return TABLE if calendar.covers(year) else NONE


def list_overrides(*, admin: StaffRights, year: int | None = None) -> Listing:
    """The overrides in date order, of one year when ``year`` is given."""
    _require_national_admin(admin)
    statement = select(HolidayOverride).order_by(HolidayOverride.day)
    covered_by = None
    if year is not None:
        if problem := _year_problem(year):
            raise InvalidInput(details={"fields": {"year": [problem]}})
        statement = statement.where(HolidayOverride.day.between(*_year_bounds(year)))
        covered_by = _covered_by(year, working_calendar())
    years = list(db.session.scalars(select(CalendarYear).order_by(CalendarYear.year)))
    return Listing(year, covered_by, list(db.session.scalars(statement)), years)


def set_day(day: date, working: bool, note: str = "", *, admin: StaffRights) -> HolidayOverride:
    """Make ``day`` a working day or a day off, whatever the national calendar says."""
    _require_national_admin(admin)
    note = note.strip()
    problems: dict[str, list[str]] = {}
    if problem := _date_problem(day):
        problems["date"] = [problem]
    if not isinstance(working, bool):
        problems["working"] = [WORKING_HINT]
    if problem := _note_problem(note):
        problems["note"] = [problem]
    if problems:
        raise InvalidInput(details={"fields": problems})
    row = db.session.scalar(select(HolidayOverride).where(HolidayOverride.day == day))
    if row is None:
        row = HolidayOverride(day=day)
        db.session.add(row)
    row.working, row.note = working, note
    audit.record(
        "holiday.set",
        admin.actor(SYS_ADMIN),
        object_type="holiday",
        object_id=day.isoformat(),
        details={"working": working},
    )
    db.session.commit()
    return row


def delete_day(day: date, *, admin: StaffRights) -> None:
    """Let the national calendar (or the covered year's weekdays) decide ``day`` again."""
    _require_national_admin(admin)
    if problem := _date_problem(day):
        raise InvalidInput(details={"fields": {"date": [problem]}})
    row = db.session.scalar(select(HolidayOverride).where(HolidayOverride.day == day))
    if row is None:
        raise NotFound()
    db.session.delete(row)
    audit.record(
        "holiday.delete",
        admin.actor(SYS_ADMIN),
        object_type="holiday",
        object_id=day.isoformat(),
        details={"working": row.working},
    )
    db.session.commit()


def set_year(year: int, days: Sequence[Day], note: str = "", *, admin: StaffRights) -> Listing:
    """Replace every override of ``year`` with ``days`` and mark the year covered.

    This is how a year's State Council notice is entered: its holidays as days off and
    its make-up Saturdays and Sundays as working days. Days not listed follow chinese-calendar,
    or for a year it does not know, the week (Monday to Friday working).
    """
    _require_national_admin(admin)
    if problem := _year_problem(year):
        raise InvalidInput(details={"fields": {"year": [problem]}})
    note = note.strip()
    problems: dict[str, object] = {}
    if problem := _note_problem(note):
        problems["note"] = [problem]
    cleaned = [Day(entry.day, entry.working, entry.note.strip()) for entry in days]
    if len(cleaned) > DAYS_MAX:
        problems["days"] = [f"At most {DAYS_MAX} days."]
    else:
        problems |= _days_problems(year, cleaned)
    if problems:
        raise InvalidInput(details={"fields": problems})

    # A bulk DELETE runs at once, so the new rows cannot collide with the old ones on their unique day.
    db.session.execute(delete(HolidayOverride).where(HolidayOverride.day.between(*_year_bounds(year))))
    db.session.add_all(HolidayOverride(day=entry.day, working=entry.working, note=entry.note) for entry in cleaned)
    workdays = sum(entry.working for entry in cleaned)
    covered = db.session.get(CalendarYear, year)
    if covered is None:
        db.session.add(CalendarYear(year=year, note=note))
    else:
        covered.note = note
    audit.record(
        "calendar_year.set",
        admin.actor(SYS_ADMIN),
        object_type="calendar_year",
        object_id=year,
        details={"days_off": len(cleaned) - workdays, "workdays": workdays},
    )
    db.session.commit()
    return list_overrides(admin=admin, year=year)


def _days_problems(year: int, days: Sequence[Day]) -> dict[str, list[str]]:
    """Problems by field path (``days[1].date``), as the API reports marshmallow's."""
    problems: dict[str, list[str]] = {}
    seen: set[date] = set()
    for index, entry in enumerate(days):
        entry_problems: dict[str, list[str]] = {}
        if not _is_date(entry.day):
            entry_problems["date"] = ["A date, YYYY-MM-DD."]
        elif entry.day.year != year:
            entry_problems["date"] = [f"Not in {year}."]
        elif entry.day in seen:
            entry_problems["date"] = [f"{entry.day.isoformat()} is listed twice."]
        else:
            seen.add(entry.day)
        if not isinstance(entry.working, bool):
            entry_problems["working"] = [WORKING_HINT]
        if problem := _note_problem(entry.note):
            entry_problems["note"] = [problem]
        problems |= {f"days[{index}].{name}": messages for name, messages in entry_problems.items()}
    return problems


def uncover_year(year: int, *, admin: StaffRights) -> None:
    """The table no longer describes ``year`` in full; its single-day overrides stay."""
    _require_national_admin(admin)
    if problem := _year_problem(year):
        raise InvalidInput(details={"fields": {"year": [problem]}})
    covered = db.session.get(CalendarYear, year)
    if covered is None:
        raise NotFound()
    db.session.delete(covered)
    audit.record("calendar_year.delete", admin.actor(SYS_ADMIN), object_type="calendar_year", object_id=year)
    db.session.commit()


# From October, deadlines (up to ~60 working days) and booking horizons start to reach into next year;
# the State Council's notice for it usually comes out in late October or November.
NEXT_YEAR_FROM = (10, 1)


def coverage(today: date) -> list[int]:
    """The years the calendar cannot answer for but soon must: this one, and from October the next one."""
    calendar = working_calendar()
    years = [today.year, today.year + 1] if (today.month, today.day) >= NEXT_YEAR_FROM else [today.year]
    return [year for year in years if not calendar.covers(year)]
