"""A window's actions on a called ticket (issue 7): start, hold and resume, complete with an outcome, recall
until it is a no-show, skip and one rejoin at the back, transfer keeping the queue time; every action from
a state that does not allow it is refused with the ticket's state."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from app.errors import InvalidInput, NotFound, TicketState, WindowPaused
from app.extensions import db
from app.models import Application, QueueCategory, Ticket, TicketEvent, Window
from app.services import board, residents, tickets, window_sessions, windows
from app.services.idempotency import IdempotentRequest
from app.services.scopes import WINDOW_STAFF, Grant, Scope, StaffRights
from tests.application_helpers import make_online_item, submitted
from tests.booking_helpers import EVERYWHERE, QUEUE_OPEN, Line, hall_time

NOW = QUEUE_OPEN


def take(line: Line, **options):
    options.setdefault("prefix", "A")
    request = IdempotentRequest.of("device:1", str(uuid.uuid4()), tickets.TAKE, {})
    return tickets.take(line.hall_id, tickets.Wanted("kiosk", **options), actor=tickets.Actor("device", 1),
                        request=request).ticket  # fmt: skip


def window_of(line: Line) -> int:
    return db.session.scalar(select(Window.id).where(Window.hall_id == line.hall_id).order_by(Window.number))


def called(line: Line, **options) -> tuple[int, int]:
    take(line, **options)
    ticket = tickets.call_next(window_of(line), staff=EVERYWHERE)
    return window_of(line), ticket.id


def test_serve_hold_resume_and_complete_with_an_outcome(app, line, clock):
    with app.app_context():
        window, ticket = called(line)
        assert windows.act(window, ticket, "start", staff=EVERYWHERE).status == "serving"
        assert windows.act(window, ticket, "hold", staff=EVERYWHERE).status == "held"
        with pytest.raises(TicketState) as refused:
            windows.complete(window, ticket, "done", staff=EVERYWHERE)
        assert refused.value.details == {"status": "held", "window_id": window, "action": "complete"}
        assert windows.act(window, ticket, "resume", staff=EVERYWHERE).status == "serving"
        with pytest.raises(InvalidInput):
            windows.complete(window, ticket, "great", staff=EVERYWHERE)
        done = windows.complete(window, ticket, "incomplete", staff=EVERYWHERE)
        assert (done.status, done.finished_at) == ("done", NOW)
        kinds = db.session.execute(
            select(TicketEvent.kind, TicketEvent.details)
            .where(TicketEvent.ticket_id == ticket)
            .order_by(TicketEvent.id)
        ).all()
        assert [kind for kind, _ in kinds] == ["issued", "called", "start", "hold", "resume", "complete"]
        assert kinds[-1].details == {"outcome": "incomplete"}


def test_a_third_recall_makes_a_no_show(app, line, clock):
    with app.app_context():
        window, ticket = called(line)
        before = board.cursor(line.hall_id, None)
        for _ in range(2):
            assert windows.recall(window, ticket, staff=EVERYWHERE).status == "called"
        recalls = board.events(line.hall_id, before, block_ms=0)
        assert [(kind, data["announcement"]) for _, kind, data in recalls] == [("call", "请A001号到1号窗口办理")] * 2
        assert windows.recall(window, ticket, staff=EVERYWHERE).status == "no_show"
        with pytest.raises(TicketState):
            windows.recall(window, ticket, staff=EVERYWHERE)


def test_a_skipped_resident_rejoins_once_at_the_back_within_ten_minutes(app, line, clock):
    with app.app_context():
        resident = residents.new_resident("13800138000")
        db.session.commit()
        window, ticket = called(line, resident_id=resident.id, green=True)
        windows.act(window, ticket, "skip", staff=EVERYWHERE)
        take(line)  # A002, came after
        clock.move_to(hall_time(2026, 11, 23, 10, 9))
        back = windows.rejoin(resident.id, ticket)
        assert (back.status, back.priority, back.queued_at) == ("waiting", "normal", hall_time(2026, 11, 23, 10, 9))
        assert tickets.view(back).ahead == 1  # behind A002
        again = tickets.call_next(window, staff=EVERYWHERE)
        assert again.label == "A002"
        assert tickets.call_next(window, staff=EVERYWHERE).id == ticket
        windows.act(window, ticket, "skip", staff=EVERYWHERE)
        with pytest.raises(TicketState):
            windows.rejoin(resident.id, ticket)  # once only


def test_rejoining_after_ten_minutes_is_refused(app, line, clock):
    with app.app_context():
        resident = residents.new_resident("13800138000")
        db.session.commit()
        window, ticket = called(line, resident_id=resident.id)
        windows.act(window, ticket, "skip", staff=EVERYWHERE)
        clock.move_to(hall_time(2026, 11, 23, 10, 11))
        with pytest.raises(TicketState):
            windows.rejoin(resident.id, ticket)


def test_completing_links_the_visit_to_the_holders_application(app, line, tree, clock):
    make_online_item(app, tree)
    with app.app_context():
        holder, other = residents.new_resident("13800138000"), residents.new_resident("13900139000")
        db.session.commit()
        theirs, mine = submitted(other.id, now=NOW), submitted(holder.id, now=NOW)
        window, ticket = called(line, resident_id=holder.id)
        windows.act(window, ticket, "start", staff=EVERYWHERE)
        with pytest.raises(NotFound):
            windows.complete(window, ticket, "done", staff=EVERYWHERE, application_id=theirs.id)
        windows.complete(window, ticket, "done", staff=EVERYWHERE, application_id=mine.id)
        assert (db.session.get(Application, mine.id).ticket_id, db.session.get(Application, theirs.id).ticket_id) == (
            ticket, None,
        )  # fmt: skip
        event = db.session.scalar(select(TicketEvent).where(TicketEvent.kind == "complete"))
        assert event.details == {"outcome": "done", "application_id": mine.id}


def line_b_with_its_window(line: Line) -> tuple[QueueCategory, Window]:
    """A second line (B) at the hall, served by window 09 only."""
    other = QueueCategory(hall_id=line.hall_id, prefix="B", name="公安", item_codes=[])
    db.session.add(other)
    db.session.flush()
    second = Window(hall_id=line.hall_id, number="09", categories=[other])
    db.session.add(second)
    db.session.commit()
    return other, second


def test_a_transfer_keeps_the_original_queue_time(app, line, clock):
    with app.app_context():
        other, second = line_b_with_its_window(line)
        window, ticket = called(line)  # A001 at 10:00
        clock.move_to(hall_time(2026, 11, 23, 10, 30))
        take(line, prefix="B")  # B001 at 10:30
        moved = windows.transfer(window, ticket, category="B", staff=EVERYWHERE)
        assert (moved.status, moved.category_id, moved.window_id, moved.queued_at) == ("waiting", other.id, None, NOW)
        assert moved.label == "A001"  # the resident keeps the number they hold
        assert tickets.call_next(second.id, staff=EVERYWHERE).id == ticket  # before B001
        with pytest.raises(NotFound):
            windows.transfer(second.id, ticket, category="Z", staff=EVERYWHERE)


def test_a_ticket_transferred_to_a_window_is_called_there_only_and_before_later_ones(app, line, clock):
    with app.app_context():
        _, second = line_b_with_its_window(line)
        window, ticket = called(line)  # A001 at 10:00, at window 01
        clock.move_to(hall_time(2026, 11, 23, 10, 30))
        take(line)  # A002
        take(line, prefix="B")  # B001
        moved = windows.transfer(window, ticket, to_window="09", staff=EVERYWHERE)
        assert (moved.status, moved.category_id, moved.window_id, moved.queued_at) == ("waiting", line.category_id,
                                                                                        second.id, NOW)  # fmt: skip
        seen = tickets.view(moved)
        assert (seen.window, seen.ahead) == ("09", 0)
        tickets.rebuild(line.hall_id, NOW.date())  # Redis rebuilt from the database: still that window's
        assert tickets.call_next(window, staff=EVERYWHERE).label == "A002"
        assert tickets.call_next(second.id, staff=EVERYWHERE).id == ticket  # before B001
        assert tickets.call_next(second.id, staff=EVERYWHERE).label == "B001"
        details = db.session.scalars(
            select(TicketEvent.details).where(TicketEvent.ticket_id == ticket, TicketEvent.kind == "transfer")
        ).all()
        assert details == [{"to_window": "09"}]


def test_a_transfer_names_one_other_place(app, line, clock):
    with app.app_context():
        window, ticket = called(line)
        with pytest.raises(InvalidInput):
            windows.transfer(window, ticket, to_window="01", staff=EVERYWHERE)  # itself
        with pytest.raises(InvalidInput):
            windows.transfer(window, ticket, category="A", to_window="02", staff=EVERYWHERE)
        with pytest.raises(InvalidInput):
            windows.transfer(window, ticket, staff=EVERYWHERE)
        with pytest.raises(NotFound):
            windows.transfer(window, ticket, to_window="99", staff=EVERYWHERE)
        assert db.session.get(Ticket, ticket).status == "called"


def test_only_staff_of_the_hall_at_the_ticket_window(app, line, tree, clock):
    with app.app_context():
        window, ticket = called(line)
        elsewhere = StaffRights(9, (Grant(WINDOW_STAFF, Scope("region", tree.district_y)),))
        with pytest.raises(NotFound):
            windows.act(window, ticket, "start", staff=elsewhere)
        neighbour = db.session.scalar(
            select(Window.id).where(Window.hall_id == line.hall_id, Window.id != window).order_by(Window.number)
        )
        with pytest.raises(TicketState) as refused:
            windows.act(neighbour, ticket, "start", staff=EVERYWHERE)  # called to the other window
        assert refused.value.details["window_id"] == window


# --- Window sessions ----------------------------------------------------------------------------


def test_calling_opens_the_window_and_a_paused_window_does_not_call(app, line, clock):
    with app.app_context():
        take(line)
        window = window_of(line)
        assert tickets.call_next(window, staff=EVERYWHERE).label == "A001"
        session = window_sessions.current(db.session.get(Window, window), NOW)
        assert (session.status, window_sessions.prefixes(session), session.opened_by) == ("open", ["A"], 1)
        with pytest.raises(InvalidInput):
            window_sessions.pause(window, "短", staff=EVERYWHERE)
        paused = window_sessions.pause(window, "系统故障，等待恢复", staff=EVERYWHERE)
        assert (paused.status, paused.pause_reason) == ("paused", "系统故障，等待恢复")
        take(line)
        with pytest.raises(WindowPaused) as refused:
            tickets.call_next(window, staff=EVERYWHERE)
        assert refused.value.details == {"reason": "系统故障，等待恢复"}
        window_sessions.resume(window, staff=EVERYWHERE)
        assert tickets.call_next(window, staff=EVERYWHERE).label == "A002"


def test_a_window_serves_the_lines_opened_for_today(app, line, clock):
    with app.app_context():
        other = QueueCategory(hall_id=line.hall_id, prefix="B", name="公安", item_codes=[])
        db.session.add(other)
        db.session.commit()
        window = window_of(line)
        with pytest.raises(InvalidInput):
            window_sessions.open_window(window, staff=EVERYWHERE, prefixes=["Z"])
        opened = window_sessions.open_window(window, staff=EVERYWHERE, prefixes=["B"])
        assert window_sessions.prefixes(opened) == ["B"]
        take(line)  # A001: not this window's line today
        assert tickets.call_next(window, staff=EVERYWHERE) is None
        take(line, prefix="B")
        assert tickets.call_next(window, staff=EVERYWHERE).label == "B001"
        closed = window_sessions.close(window, staff=EVERYWHERE)
        assert closed.status == "closed"
        assert window_sessions.current(db.session.get(Window, window), NOW) is None


def test_estimates_divide_by_the_open_windows(app, line, clock):
    with app.app_context():
        for _ in range(4):
            ticket = take(line)
        assert tickets.view(ticket).wait.minutes == 35  # 3.5 services of 10 minutes, no window open yet
        for window in db.session.scalars(select(Window.id).where(Window.hall_id == line.hall_id)):
            window_sessions.open_window(window, staff=EVERYWHERE)
        assert tickets.view(ticket).wait.minutes == 18  # two windows
