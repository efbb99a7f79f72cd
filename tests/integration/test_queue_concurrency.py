"""The queue through gunicorn on PostgreSQL (issue 7): 200 residents take tickets while 8 windows call at once,
over 4 workers sharing one Redis. Every number is unique, every ticket is called exactly once, and green
tickets go first."""

from __future__ import annotations

import json
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from api.auth import issue_tokens
from app.calendar import hall_today
from app.extensions import db
from app.models import Ticket, TicketEvent, Window
from app.models.catalog import HolidayOverride
from app.services import audit, devices, scopes, sessions, staff
from tests.booking_helpers import make_line
from tests.catalog_helpers import build_tree
from tests.helpers import resident_token
from tests.integration import servers

TAKERS = 200
GREEN = 20  # of them, printed at the kiosk with the green channel
WINDOWS = 8
WORKERS = 4
ALL_DAY = {day: [["00:00", "23:59"]] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


@dataclass(frozen=True)
class Hall:
    app: Flask
    hall_id: int
    windows: list[int]
    residents: list[str]  # access tokens
    clerk: str
    kiosk: str


@pytest.fixture
def hall(postgres: str, build_app) -> Hall:
    """A hall open all day today (the clock is real: gunicorn is another process), one line with 8 windows,
    200 residents with a live session each, a window clerk and a kiosk; all committed."""
    app = build_app()
    line = make_line(app, build_tree(app), windows=WINDOWS, hours=ALL_DAY)
    with app.app_context():
        db.session.add(HolidayOverride(day=hall_today("Asia/Shanghai"), working=True, note="queue test"))
        tokens = [resident_token(f"1370000{n:04d}") for n in range(TAKERS)]
        db.session.commit()
        clerk = staff.create_account(
            "clerk", "Clerk", "correct-horse-battery", actor=audit.SYSTEM,
            grants=[scopes.grant("window_staff", "hall", line.hall_id)], enrol_totp=False,
        ).account  # fmt: skip
        session = sessions.open_session(
            staff_id=clerk.id, method="password", client="test", ip="127.0.0.1", lifetime=timedelta(hours=1)
        )
        db.session.commit()
        clerk_token = issue_tokens(session, "staff")["access_token"]
        admin = staff.create_account(
            "installer", "Installer", "correct-horse-battery", actor=audit.SYSTEM,
            grants=[scopes.grant("sys_admin", "all", None)], enrol_totp=False,
        ).account  # fmt: skip
        kiosk = devices.register(line.hall_id, "kiosk", "Entrance", admin=staff.rights(admin.id)).token
        windows = list(db.session.scalars(select(Window.id).where(Window.hall_id == line.hall_id)))
        return Hall(app, line.hall_id, windows, tokens, clerk_token, kiosk)


@pytest.fixture
def base_url(hall: Hall, postgres: str, tmp_path: Path) -> Iterator[str]:
    with servers.gunicorns(postgres, tmp_path) as start:
        base, _ = start(WORKERS, REDIS_URL=hall.app.config["REDIS_URL"], RATE_LIMIT_PER_IP="100000")
        yield base


def _take(base: str, hall: Hall, n: int) -> servers.Answer:
    if n < GREEN:
        body, headers = {"prefix": "A", "green": True}, {"X-Device-Token": hall.kiosk}
        url = f"{base}/api/v1/kiosk/tickets"
    else:
        body, headers = {"item_code": "ITEM-1"}, {"Authorization": f"Bearer {hall.residents[n]}"}
        url = f"{base}/api/v1/halls/{hall.hall_id}/tickets"
    return servers.post_json(url, json.dumps(body).encode(), {**headers, "Idempotency-Key": str(uuid.uuid4())})


def _call(base: str, hall: Hall, window_id: int) -> servers.Answer:
    headers = {"Authorization": f"Bearer {hall.clerk}"}
    return servers.post_json(f"{base}/api/v1/windows/{window_id}/call-next", b"", headers)


def _calling(base: str, hall: Hall, window_id: int, until: threading.Event, calls: list[int]) -> None:
    """Call next until every ticket is taken and nobody waits; each ticket id this window got."""
    while True:
        all_taken = until.is_set()  # before the call: an empty answer then means nobody is left
        status, body = _call(base, hall, window_id)
        assert status == 200, body
        ticket = json.loads(body)["ticket"]
        if ticket is not None:
            calls.append(ticket["id"])
        elif all_taken:
            return


def _run_windows(base: str, hall: Hall, taken: threading.Event) -> tuple[list[threading.Thread], dict[int, list[int]]]:
    per_window: dict[int, list[int]] = {window_id: [] for window_id in hall.windows}
    threads = [
        threading.Thread(target=_calling, args=(base, hall, window_id, taken, per_window[window_id]))
        for window_id in hall.windows
    ]
    for thread in threads:
        thread.start()
    return threads, per_window


def test_takers_and_windows_at_once_unique_numbers_each_ticket_called_once(hall: Hall, base_url: str):
    taken = threading.Event()
    threads, per_window = _run_windows(base_url, hall, taken)
    answers = servers.in_parallel([lambda n=n: _take(base_url, hall, n) for n in range(TAKERS)])
    taken.set()
    for thread in threads:
        thread.join(timeout=120)
    assert Counter(status for status, _ in answers) == {201: TAKERS}
    numbers = [json.loads(body)["number"] for _, body in answers]
    assert len(set(numbers)) == TAKERS
    called = [ticket_id for calls in per_window.values() for ticket_id in calls]
    assert sorted(called) == sorted(json.loads(body)["id"] for _, body in answers)  # each exactly once
    with hall.app.app_context():
        rows = db.session.scalars(select(Ticket).where(Ticket.hall_id == hall.hall_id)).all()
        assert {row.status for row in rows} == {"called"} and len(rows) == TAKERS
        events = Counter(db.session.scalars(select(TicketEvent.ticket_id).where(TicketEvent.kind == "called")))
        assert set(events.values()) == {1}


def test_eight_windows_call_green_tickets_first(hall: Hall, base_url: str):
    answers = servers.in_parallel([lambda n=n: _take(base_url, hall, n) for n in range(TAKERS)])
    assert Counter(status for status, _ in answers) == {201: TAKERS}
    taken = threading.Event()
    taken.set()
    threads, _ = _run_windows(base_url, hall, taken)
    for thread in threads:
        thread.join(timeout=120)
    with hall.app.app_context():
        order = db.session.execute(
            select(Ticket.priority).join(TicketEvent, TicketEvent.ticket_id == Ticket.id)
            .where(TicketEvent.kind == "called", Ticket.hall_id == hall.hall_id)
            .order_by(TicketEvent.id)
        ).scalars().all()  # fmt: skip
    assert len(order) == TAKERS
    # Commits of concurrent calls may land out of their pop order, by at most one call per window.
    assert order[: GREEN - WINDOWS].count("green") == GREEN - WINDOWS
    assert order[GREEN + WINDOWS :].count("green") == 0
