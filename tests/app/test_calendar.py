"""Working-day calendar: statutory holidays, make-up workdays (调休), overrides and gaps.

The 2025 dates come from 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号):
春节 1月28日（周二）至2月4日（周二）放假调休，1月26日（周日）、2月8日（周六）上班;
国庆节、中秋节 10月1日（周三）至8日（周三）放假调休，9月28日（周日）、10月11日（周六）上班.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from app.calendar import PACKAGE_YEARS, CalendarGap, WorkingCalendar, hall_today

CAL = WorkingCalendar()


def days(start: date, end: date) -> list[date]:
    """Every date from start to end inclusive."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


class TestPackageYears:
    def test_installed_chinese_calendar_covers_2004_to_2026(self):
        # The module docstring states this range: update it together with the pin.
        assert (PACKAGE_YEARS.start, PACKAGE_YEARS.stop - 1) == (2004, 2026)

    def test_known_years_and_covers(self):
        assert CAL.known_years() == frozenset(range(2004, 2027))
        assert CAL.covers(2025)
        assert CAL.covers(2026)
        assert not CAL.covers(2027)
        assert not CAL.covers(2003)


class TestSpringFestival2025:
    @pytest.mark.parametrize("day", days(date(2025, 1, 28), date(2025, 2, 4)))
    def test_the_eight_days_are_off(self, day):
        assert not CAL.is_working_day(day)

    @pytest.mark.parametrize("day", [date(2025, 1, 26), date(2025, 2, 8)], ids=["sun-jan-26", "sat-feb-8"])
    def test_make_up_weekend_days_are_working_days(self, day):
        assert day.weekday() >= 5
        assert CAL.is_working_day(day)

    def test_days_around_the_holiday(self):
        assert CAL.is_working_day(date(2025, 1, 27))  # Mon before
        assert CAL.is_working_day(date(2025, 2, 5))  # Wed after
        assert not CAL.is_working_day(date(2025, 1, 25))  # an ordinary Saturday stays off
        assert not CAL.is_working_day(date(2025, 2, 9))  # Sunday after the make-up Saturday

    def test_add_working_days_across_the_holiday(self):
        friday = date(2025, 1, 24)
        assert CAL.add_working_days(friday, 1) == date(2025, 1, 26)  # the make-up Sunday
        assert CAL.add_working_days(friday, 2) == date(2025, 1, 27)
        assert CAL.add_working_days(friday, 3) == date(2025, 2, 5)
        # 承诺 5 个工作日 from Mon Jan 27: Feb 5, 6, 7, 8 (make-up Saturday), 10.
        assert CAL.add_working_days(date(2025, 1, 27), 5) == date(2025, 2, 10)

    def test_working_days_between(self):
        # Jan 26, 27, Feb 5, 6, 7, 8, 10.
        assert CAL.working_days_between(date(2025, 1, 24), date(2025, 2, 10)) == 7
        assert CAL.working_days_between(date(2025, 1, 27), date(2025, 2, 4)) == 0


