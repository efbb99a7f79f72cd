"""Booking (issue 6) at the service level, with a frozen clock in hall time: every rule with its code and
when to try again, idempotency (also concurrent), cancel and reschedule, check-in tokens, the no-show job
with its strikes and bans, and the day-before reminder."""

from __future__ import annotations

import threading
import uuid
from datetime import date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select, update

from app import jobs
from app.errors import (
    AlreadyBooked,
    AlreadyCheckedIn,
    AppointmentNotActive,
    AssuranceRequired,
    BanNotActive,
    BookingBanned,
    BookingClosed,
    BookingOverlap,
    ChangeTooLate,
    CheckInExpired,
    CheckInInvalid,
    CheckInTooEarly,
    CheckInWrongHall,
    IdempotencyKeyRequired,
    IdempotencyKeyReused,
    InvalidInput,
    ItemNotBookable,
    NotAWorkingDay,
    NotFound,
    RedisUnavailable,
    SlotClosed,
    SlotFull,
    SlotNotReleased,
    TooManyBookings,
)
from app.extensions import db
from app.models import (
    Appointment,
    AuditEvent,
    BookingBan,
    HolidayOverride,
    Notification,
    ProxyGrant,
    ServiceItem,
    ShortLink,
    Slot,
)
from app.redis_store import connect, get_redis
from app.services import appointments, booking_policy, idempotency, residents, slots, staff
from app.services.idempotency import IdempotentRequest
from app.services.scopes import DEPT_ADMIN
from tests.booking_helpers import MONDAY, SHANGHAI, Line, hall_time, make_line, set_schedule
from tests.catalog_helpers import build_tree
from tests.helpers import CLOSED_PORT_REDIS
from tests.staff_helpers import create_staff

NOW = hall_time(2026, 11, 23, 8, 30)  # Monday; Tuesday's slots were released a week ago
TUESDAY, WEDNESDAY = date(2026, 11, 24), date(2026, 11, 25)


@pytest.fixture
def line(app, tree) -> Line:
    line = make_line(app, tree)  # two windows: capacity 2 a slot
    with app.app_context():
        slots.ensure_slots(today=MONDAY)
    return line


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def new_resident(phone: str = "13800138000") -> int:
    resident = residents.new_resident(phone)
    db.session.commit()
    return resident.id


def slot_at(line: Line, day: date, hhmm: str) -> Slot:
    hour, minute = map(int, hhmm.split(":"))
    starts = datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)
    return db.session.scalar(select(Slot).where(Slot.category_id == line.category_id, Slot.starts_at == starts))


def book(resident_id: int, slot: Slot, *, key: str | None = None, item: str = "ITEM-1", **options):
    actor = options.pop("actor", resident_id)
    body = {"item_code": item, "slot_id": slot.id, "acting_for": options.get("acting_for")}
    request = IdempotentRequest.of(f"resident:{actor}", key or str(uuid.uuid4()), appointments.BOOK, body)
    return appointments.book(actor, item, slot.id, request=request, **options).appointment


def booked_count(slot_id: int) -> int:
    db.session.expire_all()
    return db.session.get(Slot, slot_id).booked


def messages(resident_id: int, template: str) -> list[Notification]:
    return db.session.scalars(
        select(Notification).where(Notification.resident_id == resident_id, Notification.template == template)
    ).all()


# --- Booking ------------------------------------------------------------------------------------


def test_a_booking_takes_a_place_and_confirms_with_the_hall_time(app, line, clock):
    with app.app_context():
        resident = new_resident()
        slot = slot_at(line, TUESDAY, "09:00")
        appointment = book(resident, slot)
        assert appointment.status == "booked" and appointment.resident_id == appointment.booked_by_id == resident
        assert len(appointment.reference) == 8 and set(appointment.reference) <= set(appointments.REFERENCE_ALPHABET)
        assert booked_count(slot.id) == 1
        [confirmation] = messages(resident, "appointment_booked")
        assert confirmation.data == {"item": "社保卡", "time": "2026-11-24 09:00", "hall": "测试大厅"}
        assert confirmation.link == f"pages/appointment/index?ref={appointment.reference}"


