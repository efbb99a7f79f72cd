"""Queue tickets (issue 7) at the service level, with a frozen clock in hall time: numbering that survives
Redis losing its data, one active ticket per resident, opening hours, the call order (aging and
interleaving), cancelled tickets skipped, and nothing committed when Redis fails mid-take."""

from __future__ import annotations

import uuid

import pytest
import time_machine
from sqlalchemy import func, select

from app import queueing
from app.errors import AlreadyQueued, HallClosed, NotFound, RedisUnavailable, TicketNotWaiting
from app.extensions import db
from app.models import Appointment, Notification, Slot, Ticket, TicketEvent, Window
from app.redis_store import get_redis
from app.security.crypto import field_crypto
from app.services import appointments, residents, slots, tickets
from app.services.idempotency import IdempotentRequest
from tests.booking_helpers import EVERYWHERE, MONDAY, QUEUE_OPEN, Line, hall_time

NOW = QUEUE_OPEN
KIOSK = tickets.Actor("device", 1)
REQUEST = IdempotentRequest.of("device:1", "key", "tickets.take", {})


def take(line: Line, *, key: str | None = None, **options) -> Ticket:
    options.setdefault("prefix", "A")
    request = IdempotentRequest.of("device:1", key or str(uuid.uuid4()), tickets.TAKE, options)
    return tickets.take(line.hall_id, tickets.Wanted("kiosk", **options), actor=KIOSK, request=request).ticket


def window_of(line: Line) -> int:
    return db.session.scalar(select(Window.id).where(Window.hall_id == line.hall_id).order_by(Window.number))


def call(line: Line) -> str | None:
    called = tickets.call_next(window_of(line), staff=EVERYWHERE)
    return None if called is None else called.label


def test_numbers_run_per_line_per_day_and_every_ticket_is_recorded(app, line, clock):
    with app.app_context():
        first, second = take(line), take(line, item_code="ITEM-1")
        assert (first.label, second.label) == ("A001", "A002")
        assert (second.item_id is not None, second.status, second.source) == (True, "waiting", "kiosk")
        assert [event.kind for event in db.session.scalars(select(TicketEvent).order_by(TicketEvent.id))] == [
            "issued",
            "issued",
        ]
        assert [tickets.view(row).ahead for row in (first, second)] == [0, 1]


def test_numbering_continues_after_redis_loses_everything(app, line, clock):
    with app.app_context():
        for _ in range(3):
            take(line)
        get_redis().flushdb()
        fourth = take(line)
        assert fourth.label == "A004"
        assert db.session.scalar(select(func.count(Ticket.id))) == 4
        # The day was rebuilt from the database before the ticket joined: the first is still first.
        assert call(line) == "A001"


def test_tickets_only_while_the_hall_is_open(app, line):
    with app.app_context():
        for closed in (hall_time(2026, 11, 23, 12, 30), hall_time(2026, 11, 22, 10, 0), hall_time(2026, 11, 23, 8, 59)):
            with time_machine.travel(closed, tick=False), pytest.raises(HallClosed):
                take(line)
        assert db.session.scalar(select(func.count(Ticket.id))) == 0


def test_unknown_lines_and_items(app, line, clock):
    with app.app_context():
        with pytest.raises(NotFound):
            take(line, prefix="Z")
        with pytest.raises(NotFound):
            take(line, prefix=None, item_code="ITEM-2")  # published, but not handled at this hall
        with pytest.raises(NotFound):
            tickets.take(999_999, tickets.Wanted("kiosk", prefix="A"), actor=KIOSK, request=REQUEST)


def test_one_active_ticket_per_resident_per_hall(app, line, clock):
    with app.app_context():
        resident = residents.new_resident("13800138000")
        db.session.commit()
        held = take(line, resident_id=resident.id)
        with pytest.raises(AlreadyQueued) as refused:
            take(line, resident_id=resident.id)
        assert refused.value.details == {"ticket_id": held.id, "number": "A001"}
        tickets.cancel(resident.id, held.id)
        assert take(line, resident_id=resident.id).label == "A002"


def test_redis_failing_before_the_number_commits_nothing(app, line, clock, monkeypatch):
    with app.app_context():
        take(line)

        def down(*args, **kwargs):
            raise RedisUnavailable()

        monkeypatch.setattr(queueing, "next_number", down)
        with pytest.raises(RedisUnavailable):
            take(line)
        assert db.session.scalar(select(func.count(Ticket.id))) == 1
        assert db.session.scalar(select(func.count(TicketEvent.id))) == 1


