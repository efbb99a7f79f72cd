"""The holiday table in the service layer: national sys_admins only, validation, audit, and the calendar it feeds."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.calendar import CalendarGap
from app.errors import Forbidden, InvalidInput, NotFound
from app.extensions import db
from app.models import AuditEvent
from app.models.catalog import CalendarYear, HolidayOverride
from app.services import audit, holidays
from app.services.catalog import working_calendar
from app.services.holidays import Day
from app.services.scopes import StaffRights, grant

ADMIN = StaffRights(1, (grant("sys_admin", "all"),))
OUTSIDERS = {
    "hall sys_admin": StaffRights(2, (grant("sys_admin", "hall", 7),)),
    "region sys_admin": StaffRights(3, (grant("sys_admin", "region", 1),)),
    "window_staff of all": StaffRights(4, (grant("window_staff", "all"),)),
}
SPRING_FESTIVAL = [Day(date(2027, 2, 16), False, "春节"), Day(date(2027, 2, 7), True, "春节调休（周日上班）")]


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


def audit_rows(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def days_of(listing: holidays.Listing) -> list[tuple[date, bool, str]]:
    return [(row.day, row.working, row.note) for row in listing.overrides]


class TestRights:
    @pytest.mark.parametrize("who", OUTSIDERS)
    @pytest.mark.parametrize(
        "call",
        [
            lambda admin: holidays.list_overrides(admin=admin),
            lambda admin: holidays.set_day(date(2026, 12, 28), False, admin=admin),
            lambda admin: holidays.delete_day(date(2026, 12, 28), admin=admin),
            lambda admin: holidays.set_year(2027, SPRING_FESTIVAL, admin=admin),
            lambda admin: holidays.uncover_year(2027, admin=admin),
        ],
        ids=["list", "set_day", "delete_day", "set_year", "uncover_year"],
    )
    def test_only_a_sys_admin_of_all_may_read_or_change_the_calendar(self, ctx, who, call):
        holidays.set_year(2027, SPRING_FESTIVAL, admin=ADMIN)
        holidays.set_day(date(2026, 12, 28), False, admin=ADMIN)
        before = count(AuditEvent)
        with pytest.raises(Forbidden):
            call(OUTSIDERS[who])
        db.session.rollback()
        assert count(AuditEvent) == before
        assert (count(HolidayOverride), count(CalendarYear)) == (3, 1)


class TestDays:
    def test_set_is_an_upsert_and_each_change_is_audited(self, ctx):
        holidays.set_day(date(2026, 12, 28), False, " 区庆闭馆 ", admin=ADMIN)
        row = holidays.set_day(date(2026, 12, 28), True, admin=ADMIN)
        assert (row.day, row.working, row.note) == (date(2026, 12, 28), True, "")
        assert count(HolidayOverride) == 1
        rows = audit_rows("holiday.set")
        assert [(r.object_type, r.object_id, r.details) for r in rows] == [
            ("holiday", "2026-12-28", {"working": False}),
            ("holiday", "2026-12-28", {"working": True}),
        ]
        assert (rows[0].actor_kind, rows[0].actor_id, rows[0].actor_role) == ("staff", 1, "sys_admin")
        assert audit.verify_chain().broken_at is None

    def test_a_day_off_wins_over_the_national_calendar(self, ctx):
        assert working_calendar().is_working_day(date(2026, 12, 28))  # a Monday
        holidays.set_day(date(2026, 12, 28), False, "区庆闭馆", admin=ADMIN)
        assert not working_calendar().is_working_day(date(2026, 12, 28))

    def test_listed_in_date_order_optionally_by_year(self, ctx):
        for day in (date(2027, 3, 1), date(2026, 12, 28), date(2027, 1, 5)):
            holidays.set_day(day, False, admin=ADMIN)
        everything = holidays.list_overrides(admin=ADMIN)
        assert [row.day for row in everything.overrides] == [date(2026, 12, 28), date(2027, 1, 5), date(2027, 3, 1)]
        assert (everything.year, everything.coverage) == (None, None)
        next_year = holidays.list_overrides(admin=ADMIN, year=2027)
        assert [row.day for row in next_year.overrides] == [date(2027, 1, 5), date(2027, 3, 1)]
        assert next_year.coverage == holidays.NONE  # single days do not cover a year
        assert holidays.list_overrides(admin=ADMIN, year=2026).coverage == holidays.PACKAGE

    def test_delete_gives_the_day_back_to_the_national_calendar(self, ctx):
        holidays.set_day(date(2026, 12, 28), False, admin=ADMIN)
        holidays.delete_day(date(2026, 12, 28), admin=ADMIN)
        assert count(HolidayOverride) == 0
        assert working_calendar().is_working_day(date(2026, 12, 28))
        assert [(r.object_id, r.details) for r in audit_rows("holiday.delete")] == [("2026-12-28", {"working": False})]
        with pytest.raises(NotFound):
            holidays.delete_day(date(2026, 12, 28), admin=ADMIN)

    @pytest.mark.parametrize(
        ("day", "working", "note", "field"),
        [
            (date(1999, 12, 31), False, "", "date"),
            (date(2101, 1, 1), False, "", "date"),
            (datetime(2026, 12, 28, 9, 0), False, "", "date"),
            (date(2026, 12, 28), "yes", "", "working"),
            (date(2026, 12, 28), 0, "", "working"),
            (date(2026, 12, 28), False, "长" * 129, "note"),
            (date(2026, 12, 28), False, "line\nbreak", "note"),
            (date(2026, 12, 28), False, "bell\x07", "note"),
        ],
    )
    def test_bad_values_are_named_and_nothing_is_written(self, ctx, day, working, note, field):
        with pytest.raises(InvalidInput) as error:
            holidays.set_day(day, working, note, admin=ADMIN)
        assert set(error.value.details["fields"]) == {field}
        assert count(HolidayOverride) == count(AuditEvent) == 0

    def test_a_note_of_128_characters_fits(self, ctx):
        assert holidays.set_day(date(2026, 12, 28), False, "长" * 128, admin=ADMIN).note == "长" * 128


class TestYears:
    def test_a_year_is_replaced_whole_and_then_covered(self, ctx):
        holidays.set_day(date(2027, 5, 5), False, "replaced", admin=ADMIN)
        holidays.set_day(date(2026, 12, 28), False, "another year", admin=ADMIN)
        listing = holidays.set_year(2027, SPRING_FESTIVAL, " 国办发明电〔2026〕1号 ", admin=ADMIN)
        assert listing.year == 2027 and listing.coverage == holidays.TABLE
        assert days_of(listing) == [
            (date(2027, 2, 7), True, "春节调休（周日上班）"),
            (date(2027, 2, 16), False, "春节"),
        ]
        assert [(y.year, y.note) for y in listing.covered_years] == [(2027, "国办发明电〔2026〕1号")]
        assert db.session.scalar(select(HolidayOverride).where(HolidayOverride.day == date(2026, 12, 28)))
        [row] = audit_rows("calendar_year.set")
        assert (row.object_type, row.object_id, row.details) == (
            "calendar_year",
            "2027",
            {"days_off": 1, "workdays": 1},
        )

        calendar = working_calendar()
        assert not calendar.is_working_day(date(2027, 2, 16))  # listed off
        assert calendar.is_working_day(date(2027, 2, 17))  # a Wednesday, not listed
        assert calendar.is_working_day(date(2027, 2, 7))  # a make-up Sunday
        assert not calendar.is_working_day(date(2027, 2, 13))  # an ordinary Saturday
        assert calendar.is_working_day(date(2027, 5, 5))  # the old override is gone: a Wednesday

    def test_putting_a_year_again_replaces_its_days_and_note(self, ctx):
        holidays.set_year(2027, SPRING_FESTIVAL, "first", admin=ADMIN)
        listing = holidays.set_year(2027, [Day(date(2027, 10, 1), False, "国庆节")], "second", admin=ADMIN)
        assert days_of(listing) == [(date(2027, 10, 1), False, "国庆节")]
        assert [(y.year, y.note) for y in listing.covered_years] == [(2027, "second")]
        assert count(CalendarYear) == 1 and len(audit_rows("calendar_year.set")) == 2

    def test_an_empty_year_is_weekdays_only(self, ctx):
        holidays.set_year(2027, [], admin=ADMIN)
        calendar = working_calendar()
        assert calendar.is_working_day(date(2027, 1, 1))  # a Friday: nothing said it is off
        assert not calendar.is_working_day(date(2027, 1, 2))

    @pytest.mark.parametrize("year", [1999, 2101, True])
    def test_years_outside_2000_to_2100_are_refused(self, ctx, year):
        with pytest.raises(InvalidInput) as error:
            holidays.set_year(year, [], admin=ADMIN)
        assert set(error.value.details["fields"]) == {"year"}
        with pytest.raises(InvalidInput):
            holidays.uncover_year(year, admin=ADMIN)
        with pytest.raises(InvalidInput):
            holidays.list_overrides(admin=ADMIN, year=year)
        assert count(CalendarYear) == count(AuditEvent) == 0

    def test_duplicate_days_and_days_of_another_year_are_named(self, ctx):
        days = [
            Day(date(2027, 2, 16), False),
            Day(date(2026, 12, 31), False),
            Day(date(2027, 2, 16), True),
            Day(date(2027, 2, 17), False, "x" * 129),
        ]
        with pytest.raises(InvalidInput) as error:
            holidays.set_year(2027, days, "two\nlines", admin=ADMIN)
        fields = error.value.details["fields"]
        assert fields == {
            "note": fields["note"],
            "days[1].date": ["Not in 2027."],
            "days[2].date": ["2027-02-16 is listed twice."],
            "days[3].note": [f"At most {holidays.NOTE_MAX} printable characters."],
        }
        assert count(HolidayOverride) == count(CalendarYear) == count(AuditEvent) == 0

    def test_too_many_days_are_refused(self, ctx):
        days = [Day(date(2027, 1, 1), False)] * (holidays.DAYS_MAX + 1)
        with pytest.raises(InvalidInput) as error:
            holidays.set_year(2027, days, admin=ADMIN)
        assert error.value.details["fields"] == {"days": [f"At most {holidays.DAYS_MAX} days."]}

    def test_uncovering_keeps_the_single_days(self, ctx):
        holidays.set_year(2027, SPRING_FESTIVAL, admin=ADMIN)
        holidays.uncover_year(2027, admin=ADMIN)
        assert count(CalendarYear) == 0 and count(HolidayOverride) == 2
        assert [(r.object_type, r.object_id) for r in audit_rows("calendar_year.delete")] == [("calendar_year", "2027")]
        calendar = working_calendar()
        assert not calendar.is_working_day(date(2027, 2, 16))
        with pytest.raises(CalendarGap):
            calendar.is_working_day(date(2027, 2, 17))
        with pytest.raises(NotFound):
            holidays.uncover_year(2027, admin=ADMIN)


class TestCoverage:
    @pytest.mark.parametrize(
        ("today", "missing"),
        [
            (date(2025, 6, 1), []),
            (date(2026, 11, 23), [2027]),
            (date(2026, 10, 1), [2027]),
            (date(2026, 9, 30), []),  # next year's notice is not out yet: no warning before October
            (date(2030, 1, 1), [2030]),
            (date(2030, 12, 1), [2030, 2031]),
        ],
    )
    def test_this_year_and_the_next_must_be_covered(self, ctx, today, missing):
        assert holidays.coverage(today) == missing

    def test_entering_a_year_covers_it(self, ctx):
        holidays.set_year(2027, SPRING_FESTIVAL, admin=ADMIN)
        assert holidays.coverage(date(2026, 11, 23)) == []
        assert holidays.coverage(date(2027, 12, 31)) == [2028]