def test_the_same_key_replays_and_another_body_is_refused(app, line, clock):
    with app.app_context():
        resident = new_resident()
        slot, other = slot_at(line, TUESDAY, "09:00"), slot_at(line, TUESDAY, "10:00")
        first = book(resident, slot, key="retry-1")
        body = {"item_code": "ITEM-1", "slot_id": slot.id, "acting_for": None}
        again = appointments.book(
            resident,
            "ITEM-1",
            slot.id,
            request=IdempotentRequest.of(f"resident:{resident}", "retry-1", "appointments.book", body),
        )
        assert (again.replayed, again.appointment.id) == (True, first.id)
        assert booked_count(slot.id) == 1
        with pytest.raises(IdempotencyKeyReused):
            book(resident, other, key="retry-1")
        assert booked_count(other.id) == 0


@pytest.mark.parametrize("key", [None, "", "has space", "x" * 256, "ключ"])
def test_a_key_is_1_to_255_printable_ascii_characters(key):
    with pytest.raises(IdempotencyKeyRequired):
        IdempotentRequest.of("resident:1", key, appointments.BOOK, {})


def test_concurrent_duplicates_make_one_booking(build_app, clock):
    """Eight requests with one key at once, each on its own connection: one appointment, every caller gets it,
    one place taken. (A built app commits for real: the ``app`` fixture shares one connection.)"""
    app = build_app()
    line = make_line(app, build_tree(app))
    with app.app_context():
        slots.ensure_slots(today=MONDAY)
        resident = new_resident()
        slot_id = slot_at(line, TUESDAY, "09:00").id
    barrier, ids, errors = threading.Barrier(8), [], []

    def run() -> None:
        with app.app_context():
            body = {"item_code": "ITEM-1", "slot_id": slot_id, "acting_for": None}
            request = IdempotentRequest.of(f"resident:{resident}", "same", appointments.BOOK, body)
            barrier.wait()
            try:
                ids.append(appointments.book(resident, "ITEM-1", slot_id, request=request).appointment.id)
            except Exception as exc:
                errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(ids) == 8 and len(set(ids)) == 1
    with app.app_context():
        assert booked_count(slot_id) == 1
        assert db.session.scalar(select(func.count(Appointment.id))) == 1


def test_a_full_slot_is_refused_and_remembered_until_a_place_comes_back(app, line, clock):
    with app.app_context():
        slot = slot_at(line, TUESDAY, "09:00")
        first, second, third = new_resident("13800138001"), new_resident("13800138002"), new_resident("13800138003")
        kept = book(first, slot)
        book(second, slot)
        with pytest.raises(SlotFull) as refused:
            book(third, slot)
        assert refused.value.details == {"slot_id": slot.id}
        assert get_redis().exists(f"slotfull:{slot.id}")
        appointments.cancel(first, kept.id)
        assert not get_redis().exists(f"slotfull:{slot.id}")
        assert book(third, slot).slot_id == slot.id
        assert booked_count(slot.id) == 2


def test_the_full_mark_only_shortcuts_the_database_never_overrides_it(app, line, clock):
    """A stale mark refuses for seconds at most; without one, the guarded UPDATE alone decides."""
    with app.app_context():
        slot = slot_at(line, TUESDAY, "09:00")
        slots.mark_full(slot.id)
        with pytest.raises(SlotFull):
            book(new_resident(), slot)
        assert booked_count(slot.id) == 0
        get_redis().flushdb()
        db.session.execute(update(Slot).where(Slot.id == slot.id).values(booked=2))
        db.session.commit()
        with pytest.raises(SlotFull):
            book(new_resident("13800138009"), slot)


def test_a_retry_is_replayed_even_when_the_slot_has_filled_since(app, line, clock):
    """The full mark turns requests away before any SQL, but never a retry of one that may have booked."""
    with app.app_context():
        resident = new_resident()
        slot = slot_at(line, TUESDAY, "09:00")
        first = book(resident, slot, key="retry-1")
        slots.mark_full(slot.id)
        assert book(resident, slot, key="retry-1").id == first.id
        with pytest.raises(SlotFull):
            book(new_resident("13800138009"), slot)


