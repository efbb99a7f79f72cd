"""What staff do at a window once a ticket is called: start, recall, skip (过号), hold and resume, transfer to
another line or window, complete. Each is a conditional UPDATE from the states it allows, with a ticket event, in
one transaction; a ticket in any other state is refused with 409 ``TICKET_STATE`` and its state.

The resident of a skipped ticket may rejoin once within ``SKIP_REJOIN_MINUTES``, at the back of the
line; a ticket recalled more than ``QUEUE_MAX_RECALLS`` times is a no-show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select, update

from app import queueing
from app.errors import InvalidInput, NotFound, TicketState
from app.extensions import db
from app.models.application import Application
from app.models.base import utcnow
from app.models.catalog import QueueCategory, Window
from app.models.queue import Ticket, TicketEvent
from app.queueing import HallDay
from app.services import board, estimates, tickets
from app.services.scopes import ROLES, StaffRights, hall_path

OUTCOMES = ("done", "referred", "incomplete")  # 办结, 转办, 材料不全 (told what is missing)


@dataclass(frozen=True)
class Action:
    from_states: tuple[str, ...]
    to_state: str


ACTIONS = {
    "start": Action(("called",), "serving"),
    "recall": Action(("called",), "called"),
    "skip": Action(("called",), "skipped"),
    "hold": Action(("serving",), "held"),
    "resume": Action(("held",), "serving"),
    "complete": Action(("serving",), "done"),
    "transfer": Action(("called", "serving"), "waiting"),
    "no_show": Action(("called",), "no_show"),  # recalled too often
}


def staffed(window_id: int, staff: StaffRights) -> Window:
    """The window, for staff of its hall; 404 for anyone else, as for a window that does not exist."""
    window = db.session.get(Window, window_id)
    if window is None or not staff.covers(hall_path(window.hall_id), *ROLES):
        raise NotFound()
    return window


def _at_window(window_id: int, ticket_id: int, staff: StaffRights) -> tuple[Window, Ticket]:
    window = staffed(window_id, staff)
    ticket = db.session.get(Ticket, ticket_id)
    if ticket is None or ticket.hall_id != window.hall_id:
        raise NotFound()
    return window, ticket


def _move(
    ticket: Ticket,
    window: Window,
    name: str,
    staff: StaffRights,
    now: datetime,
    *,
    details: dict[str, Any] | None = None,
    **values: Any,
) -> None:
    """The action's conditional UPDATE and its event (caller commits); TICKET_STATE if the state does not allow it."""
    action = ACTIONS[name]
    changed = db.session.execute(
        update(Ticket)
        .where(Ticket.id == ticket.id, Ticket.status.in_(action.from_states), Ticket.window_id == window.id)
        .values(status=action.to_state, updated_at=now, **values),
        execution_options={"synchronize_session": False},
    ).rowcount
    if changed != 1:
        db.session.rollback()
        db.session.refresh(ticket)
        raise TicketState(details={"status": ticket.status, "window_id": ticket.window_id, "action": name})
    db.session.add(
        TicketEvent(
            ticket_id=ticket.id,
            at=now,
            kind=name,
            actor_kind="staff",
            actor_id=staff.staff_id,
            window_id=window.id,
            details=details or {},
        )
    )


def _finish(ticket: Ticket) -> Ticket:
    db.session.commit()
    db.session.refresh(ticket)
    return ticket


def _back_in_line(ticket: Ticket) -> Ticket:
    """A ticket made ``waiting`` again (transfer, rejoin) joins its line and the transaction commits."""
    db.session.flush()
    db.session.refresh(ticket)
    queueing.join(HallDay(ticket.hall_id, ticket.day), tickets.waiting_of(ticket), tickets.boosts())
    _finish(ticket)
    board.announce_waiting(ticket)
    return ticket


def act(window_id: int, ticket_id: int, name: str, *, staff: StaffRights, now: datetime | None = None) -> Ticket:
    """``start``, ``skip``, ``hold`` or ``resume`` a ticket called to the window."""
    now = now or utcnow()
    window, ticket = _at_window(window_id, ticket_id, staff)
    _move(ticket, window, name, staff, now, **({"finished_at": now} if name == "skip" else {}))
    return _finish(ticket)


