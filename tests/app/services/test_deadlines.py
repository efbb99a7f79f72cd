"""The working-day clock of an application, on real 2026 weeks.

chinese-calendar 1.11.0 for 2026 (国务院办公厅关于2026年部分节假日安排的通知): 中秋 9月25日（周五）至27日
off; 国庆 10月1日（周四）至7日（周三）off, with 9月20日（周日）and 10月10日（周六）as make-up workdays.
So after Wednesday 30 September the working days run 10-08, 10-09, 10-10 (Sat), 10-12, 10-13 …
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.calendar import CalendarGap, WorkingCalendar
from app.services.deadlines import Clock, clock

CAL = WorkingCalendar()
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: str, hhmm: str = "10:00") -> datetime:
    """A moment in Beijing time, given to the clock in UTC as the database stores it."""
    return datetime.fromisoformat(f"{day}T{hhmm}:00+08:00").astimezone(UTC)


def run(events, now, *, promised=5, legal=20, kind="promised", tz="Asia/Shanghai") -> Clock:
    return clock(CAL, tz, promised_days=promised, legal_days=legal, processing_type=kind, events=events, now=now)


class TestPlainWeeks:
    def test_monday_plus_five_is_the_next_monday(self):
        result = run([(at("2026-11-02", "09:30"), "start")], at("2026-11-06", "17:00"))
        assert result == Clock(
            started_on=date(2026, 11, 2),
            promised_due=date(2026, 11, 9),
            legal_due=date(2026, 11, 30),
            days_used=4,
            paused_days=0,
            promised_left=1,
            legal_left=16,
            percent_used=80.0,
            paused=False,
            stopped=False,
            overdue=False,
        )

    def test_the_due_day_itself_is_not_overdue(self):
        result = run([(at("2026-11-02"), "start")], at("2026-11-09", "23:00"))
        assert (result.days_used, result.promised_left, result.percent_used, result.overdue) == (5, 0, 100.0, False)

    def test_the_next_working_day_is_overdue(self):
        result = run([(at("2026-11-02"), "start")], at("2026-11-10", "08:00"))
        assert (result.days_used, result.promised_left, result.percent_used, result.overdue) == (6, -1, 120.0, True)

    def test_the_weekend_after_the_due_day_is_not_a_day_used(self):
        result = run([(at("2026-10-30"), "start")], at("2026-11-08", "12:00"))  # due Friday 11-06; now Sunday
        assert (result.promised_due, result.days_used, result.promised_left, result.overdue) == (
            date(2026, 11, 6), 5, 0, False,
        )  # fmt: skip

    def test_the_acceptance_day_is_not_counted(self):
        result = run([(at("2026-11-02", "08:30"), "start")], at("2026-11-02", "17:30"))
        assert (result.days_used, result.percent_used) == (0, 0.0)


class TestNationalDay2026:
    def test_five_days_from_the_eve_of_the_holiday(self):
        result = run([(at("2026-09-30"), "start")], at("2026-10-09", "12:00"))
        assert (result.promised_due, result.legal_due) == (date(2026, 10, 13), date(2026, 11, 3))
        assert (result.days_used, result.promised_left, result.legal_left) == (2, 3, 18)

    def test_the_make_up_saturday_counts(self):
        result = run([(at("2026-09-30"), "start")], at("2026-10-10", "16:00"))
        assert result.days_used == 3

    def test_the_holiday_week_costs_nothing(self):
        result = run([(at("2026-09-30"), "start")], at("2026-10-07", "16:00"))
        assert (result.days_used, result.promised_left) == (0, 5)

    def test_a_correction_over_the_make_up_weekend(self):
        events = [
            (at("2026-09-30"), "start"),
            (at("2026-10-09", "10:00"), "pause"),  # 补正 asked on Friday
            (at("2026-10-12", "16:00"), "resume"),  # resubmitted on Monday afternoon
        ]
        result = run(events, at("2026-10-13", "17:00"))
        assert result == Clock(
            started_on=date(2026, 9, 30),
            promised_due=date(2026, 10, 15),  # 10-13 moved out by Friday and the make-up Saturday
            legal_due=date(2026, 11, 5),
            days_used=3,  # 10-08, 10-12, 10-13
            paused_days=2,  # 10-09, 10-10
            promised_left=2,
            legal_left=17,
            percent_used=60.0,
            paused=False,
            stopped=False,
            overdue=False,
        )

    def test_a_pause_that_lasts_counts_today(self):
        events = [(at("2026-09-30"), "start"), (at("2026-10-09", "10:00"), "pause")]
        result = run(events, at("2026-10-10", "11:00"))
        assert (result.paused, result.paused_days, result.days_used) == (True, 2, 1)
        assert result.promised_due == date(2026, 10, 15)

    def test_a_pause_ended_the_same_day_costs_nothing(self):
        events = [
            (at("2026-09-30"), "start"),
            (at("2026-10-08", "09:00"), "pause"),
            (at("2026-10-08", "16:00"), "resume"),
        ]
        result = run(events, at("2026-10-13", "17:00"))
        assert (result.paused_days, result.days_used, result.promised_due) == (0, 5, date(2026, 10, 13))

    def test_a_pause_over_the_holiday_costs_only_working_days(self):
        events = [
            (at("2026-09-29"), "start"),
            (at("2026-09-30", "15:00"), "pause"),
            (at("2026-10-08", "11:00"), "resume"),
        ]
        result = run(events, at("2026-10-08", "17:00"))
        # Paused at the end of 09-30 only among working days; 10-01..10-07 were off anyway.
        assert (result.paused_days, result.days_used, result.promised_due) == (1, 1, date(2026, 10, 13))

    def test_accepted_during_the_holiday_counts_from_the_next_working_day(self):
        result = run([(at("2026-10-03", "20:00"), "start")], at("2026-10-08", "17:00"))
        assert (result.started_on, result.promised_due, result.days_used) == (date(2026, 10, 8), date(2026, 10, 14), 0)

    def test_the_make_up_sunday_before_mid_autumn(self):
        result = run([(at("2026-09-18"), "start")], at("2026-09-20", "20:00"), promised=1)
        assert (result.promised_due, result.days_used, result.overdue) == (date(2026, 9, 20), 1, False)
        result = run([(at("2026-09-24"), "start")], at("2026-09-27", "20:00"), promised=1)
        assert (result.promised_due, result.days_used) == (date(2026, 9, 28), 0)


class TestTimezone:
    def test_days_are_hall_local(self):
        events = [(datetime(2026, 9, 29, 16, 30, tzinfo=UTC), "start")]  # 00:30 on 09-30 in Beijing
        assert run(events, at("2026-10-08", "12:00")).started_on == date(2026, 9, 30)
        assert run(events, at("2026-10-08", "12:00"), tz="UTC").started_on == date(2026, 9, 29)

    def test_now_is_read_in_the_hall_timezone(self):
        events = [(at("2026-11-02"), "start")]
        # 2026-11-09 16:30 UTC is already Tuesday 00:30 in Beijing.
        assert run(events, datetime(2026, 11, 9, 16, 30, tzinfo=UTC)).overdue is True
        assert run(events, datetime(2026, 11, 9, 15, 30, tzinfo=UTC)).overdue is False


class TestImmediate:
    def test_due_the_day_it_is_accepted(self):
        events = [(at("2026-11-02", "10:00"), "start"), (at("2026-11-02", "15:00"), "stop")]
        result = run(events, at("2026-11-20"), promised=0, legal=0, kind="immediate")
        assert result == Clock(
            started_on=date(2026, 11, 2),
            promised_due=date(2026, 11, 2),
            legal_due=None,
            days_used=0,
            paused_days=0,
            promised_left=0,
            legal_left=None,
            percent_used=None,
            paused=False,
            stopped=True,
            overdue=False,
        )

    def test_open_the_next_working_day_is_overdue(self):
        result = run([(at("2026-11-02"), "start")], at("2026-11-03", "09:00"), promised=0, legal=0, kind="immediate")
        assert (result.days_used, result.promised_left, result.overdue) == (1, -1, True)

    def test_the_make_up_saturday_is_the_next_working_day(self):
        result = run([(at("2026-10-09"), "start")], at("2026-10-10", "09:00"), promised=0, legal=0, kind="immediate")
        assert result.overdue is True

    def test_a_legal_limit_still_counts(self):
        result = run([(at("2026-11-02"), "start")], at("2026-11-03"), promised=0, legal=3, kind="immediate")
        assert (result.legal_due, result.legal_left) == (date(2026, 11, 5), 2)


class TestStopped:
    def test_concluded_after_the_due_date_stays_overdue(self):
        events = [(at("2026-11-02"), "start"), (at("2026-11-10", "11:00"), "stop")]
        result = run(events, at("2026-11-30"))
        assert (result.stopped, result.days_used, result.promised_left, result.overdue) == (True, 6, -1, True)

    def test_concluded_on_the_due_date_is_in_time(self):
        events = [(at("2026-11-02"), "start"), (at("2026-11-09", "17:00"), "stop")]
        result = run(events, at("2026-11-30"))
        assert (result.days_used, result.overdue, result.percent_used) == (5, False, 100.0)

    def test_stopped_during_a_pause(self):
        events = [(at("2026-11-02"), "start"), (at("2026-11-04"), "pause"), (at("2026-11-06"), "stop")]
        result = run(events, at("2026-11-30"))
        # 11-04 and 11-05 paused at their end; on 11-06 the case ended, so that day counts.
        assert (result.paused_days, result.days_used, result.paused, result.stopped) == (2, 2, False, True)

    def test_nothing_counts_after_the_first_stop(self):
        events = [(at("2026-11-02"), "start"), (at("2026-11-05"), "stop"), (at("2026-11-12"), "stop")]
        assert run(events, at("2026-11-30")).days_used == 3

    def test_withdrawn_before_acceptance(self):
        result = run([(at("2026-11-02"), "stop")], at("2026-11-30"))
        assert result == Clock(None, None, None, 0, 0, None, None, None, False, True, False)


class TestReplay:
    def test_not_accepted_yet(self):
        assert run([], at("2026-11-02")) == Clock(None, None, None, 0, 0, None, None, None, False, False, False)

    def test_a_correction_before_acceptance_does_not_touch_the_clock(self):
        events = [(at("2026-11-02"), "pause"), (at("2026-11-04"), "resume"), (at("2026-11-04", "15:00"), "start")]
        result = run(events, at("2026-11-06"))
        assert (result.started_on, result.paused_days, result.days_used) == (date(2026, 11, 4), 0, 2)

    def test_a_correction_after_acceptance_keeps_the_first_start(self):
        events = [
            (at("2026-11-02"), "start"),  # accept
            (at("2026-11-03"), "pause"),  # request_correction
            (at("2026-11-05", "09:00"), "resume"),  # resubmit
            (at("2026-11-05", "14:00"), "start"),  # accept again
        ]
        result = run(events, at("2026-11-06"))
        assert (result.started_on, result.paused_days, result.days_used) == (date(2026, 11, 2), 2, 2)

    def test_none_effects_are_skipped(self):
        events = [(at("2026-11-02"), "none"), (at("2026-11-02"), "start"), (at("2026-11-03"), "none")]
        assert run(events, at("2026-11-04")).days_used == 2

    def test_a_second_pause_does_not_restart_the_pause(self):
        events = [(at("2026-11-02"), "start"), (at("2026-11-03"), "pause"), (at("2026-11-05"), "pause")]
        assert run(events, at("2026-11-05", "12:00")).paused_days == 3

    def test_a_year_the_calendar_does_not_know(self):
        with pytest.raises(CalendarGap):
            run([(at("2026-12-28"), "start")], at("2026-12-29"))


class TestInputChecks:
    @pytest.mark.parametrize(
        ("events", "now", "message"),
        [
            ([], datetime(2026, 11, 2, 10), "now must be a timezone-aware datetime"),
            (
                [(datetime(2026, 11, 2, 10), "start")],
                at("2026-11-03"),
                "an event time must be a timezone-aware datetime",
            ),
            ([(at("2026-11-02"), "begin")], at("2026-11-03"), "unknown clock effect 'begin'"),
            ([(at("2026-11-03"), "start"), (at("2026-11-02"), "stop")], at("2026-11-04"), "in time order"),
            ([(at("2026-11-05"), "start")], at("2026-11-04"), "after now"),
        ],
    )
    def test_bad_events(self, events, now, message):
        with pytest.raises(ValueError, match=message):
            run(events, now)

    def test_bad_limits(self):
        with pytest.raises(ValueError, match="processing_type"):
            run([], at("2026-11-02"), kind="express")
        with pytest.raises(ValueError, match="zero or more"):
            run([], at("2026-11-02"), promised=-1)


# --- Properties over random pause schedules -----------------------------------------------------


@st.composite
def schedules(draw: st.DrawFn) -> tuple[list[tuple[datetime, str]], datetime]:
    """Acceptance in 2026, alternating pauses and resumes, maybe a stop, then now."""
    start = draw(st.datetimes(datetime(2026, 1, 1), datetime(2026, 8, 31))).replace(tzinfo=SHANGHAI)
    gaps = st.timedeltas(timedelta(0), timedelta(days=4))
    moment = start
    events = [(start, "start")]
    for index in range(draw(st.integers(0, 8))):
        moment += draw(gaps)
        events.append((moment, "pause" if index % 2 == 0 else "resume"))
    if draw(st.booleans()):
        moment += draw(gaps)
        events.append((moment, "stop"))
    return [(when.astimezone(UTC), effect) for when, effect in events], moment + draw(gaps)


def paused_working_days(events: list[tuple[datetime, str]], first: date, last: date) -> int:
    """Brute force: the working days in (first, last] whose last event (hall-local) is a pause."""
    count = 0
    day = first + timedelta(days=1)
    while day <= last:
        today = [effect for when, effect in events if when.astimezone(SHANGHAI).date() <= day]
        count += CAL.is_working_day(day) and today[-1] == "pause"
        day += timedelta(days=1)
    return count


@given(schedules(), st.integers(0, 20), st.integers(0, 40))
def test_paused_days_are_the_only_days_not_used(schedule, promised, legal):
    events, now = schedule
    result = run(events, now, promised=promised, legal=legal)
    assert result.started_on == CAL.next_working_day(events[0][0].astimezone(SHANGHAI).date())
    stop = [when for when, effect in events if effect == "stop"]
    end = (stop[0] if stop else now).astimezone(SHANGHAI).date()
    paused = paused_working_days(events, result.started_on, end)
    assert result.paused_days == paused
    assert result.days_used + paused == CAL.working_days_between(result.started_on, end)
    assert CAL.working_days_between(result.started_on, result.promised_due) == promised + paused
    if legal:
        assert CAL.working_days_between(result.started_on, result.legal_due) == legal + paused
    assert result.overdue == (result.days_used > promised)