def test_no_booking_is_committed_without_redis(app, line, clock, monkeypatch):
    with app.app_context():
        resident, slot = new_resident(), slot_at(line, TUESDAY, "09:00")
        monkeypatch.setattr(idempotency, "get_redis", lambda: connect(CLOSED_PORT_REDIS))
        with pytest.raises(RedisUnavailable):
            book(resident, slot)
        assert booked_count(slot.id) == 0
        assert db.session.scalar(select(func.count(Appointment.id))) == 0


def test_slots_open_at_8_on_d_minus_7_and_say_when(app, line):
    with app.app_context():
        resident = new_resident()
        monday = slot_at(line, date(2026, 11, 30), "09:00")
        with time_machine.travel(hall_time(2026, 11, 23, 7, 59), tick=False), pytest.raises(SlotNotReleased) as early:
            book(resident, monday)
        assert early.value.details == {"opens_at": "2026-11-23T08:00:00+08:00"}
        assert "2026-11-23 08:00" in early.value.zh and "2026-11-23 08:00" in early.value.en
        with time_machine.travel(hall_time(2026, 11, 23, 8, 0), tick=False):
            assert book(resident, monday).day == date(2026, 11, 30)


def test_booking_closes_an_hour_before_and_never_after_the_walk_in_release(app, line, clock):
    with app.app_context():
        resident = new_resident()
        with pytest.raises(BookingClosed) as closed:
            book(resident, slot_at(line, MONDAY, "09:30"))  # closes at 08:30: now
        assert closed.value.details == {"closed_at": "2026-11-23T08:30:00+08:00"}
        set_schedule(line, close_minutes_before=0, walk_in_minutes_before=45)
        with pytest.raises(BookingClosed):
            book(resident, slot_at(line, MONDAY, "09:00"))
        assert book(resident, slot_at(line, MONDAY, "09:30")).status == "booked"  # released to walk-ins at 08:45


def test_a_day_that_became_a_holiday_and_a_closed_slot_are_refused(app, line, clock):
    with app.app_context():
        resident = new_resident()
        db.session.add(HolidayOverride(day=TUESDAY, working=False, note="临时调休"))
        db.session.commit()
        with pytest.raises(NotAWorkingDay):
            book(resident, slot_at(line, TUESDAY, "09:00"))
        slot = slot_at(line, WEDNESDAY, "09:00")
        slot.closed = True
        db.session.commit()
        with pytest.raises(SlotClosed):
            book(resident, slot)


def test_items_the_line_does_not_take_or_that_need_a_higher_level(app, line, clock):
    with app.app_context():
        resident = new_resident()
        slot = slot_at(line, TUESDAY, "09:00")
        with pytest.raises(ItemNotBookable):
            book(resident, slot, item="ITEM-2")  # published, handled by another line
        with pytest.raises(NotFound):
            book(resident, slot, item="ITEM-3")  # a draft
        db.session.execute(update(ServiceItem).where(ServiceItem.code == "ITEM-1").values(assurance_level=2))
        db.session.commit()
        with pytest.raises(AssuranceRequired) as refused:
            book(resident, slot)
        assert refused.value.details == {"required_level": 2, "level": 1}
        assert booked_count(slot.id) == 0


def test_one_active_booking_per_item_says_which_and_until_when(app, line, clock):
    with app.app_context():
        resident = new_resident()
        held = book(resident, slot_at(line, TUESDAY, "09:00"))
        with pytest.raises(AlreadyBooked) as refused:
            book(resident, slot_at(line, WEDNESDAY, "09:00"))
        assert refused.value.details == {"reference": held.reference, "retry_after": "2026-11-24T09:30:00+08:00"}