def recall(window_id: int, ticket_id: int, *, staff: StaffRights, now: datetime | None = None) -> Ticket:
    """Call the ticket again; past ``QUEUE_MAX_RECALLS`` recalls it is a no-show instead."""
    now = now or utcnow()
    window, ticket = _at_window(window_id, ticket_id, staff)
    recalls = db.session.scalar(
        select(func.count(TicketEvent.id)).where(TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "recall")
    )
    if recalls >= current_app.config["QUEUE_MAX_RECALLS"]:
        _move(ticket, window, "no_show", staff, now, finished_at=now)
        return _finish(ticket)
    _move(ticket, window, "recall", staff, now, called_at=now)
    _finish(ticket)
    board.announce(window.hall_id, "call", board.call_event(ticket, window.number))
    return ticket


def complete(
    window_id: int,
    ticket_id: int,
    outcome: str,
    *,
    staff: StaffRights,
    application_id: int | None = None,
    now: datetime | None = None,
) -> Ticket:
    """The service is over: ``done`` (办结), ``referred`` (转办) or ``incomplete`` (材料不全, told what is missing).
    ``application_id`` links the visit to the holder's application (办件) it was about: the identifier chain."""
    now = now or utcnow()
    if outcome not in OUTCOMES:
        raise InvalidInput(details={"fields": {"outcome": [f"One of: {', '.join(OUTCOMES)}."]}})
    window, ticket = _at_window(window_id, ticket_id, staff)
    application = None
    if application_id is not None:
        application = db.session.get(Application, application_id)
        if application is None or ticket.resident_id is None or application.resident_id != ticket.resident_id:
            raise NotFound()
    details = {"outcome": outcome} | ({"application_id": application_id} if application else {})
    _move(ticket, window, "complete", staff, now, details=details, finished_at=now)
    if application is not None:
        application.ticket_id = ticket.id
    _finish(ticket)
    estimates.record(ticket)
    return ticket


def transfer(
    window_id: int,
    ticket_id: int,
    *,
    category: str | None = None,
    to_window: str | None = None,
    staff: StaffRights,
    now: datetime | None = None,
) -> Ticket:
    """Send the ticket to another line of the hall (``category``, its letter) or to one window (``to_window``,
    its number), which calls it from the window's own line before anyone queued later. Either way it waits
    with its original queue time (fairness)."""
    now = now or utcnow()
    if (category is None) == (to_window is None):
        raise InvalidInput(details={"fields": {"category": ["Give a line's letter or a window's number, not both."]}})
    window, ticket = _at_window(window_id, ticket_id, staff)
    if to_window is not None:
        target = db.session.scalar(select(Window).where(Window.hall_id == window.hall_id, Window.number == to_window))
        if target is None:
            raise NotFound()
        if target.id == window.id:
            raise InvalidInput(details={"fields": {"window": ["Another window than this one."]}})
        moved = {"details": {"to_window": target.number}, "category_id": ticket.category_id, "window_id": target.id}
    else:
        line = db.session.scalar(
            select(QueueCategory).where(QueueCategory.hall_id == window.hall_id, QueueCategory.prefix == category)
        )
        if line is None:
            raise NotFound()
        moved = {"details": {"to": line.prefix}, "category_id": line.id, "window_id": None}
    _move(ticket, window, "transfer", staff, now, called_at=None, **moved)
    return _back_in_line(ticket)


def rejoin(resident_id: int, ticket_id: int, now: datetime | None = None) -> Ticket:
    """A skipped resident comes back within ``SKIP_REJOIN_MINUTES``: once, at the back of the line (as a normal
    ticket queued now)."""
    now = now or utcnow()
    ticket = tickets.mine(resident_id, ticket_id)
    rejoined = db.session.scalar(
        select(func.count(TicketEvent.id)).where(TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "rejoin")
    )
    deadline = (ticket.finished_at or now) + timedelta(minutes=current_app.config["SKIP_REJOIN_MINUTES"])
    if ticket.status != "skipped" or rejoined or now > deadline:
        raise TicketState(details={"status": ticket.status, "action": "rejoin"})
    db.session.execute(
        update(Ticket)
        .where(Ticket.id == ticket.id, Ticket.status == "skipped")
        .values(
            status="waiting",
            priority="normal",
            queued_at=now,
            window_id=None,
            called_at=None,
            finished_at=None,
            updated_at=now,
        ),
        execution_options={"synchronize_session": False},
    )
    db.session.add(TicketEvent(ticket_id=ticket.id, at=now, kind="rejoin", actor_kind="resident", actor_id=resident_id))
    return _back_in_line(ticket)
