"""A hall's live board (issue 7) at the service level, with a frozen clock in hall time: the snapshot from the
database, the announcement text, the events that taking, cancelling and calling announce, reading on after
an event id, and Redis failures that never break the action that announced."""

from __future__ import annotations

import logging
import uuid

import pytest
import time_machine
from sqlalchemy import select, update

from app.errors import NotFound, RedisUnavailable
from app.extensions import db
from app.models import Ticket, Window
from app.redis_store import RedisStore, connect, get_redis
from app.services import board, residents, tickets
from app.services.board import Board, Call, LineCount
from app.services.idempotency import IdempotentRequest
from tests.booking_helpers import EVERYWHERE, MONDAY, QUEUE_OPEN, Line, hall_time

NOW = QUEUE_OPEN
KIOSK = tickets.Actor("device", 1)


def take(line: Line, **options) -> Ticket:
    request = IdempotentRequest.of("device:1", str(uuid.uuid4()), tickets.TAKE, {})
    wanted = tickets.Wanted("kiosk", prefix="A", **options)
    return tickets.take(line.hall_id, wanted, actor=KIOSK, request=request).ticket


def call(line: Line, window: str = "01") -> Ticket | None:
    window_id = db.session.scalar(select(Window.id).where(Window.hall_id == line.hall_id, Window.number == window))
    return tickets.call_next(window_id, staff=EVERYWHERE)


def test_announcement_text():
    assert board.announcement("A001", "3") == "请A001号到3号窗口办理"
    assert board.announcement("A001", "03") == "请A001号到3号窗口办理"
    assert board.announcement("A001", "10") == "请A001号到10号窗口办理"
    assert board.announcement("A001", "0") == "请A001号到0号窗口办理"
    assert board.announcement("A001", "B2") == "请A001号到B2号窗口办理"


def test_the_snapshot_shows_todays_calls_and_lines_from_the_database(app, line, clock):
    with app.app_context():
        with time_machine.travel(hall_time(2026, 11, 20, 10, 0), tick=False):  # last Friday: not today's
            take(line)
            call(line)
        for _ in range(4):
            take(line)
        call(line, "01")  # A001 at 10:00
        clock.move_to(hall_time(2026, 11, 23, 10, 5))
        call(line, "02")  # A002 at 10:05
        db.session.execute(update(Ticket).where(Ticket.day == MONDAY, Ticket.label == "A001").values(status="done"))
        db.session.commit()
        get_redis().flushdb()  # the board does not need Redis

        snapshot = board.snapshot(line.hall_id)
    at_10, at_1005 = hall_time(2026, 11, 23, 10, 0), hall_time(2026, 11, 23, 10, 5)
    a002 = Call("A002", "A", "02", at_1005, "请A002号到2号窗口办理")
    a001 = Call("A001", "A", "01", at_10, "请A001号到1号窗口办理")
    assert snapshot == Board(
        hall_id=line.hall_id,
        hall_name="测试大厅",
        day=MONDAY,
        open_now=True,
        now_calling=[a002],  # A001 is done
        recent_calls=[a002, a001],
        waiting=[LineCount("A", "社保", 2)],
    )


def test_the_snapshot_limits_its_lists_and_knows_when_the_hall_is_closed(app, line, clock):
    with app.app_context():
        for second in range(12):
            clock.move_to(hall_time(2026, 11, 23, 10, 0, second))
            take(line)
        for minute in range(1, 13):
            clock.move_to(hall_time(2026, 11, 23, 10, minute))
            call(line)
        snapshot = board.snapshot(line.hall_id, now=hall_time(2026, 11, 23, 12, 30))  # the lunch break
        assert snapshot.open_now is False
        assert [row.number for row in snapshot.now_calling] == ["A012", "A011", "A010", "A009", "A008"]
        assert [row.number for row in snapshot.recent_calls] == [f"A{n:03d}" for n in range(12, 2, -1)]
        assert snapshot.waiting == [LineCount("A", "社保", 0)]
        with pytest.raises(NotFound):
            board.snapshot(999_999)