def test_overlapping_bookings_and_at_most_three_active(app, line, clock):
    app.config["BOOKING_MAX_PER_ITEM"] = 10
    with app.app_context():
        resident = new_resident()
        first = book(resident, slot_at(line, TUESDAY, "09:00"))
        with pytest.raises(BookingOverlap) as overlap:
            book(resident, slot_at(line, TUESDAY, "09:00"))
        assert overlap.value.details == {"reference": first.reference}
        book(resident, slot_at(line, TUESDAY, "10:00"))
        book(resident, slot_at(line, WEDNESDAY, "09:00"))
        with pytest.raises(TooManyBookings) as refused:
            book(resident, slot_at(line, WEDNESDAY, "10:00"))
        assert refused.value.details == {"limit": 3, "retry_after": "2026-11-24T09:30:00+08:00"}


def test_a_proxy_books_for_the_grantor_and_both_are_recorded(app, line, clock):
    with app.app_context():
        grantor, proxy = new_resident("13800138001"), new_resident("13800138002")
        slot = slot_at(line, TUESDAY, "09:00")
        with pytest.raises(NotFound):
            book(grantor, slot, actor=proxy, acting_for=grantor)
        db.session.add(
            ProxyGrant(
                grantor_id=grantor,
                grantee_id=proxy,
                grantor_phone_index=residents.phone_index("13800138001"),
                relation="child",
                status="active",
                invitation_expires_at=NOW,
            )
        )
        db.session.commit()
        appointment = book(grantor, slot, actor=proxy, acting_for=grantor)
        assert (appointment.resident_id, appointment.booked_by_id) == (grantor, proxy)
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "appointment.book"))
        assert (event.actor_id, event.acting_for_id) == (proxy, grantor)
        assert messages(grantor, "appointment_booked") and not messages(proxy, "appointment_booked")
        assert [view.appointment.id for view in appointments.list_mine(proxy)] == [appointment.id]


# --- Cancel and reschedule ----------------------------------------------------------------------


def test_cancel_until_two_hours_before_gives_the_place_back(app, line, clock):
    with app.app_context():
        resident = new_resident()
        slot = slot_at(line, MONDAY, "11:00")
        appointment = book(resident, slot)
        cancelled = appointments.cancel(resident, appointment.id)
        assert (cancelled.status, cancelled.cancelled_by, booked_count(slot.id)) == ("cancelled", "resident", 0)
        with pytest.raises(AppointmentNotActive):
            appointments.cancel(resident, appointment.id)
        late = book(resident, slot_at(line, MONDAY, "10:30"))
        with pytest.raises(ChangeTooLate) as refused:
            appointments.cancel(resident, late.id)
        assert refused.value.details == {"deadline": "2026-11-23T08:30:00+08:00"}
        with pytest.raises(NotFound):
            appointments.cancel(new_resident("13800138009"), late.id)


def test_reschedule_takes_the_new_place_first_and_keeps_the_reference(app, line, clock):
    with app.app_context():
        resident, other = new_resident("13800138001"), new_resident("13800138002")
        old, new = slot_at(line, TUESDAY, "09:00"), slot_at(line, WEDNESDAY, "10:00")
        appointment = book(resident, old)
        token = appointments.check_in_token(appointment)
        moved = appointments.reschedule(resident, appointment.id, new.id)
        assert (moved.reference, moved.slot_id, moved.day, moved.reschedules) == (
            appointment.reference,
            new.id,
            WEDNESDAY,
            1,
        )
        assert (booked_count(old.id), booked_count(new.id)) == (0, 1)
        assert len(messages(resident, "appointment_booked")) == 2  # a confirmation of the new time
        assert appointments.check_in_token(moved) != token  # another day, another token
        full = slot_at(line, WEDNESDAY, "11:00")
        book(other, full)
        db.session.execute(update(Slot).where(Slot.id == full.id).values(capacity=1))
        db.session.commit()
        with pytest.raises(SlotFull):
            appointments.reschedule(resident, appointment.id, full.id)
        db.session.expire_all()
        assert db.session.get(Appointment, appointment.id).slot_id == new.id
        assert (booked_count(new.id), booked_count(full.id)) == (1, 1)


# --- Check-in -----------------------------------------------------------------------------------