class TestNationalDay2025:
    @pytest.mark.parametrize("day", days(date(2025, 10, 1), date(2025, 10, 8)))
    def test_the_eight_days_are_off(self, day):
        assert not CAL.is_working_day(day)

    @pytest.mark.parametrize("day", [date(2025, 9, 28), date(2025, 10, 11)], ids=["sun-sep-28", "sat-oct-11"])
    def test_make_up_weekend_days_are_working_days(self, day):
        assert day.weekday() >= 5
        assert CAL.is_working_day(day)

    def test_days_around_the_holiday(self):
        assert CAL.is_working_day(date(2025, 9, 30))
        assert CAL.is_working_day(date(2025, 10, 9))
        assert not CAL.is_working_day(date(2025, 9, 27))  # ordinary Saturday
        assert not CAL.is_working_day(date(2025, 10, 12))  # Sunday after the make-up Saturday

    def test_add_working_days_across_the_holiday(self):
        tuesday = date(2025, 9, 30)
        assert CAL.add_working_days(tuesday, 0) == tuesday
        assert CAL.add_working_days(tuesday, 1) == date(2025, 10, 9)
        assert CAL.add_working_days(tuesday, 3) == date(2025, 10, 11)  # the make-up Saturday
        assert CAL.add_working_days(tuesday, 4) == date(2025, 10, 13)
        assert CAL.add_working_days(date(2025, 9, 26), 1) == date(2025, 9, 28)  # the make-up Sunday
        # Starting on a day off: the first working day after it is the first one counted.
        assert CAL.add_working_days(date(2025, 10, 3), 1) == date(2025, 10, 9)

    def test_working_days_between(self):
        assert CAL.working_days_between(date(2025, 9, 30), date(2025, 10, 13)) == 4
        assert CAL.working_days_between(date(2025, 9, 26), date(2025, 10, 10)) == 5  # 9/28, 29, 30, 10/9, 10

    def test_next_working_day(self):
        assert CAL.next_working_day(date(2025, 10, 1)) == date(2025, 10, 9)
        assert CAL.next_working_day(date(2025, 10, 11)) == date(2025, 10, 11)  # make-up Saturday
        assert CAL.next_working_day(date(2025, 10, 12)) == date(2025, 10, 13)
        assert CAL.next_working_day(date(2025, 9, 30)) == date(2025, 9, 30)


class TestWorkingDaysBetween:
    def test_interval_is_open_at_start_closed_at_end(self):
        monday, tuesday = date(2025, 3, 3), date(2025, 3, 4)
        assert CAL.working_days_between(monday, tuesday) == 1
        assert CAL.working_days_between(monday, monday) == 0
        assert CAL.working_days_between(monday, date(2025, 3, 10)) == 5  # Tue..Fri + next Mon

    def test_zero_when_end_is_before_start(self):
        assert CAL.working_days_between(date(2025, 3, 10), date(2025, 3, 3)) == 0


class TestOverrides:
    def test_local_closure_on_a_workday(self):
        closure = date(2025, 3, 5)  # a Wednesday
        cal = WorkingCalendar(overrides={closure: False})
        assert CAL.is_working_day(closure)
        assert not cal.is_working_day(closure)
        assert cal.add_working_days(date(2025, 3, 4), 1) == date(2025, 3, 6)
        assert cal.working_days_between(date(2025, 3, 3), date(2025, 3, 7)) == 3
        assert cal.next_working_day(closure) == date(2025, 3, 6)

    def test_saturday_made_a_working_day(self):
        saturday = date(2025, 3, 8)
        cal = WorkingCalendar(overrides={saturday: True})
        assert not CAL.is_working_day(saturday)
        assert cal.is_working_day(saturday)
        assert cal.add_working_days(date(2025, 3, 7), 1) == saturday
        assert cal.next_working_day(saturday) == saturday

    def test_override_wins_over_a_statutory_holiday(self):
        cal = WorkingCalendar(overrides={date(2025, 10, 1): True, date(2025, 10, 11): False})
        assert cal.is_working_day(date(2025, 10, 1))
        assert not cal.is_working_day(date(2025, 10, 11))

    def test_later_changes_to_the_callers_dict_do_not_leak_in(self):
        table = {date(2025, 3, 5): False}
        cal = WorkingCalendar(overrides=table)
        table[date(2025, 3, 5)] = True
        assert not cal.is_working_day(date(2025, 3, 5))

    def test_override_values_must_be_bools(self):
        with pytest.raises(TypeError, match="2025-03-05"):
            WorkingCalendar(overrides={date(2025, 3, 5): "false"})  # type: ignore[dict-item]

    def test_override_keys_must_be_dates_not_datetimes(self):
        with pytest.raises(TypeError, match="datetime"):
            WorkingCalendar(overrides={datetime(2025, 3, 5, tzinfo=UTC): False})


