"""Queue tickets (取号) and calling them (叫号).

A ticket is a database row (with a ``ticket_events`` row for each change) before any answer goes out;
its place in line is in Redis (``app.queueing``). Taking a ticket numbers it in Redis (no Redis: 503,
nothing committed), inserts and commits it, then puts it in line: a window never pops a ticket it
cannot see yet. Should Redis fail in between, the sweep's ``reconcile`` puts the ticket in line at its
fair place; a line entry whose ticket is no longer waiting is skipped when called. Calling pops the best
ticket atomically in Redis, then moves it to ``called`` with a conditional UPDATE; were that to fail,
the ticket goes back in line. A hall day Redis lost is rebuilt from the database before it is used.

Order: the class boosts (``QUEUE_APPOINTMENT_BOOST_MINUTES``, ``QUEUE_GREEN_BOOST_MINUTES``; aging: a
normal ticket that waited longer than the boost is called before a priority ticket that just came), or
with ``QUEUE_INTERLEAVE`` = N > 0, priority first but never more than N in a row while a normal ticket
waits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from app import jobs, metrics, queueing
from app.calendar import hall_today
from app.errors import (
    AlreadyCheckedIn,
    AlreadyQueued,
    HallClosed,
    LinkInvalid,
    NotFound,
    RedisUnavailable,
    TicketNotWaiting,
)
from app.extensions import db
from app.models.base import utcnow
from app.models.booking import Appointment
from app.models.catalog import Hall, QueueCategory, ServiceItem, Window
from app.models.identity import Resident
from app.models.queue import Ticket, TicketEvent
from app.queueing import HallDay, Waiting
from app.services import (
    appointments,
    board,
    catalog,
    estimates,
    idempotency,
    links,
    notify,
    proxies,
    residents,
    window_sessions,
)
from app.services.appointment_messages import fit as _fit
from app.services.idempotency import IdempotentRequest
from app.services.scopes import ROLES, StaffRights, hall_path
from app.services.transactions import commit_keeping_loaded

log = logging.getLogger(__name__)

ACTIVE = ("waiting", "called", "serving", "held")
INTERLEAVE_BOOST_SECONDS = 10 * 86400  # with interleaving, priority goes first whatever its wait
TAKE = "tickets.take"
NUMBER_ATTEMPTS = 3
SENIOR_AGE = 70
LIVE_LIMIT = 20
TICKET_PAGE = "pages/ticket/index"
FOLLOW_MAX = timedelta(hours=24)


@dataclass(frozen=True)
class Actor:
    kind: str  # resident | device | staff | system
    id: int | None


def boosts() -> dict[str, int]:
    """Seconds each class is brought forward in the line."""
    if current_app.config["QUEUE_INTERLEAVE"] > 0:
        return {"appointment": INTERLEAVE_BOOST_SECONDS, "green": INTERLEAVE_BOOST_SECONDS}
    config = current_app.config
    return {
        "appointment": config["QUEUE_APPOINTMENT_BOOST_MINUTES"] * 60,
        "green": config["QUEUE_GREEN_BOOST_MINUTES"] * 60,
    }


def _service_name(ticket: Ticket) -> str:
    return ticket.item.name if ticket.item is not None else ticket.category.name


def line_of(ticket: Ticket) -> str:
    """A waiting ticket's line: the window's own when staff transferred it to a window, else its category's."""
    if ticket.window_id is not None:
        return queueing.window_line(ticket.window_id)
    return queueing.category_line(ticket.category_id)


def waiting_of(ticket: Ticket) -> Waiting:
    return Waiting(ticket.id, line_of(ticket), ticket.priority, ticket.queued_at)


# --- Lines in Redis -----------------------------------------------------------------------------


