"""Appointment slots (issue 6): generation from a hall line's schedule on working days, availability with
the release horizon (放号), and the admin adjustments with their scopes and audit rows."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select, update

from app import jobs
from app.errors import CapacityBelowBooked, InvalidInput, ItemNotBookable, NotFound
from app.extensions import db
from app.models import AuditEvent, CalendarYear, ServiceItem, Slot
from app.redis_store import get_redis
from app.services import slots
from app.services.scopes import DEPT_ADMIN, SYS_ADMIN, WINDOW_STAFF, Grant, Scope, StaffRights
from tests.booking_helpers import (
    EVERYWHERE,
    MONDAY,
    Line,
    hall_time,
    local_windows,
    make_line,
    schedule_of,
    set_schedule,
    slots_on,
)

# --- Generation ---------------------------------------------------------------------------------


def test_a_working_day_is_cut_into_30_minute_windows_around_the_lunch_break(app, tree):
    line = make_line(app, tree)
    with app.app_context():
        set_schedule(line, days_ahead=0)
        assert slots.ensure_slots(today=MONDAY) == 13
        rows = slots_on(line, MONDAY)
        assert local_windows(rows) == [
            ("09:00", "09:30"), ("09:30", "10:00"), ("10:00", "10:30"), ("10:30", "11:00"), ("11:00", "11:30"),
            ("11:30", "12:00"),
            ("13:30", "14:00"), ("14:00", "14:30"), ("14:30", "15:00"), ("15:00", "15:30"), ("15:30", "16:00"),
            ("16:00", "16:30"), ("16:30", "17:00"),
        ]  # fmt: skip
        assert {(row.capacity, row.booked, row.closed, row.hall_id) for row in rows} == {(2, 0, False, line.hall_id)}
        assert rows[0].starts_at == datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # stored in UTC


def test_a_trailing_piece_shorter_than_a_window_is_dropped(app, tree):
    line = make_line(app, tree)
    with app.app_context():
        set_schedule(line, days_ahead=0, window_minutes=40)
        slots.ensure_slots(today=MONDAY)
        assert local_windows(slots_on(line, MONDAY)) == [
            ("09:00", "09:40"), ("09:40", "10:20"), ("10:20", "11:00"), ("11:00", "11:40"),
            ("13:30", "14:10"), ("14:10", "14:50"), ("14:50", "15:30"), ("15:30", "16:10"), ("16:10", "16:50"),
        ]  # fmt: skip


def test_national_day_has_no_slots_and_the_make_up_saturday_has_weekday_ones(app, tree):
    """2026: October 1-7 off (国庆中秋), Saturday October 10 a make-up workday (调休) with Monday's hours."""
    line = make_line(app, tree)
    with app.app_context(), time_machine.travel(hall_time(2026, 9, 30, 10, 0), tick=False):
        set_schedule(line, days_ahead=11)
        slots.ensure_slots()  # today in hall time: September 30
        days = db.session.scalars(select(Slot.day).distinct().where(Slot.category_id == line.category_id)).all()
        assert sorted(days) == [date(2026, 9, 30), date(2026, 10, 8), date(2026, 10, 9), date(2026, 10, 10)]
        assert len(slots_on(line, date(2026, 10, 10))) == 13  # a Saturday, but with weekday hours
        assert slots_on(line, date(2026, 10, 11)) == []  # the Sunday after stays off


def test_only_working_days_get_slots_even_when_the_hall_opens(app, tree):
    """The hall opens on Saturday mornings for walk-ins; bookings are for working days only."""
    line = make_line(app, tree)
    with app.app_context():
        slots.ensure_slots(today=MONDAY)  # Monday to the next Monday
        days = sorted(db.session.scalars(select(Slot.day).distinct().where(Slot.category_id == line.category_id)))
        assert days == [MONDAY + timedelta(days=n) for n in (0, 1, 2, 3, 4, 7)]


def test_a_special_day_with_morning_hours_and_a_closed_day(app, tree):
    line = make_line(
        app,
        tree,
        special_days=[{"date": "2026-12-24", "hours": [["09:00", "12:00"]], "note": "下午消防演练"}],
        closed_days=["2026-12-25"],
    )
    with app.app_context():
        slots.ensure_slots(today=date(2026, 12, 23))
        assert len(slots_on(line, date(2026, 12, 23))) == 13
        assert local_windows(slots_on(line, date(2026, 12, 24)))[-1] == ("11:30", "12:00")
        assert len(slots_on(line, date(2026, 12, 24))) == 6
        assert slots_on(line, date(2026, 12, 25)) == []


