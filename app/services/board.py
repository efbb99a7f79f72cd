"""A hall's live board (叫号屏): a snapshot from the database and an event log in Redis for its stream.

The snapshot is the truth: tickets as the database holds them, with no personal data. The events are
a Redis Stream per hall, ``q:{hall:<id>}:events`` (the hall's hash tag: one Cluster slot), trimmed to
about ``EVENTS_MAXLEN`` entries. An entry's id is the event id a board sees, so a board that reconnects
with ``Last-Event-ID`` reads on from where it was; pub/sub would have dropped whatever was published
while it was away. Losing the log loses nothing: a board that (re)connects starts with a new snapshot.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import redis
from flask import current_app
from sqlalchemy import func, select

from app.errors import NotFound
from app.extensions import db
from app.models.base import utcnow
from app.models.catalog import Hall, QueueCategory, Window
from app.models.queue import Ticket
from app.queueing import DAY_SECONDS
from app.redis_store import TIMEOUT_SECONDS, Client, get_redis, get_store, redis_errors
from app.services import catalog

log = logging.getLogger(__name__)

EVENTS_MAXLEN = 200  # about: Redis trims whole nodes of the stream
EVENTS_TTL = DAY_SECONDS  # a quiet hall's log goes after a day
READ_COUNT = 100
NOW_CALLING = 5
RECENT_CALLS = 10
CALLING = ("called", "serving")
EVENT_ID_RE = re.compile(r"[0-9]{1,20}-[0-9]{1,20}")  # a stream entry id: milliseconds-sequence
LISTENER = "palmgov.board_listener"

Event = tuple[str, str, dict[str, Any]]  # (id, kind, data)


def events_key(hall_id: int) -> str:
    return f"q:{{hall:{hall_id}}}:events"


def announcement(ticket_label: str, window_number: str) -> str:
    """What the board shows and the voice reads when a ticket is called."""
    # Windows are numbered "01", "02"… on the floor plan but said "1号窗口": a spoken "零一号" confuses people.
    spoken = window_number.lstrip("0") or window_number if window_number.isdigit() else window_number
    return f"请{ticket_label}号到{spoken}号窗口办理"


# --- Events -------------------------------------------------------------------------------------


def announce(hall_id: int, kind: str, data: dict[str, Any]) -> None:
    """Append an event to the hall's log (blocked readers wake at once). Never raises: a board that
    missed an event catches up with the snapshot it gets when it reconnects."""
    key = events_key(hall_id)
    try:
        pipe = get_redis().pipeline(transaction=True)
        pipe.xadd(key, {"kind": kind, "data": json.dumps(data, ensure_ascii=False)}, maxlen=EVENTS_MAXLEN)
        pipe.expire(key, EVENTS_TTL)
        pipe.execute()
    except redis.RedisError:
        log.warning("hall %s: board event %r not announced (Redis unavailable)", hall_id, kind)


def _waiting_in(ticket: Ticket) -> int:
    return db.session.scalar(
        select(func.count(Ticket.id)).where(
            Ticket.hall_id == ticket.hall_id,
            Ticket.day == ticket.day,
            Ticket.category_id == ticket.category_id,
            Ticket.status == "waiting",
        )
    )


def call_event(ticket: Ticket, window_number: str) -> dict[str, Any]:
    """The data of a ``call`` event (a call or a recall), with the line's waiting count from the database."""
    return {
        "ticket_id": ticket.id,
        "number": ticket.label,
        "category": ticket.category.prefix,
        "window": window_number,
        "announcement": announcement(ticket.label, window_number),
        "called_at": ticket.called_at.isoformat(),
        "waiting": _waiting_in(ticket),
    }


def announce_waiting(ticket: Ticket) -> None:
    """A ``ticket`` event: the ticket's line has a new waiting count (a ticket taken or cancelled)."""
    announce(ticket.hall_id, "ticket", {"category": ticket.category.prefix, "waiting": _waiting_in(ticket)})


def _order(event_id: str) -> tuple[int, int]:
    milliseconds, sequence = event_id.split("-")
    return int(milliseconds), int(sequence)


def cursor(hall_id: int, last_id: str | None) -> str:
    """Where a stream reads from: after ``last_id`` when the client has one, else after the latest event.
    A malformed id, or one ahead of the log (Redis lost it), counts as none."""
    with redis_errors():
        latest = get_redis().xrevrange(events_key(hall_id), count=1)
    newest = latest[0][0] if latest else "0-0"
    if last_id and EVENT_ID_RE.fullmatch(last_id) and _order(last_id) <= _order(newest):
        return last_id
    return newest


