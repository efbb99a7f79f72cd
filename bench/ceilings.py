"""The ceilings every workload is divided by: a bench-only blueprint that bench/wsgi.py registers on PalmGov's own
``create_app()``, so the ceilings are served by the same gunicorn, with the same settings and request hooks (request
id, per-IP limit, JSON access line), as the workloads. Never registered by app/ or api/.

- ``GET /bench/hello``: a JSON hello, the framework ceiling.
- ``GET /bench/sql-read?code=``: one indexed ``SELECT`` of a published item: the database ceiling of the reads.
- ``POST /bench/sql-book {slot_id, resident_id, item_id}``: only the booking's SQL in one transaction, the guarded
  ``UPDATE slots ... WHERE booked < capacity AND NOT closed`` and, if it took a place, the appointment ``INSERT``.
- ``POST /bench/naive-book``: the same with read-check-write, the negative control: under a race it oversells, and
  the checker must say so.
- ``POST /bench/lua-ticket {hall_id, category_id, day}``: only ``app.queueing``'s next-number and join scripts.
- ``POST /bench/lua-call {hall_id, category_id, day}``: only ``app.queueing``'s call-next script.
- ``POST /bench/sql-ticket {hall_id, category_id, day, prefix}``: the same Lua and the SQL of a kiosk ticket, as
  PalmGov runs them: the line's highest number, the next-number script, the ticket and its ``issued`` event
  inserted in one transaction, then (committed) the join script.
- ``POST /bench/sql-call {hall_id, category_id, day, window_id}``: the call-next script and, if it popped a ticket,
  the conditional ``UPDATE tickets ... WHERE status = 'waiting'`` and its ``called`` event in one transaction.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from typing import Any

from flask import Blueprint, request
from sqlalchemy import text
from sqlalchemy.engine import Connection, Row

from app import queueing
from app.extensions import db

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
ITEM = text("SELECT id, code, name FROM service_items WHERE code = :code AND state = 'published'")
TAKE = text(
    "UPDATE slots SET booked = booked + 1, updated_at = :now"
    " WHERE id = :slot AND booked < capacity AND NOT closed"
    " RETURNING hall_id, day, starts_at, ends_at"
)
READ = text("SELECT booked, capacity, closed, hall_id, day, starts_at, ends_at FROM slots WHERE id = :slot")
WRITE = text("UPDATE slots SET booked = :booked, updated_at = :now WHERE id = :slot")
INSERT = text(
    "INSERT INTO appointments (reference, resident_id, booked_by_id, item_id, hall_id, slot_id, day, starts_at,"
    " ends_at, status, created_at, updated_at, reschedules)"
    " VALUES (:reference, :resident, :resident, :item, :hall, :slot, :day, :starts_at, :ends_at, 'booked',"
    " :now, :now, 0) RETURNING id"
)
HIGHEST = text("SELECT max(number) FROM tickets WHERE hall_id = :hall AND day = :day AND issued_in_id = :line")
TICKET = text(
    "INSERT INTO tickets (hall_id, category_id, issued_in_id, day, number, label, source, priority, status,"
    " queued_at, updated_at) VALUES (:hall, :line, :line, :day, :number, :label, 'kiosk', 'normal', 'waiting',"
    " :now, :now) RETURNING id"
)
ISSUED = text(
    "INSERT INTO ticket_events (ticket_id, at, kind, actor_kind, details)"
    """ VALUES (:ticket, :now, 'issued', 'device', '{"source": "kiosk", "priority": "normal"}')"""
)
CALL = text(
    "UPDATE tickets SET status = 'called', window_id = :window, called_at = :now, updated_at = :now"
    " WHERE id = :ticket AND status = 'waiting' RETURNING id"
)
CALLED = text(
    "INSERT INTO ticket_events (ticket_id, at, kind, actor_kind, window_id, details)"
    " VALUES (:ticket, :now, 'called', 'staff', :window, '{}')"
)
WINDOW = 0  # the calling window's own line: empty, as in the run, but read like PalmGov reads it
NEAR = 3

blueprint = Blueprint("bench", __name__, url_prefix="/bench")


@blueprint.get("/hello")
def hello() -> dict[str, str]:
    return {"hello": "world"}


@blueprint.get("/sql-read")
def sql_read() -> tuple[dict[str, Any], int]:
    with db.engine.connect() as connection:
        item = connection.execute(ITEM, {"code": request.args.get("code", "")}).first()
    return ({"id": item.id, "code": item.code, "name": item.name}, 200) if item else ({"code": "NOT_FOUND"}, 404)


@blueprint.post("/sql-book")
def sql_book() -> tuple[dict[str, Any], int]:
    body = request.get_json()
    now = datetime.now(UTC)
    with db.engine.begin() as connection:
        slot = connection.execute(TAKE, {"slot": body["slot_id"], "now": now}).first()
        if slot is None:
            return {"code": "SLOT_FULL"}, 409
        return _insert(connection, body, slot, now), 201


@blueprint.post("/naive-book")
def naive_book() -> tuple[dict[str, Any], int]:
    body = request.get_json()
    now = datetime.now(UTC)
    with db.engine.begin() as connection:
        slot = connection.execute(READ, {"slot": body["slot_id"]}).one()
        if slot.closed or slot.booked >= slot.capacity:
            return {"code": "SLOT_FULL"}, 409
        connection.execute(WRITE, {"slot": body["slot_id"], "booked": slot.booked + 1, "now": now})
        return _insert(connection, body, slot, now), 201


def _insert(connection: Connection, body: dict[str, Any], slot: Row, now: datetime) -> dict[str, Any]:
    reference = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    values = {"reference": reference, "resident": body["resident_id"], "item": body["item_id"], "slot": body["slot_id"]}
    values |= {"hall": slot.hall_id, "day": slot.day, "starts_at": slot.starts_at, "ends_at": slot.ends_at, "now": now}
    return {"id": connection.execute(INSERT, values).scalar_one(), "reference": reference}


def _line() -> tuple[queueing.HallDay, int]:
    body = request.get_json()
    return queueing.HallDay(body["hall_id"], date.fromisoformat(body["day"])), body["category_id"]


@blueprint.post("/lua-ticket")
def lua_ticket() -> tuple[dict[str, Any], int]:
    """A normal-class ticket: the next number (database maximum 0), which joins the line as its member."""
    hall_day, line = _line()
    number = queueing.next_number(hall_day, line, 0)
    waiting = queueing.Waiting(number, queueing.category_line(line), "normal", datetime.now(UTC))
    queueing.join(hall_day, waiting, {})
    return {"number": number}, 201


@blueprint.post("/lua-call")
def lua_call() -> dict[str, Any]:
    """As PalmGov calls: the window's own line (transfers to it), then the category's."""
    hall_day, line = _line()
    lines = [queueing.window_line(WINDOW), queueing.category_line(line)]
    popped = queueing.call_next(hall_day, lines, 0, NEAR)
    return {"ticket": popped.ticket_id if popped else None}


@blueprint.post("/sql-ticket")
def sql_ticket() -> tuple[dict[str, Any], int]:
    """A normal-class kiosk ticket as PalmGov writes it: numbered above the line's highest in the database,
    inserted with its ``issued`` event and committed, and only then in line."""
    hall_day, line = _line()
    now = datetime.now(UTC)
    where = {"hall": hall_day.hall_id, "day": hall_day.day, "line": line}
    with db.engine.begin() as connection:
        number = queueing.next_number(hall_day, line, connection.execute(HIGHEST, where).scalar_one() or 0)
        label = f"{request.get_json()['prefix']}{number:03d}"
        ticket = connection.execute(TICKET, {**where, "number": number, "label": label, "now": now}).scalar_one()
        connection.execute(ISSUED, {"ticket": ticket, "now": now})
    queueing.join(hall_day, queueing.Waiting(ticket, queueing.category_line(line), "normal", now), {})
    return {"id": ticket, "number": number}, 201


@blueprint.post("/sql-call")
def sql_call() -> dict[str, Any]:
    """As PalmGov calls at a window: its own line, then the category's; the popped ticket ``called`` to it."""
    hall_day, line = _line()
    window = request.get_json()["window_id"]
    popped = queueing.call_next(hall_day, [queueing.window_line(window), queueing.category_line(line)], 0, NEAR)
    if popped is None:
        return {"ticket": None}
    values = {"ticket": popped.ticket_id, "window": window, "now": datetime.now(UTC)}
    with db.engine.begin() as connection:
        # A ticket joins its line only once committed, and nothing else changes the line's: always still waiting.
        ticket = connection.execute(CALL, values).scalar_one()
        connection.execute(CALLED, values)
    return {"ticket": ticket}