def rebuild(hall_id: int, day: date, *, replace: bool = True) -> int:
    """Load a hall day's waiting tickets into Redis; how many. ``replace`` drops what Redis had first."""
    hall_day = HallDay(hall_id, day)
    waiting = db.session.scalars(
        select(Ticket).where(Ticket.hall_id == hall_id, Ticket.day == day, Ticket.status == "waiting")
    ).all()
    lines: set[str] = set()
    if replace:
        categories = db.session.scalars(select(QueueCategory.id).where(QueueCategory.hall_id == hall_id))
        windows = db.session.scalars(select(Window.id).where(Window.hall_id == hall_id))
        lines = {*map(queueing.category_line, categories), *map(queueing.window_line, windows)}
    queueing.load(hall_day, lines, [waiting_of(row) for row in waiting], boosts())
    return len(waiting)


def rebuild_all(now: datetime | None = None) -> dict[int, int]:
    """Every hall's lines of its today (``flask rebuild-queues``): {hall id: waiting tickets}."""
    now = now or utcnow()
    return {hall.id: rebuild(hall.id, hall_today(hall.timezone, now)) for hall in db.session.scalars(select(Hall))}


def _ready(hall_day: HallDay) -> None:
    """A hall day Redis does not know (it lost its data) is loaded before anything uses it."""
    if not queueing.is_built(hall_day):
        log.warning("hall %s %s: lines not in Redis, rebuilt from the database", hall_day.hall_id, hall_day.day)
        rebuild(hall_day.hall_id, hall_day.day, replace=False)


# --- Taking a ticket ----------------------------------------------------------------------------


def _line(hall: Hall, item_code: str | None, prefix: str | None) -> tuple[QueueCategory, ServiceItem | None]:
    """The hall line for an item (the first that handles it) or a category letter (a kiosk's anonymous ticket)."""
    if item_code is not None:
        item = catalog.published_item(item_code)
        line = next((row for row in hall.categories if item_code in row.item_codes), None)
        if item is None or line is None:
            raise NotFound()
        return line, item
    line = next((row for row in hall.categories if row.prefix == prefix), None)
    if line is None:
        raise NotFound()
    return line, None


@dataclass(frozen=True)
class Wanted:
    """What a ticket is for: an item (or a kiosk's line letter), for whom, and from where."""

    source: str  # kiosk | phone
    item_code: str | None = None
    prefix: str | None = None  # a kiosk's anonymous ticket for a line
    resident_id: int | None = None
    green: bool = False  # 绿色通道 set at the kiosk (disability, pregnancy); 70+ is read from the real-name record


@dataclass(frozen=True)
class Taken:
    ticket: Ticket
    replayed: bool  # an earlier request with the same Idempotency-Key took it


def take(
    hall_id: int, wanted: Wanted, *, actor: Actor, request: IdempotentRequest, now: datetime | None = None
) -> Taken:
    """A new ticket at an open hall, numbered in its line and waiting; one active ticket per resident per hall."""
    now = now or utcnow()
    found = idempotency.earlier(request)
    if found is not None:
        return Taken(_get(found.resource_id), True)
    if actor.kind == "resident" and wanted.resident_id != actor.id:
        proxies.authorize(actor.id, wanted.resident_id)  # 代办: a relative who granted it
    hall = db.session.get(Hall, hall_id, options=[joinedload(Hall.categories)])  # the lines in the same query
    if hall is None:
        raise NotFound()
    line, item = _line(hall, wanted.item_code, wanted.prefix)
    if not catalog.view_hall(hall, catalog.working_calendar(), now).open_now:
        raise HallClosed()
    hall_day = HallDay(hall.id, hall_today(hall.timezone, now))
    _ready(hall_day)

    def attempt() -> Taken:
        if wanted.resident_id is not None:
            residents.lock(wanted.resident_id)
            found = idempotency.earlier(request)  # a concurrent duplicate committed while we waited
            if found is not None:
                return Taken(_get(found.resource_id), True)
            _check_one_active(wanted.resident_id, hall.id)
        priority = "green" if wanted.green or _is_senior(wanted.resident_id, now) else "normal"
        ticket = _insert(hall_day, hall, line, item, wanted.source, priority, wanted.resident_id, None, actor, now)
        idempotency.remember(request, ticket.id, 201)
        return Taken(ticket, False)

    return _committed(attempt, request)