def test_a_check_in_token_is_short_signed_and_works_once_in_its_window(app, line, tree):
    with app.app_context():
        resident = new_resident()
        with time_machine.travel(NOW, tick=False):
            appointment = book(resident, slot_at(line, TUESDAY, "10:00"))
        token = appointments.check_in_token(appointment)
        assert len(token) <= 24
        tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
        for bad in (tampered, "nonsense", "", "1.", f"{token}X"):
            with pytest.raises(CheckInInvalid):
                appointments.check_in(bad, hall_id=line.hall_id)
        with pytest.raises(CheckInWrongHall):
            appointments.check_in(token, hall_id=tree.hall_x1)
        with time_machine.travel(hall_time(2026, 11, 24, 8, 59), tick=False):
            with pytest.raises(CheckInTooEarly) as early:
                appointments.check_in(token, hall_id=line.hall_id)
            assert early.value.details == {"opens_at": "2026-11-24T09:00:00+08:00"}
        with time_machine.travel(hall_time(2026, 11, 24, 9, 0), tick=False):
            checked = appointments.check_in(token.lower(), hall_id=line.hall_id)  # scanners may change the case
            assert (checked.status, checked.checked_in_at) == ("checked_in", hall_time(2026, 11, 24, 9, 0))
            with pytest.raises(AlreadyCheckedIn):
                appointments.check_in(token, hall_id=line.hall_id)


def test_check_in_ends_with_the_grace_period(app, line):
    with app.app_context():
        with time_machine.travel(NOW, tick=False):
            appointment = book(new_resident(), slot_at(line, TUESDAY, "10:00"))
        token = appointments.check_in_token(appointment)
        with time_machine.travel(hall_time(2026, 11, 24, 10, 46), tick=False), pytest.raises(CheckInExpired):
            appointments.check_in(token, hall_id=line.hall_id)


# --- No-shows and bans ----------------------------------------------------------------------------


def no_show(app, line, resident: int, day: date, hhmm: str = "09:00") -> Appointment:
    """Book ``day`` at ``hhmm`` a week ahead, then run the no-show job after the slot's end and grace."""
    with time_machine.travel(datetime.combine(day - timedelta(days=5), NOW.timetz()), tick=False):
        slots.ensure_slots(today=day - timedelta(days=5))
        appointment = book(resident, slot_at(line, day, hhmm))
    hour, minute = map(int, hhmm.split(":"))
    with time_machine.travel(hall_time(day.year, day.month, day.day, hour, minute) + timedelta(minutes=46), tick=False):
        assert booking_policy.mark_no_shows() == 1
    db.session.expire_all()
    return db.session.get(Appointment, appointment.id)


def test_a_first_no_show_warns_a_second_bans_for_30_days(app, line):
    with app.app_context():
        resident = new_resident()
        first = no_show(app, line, resident, date(2026, 11, 27))
        assert first.status == "no_show"
        [warning] = messages(resident, "booking_warning")
        assert warning.data == {"item": "社保卡", "time": "2026-11-27 09:00", "reason": "未按时签到", "left": "1"}
        assert db.session.scalar(select(func.count(BookingBan.id))) == 0
        no_show(app, line, resident, date(2026, 12, 2))
        ban = db.session.scalar(select(BookingBan))
        assert (ban.reason, ban.strikes, ban.hall_id) == ("no_shows", 2, line.hall_id)
        assert ban.ends_at - ban.starts_at == timedelta(days=30)
        [banned] = messages(resident, "booking_banned")
        assert banned.data == {"reason": "多次爽约", "until": "2027-01-01"}
        with time_machine.travel(hall_time(2026, 12, 3, 9, 0), tick=False), pytest.raises(BookingBanned) as refused:
            book(resident, slot_at(line, date(2026, 12, 4), "09:00"))
        assert refused.value.details == {"until": ban.ends_at.astimezone(SHANGHAI).isoformat(), "reason": "no_shows"}


def test_a_checked_in_appointment_is_never_a_no_show(app, line):
    with app.app_context():
        with time_machine.travel(NOW, tick=False):
            appointment = book(new_resident(), slot_at(line, TUESDAY, "10:00"))
        with time_machine.travel(hall_time(2026, 11, 24, 9, 30), tick=False):
            appointments.check_in(appointments.check_in_token(appointment), hall_id=line.hall_id)
        with time_machine.travel(hall_time(2026, 11, 25, 9, 0), tick=False):
            assert booking_policy.mark_no_shows() == 0