def test_capacity_comes_from_the_windows_unless_the_schedule_sets_it(app, tree):
    line = make_line(app, tree, windows=3)
    with app.app_context():
        set_schedule(line, days_ahead=0)
        slots.ensure_slots(today=MONDAY)
        assert {row.capacity for row in slots_on(line, MONDAY)} == {3}
        set_schedule(line, days_ahead=1, capacity=5)
        slots.ensure_slots(today=MONDAY)
        assert {row.capacity for row in slots_on(line, MONDAY + timedelta(days=1))} == {5}


def test_a_line_no_window_serves_gets_no_slots(app, tree):
    make_line(app, tree, windows=0)
    with app.app_context():
        assert slots.ensure_slots(today=MONDAY) == 0
        assert db.session.scalar(select(func.count(Slot.id))) == 0


def test_generation_is_idempotent_and_never_changes_a_generated_day(app, tree):
    line = make_line(app, tree)
    with app.app_context():
        set_schedule(line, days_ahead=1)
        assert slots.ensure_slots(today=MONDAY) == 26
        assert slots.ensure_slots(today=MONDAY) == 0
        first = slots_on(line, MONDAY)[0]
        first.booked = 2
        db.session.commit()
        set_schedule(line, days_ahead=2, window_minutes=60, capacity=9)
        assert slots.ensure_slots(today=MONDAY) == 6  # Wednesday only, in hours (09-12, 13:30-16:30)
        kept = slots_on(line, MONDAY)
        assert len(kept) == 13 and (kept[0].id, kept[0].booked, kept[0].capacity) == (first.id, 2, 2)
        assert {row.capacity for row in slots_on(line, MONDAY + timedelta(days=2))} == {9}


def test_a_concurrent_insert_of_the_same_slot_is_skipped_not_an_error(app, tree):
    line = make_line(app, tree)
    with app.app_context():
        set_schedule(line, days_ahead=0)
        start = hall_time(2026, 11, 23, 9, 0)
        schedule = schedule_of(line)
        planned = {MONDAY: [(start, start + timedelta(minutes=30))]}
        assert slots._insert_missing(schedule, planned) == 1
        assert slots._insert_missing(schedule, planned) == 0  # what a run that lost the race sees
        db.session.commit()
        assert len(slots_on(line, MONDAY)) == 1


def test_a_year_the_calendar_does_not_cover_gets_no_slots_until_it_is_entered(app, tree, caplog):
    line = make_line(app, tree)
    with app.app_context():
        caplog.set_level(logging.WARNING, logger="app.services.slots")
        slots.ensure_slots(today=date(2026, 12, 28))
        days = sorted(db.session.scalars(select(Slot.day).distinct()))
        assert days == [date(2026, 12, 28), date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)]
        assert "2027" in caplog.text
        db.session.add(CalendarYear(year=2027, note="国务院办公厅通知"))
        db.session.commit()
        slots.ensure_slots(today=date(2026, 12, 28))
        assert slots_on(line, date(2027, 1, 4))  # Monday, now known to be a working day


def test_the_sweep_keeps_slots_generated(app, tree):
    assert slots.ensure_slots in jobs.SWEEPERS
    line = make_line(app, tree)
    with app.app_context(), time_machine.travel(hall_time(2026, 11, 23, 7, 0), tick=False):
        jobs.sweep()
        assert len(slots_on(line, MONDAY)) == 13


# --- Availability -------------------------------------------------------------------------------


@pytest.fixture
def line(app, tree) -> Line:
    line = make_line(app, tree)
    with app.app_context():
        slots.ensure_slots(today=MONDAY)
    return line


def test_a_day_is_released_at_8_on_d_minus_7_in_hall_time(app, line):
    """At 07:59 on Monday November 23 the next Monday is generated but not released; at 08:00 it is."""
    with app.app_context():
        before = slots.availability(line.hall_id, "ITEM-1", MONDAY, date(2026, 12, 1), hall_time(2026, 11, 23, 7, 59))
        by_date = {day.date: day for day in before.days}
        assert len(before.days) == 9 and (before.category, before.category_name) == ("A", "社保")
        next_monday = by_date["2026-11-30"]
        assert (next_monday.released, next_monday.released_at) == (False, "2026-11-23T08:00:00+08:00")
        assert len(next_monday.slots) == 13 and not any(slot.bookable for slot in next_monday.slots)
        beyond = by_date["2026-12-01"]
        assert (beyond.released, beyond.released_at, beyond.slots) == (False, "2026-11-24T08:00:00+08:00", [])
        assert by_date["2026-11-28"].slots == []  # Saturday

        after = slots.availability(
            line.hall_id, "ITEM-1", date(2026, 11, 30), date(2026, 11, 30), hall_time(2026, 11, 23, 8, 0)
        )
        assert after.days[0].released and all(slot.bookable for slot in after.days[0].slots)