def check_in(token: str, *, hall_id: int, actor: Actor, now: datetime | None = None) -> Taken:
    """An appointment's code scanned at the hall's kiosk (or "I'm here" in the app): the appointment is
    checked in and its ticket issued, in one transaction. Checked in before its slot ends, the ticket is of
    the ``appointment`` class; in the grace period after, ``normal``. Scanning again gives the same ticket."""
    now = now or utcnow()

    def attempt() -> Taken:
        try:
            appointment = appointments.check_in(token, hall_id=hall_id, now=now)
        except AlreadyCheckedIn:
            issued = db.session.scalar(select(Ticket).where(Ticket.appointment_id == appointments.read_token(token).id))
            if issued is None:
                raise
            return Taken(issued, True)
        hall = appointment.hall
        hall_day = HallDay(hall.id, hall_today(hall.timezone, now))
        _ready(hall_day)
        priority = "appointment" if now <= appointment.ends_at else "normal"
        ticket = _insert(hall_day, hall, appointment.slot.category, appointment.item, "appointment", priority,
                         appointment.resident_id, appointment, actor, now)  # fmt: skip
        return Taken(ticket, False)

    return _committed(attempt)


def arrive(actor_id: int, appointment_id: int, now: datetime | None = None) -> Taken:
    """ "I'm here" from the mini-program: the same check-in as a kiosk scan, for the resident's own appointment
    (or one they booked as a proxy), within its check-in window."""
    appointment = appointments.mine(actor_id, appointment_id)
    token = appointments.check_in_token(appointment)
    return check_in(token, hall_id=appointment.hall_id, actor=Actor("resident", actor_id), now=now)


def _committed(attempt: Callable[[], Taken], request: IdempotentRequest | None = None) -> Taken:
    """Run ``attempt`` and commit; a unique clash (a number from a stale database maximum, or a concurrent
    duplicate key) rolls back and tries again, a few times. A new ticket joins its line only once committed
    (a window must never pop a ticket it cannot see yet), then is announced to the boards."""
    for tries in range(1, NUMBER_ATTEMPTS + 1):
        try:
            taken = attempt()
            commit_keeping_loaded()  # the ticket written through the ORM: the answer needs no reload
        except IntegrityError:
            db.session.rollback()
            found = idempotency.earlier(request) if request is not None else None
            if found is not None:
                return Taken(_get(found.resource_id), True)
            if tries == NUMBER_ATTEMPTS:
                raise
            continue
        except Exception:
            db.session.rollback()
            raise
        if not taken.replayed:
            _join_committed(taken.ticket)
            board.announce_waiting(taken.ticket)
        return taken
    raise AssertionError("unreachable")


def _join_committed(ticket: Ticket) -> None:
    """Put a committed ticket in its line. Should Redis fail just now, the ticket is still the resident's:
    ``reconcile`` (in the sweep) puts it in line at its fair place."""
    try:
        queueing.join(HallDay(ticket.hall_id, ticket.day), waiting_of(ticket), boosts())
    except RedisUnavailable:
        log.warning("ticket %s: committed but not in line yet (Redis unavailable); the sweep adds it", ticket.id)


def reconcile(now: datetime | None = None) -> int:
    """Every waiting ticket of the halls' today is in its line in Redis: those missing are added (a ticket
    committed while Redis failed); how many. Runs in the sweep."""
    now = now or utcnow()
    added = 0
    for hall in db.session.scalars(select(Hall)):
        hall_day = HallDay(hall.id, hall_today(hall.timezone, now))
        waiting = db.session.scalars(
            select(Ticket).where(Ticket.hall_id == hall.id, Ticket.day == hall_day.day, Ticket.status == "waiting")
        ).all()
        for ticket in waiting:
            if queueing.position(hall_day, ticket.id, line_of(ticket)) is None:
                queueing.join(hall_day, waiting_of(ticket), boosts())
                added += 1
    return added


