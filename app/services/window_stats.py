"""What a window's console shows beside the calling (issue 11): the tickets at the window now, so a console that
reloads finds them again, and the window's work of the hall's today (tickets called, served and their average
service time, skipped, no-shows, transfers), counted from the ticket events written at the window."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from app.calendar import hall_today
from app.extensions import db
from app.models.base import utcnow
from app.models.queue import Ticket, TicketEvent
from app.services import tickets
from app.services.scopes import StaffRights
from app.services.window_sessions import AT_WINDOW
from app.services.windows import OUTCOMES, staffed

# The events counted: a call (not a recall), a completion with its outcome, 过号, a no-show, a transfer away.
COUNTED = ("called", "complete", "skip", "no_show", "transfer")


@dataclass(frozen=True)
class WindowToday:
    window_id: int
    day: date
    called: int
    served: int  # completed, whatever the outcome
    outcomes: dict[str, int]  # done (办结), referred (转办), incomplete (材料不全)
    average_service_seconds: int | None  # from the (last) call to the completion; None before the first
    skipped: int
    no_show: int
    transferred: int


@dataclass(frozen=True)
class AtWindow(tickets.Called):
    """The ticket the window works on now (the call's view, its holder masked by the API) and the others still at
    the window: one held while its resident fetches papers, or one served before a held one was resumed."""

    others: list[Ticket]


def at_window(window_id: int, *, staff: StaffRights, now: datetime | None = None) -> AtWindow:
    """The tickets at the window on the hall's today. The one worked on is the called or serving ticket acted on
    last, else the held one acted on last; resuming a held ticket makes it the one worked on."""
    window = staffed(window_id, staff)
    rows = db.session.scalars(
        select(Ticket)
        .where(Ticket.window_id == window.id, Ticket.hall_id == window.hall_id,
               Ticket.day == hall_today(window.hall.timezone, now or utcnow()), Ticket.status.in_(AT_WINDOW))
        .order_by(Ticket.updated_at.desc(), Ticket.id.desc())
    ).all()  # fmt: skip
    rows.sort(key=lambda ticket: ticket.status == "held")  # stable: the latest first within each group
    called = tickets.called(rows[0] if rows else None)
    return AtWindow(called.ticket, called.name, called.phone, others=rows[1:])


def today(window_id: int, *, staff: StaffRights, now: datetime | None = None) -> WindowToday:
    """The window's work on the hall's today, whoever staffed it. A service time runs from the ticket's last call
    (a recall restarts it) to its completion, as in the statistics and the wait estimates."""
    window = staffed(window_id, staff)
    day = hall_today(window.hall.timezone, now or utcnow())
    rows = db.session.execute(
        select(TicketEvent.kind, TicketEvent.details, Ticket.called_at, Ticket.finished_at)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(TicketEvent.window_id == window.id, TicketEvent.kind.in_(COUNTED),
               Ticket.hall_id == window.hall_id, Ticket.day == day)
    ).all()  # fmt: skip
    kinds = Counter(row.kind for row in rows)
    completed = [row for row in rows if row.kind == "complete"]
    outcomes = Counter((row.details or {}).get("outcome") for row in completed)
    durations = [
        (row.finished_at - row.called_at).total_seconds() for row in completed if row.called_at and row.finished_at
    ]
    return WindowToday(
        window_id=window.id,
        day=day,
        called=kinds["called"],
        served=len(completed),
        outcomes={outcome: outcomes[outcome] for outcome in OUTCOMES},
        average_service_seconds=round(sum(durations) / len(durations)) if durations else None,
        skipped=kinds["skip"],
        no_show=kinds["no_show"],
        transferred=kinds["transfer"],
    )