def test_booking_closes_an_hour_before_the_slot(app, line):
    with app.app_context():
        today = slots.availability(line.hall_id, "ITEM-1", MONDAY, MONDAY, hall_time(2026, 11, 23, 8, 30)).days[0]
        first = today.slots[:3]
        assert [(slot.starts_at, slot.bookable) for slot in first] == [
            ("2026-11-23T09:00:00+08:00", False),
            ("2026-11-23T09:30:00+08:00", False),  # closes at 08:30 exactly
            ("2026-11-23T10:00:00+08:00", True),
        ]
        assert first[0].ends_at == "2026-11-23T09:30:00+08:00" and first[0].remaining == 2


def test_full_and_closed_slots_have_nothing_remaining(app, line):
    with app.app_context():
        full, closed = slots_on(line, date(2026, 11, 24))[:2]
        full.booked, closed.closed = 2, True
        db.session.commit()
        views = slots.availability(line.hall_id, "ITEM-1", date(2026, 11, 24), None, hall_time(2026, 11, 23, 9)).days
        first, second, third = views[0].slots[:3]
        assert [(view.remaining, view.bookable) for view in (first, second, third)] == [
            (0, False),
            (0, False),
            (2, True),
        ]
        assert len(views) == 8  # no `to`: up to the release horizon (days_ahead)


def test_the_answer_is_cached_for_two_seconds(app, line):
    now = hall_time(2026, 11, 23, 9)
    with app.app_context():
        assert slots.availability(line.hall_id, "ITEM-1", MONDAY, MONDAY, now).days[0].slots[-1].remaining == 2
        db.session.execute(update(Slot).values(booked=1))
        db.session.commit()
        assert slots.availability(line.hall_id, "ITEM-1", MONDAY, MONDAY, now).days[0].slots[-1].remaining == 2
        redis = get_redis()
        key = f"slots:{{hall:{line.hall_id}}}:{line.category_id}:2026-11-23:2026-11-23"
        assert 0 < redis.pttl(key) <= 2000
        redis.delete(key)  # what two seconds do
        assert slots.availability(line.hall_id, "ITEM-1", MONDAY, MONDAY, now).days[0].slots[-1].remaining == 1


def test_what_availability_refuses(app, line):
    now = hall_time(2026, 11, 23, 9)
    with app.app_context():
        for hall_id, code in ((line.hall_id + 99, "ITEM-1"), (line.hall_id, "ITEM-2"), (line.hall_id, "ITEM-3")):
            with pytest.raises(NotFound):
                slots.availability(hall_id, code, MONDAY, MONDAY, now)
        with pytest.raises(InvalidInput) as backwards:
            slots.availability(line.hall_id, "ITEM-1", MONDAY, MONDAY - timedelta(days=1), now)
        assert list(backwards.value.details["fields"]) == ["to"]
        with pytest.raises(InvalidInput) as too_long:
            slots.availability(line.hall_id, "ITEM-1", MONDAY, MONDAY + timedelta(days=31), now)
        assert list(too_long.value.details["fields"]) == ["to"]
        assert len(slots.availability(line.hall_id, "ITEM-1", MONDAY, MONDAY + timedelta(days=30), now).days) == 31
        db.session.execute(update(ServiceItem).where(ServiceItem.code == "ITEM-1").values(appointment=False))
        db.session.commit()
        with pytest.raises(ItemNotBookable):
            slots.availability(line.hall_id, "ITEM-1", MONDAY, MONDAY, now)


# --- Administration -----------------------------------------------------------------------------


def test_an_admin_changes_capacity_and_closes_a_slot_with_an_audit_row(app, line):
    admin = StaffRights(7, (Grant(DEPT_ADMIN, Scope("region", line.region_id)),))
    with app.app_context():
        slot = slots_on(line, MONDAY)[0]
        changed = slots.adjust_slot(slot.id, capacity=4, closed=True, reason="窗口设备检修", admin=admin)
        assert (changed.capacity, changed.closed, changed.remaining, changed.category) == (4, True, 0, "A")
        assert changed.starts_at.isoformat() == "2026-11-23T09:00:00+08:00"
        row = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "slot.adjust"))
        assert (row.actor_id, row.actor_role, row.object_type, row.object_id) == (7, DEPT_ADMIN, "slot", str(slot.id))
        assert row.details == {
            "before": {"capacity": 2, "closed": False},
            "after": {"capacity": 4, "closed": True},
            "reason": "窗口设备检修",
            "hall_id": line.hall_id,
            "day": "2026-11-23",
        }