def test_a_ticket_joins_its_line_once_committed_and_the_sweep_adds_one_redis_missed(app, line, clock, monkeypatch):
    """A window must never pop a ticket it cannot see yet; a ticket committed while Redis failed is still the
    resident's, and ``reconcile`` puts it in line at its fair place."""
    with app.app_context():
        first = take(line)
        steps: list[str] = []
        commit, join = db.session.commit, queueing.join
        with monkeypatch.context() as patch:
            patch.setattr(db.session, "commit", lambda: (steps.append("commit"), commit())[1])
            patch.setattr(queueing, "join", lambda *args: (steps.append("join"), join(*args))[1])
            take(line)
        assert steps == ["commit", "join"]

        def down(*args, **kwargs):
            raise RedisUnavailable()

        with monkeypatch.context() as patch:
            patch.setattr(queueing, "join", down)
            missed = take(line)  # A003: committed, not in line
        assert missed.label == "A003" and missed.status == "waiting"
        assert tickets.reconcile() == 1
        assert tickets.reconcile() == 0
        assert [call(line) for _ in range(3)] == [first.label, "A002", "A003"]


def test_a_retry_with_the_same_key_gets_the_same_ticket(app, line, clock):
    with app.app_context():
        first = take(line, key="kiosk-42")
        assert take(line, key="kiosk-42").id == first.id
        assert db.session.scalar(select(func.count(Ticket.id))) == 1


def test_seventy_and_older_take_the_green_channel(app, line, clock):
    with app.app_context():
        senior, younger = residents.new_resident("13800138001"), residents.new_resident("13800138002")
        for resident, id_number in ((senior, "110105195601010016"), (younger, "110105195701010013")):
            resident.id_number_enc = field_crypto().encrypt(id_number, "resident.id_number")
        db.session.commit()
        assert take(line, resident_id=senior.id).priority == "green"  # 70 on 2026-01-01
        assert take(line, resident_id=younger.id).priority == "normal"  # 70 only in 2027


# --- Calling ------------------------------------------------------------------------------------


def test_calls_go_in_order_and_each_ticket_once(app, line, clock):
    with app.app_context():
        for _ in range(3):
            take(line)
        assert [call(line), call(line), call(line), call(line)] == ["A001", "A002", "A003", None]
        called = db.session.scalars(select(Ticket).order_by(Ticket.number)).all()
        assert {row.status for row in called} == {"called"} and all(row.window_id for row in called)


def test_a_cancelled_ticket_is_skipped_and_cannot_be_cancelled_twice(app, line, clock):
    with app.app_context():
        resident = residents.new_resident("13800138000")
        db.session.commit()
        first = take(line, resident_id=resident.id)
        take(line)
        tickets.cancel(resident.id, first.id)
        with pytest.raises(TicketNotWaiting):
            tickets.cancel(resident.id, first.id)
        with pytest.raises(NotFound):
            tickets.cancel(resident.id + 1, first.id)
        assert call(line) == "A002"


def test_aging_a_priority_ticket_goes_first_only_by_its_boost(app, line, clock):
    """Green is brought forward 30 minutes: it passes a normal ticket that waited 20, not one that waited 40."""
    with app.app_context():
        take(line)  # A001 at 10:00
        clock.move_to(hall_time(2026, 11, 23, 10, 20))
        take(line, green=True)  # A002
        assert call(line) == "A002"
        clock.move_to(hall_time(2026, 11, 23, 10, 40))
        take(line, green=True)  # A003: brought forward to 10:10, after A001's 10:00
        assert [call(line), call(line)] == ["A001", "A003"]


def test_interleaving_calls_a_waiting_normal_ticket_after_n_priority_ones(app, line, clock):
    app.config["QUEUE_INTERLEAVE"] = 2
    with app.app_context():
        take(line)  # A001 normal
        for _ in range(3):
            take(line, green=True)  # A002-A004
        assert [call(line) for _ in range(5)] == ["A002", "A003", "A001", "A004", None]


def test_a_called_resident_is_told_which_window(app, line, clock):
    with app.app_context():
        resident = residents.new_resident("13800138000")
        db.session.commit()
        take(line, resident_id=resident.id, prefix=None, item_code="ITEM-1")
        call(line)
        message = db.session.scalar(select(Notification).where(Notification.template == "ticket_called"))
        assert message.data == {"number": "A001", "window": "01", "item": "社保卡"}
        assert tickets.view(db.session.scalar(select(Ticket))).window == "01"