jobs.SWEEPERS.append(reconcile)


def resident_at_kiosk(phone: str | None, id_number: str | None) -> int | None:
    """The resident a kiosk ticket is for, by the phone or ID number entered or read (None: anonymous)."""
    if id_number is not None:
        found = db.session.scalar(
            select(Resident.id).where(Resident.id_number_index == residents.id_number_index(id_number))
        )
        if found is not None:
            return found
    if phone is not None:
        resident = residents.find_by_phone(phone)
        return resident.id if resident else None
    return None


def _get(ticket_id: int) -> Ticket:
    found = db.session.get(Ticket, ticket_id)
    if found is None:
        raise NotFound()
    return found


def _check_one_active(resident_id: int, hall_id: int) -> None:
    held = db.session.scalar(
        select(Ticket).where(
            Ticket.resident_id == resident_id,
            Ticket.hall_id == hall_id,
            Ticket.status.in_(ACTIVE),
            Ticket.appointment_id.is_(None),
        )
    )
    if held is not None:
        raise AlreadyQueued(details={"ticket_id": held.id, "number": held.label})


def _is_senior(resident_id: int | None, now: datetime) -> bool:
    """70 or older by the birth date in the resident's real-name record (绿色通道)."""
    if resident_id is None:
        return False
    id_number = residents.profile(residents.get(resident_id)).id_number
    if id_number is None:
        return False
    born = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    today = now.date()
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age >= SENIOR_AGE


def _insert(
    hall_day: HallDay,
    hall: Hall,
    line: QueueCategory,
    item: ServiceItem | None,
    source: str,
    priority: str,
    resident_id: int | None,
    appointment: Appointment | None,
    actor: Actor,
    now: datetime,
) -> Ticket:
    highest = db.session.scalar(
        select(func.max(Ticket.number)).where(
            Ticket.hall_id == hall_day.hall_id, Ticket.day == hall_day.day, Ticket.issued_in_id == line.id
        )
    )
    number = queueing.next_number(hall_day, line.id, highest or 0)
    ticket = Ticket(
        hall=hall,
        category=line,
        issued_in_id=line.id,
        day=hall_day.day,
        number=number,
        label=f"{line.prefix}{number:03d}",
        source=source,
        priority=priority,
        status="waiting",
        resident_id=resident_id,
        appointment_id=appointment.id if appointment else None,
        item_id=item.id if item else (appointment.item_id if appointment else None),
        queued_at=now,
        updated_at=now,
    )
    if item is not None:
        ticket.item = item  # at hand for the answer, which is built without reloading
    db.session.add(ticket)
    db.session.flush()
    _event(ticket, "issued", actor, now, details={"source": source, "priority": priority})
    return ticket


def _event(ticket: Ticket, kind: str, actor: Actor, now: datetime, *, window_id: int | None = None,
           details: dict | None = None) -> None:  # fmt: skip
    db.session.add(
        TicketEvent(
            ticket_id=ticket.id,
            at=now,
            kind=kind,
            actor_kind=actor.kind,
            actor_id=actor.id,
            window_id=window_id,
            details=details or {},
        )
    )


# --- The resident's ticket ----------------------------------------------------------------------


@dataclass(frozen=True)
class TicketView:
    ticket: Ticket
    ahead: int | None  # tickets of the line called before it; None once it is not waiting
    window: str | None  # the window number once called, or while waiting for the window it was transferred to
    wait: estimates.Estimate | None  # while waiting