def test_taking_cancelling_and_calling_are_announced(app, line, clock):
    with app.app_context():
        start = board.cursor(line.hall_id, None)
        first, second = residents.new_resident("13800138000"), residents.new_resident("13900139000")
        db.session.commit()
        mine = take(line, resident_id=first.id)
        take(line)
        called = call(line)
        tickets.cancel(second.id, take(line, resident_id=second.id).id)
        found = board.events(line.hall_id, start, block_ms=0)
        assert called.id == mine.id
        mine_id = mine.id
    assert [(kind, data) for _, kind, data in found] == [
        ("ticket", {"category": "A", "waiting": 1}),
        ("ticket", {"category": "A", "waiting": 2}),
        (
            "call",
            {
                "ticket_id": mine_id,
                "number": "A001",
                "category": "A",
                "window": "01",
                "announcement": "请A001号到1号窗口办理",
                "called_at": "2026-11-23T02:00:00+00:00",
                "waiting": 1,
            },
        ),
        ("ticket", {"category": "A", "waiting": 2}),  # A003 taken
        ("ticket", {"category": "A", "waiting": 1}),  # and cancelled
    ]
    payloads = str([data for _, _, data in found])  # stream ids are timestamps: leave them out
    assert "13800138000" not in payloads and "13900139000" not in payloads


def test_events_read_on_after_an_id(app, line):
    with app.app_context():
        for n in range(3):
            board.announce(line.hall_id, "call", {"n": n})
        ids = [event_id for event_id, _, _ in board.events(line.hall_id, "0-0", block_ms=0)]
        assert len(ids) == 3
        assert [data for _, _, data in board.events(line.hall_id, ids[0], block_ms=0)] == [{"n": 1}, {"n": 2}]
        assert board.events(line.hall_id, ids[2], block_ms=50) == []  # waited 50 ms, nothing new
        assert board.events(line.hall_id, None, block_ms=50) == []  # None: only what comes from now on
        # Another hall's log is its own.
        assert board.events(line.hall_id + 1, "0-0", block_ms=0) == []


def test_the_cursor_of_a_new_stream(app, line):
    with app.app_context():
        assert board.cursor(line.hall_id, None) == "0-0"  # an empty log: everything that comes
        for n in range(2):
            board.announce(line.hall_id, "ticket", {"n": n})
        first, second = (event_id for event_id, _, _ in board.events(line.hall_id, "0-0", block_ms=0))
        assert board.cursor(line.hall_id, None) == second
        assert board.cursor(line.hall_id, first) == first
        # Malformed, or ahead of the log (Redis lost it): read on from the latest.
        for last_id in ("garbage", "1-2-3", "99999999999999-0"):
            assert board.cursor(line.hall_id, last_id) == second


def test_the_log_is_trimmed_and_expires(app, line):
    with app.app_context():
        for n in range(450):
            board.announce(line.hall_id, "ticket", {"n": n})
        key = board.events_key(line.hall_id)
        assert board.EVENTS_MAXLEN <= get_redis().xlen(key) < 350
        assert 0 < get_redis().ttl(key) <= board.EVENTS_TTL


def test_redis_down_never_breaks_an_announcement(app, line, clock, monkeypatch, caplog):
    with app.app_context():
        ticket = take(line)
        monkeypatch.setattr(board, "get_redis", lambda: connect("redis://127.0.0.1:1/0"))
        monkeypatch.setattr(board, "get_store", lambda: RedisStore("redis://127.0.0.1:1/0"))
        with caplog.at_level(logging.WARNING, logger="app.services.board"):
            board.announce(line.hall_id, "ticket", {"category": "A", "waiting": 1})
            board.announce_waiting(ticket)
        assert [record.getMessage() for record in caplog.records if record.name == "app.services.board"] == [
            f"hall {line.hall_id}: board event 'ticket' not announced (Redis unavailable)"
        ] * 2
        with pytest.raises(RedisUnavailable):
            board.cursor(line.hall_id, None)
        # The listener is a client of the same Redis, so it fails the same way, quickly.
        with pytest.raises(RedisUnavailable):
            board.events(line.hall_id, "0-0", block_ms=100)