class TestUncoveredYears:
    def test_unknown_year_raises_calendar_gap_naming_it(self):
        with pytest.raises(CalendarGap, match="2099") as caught:
            CAL.is_working_day(date(2099, 3, 2))
        assert caught.value.years == (2099,)

    @pytest.mark.parametrize(
        "call",
        [
            lambda: CAL.add_working_days(date(2099, 3, 2), 1),
            lambda: CAL.working_days_between(date(2099, 3, 2), date(2099, 3, 9)),
            lambda: CAL.next_working_day(date(2099, 3, 2)),
        ],
        ids=["add", "between", "next"],
    )
    def test_every_operation_raises(self, call):
        with pytest.raises(CalendarGap, match="2099"):
            call()

    def test_deadline_running_into_an_uncovered_year(self):
        last_known = PACKAGE_YEARS.stop - 1
        with pytest.raises(CalendarGap, match=str(last_known + 1)):
            CAL.add_working_days(date(last_known, 12, 28), 10)

    def test_year_before_the_package_data(self):
        with pytest.raises(CalendarGap, match="2003"):
            CAL.is_working_day(date(2003, 6, 2))

    def test_single_override_answers_without_covering_the_year(self):
        cal = WorkingCalendar(overrides={date(2099, 3, 2): True})
        assert cal.is_working_day(date(2099, 3, 2))
        assert not cal.covers(2099)
        with pytest.raises(CalendarGap, match="2099"):
            cal.is_working_day(date(2099, 3, 3))

    def test_covered_year_has_weekends_off_and_overrides_apply(self):
        new_year = date(2099, 1, 1)  # a Thursday
        cal = WorkingCalendar(overrides={new_year: False, date(2099, 1, 3): True}, covered_years=frozenset({2099}))
        assert cal.covers(2099)
        assert 2099 in cal.known_years()
        assert not cal.is_working_day(new_year)
        assert cal.is_working_day(date(2099, 1, 2))  # Friday
        assert cal.is_working_day(date(2099, 1, 3))  # Saturday made a working day
        assert not cal.is_working_day(date(2099, 1, 4))  # Sunday
        assert not cal.is_working_day(date(2099, 1, 10))  # an ordinary Saturday
        assert cal.add_working_days(new_year, 3) == date(2099, 1, 5)  # Jan 2, 3, 5
        assert cal.working_days_between(new_year, date(2099, 1, 9)) == 7  # Jan 2, 3, 5-9

    def test_message_says_what_to_do(self):
        message = str(CalendarGap(2099))
        assert "2099" in message
        assert "holiday table" in message


class TestArgumentChecks:
    def test_negative_n_is_rejected(self):
        with pytest.raises(ValueError, match="-1"):
            CAL.add_working_days(date(2025, 3, 3), -1)

    def test_datetime_is_rejected(self):
        with pytest.raises(TypeError):
            CAL.is_working_day(datetime(2025, 3, 3, tzinfo=UTC))


class TestHallToday:
    # 17:30 UTC is 01:30 next day in Beijing (UTC+8) but 23:30 the same day in Urumqi (UTC+6).
    INSTANT = datetime(2025, 3, 1, 17, 30, tzinfo=UTC)

    def test_shanghai_is_already_tomorrow(self):
        assert hall_today("Asia/Shanghai", self.INSTANT) == date(2025, 3, 2)

    def test_urumqi_is_still_today(self):
        assert hall_today("Asia/Urumqi", self.INSTANT) == date(2025, 3, 1)

    def test_now_defaults_to_the_current_time(self):
        with time_machine.travel(self.INSTANT, tick=False):
            assert hall_today("Asia/Shanghai") == date(2025, 3, 2)
            assert hall_today("Asia/Urumqi") == date(2025, 3, 1)

    def test_naive_now_is_rejected(self):
        with pytest.raises(ValueError, match="timezone-aware"):
            hall_today("Asia/Shanghai", datetime(2025, 3, 1, 17, 30))


@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2025, 12, 31)),
    n=st.integers(min_value=0, max_value=40),
)
def test_working_days_between_inverts_add_working_days(start, n):
    end = CAL.add_working_days(start, n)
    assert CAL.working_days_between(start, end) == n
    if n:
        assert CAL.is_working_day(end)