def view(ticket: Ticket, now: datetime | None = None) -> TicketView:
    ahead = wait = None
    if ticket.status == "waiting":
        hall_day = HallDay(ticket.hall_id, ticket.day)
        _ready(hall_day)
        ahead = queueing.position(hall_day, ticket.id, line_of(ticket))
        wait = estimates.estimate(ticket, ahead or 0, now)
    return TicketView(ticket, ahead, ticket.window.number if ticket.window_id else None, wait)


# --- Following a kiosk's ticket on a phone, without login --------------------------------------


@dataclass(frozen=True)
class PrintedView(TicketView):
    """A kiosk's ticket: the holder's view and the page its printed QR code opens."""

    follow_url: str


def follow_token(ticket: Ticket, now: datetime | None = None) -> str:
    """A page token for the ticket, valid until its hall day ends (at most ``FOLLOW_MAX``)."""
    now = now or utcnow()
    zone = ZoneInfo(ticket.hall.timezone)
    day_ends = datetime.combine(ticket.day + timedelta(days=1), time.min, zone)
    # An answer replayed after its day (the key lasts 24 h) gets a token that is already over.
    ttl = max(min(day_ends - now, FOLLOW_MAX), timedelta(seconds=1))
    return links.page_token("ticket", ticket.id, ttl)


def printed(ticket: Ticket, now: datetime | None = None) -> PrintedView:
    """The view a kiosk prints: with the H5 ticket page (``?t=`` token) that follows it live."""
    shown = view(ticket, now)
    url = links.h5_url(TICKET_PAGE, {"t": follow_token(ticket, now)})
    return PrintedView(shown.ticket, shown.ahead, shown.window, shown.wait, url)


def by_token(token: str) -> Ticket:
    """The ticket behind a printed QR code: 404 for a token that is not ours (a path that names nothing),
    410 LINK_EXPIRED once its hall day is over."""
    try:
        ticket_id = links.read_page_token("ticket", token)
    except LinkInvalid as exc:
        raise NotFound() from exc
    return _get(ticket_id)


def mine(resident_id: int, ticket_id: int) -> Ticket:
    ticket = db.session.get(Ticket, ticket_id)
    if ticket is None or ticket.resident_id != resident_id:
        raise NotFound()
    return ticket


def live_of(resident_id: int, now: datetime | None = None) -> list[Ticket]:
    """The resident's tickets still in play (waiting, called, serving or held) on their hall's today, newest
    first, at most ``LIVE_LIMIT``. One left so on an earlier day is never called again: it is not listed."""
    now = now or utcnow()
    rows = db.session.execute(
        select(Ticket, Hall.timezone)
        .join(Hall, Hall.id == Ticket.hall_id)
        .where(
            Ticket.resident_id == resident_id,
            Ticket.status.in_(ACTIVE),
            Ticket.day >= now.astimezone(UTC).date() - timedelta(days=1),  # no hall's today is before UTC's yesterday
        )
        .order_by(Ticket.id.desc())
    ).all()
    return [ticket for ticket, timezone in rows if ticket.day == hall_today(timezone, now)][:LIVE_LIMIT]


def cancel(resident_id: int, ticket_id: int, now: datetime | None = None) -> Ticket:
    """The resident leaves the line (only while waiting)."""
    now = now or utcnow()
    ticket = mine(resident_id, ticket_id)
    changed = db.session.execute(
        update(Ticket)
        .where(Ticket.id == ticket.id, Ticket.status == "waiting")
        .values(status="cancelled", finished_at=now, updated_at=now),
        execution_options={"synchronize_session": False},
    ).rowcount
    if changed != 1:
        db.session.rollback()
        raise TicketNotWaiting(details={"status": ticket.status})
    _event(ticket, "cancelled", Actor("resident", resident_id), now)
    db.session.commit()
    db.session.refresh(ticket)
    try:
        queueing.leave(HallDay(ticket.hall_id, ticket.day), ticket.id, line_of(ticket))
    except Exception:  # a stale entry is skipped when called
        log.warning("ticket %s: not removed from its line (Redis unavailable)", ticket.id)
    board.announce_waiting(ticket)
    return ticket