def test_a_resident_is_told_once_when_their_turn_is_close(app, line, clock):
    """With QUEUE_NEAR_PLACES = 2: the ticket that has two ahead after a call is told, once."""
    app.config["QUEUE_NEAR_PLACES"] = 2
    with app.app_context():
        resident = residents.new_resident("13800138000")
        db.session.commit()
        for _ in range(3):
            take(line)  # A001-A003
        mine = take(line, resident_id=resident.id)  # A004: three ahead, not told on taking it
        take(line)  # A005
        assert db.session.scalar(select(Notification).where(Notification.template == "ticket_near")) is None
        assert call(line) == "A001"  # A004 now has two ahead
        assert call(line) == "A002"  # one ahead: not told again
        messages = db.session.scalars(select(Notification).where(Notification.template == "ticket_near")).all()
        assert [(row.resident_id, row.data) for row in messages] == [(resident.id, {"number": "A004", "ahead": "2"})]
        assert tickets.view(mine).ahead == 1


def test_rebuild_restores_the_lines_in_their_order(app, line, clock):
    with app.app_context():
        take(line)
        take(line, green=True)
        take(line)
        get_redis().flushdb()
        assert tickets.rebuild_all()[line.hall_id] == 3  # and 0 at the tree's other halls
        assert [call(line), call(line), call(line)] == ["A002", "A001", "A003"]


def test_flask_rebuild_queues(app, line, clock, runner):
    with app.app_context():
        take(line)
        take(line)
        get_redis().flushdb()
    result = runner.invoke(args=["rebuild-queues"])
    assert result.exit_code == 0, result.output
    assert "waiting tickets: 2" in result.output
    with app.app_context():
        assert queueing.is_built(queueing.HallDay(line.hall_id, NOW.date()))
        assert call(line) == "A001"


# --- Appointment check-in -----------------------------------------------------------------------


def booked(line: Line, hhmm: str) -> Appointment:
    """An appointment today at ``hhmm``, booked last week."""
    with time_machine.travel(hall_time(2026, 11, 16, 9, 0), tick=False):
        slots.ensure_slots(today=MONDAY)
        resident = residents.new_resident("13800138000")
        db.session.commit()
        starts = hall_time(2026, 11, 23, *map(int, hhmm.split(":")))
        slot = db.session.scalar(select(Slot).where(Slot.category_id == line.category_id, Slot.starts_at == starts))
        request = IdempotentRequest.of(f"resident:{resident.id}", "b", appointments.BOOK, {})
        return appointments.book(resident.id, "ITEM-1", slot.id, request=request).appointment


def test_a_scanned_appointment_is_checked_in_with_a_priority_ticket_once(app, line, clock):
    with app.app_context():
        appointment = booked(line, "10:30")
        take(line)  # A001, a walk-in who came at 10:00
        token = appointments.check_in_token(appointment)
        taken = tickets.check_in(token, hall_id=line.hall_id, actor=KIOSK)
        assert (taken.replayed, taken.ticket.label, taken.ticket.priority) == (False, "A002", "appointment")
        assert (taken.ticket.appointment_id, taken.ticket.resident_id) == (appointment.id, appointment.resident_id)
        assert db.session.get(Appointment, appointment.id).status == "checked_in"
        again = tickets.check_in(token, hall_id=line.hall_id, actor=KIOSK)  # a second scan reprints it
        assert (again.replayed, again.ticket.id) == (True, taken.ticket.id)
        assert call(line) == "A002"  # brought forward an hour: before the 10:00 walk-in


def test_a_check_in_that_fails_leaves_the_appointment_booked(app, line, clock, monkeypatch):
    with app.app_context():
        appointment = booked(line, "10:30")

        def down(*args, **kwargs):
            raise RedisUnavailable()

        monkeypatch.setattr(queueing, "next_number", down)
        with pytest.raises(RedisUnavailable):
            tickets.check_in(appointments.check_in_token(appointment), hall_id=line.hall_id, actor=KIOSK)
        db.session.expire_all()
        assert db.session.get(Appointment, appointment.id).status == "booked"
        assert db.session.scalar(select(func.count(Ticket.id))) == 0


def test_checked_in_after_the_slot_ended_is_a_normal_ticket(app, line, clock):
    with app.app_context():
        appointment = booked(line, "09:00")  # ended at 09:30; check-in closes at 09:45
        clock.move_to(hall_time(2026, 11, 23, 9, 40))
        taken = tickets.check_in(appointments.check_in_token(appointment), hall_id=line.hall_id, actor=KIOSK)
        assert taken.ticket.priority == "normal"


def test_im_here_checks_in_from_the_app_for_the_appointments_owner_only(app, line, clock):
    with app.app_context():
        appointment = booked(line, "10:30")
        stranger = residents.new_resident("13900139000")
        db.session.commit()
        with pytest.raises(NotFound):
            tickets.arrive(stranger.id, appointment.id)
        taken = tickets.arrive(appointment.resident_id, appointment.id)
        assert (taken.ticket.source, taken.ticket.priority, taken.ticket.label) == (
            "appointment",
            "appointment",
            "A001",
        )
        assert tickets.arrive(appointment.resident_id, appointment.id).ticket.id == taken.ticket.id
