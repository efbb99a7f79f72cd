"""Hall working days in mainland China: statutory holidays and make-up workdays (调休).

Pure domain logic, no Flask and no database. The State Council's yearly notice
(国务院办公厅关于某年部分节假日安排的通知) decides which days are off and which
weekend days are make-up workdays; the ``chinese-calendar`` package encodes those
notices. The pinned version (1.11.0) knows the years **2004 to 2026** inclusive
(``PACKAGE_YEARS``); for any other year it raises ``NotImplementedError``.

A :class:`WorkingCalendar` adds the caller's overrides on top of the package:

- ``overrides`` maps a single date to "working" (True) or "day off" (False). It
  wins over everything: a local closure, a make-up Saturday the hall observes,
  or the holidays of a year the package does not know yet.
- ``covered_years`` lists years the override table fully describes. In those
  years a day without an override is a working day Monday to Friday and off at
  the weekend.

A day that neither an override, the package nor ``covered_years`` describes
raises :class:`CalendarGap` naming its year: a deadline is never computed from a
guess. ``/readyz`` uses :meth:`WorkingCalendar.covers` to warn ahead of time
when the current or next year is not covered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import chinese_calendar

ONE_DAY = timedelta(days=1)

# The years chinese_calendar has data for, derived the way the package itself checks them.
PACKAGE_YEARS = range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)


class CalendarGap(Exception):
    """A date falls in a year the working-day calendar does not cover.

    ``years`` holds the uncovered year(s). The fix is to enter the year's holidays
    (and mark the year covered) in the holiday table, or to upgrade chinese-calendar.
    """

    def __init__(self, *years: int) -> None:
        super().__init__(*years)
        self.years: tuple[int, ...] = tuple(sorted(set(years)))

    def __str__(self) -> str:
        listed = ", ".join(str(year) for year in self.years)
        return (
            f"the working-day calendar does not cover {listed}: chinese-calendar knows "
            f"{PACKAGE_YEARS.start}-{PACKAGE_YEARS.stop - 1}; enter the holidays for {listed} in the holiday table"
        )


@lru_cache(maxsize=4096)
def _official_workday(day: date) -> bool | None:
    """chinese-calendar's answer for ``day`` (make-up workdays included), None for a year it lacks.

    Cached: the package scans its whole table on every call to check the year.
    """
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


def _require_date(day: object, what: str = "day") -> date:
    """Reject datetimes (a ``datetime`` never equals a ``date`` key) and non-dates."""
    if not isinstance(day, date) or isinstance(day, datetime):
        raise TypeError(f"{what} must be a datetime.date, not {type(day).__name__}")
    return day


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days of a hall: chinese-calendar plus the caller's overrides.

    :param overrides: date -> True (working day) or False (day off); wins over everything.
    :param covered_years: years the overrides fully describe (weekends off otherwise).
    """

    overrides: Mapping[date, bool] = field(default_factory=dict, hash=False)
    covered_years: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        for day, working in self.overrides.items():
            _require_date(day, "an override key")
            if not isinstance(working, bool):
                raise TypeError(f"override for {day.isoformat()} must be a bool, not {type(working).__name__}")
        # Copy, so a caller mutating its dict later cannot change this calendar.
        object.__setattr__(self, "overrides", MappingProxyType(dict(self.overrides)))
        object.__setattr__(self, "covered_years", frozenset(self.covered_years))

    def known_years(self) -> frozenset[int]:
        """Every year in which any day can be answered without an override."""
        return frozenset(PACKAGE_YEARS) | self.covered_years

    def covers(self, year: int) -> bool:
        """True when every day of ``year`` can be answered."""
        return year in PACKAGE_YEARS or year in self.covered_years

    def is_working_day(self, day: date) -> bool:
        """Is the hall open for business on ``day``? Raises :class:`CalendarGap` if unknown."""
        _require_date(day)
        override = self.overrides.get(day)
        if override is not None:
            return override
        official = _official_workday(day)
        if official is not None:
            return official
        if day.year in self.covered_years:
            return day.weekday() < 5
        raise CalendarGap(day.year)

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` not counted); ``start`` when n is 0.

        "承诺 5 个工作日" from an application accepted on ``start`` ends on ``add_working_days(start, 5)``.
        """
        _require_date(start, "start")
        if n < 0:
            raise ValueError(f"n must be zero or more, not {n}")
        day = start
        while n > 0:
            day += ONE_DAY
            if self.is_working_day(day):
                n -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days lie in (start, end]; 0 when ``end`` is not after ``start``."""
        _require_date(start, "start")
        _require_date(end, "end")
        count = 0
        day = start + ONE_DAY
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += ONE_DAY
        return count


def hall_today(tz_name: str, now: datetime | None = None) -> date:
    """Today's date in the hall's IANA timezone (e.g. ``Asia/Shanghai``).

    ``now`` defaults to the current UTC time and must be timezone-aware. An unknown
    ``tz_name`` raises ``zoneinfo.ZoneInfoNotFoundError``.
    """
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(ZoneInfo(tz_name)).date()