@dataclass(frozen=True)
class Called:
    """What the window sees of a call: the ticket and, only now, whom it is for (the API masks them)."""

    ticket: TicketView | None
    name: str | None
    phone: str | None


def called(ticket: Ticket | None) -> Called:
    if ticket is None:
        return Called(None, None, None)
    person = residents.profile(residents.get(ticket.resident_id)) if ticket.resident_id else None
    return Called(view(ticket), person.name if person else None, person.phone if person else None)


# --- Calling ------------------------------------------------------------------------------------


def _tell_near(ticket_id: int, timezone: str) -> None:
    """Tell a resident their turn is close (``QUEUE_NEAR_PLACES`` tickets ahead), once per ticket."""
    ticket = db.session.get(Ticket, ticket_id)
    if ticket is None or ticket.resident_id is None or ticket.status != "waiting":
        return
    notify.notify(
        ticket.resident_id,
        "ticket_near",
        {"number": ticket.label, "ahead": current_app.config["QUEUE_NEAR_PLACES"]},
        idempotency_key=f"ticket:{ticket.id}:near",
        timezone=timezone,
    )


def call_next(window_id: int, *, staff: StaffRights, now: datetime | None = None) -> Ticket | None:
    """The best waiting ticket across the window's lines, now ``called`` to it; None when nobody waits.
    Any staff member of the hall may call at its windows."""
    now = now or utcnow()
    # The hall and its lines in the same query: the hall path and the called ticket's line then need none.
    window = db.session.get(Window, window_id, options=[joinedload(Window.hall).joinedload(Hall.categories)])
    if window is None or not staff.covers(hall_path(window.hall_id), *ROLES):
        raise NotFound()
    staff_id = staff.staff_id
    hall = window.hall
    hall_day = HallDay(hall.id, hall_today(hall.timezone, now))
    _ready(hall_day)
    lines = [queueing.window_line(window.id)]
    lines += map(queueing.category_line, window_sessions.for_calling(window, staff_id, now))
    config = current_app.config
    while True:
        popped = queueing.call_next(hall_day, lines, config["QUEUE_INTERLEAVE"], config["QUEUE_NEAR_PLACES"])
        if popped is None:
            db.session.commit()  # a window opened by this call stays open
            return None
        ticket_id = popped.ticket_id
        try:
            ticket = db.session.scalar(
                update(Ticket)
                .where(Ticket.id == ticket_id, Ticket.status == "waiting")
                .values(status="called", window_id=window.id, called_at=now, updated_at=now)
                .returning(Ticket),
                execution_options={"synchronize_session": False, "populate_existing": True},
            )
            if ticket is None:  # cancelled meanwhile, or never committed: nothing changed, the next one
                continue
            set_committed_value(ticket, "window", window)
            _event(ticket, "called", Actor("staff", staff_id), now, window_id=window.id)
            if ticket.resident_id is not None:
                notify.notify(
                    ticket.resident_id,
                    "ticket_called",
                    {"number": ticket.label, "window": window.number, "item": _fit(_service_name(ticket))},
                    idempotency_key=f"ticket:{ticket.id}:called:{now.timestamp():.0f}",
                    timezone=hall.timezone,
                )
            if popped.near_id is not None:
                _tell_near(popped.near_id, hall.timezone)
            event = board.call_event(ticket, window.number)
            commit_keeping_loaded()  # the ticket as RETURNING gave it: the answer needs no reload
        except Exception:
            db.session.rollback()
            ticket = db.session.get(Ticket, ticket_id)
            if ticket is not None and ticket.status == "waiting":
                queueing.join(hall_day, waiting_of(ticket), boosts())
            raise
        board.announce(hall.id, "call", event)
        metrics.observe_queue_wait(hall.code, (now - ticket.queued_at).total_seconds())
        return ticket