def test_capacity_never_goes_below_what_is_booked(app, line):
    with app.app_context():
        slot = slots_on(line, MONDAY)[0]
        slot.booked = 2
        db.session.commit()
        with pytest.raises(CapacityBelowBooked) as refused:
            slots.adjust_slot(slot.id, capacity=1, reason="减少号源测试", admin=EVERYWHERE)
        assert refused.value.details["booked"] == 2
        assert slots.adjust_slot(slot.id, capacity=2, reason="减少号源测试", admin=EVERYWHERE).capacity == 2
        assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "slot.adjust")) == 1


def test_an_adjustment_needs_a_reason_and_a_change(app, line):
    with app.app_context():
        slot_id = slots_on(line, MONDAY)[0].id
        with pytest.raises(InvalidInput) as short:
            slots.adjust_slot(slot_id, capacity=3, reason=" 短 ", admin=EVERYWHERE)
        assert list(short.value.details["fields"]) == ["reason"]
        with pytest.raises(InvalidInput) as nothing:
            slots.adjust_slot(slot_id, reason="什么也不改的理由", admin=EVERYWHERE)
        assert list(nothing.value.details["fields"]) == ["_schema"]


def test_out_of_scope_or_the_wrong_role_looks_missing(app, tree, line):
    with app.app_context():
        slot_id = slots_on(line, MONDAY)[0].id
        for rights in (
            StaffRights(3, (Grant(SYS_ADMIN, Scope("region", tree.district_y)),)),  # the other district
            StaffRights(4, (Grant(WINDOW_STAFF, Scope("all")),)),
        ):
            with pytest.raises(NotFound):
                slots.adjust_slot(slot_id, closed=True, reason="不该成功的修改", admin=rights)
        assert slots.day_slots(line.hall_id, MONDAY, viewer=StaffRights(4, (Grant(WINDOW_STAFF, Scope("all")),)))


def test_a_schedule_is_set_validated_audited_and_generates_slots(app, tree):
    line = make_line(app, tree)
    with app.app_context(), time_machine.travel(hall_time(2026, 11, 23, 9), tick=False):
        with pytest.raises(InvalidInput) as bad:
            slots.set_schedule(
                line.hall_id,
                "A",
                {"window_minutes": 3, "release_time": "8am", "capacity": 0, "extra": 1},
                admin=EVERYWHERE,
            )
        assert set(bad.value.details["fields"]) == {"window_minutes", "release_time", "capacity", "extra"}
        schedule = slots.set_schedule(line.hall_id, "A", {"window_minutes": 60, "days_ahead": 0}, admin=EVERYWHERE)
        assert (schedule.window_minutes, schedule.capacity, schedule.release_time) == (60, None, "08:00")
        row = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "slot_schedule.set"))
        assert row.details == {
            "hall_id": line.hall_id,
            "category": "A",
            "before": {"window_minutes": 30, "days_ahead": 7},
            "after": {"window_minutes": 60, "days_ahead": 0},
        }
        jobs.run_ready()  # what the request layer does after the answer
        assert len(slots_on(line, MONDAY)) == 6  # 09-12 and 13:30-16:30 in hours
        with pytest.raises(NotFound):
            slots.set_schedule(line.hall_id, "Z", {}, admin=EVERYWHERE)
        with pytest.raises(NotFound):
            slots.set_schedule(line.hall_id, "A", {}, admin=StaffRights(5, (Grant(DEPT_ADMIN, Scope("all")),)))


def test_flask_generate_slots(app, tree, runner):
    line = make_line(app, tree)
    with time_machine.travel(hall_time(2026, 11, 23, 7, 0), tick=False):
        other = runner.invoke(args=["generate-slots", "--hall", str(tree.hall_x1)])
        first = runner.invoke(args=["generate-slots", "--hall", str(line.hall_id)])
        again = runner.invoke(args=["generate-slots"])
    assert (other.exit_code, other.output) == (0, "Slots created: 0\n")  # a hall without schedules
    assert (first.exit_code, first.output) == (0, "Slots created: 78\n")  # 6 working days of 13 slots
    assert (again.exit_code, again.output) == (0, "Slots created: 0\n")