def _listener() -> Client:
    """A client for blocking reads: the shared one gives up after 0.5 s, a read here waits up to a
    keepalive period. Still bounded, so a Redis that vanished never holds a thread for good."""
    client = current_app.extensions.get(LISTENER)
    if client is None:
        client = get_store().connect(read_timeout=current_app.config["BOARD_KEEPALIVE_SECONDS"] + TIMEOUT_SECONDS)
        client = current_app.extensions.setdefault(LISTENER, client)
    return client


def events(hall_id: int, last_id: str | None, *, block_ms: int) -> list[Event]:
    """The hall's events after ``last_id`` (None: only those announced from now on), waiting up to
    ``block_ms`` (at most the keepalive period) for the first. Raises ``RedisUnavailable``."""
    keepalive_ms = int(current_app.config["BOARD_KEEPALIVE_SECONDS"] * 1000)
    block = max(1, min(block_ms, keepalive_ms)) if block_ms > 0 else None
    with redis_errors():
        found = _listener().xread({events_key(hall_id): last_id or "$"}, count=READ_COUNT, block=block)
    entries = [entry for _, stream_entries in found or [] for entry in stream_entries]
    return [(entry_id, fields["kind"], json.loads(fields["data"])) for entry_id, fields in entries]


# --- The snapshot -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    number: str
    category: str
    window: str
    called_at: datetime
    announcement: str


@dataclass(frozen=True)
class LineCount:
    prefix: str
    name: str
    waiting: int


@dataclass(frozen=True)
class Board:
    hall_id: int
    hall_name: str
    day: date  # the hall's today
    open_now: bool
    now_calling: list[Call]  # called or being served, latest first
    recent_calls: list[Call]  # the latest calls of the day, whatever became of them
    waiting: list[LineCount]  # every line of the hall, by prefix


def _hall(hall_id: int) -> Hall:
    hall = db.session.get(Hall, hall_id)
    if hall is None:
        raise NotFound()
    return hall


def _calls(hall_id: int, day: date, limit: int, statuses: tuple[str, ...] | None = None) -> list[Call]:
    query = (
        select(Ticket.label, QueueCategory.prefix, Window.number, Ticket.called_at)
        .join(QueueCategory, Ticket.category_id == QueueCategory.id)
        .join(Window, Ticket.window_id == Window.id)
        .where(Ticket.hall_id == hall_id, Ticket.day == day, Ticket.called_at.is_not(None))
        .order_by(Ticket.called_at.desc(), Ticket.id.desc())
    )
    if statuses is not None:
        query = query.where(Ticket.status.in_(statuses))
    rows = db.session.execute(query.limit(limit))
    return [Call(label, prefix, window, at, announcement(label, window)) for label, prefix, window, at in rows]


def snapshot(hall_id: int, now: datetime | None = None) -> Board:
    """The board as the database has it now (Redis may have lost its lines; the database has not)."""
    now = now or utcnow()
    hall = _hall(hall_id)
    view = catalog.view_hall(hall, catalog.working_calendar(), now)
    counts = dict(
        db.session.execute(
            select(Ticket.category_id, func.count(Ticket.id))
            .where(Ticket.hall_id == hall.id, Ticket.day == view.today, Ticket.status == "waiting")
            .group_by(Ticket.category_id)
        ).all()
    )
    return Board(
        hall_id=hall.id,
        hall_name=hall.name,
        day=view.today,
        open_now=view.open_now,
        now_calling=_calls(hall.id, view.today, NOW_CALLING, CALLING),
        recent_calls=_calls(hall.id, view.today, RECENT_CALLS),
        waiting=[LineCount(line.prefix, line.name, counts.get(line.id, 0)) for line in hall.categories],
    )


@dataclass(frozen=True)
class Watch:
    board: Board
    cursor: str  # the stream reads the events after this id


def watch(hall_id: int, last_id: str | None, now: datetime | None = None) -> Watch:
    """What a new stream starts from. The cursor is read before the snapshot, so no event falls between
    them; the read transaction then ends, so the stream holds no database connection while it lasts."""
    _hall(hall_id)
    start = cursor(hall_id, last_id)
    board = snapshot(hall_id, now)
    db.session.close()
    return Watch(board, start)
