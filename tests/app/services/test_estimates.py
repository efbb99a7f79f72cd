"""Wait estimates (issue 7) measured against what really happens: a simulated morning at a two-window line,
every ticket's estimate at the moment it is taken compared with its actual wait (mean absolute error)."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from app.extensions import db
from app.models import Ticket, Window
from app.redis_store import get_redis
from app.services import estimates, tickets, windows
from app.services.idempotency import IdempotentRequest
from tests.booking_helpers import EVERYWHERE, Line, hall_time, make_line

OPEN = hall_time(2026, 11, 23, 9, 0)
LAST_ARRIVAL = hall_time(2026, 11, 23, 11, 0)
MEAN_GAP, MEAN_SERVICE, SERVICE_SD = 3.5, 6.0, 2.0  # minutes: two windows are busy but keep up


@pytest.fixture
def line(app, tree) -> Line:
    return make_line(app, tree, windows=2)


def take(line: Line) -> Ticket:
    request = IdempotentRequest.of("device:1", str(uuid.uuid4()), tickets.TAKE, {})
    wanted = tickets.Wanted("kiosk", prefix="A")
    return tickets.take(line.hall_id, wanted, actor=tickets.Actor("device", 1), request=request).ticket


def simulate(line: Line, clock, rng: random.Random) -> dict[int, int]:
    """Run the morning; the estimate (minutes) each ticket was given when taken, by ticket id."""
    window_ids = list(db.session.scalars(select(Window.id).where(Window.hall_id == line.hall_id)))
    free_at = dict.fromkeys(window_ids, OPEN)
    serving: dict[int, int | None] = dict.fromkeys(window_ids, None)
    next_arrival = OPEN + timedelta(minutes=rng.expovariate(1 / MEAN_GAP))
    given: dict[int, int] = {}
    while next_arrival <= LAST_ARRIVAL or any(serving.values()):
        window_id = min(free_at, key=free_at.get)
        if next_arrival <= LAST_ARRIVAL and next_arrival <= free_at[window_id]:
            clock.move_to(next_arrival)
            ticket = take(line)
            given[ticket.id] = tickets.view(ticket).wait.minutes
            next_arrival += timedelta(minutes=rng.expovariate(1 / MEAN_GAP))
            continue
        now: datetime = free_at[window_id]
        clock.move_to(now)
        if serving[window_id] is not None:
            windows.complete(window_id, serving[window_id], "done", staff=EVERYWHERE)
            serving[window_id] = None
        called = tickets.call_next(window_id, staff=EVERYWHERE)
        if called is None:  # idle until someone comes
            free_at[window_id] = next_arrival if next_arrival <= LAST_ARRIVAL else now + timedelta(hours=9)
            continue
        windows.act(window_id, called.id, "start", staff=EVERYWHERE)
        serving[window_id] = called.id
        minutes = max(1.0, rng.gauss(MEAN_SERVICE, SERVICE_SD))
        free_at[window_id] = now + timedelta(minutes=minutes)
    return given


def test_estimates_stay_close_to_the_real_waits(app, line, record_property):
    with app.app_context(), time_machine.travel(OPEN, tick=False) as clock:
        get_redis().flushdb()
        given = simulate(line, clock, random.Random(7))  # noqa: S311 (a reproducible simulation)
        done = {row.id: row for row in db.session.scalars(select(Ticket).where(Ticket.id.in_(given)))}
    waits = {ticket_id: (row.called_at - row.queued_at).total_seconds() / 60 for ticket_id, row in done.items()}
    measured = sorted(given)[10:]  # after the first ten services have replaced the configured default
    errors = [abs(given[ticket_id] - waits[ticket_id]) for ticket_id in measured]
    mae = sum(errors) / len(errors)
    mean_wait = sum(waits[ticket_id] for ticket_id in measured) / len(measured)
    record_property("wait_estimate_mae_minutes", round(mae, 2))
    summary = f"{len(measured)} tickets: mean wait {mean_wait:.1f} min, mean absolute error {mae:.1f} min"
    assert len(measured) >= 20, summary
    assert mae <= max(3.0, 0.5 * mean_wait), summary


def test_a_fresh_line_starts_from_the_configured_service_time(app, line):
    with app.app_context(), time_machine.travel(hall_time(2026, 11, 23, 10, 0), tick=False):
        get_redis().flushdb()
        for _ in range(3):
            ticket = take(line)
        wait = tickets.view(ticket).wait
        # Two ahead and half of a service under way, at one window (none called yet), 10 minutes each.
        assert (wait.minutes, wait.low, wait.high) == (25, 25, 25)
        assert estimates.estimate(ticket, 0).minutes == 5
