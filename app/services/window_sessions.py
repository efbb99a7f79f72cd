"""A window at work (开窗/暂停): staff open a window for the day with the lines it serves today, pause it with a
reason, resume and close it. Calling next needs an open window; calling at a window not opened today opens it
with the lines it is set up for. Wait estimates count the open windows serving a line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from app.calendar import hall_today
from app.errors import NotFound, WindowPaused
from app.extensions import db
from app.models.base import utcnow
from app.models.catalog import Hall, QueueCategory, Window
from app.models.queue import Ticket, WindowSession
from app.services.checks import Problems, staff_reason
from app.services.scopes import ROLES, StaffRights, hall_path

LIVE = ("open", "paused")
AT_WINDOW = ("called", "serving", "held")


def _window(window_id: int, staff: StaffRights) -> Window:
    window = db.session.get(Window, window_id)
    if window is None or not staff.covers(hall_path(window.hall_id), *ROLES):
        raise NotFound()
    return window


def _today(window: Window, now: datetime) -> date:
    return hall_today(window.hall.timezone, now)


def current(window: Window, now: datetime) -> WindowSession | None:
    """The window's session of the hall's today that is still open or paused."""
    return db.session.scalar(
        select(WindowSession)
        .where(WindowSession.window_id == window.id, WindowSession.day == _today(window, now),
               WindowSession.status.in_(LIVE))
        .order_by(WindowSession.id.desc())
        .limit(1)
    )  # fmt: skip


def _categories(window: Window, prefixes: list[str] | None) -> list[int]:
    if prefixes is None:
        return sorted(category.id for category in window.categories)
    found = {
        row.prefix: row.id
        for row in db.session.scalars(select(QueueCategory).where(QueueCategory.hall_id == window.hall_id))
    }
    problems = Problems()
    unknown = [prefix for prefix in prefixes if prefix not in found]
    if unknown or not prefixes:
        problems.add("categories", f"Lines of this hall (at least one); not: {', '.join(unknown) or '(none given)'}.")
    problems.raise_if_any()
    return sorted({found[prefix] for prefix in prefixes})


def open_window(
    window_id: int, *, staff: StaffRights, prefixes: list[str] | None = None, now: datetime | None = None
) -> WindowSession:
    """Open the window for today (or change the lines an open one serves); by default the lines it is set up for."""
    now = now or utcnow()
    window = _window(window_id, staff)
    session = current(window, now) or WindowSession(window_id=window.id, day=_today(window, now), opened_at=now)
    session.opened_by = staff.staff_id
    session.category_ids = _categories(window, prefixes)
    session.status, session.pause_reason, session.updated_at = "open", None, now
    db.session.add(session)
    db.session.commit()
    return session


def _live(window_id: int, staff: StaffRights, now: datetime) -> WindowSession:
    session = current(_window(window_id, staff), now)
    if session is None:
        raise NotFound()
    return session


def pause(window_id: int, reason: object, *, staff: StaffRights, now: datetime | None = None) -> WindowSession:
    """Stop calling for a while (a break, a system fault), with the reason supervisors see."""
    now = now or utcnow()
    problems = Problems()
    text = staff_reason(reason, problems, "why the window pauses")
    problems.raise_if_any()
    session = _live(window_id, staff, now)
    session.status, session.pause_reason, session.updated_at = "paused", text, now
    db.session.commit()
    return session


def resume(window_id: int, *, staff: StaffRights, now: datetime | None = None) -> WindowSession:
    now = now or utcnow()
    session = _live(window_id, staff, now)
    session.status, session.pause_reason, session.updated_at = "open", None, now
    db.session.commit()
    return session


def close(window_id: int, *, staff: StaffRights, now: datetime | None = None) -> WindowSession:
    now = now or utcnow()
    session = _live(window_id, staff, now)
    session.status, session.updated_at = "closed", now
    db.session.commit()
    return session


def for_calling(window: Window, staff_id: int, now: datetime) -> list[int]:
    """The lines the window calls from now, opening it for today if it is not open (caller's transaction);
    409 ``WINDOW_PAUSED`` while it is paused."""
    session = current(window, now)
    if session is None:
        session = WindowSession(
            window_id=window.id,
            day=_today(window, now),
            opened_by=staff_id,
            category_ids=_categories(window, None),
            status="open",
            opened_at=now,
            updated_at=now,
        )
        db.session.add(session)
        db.session.flush()
    if session.status == "paused":
        raise WindowPaused(details={"reason": session.pause_reason})
    return list(session.category_ids)


def open_windows_serving(hall_id: int, category_id: int, day: date) -> int:
    """How many windows of the hall are open today and serve the line."""
    sessions = db.session.scalars(
        select(WindowSession.category_ids)
        .join(Window, Window.id == WindowSession.window_id)
        .where(Window.hall_id == hall_id, WindowSession.day == day, WindowSession.status == "open")
    )
    return sum(1 for categories in sessions if category_id in categories)


@dataclass(frozen=True)
class WindowAtWork:
    """A window as its hall's staff see it: today's session (None before it opens) and the ticket at it."""

    window: Window
    session: WindowSession | None
    ticket: Ticket | None  # called, serving or held at the window


def of_hall(hall_id: int, *, staff: StaffRights, now: datetime | None = None) -> list[WindowAtWork]:
    """The hall's windows in number order, for its staff to pick theirs (the ids the window actions take)."""
    now = now or utcnow()
    hall = db.session.get(Hall, hall_id)
    if hall is None or not staff.covers(hall_path(hall_id), *ROLES):
        raise NotFound()
    today = hall_today(hall.timezone, now)
    sessions = {
        row.window_id: row
        for row in db.session.scalars(
            select(WindowSession)
            .join(Window, Window.id == WindowSession.window_id)
            .where(Window.hall_id == hall_id, WindowSession.day == today, WindowSession.status.in_(LIVE))
            .order_by(WindowSession.id)  # the latest wins, as in ``current``
        )
    }
    at_windows = {
        row.window_id: row
        for row in db.session.scalars(
            select(Ticket)
            .where(Ticket.hall_id == hall_id, Ticket.day == today, Ticket.status.in_(AT_WINDOW))
            .order_by(Ticket.called_at)  # the latest call wins
        )
    }
    return [WindowAtWork(window, sessions.get(window.id), at_windows.get(window.id)) for window in hall.windows]


def prefixes(session: WindowSession) -> list[str]:
    """The letters of the lines the session serves."""
    rows = db.session.scalars(select(QueueCategory.prefix).where(QueueCategory.id.in_(session.category_ids)))
    return sorted(rows)