def test_a_dept_admin_of_the_hall_lifts_a_ban_with_a_reason_and_strikes_start_afresh(app, line, tree):
    admin = create_staff(app, "dept-x", (DEPT_ADMIN, "region", tree.district_x))
    outsider = create_staff(app, "dept-y", (DEPT_ADMIN, "region", tree.district_y))
    with app.app_context():
        resident = new_resident()
        no_show(app, line, resident, date(2026, 11, 27))
        no_show(app, line, resident, date(2026, 12, 2))
        ban = db.session.scalar(select(BookingBan))
        with pytest.raises(NotFound):
            booking_policy.lift_ban(ban.id, "申诉核实：当日就医", admin=staff.rights(outsider.id))
        with pytest.raises(InvalidInput):
            booking_policy.lift_ban(ban.id, "短", admin=staff.rights(admin.id))
        lifted = booking_policy.lift_ban(ban.id, "申诉核实：当日就医", admin=staff.rights(admin.id))
        assert lifted.ban.lifted_by_id == admin.id
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "booking_ban.lift"))
        assert event.details == {"ban_id": ban.id, "reason": "申诉核实：当日就医"}
        with pytest.raises(BanNotActive):
            booking_policy.lift_ban(ban.id, "申诉核实：当日就医", admin=staff.rights(admin.id))
        # The strikes before the ban are spent: the next no-show is a warning again.
        no_show(app, line, resident, date(2026, 12, 9))
        assert db.session.scalar(select(func.count(BookingBan.id))) == 1
        assert len(messages(resident, "booking_warning")) == 2


def test_cancellations_above_the_limit_are_strikes(app, line, clock):
    app.config["CANCEL_LIMIT"] = 1
    with app.app_context():
        resident = new_resident()
        for hhmm in ("09:00", "10:00"):
            appointments.cancel(resident, book(resident, slot_at(line, TUESDAY, hhmm)).id)
        [warning] = messages(resident, "booking_warning")
        assert warning.data["reason"] == "取消超限"
        appointments.cancel(resident, book(resident, slot_at(line, TUESDAY, "11:00")).id)
        ban = db.session.scalar(select(BookingBan))
        assert (ban.reason, ban.strikes) == ("cancellations", 2)
        with pytest.raises(BookingBanned):
            book(resident, slot_at(line, WEDNESDAY, "09:00"))


# --- Reminders ----------------------------------------------------------------------------------


def test_the_day_before_at_9_a_reminder_carries_the_checklist_and_a_link(app, line, clock):
    with app.app_context():
        resident = new_resident()
        appointment_id = book(resident, slot_at(line, WEDNESDAY, "10:00")).id
        clock.move_to(hall_time(2026, 11, 24, 8, 59))
        assert appointments.send_reminders() == 0
        clock.move_to(hall_time(2026, 11, 24, 9, 0))
        jobs.sweep()  # the reminder job runs in the sweep, and its message is delivered at once
        assert appointments.send_reminders() == 0  # once
        [reminder] = messages(resident, "appointment_reminder")
        assert reminder.data == {
            "item": "社保卡",
            "time": "2026-11-25 10:00",
            "hall": "测试大厅",
            "materials": "有效身份证件",  # the test item lists no materials
        }
        assert reminder.link == "pages/item/index?code=ITEM-1"
        assert reminder.status == "sent"
        link = db.session.scalar(select(ShortLink).where(ShortLink.purpose == "notification"))
        assert (link.page, link.query) == ("pages/item/index", {"code": "ITEM-1"})
        assert db.session.get(Appointment, appointment_id).reminded_at is not None


def test_a_booking_made_after_the_reminder_time_gets_no_reminder(app, line, clock):
    with app.app_context():
        clock.move_to(hall_time(2026, 11, 24, 10, 0))
        resident = new_resident()
        book(resident, slot_at(line, WEDNESDAY, "10:00"))
        assert appointments.send_reminders() == 0
        assert messages(resident, "appointment_reminder") == []
