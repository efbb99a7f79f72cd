"""The ceilings PalmGov's booking is measured against (bench/booking_flash.py), served by gunicorn with the
same settings as PalmGov (bench/gunicorn_ceiling.conf.py) on the same PostgreSQL database.

- ``GET /hello``: a JSON hello, the framework ceiling.
- ``POST /book {slot_id, resident_id}``: only the booking's SQL in one transaction, the guarded
  ``UPDATE slots ... WHERE booked < capacity AND NOT closed`` and, if it took a place, the appointment
  ``INSERT``: the booking ceiling. No auth, rules, idempotency, outbox or Redis.
- ``POST /naive-book``: the same with read-check-write (read ``booked``, compare, write ``booked + 1``),
  the negative control: under a race it oversells, and the benchmark's checker must say so.

The ceilings of the hall queue (bench/queue.py), with the Lua scripts imported from ``app.queueing`` and its
keys, no auth, idempotency, events, board or ORM; body ``{hall_id, category_id, day}``:

- ``POST /take-lua``: only ``_NEXT_NUMBER`` (database maximum 0) and ``_JOIN`` (the member is the number):
  the ticket-issue ceiling the issue names ("a minimal endpoint that runs the same Lua script").
- ``POST /take-sql``: the line's highest number in the database, ``_NEXT_NUMBER``, the ticket ``INSERT``,
  ``_JOIN`` with the ticket id, commit: the ticket-issue ceiling with the SQL a ticket needs.
- ``POST /call-lua``: only ``_CALL_NEXT`` over the line: the call-next ceiling.
- ``POST /call-sql``: ``_CALL_NEXT`` and the conditional ``UPDATE tickets SET status = 'called' … WHERE
  status = 'waiting'``: the call-next ceiling with its SQL.
"""

from __future__ import annotations

import os
import secrets
import time
from datetime import UTC, date, datetime
from typing import Any

from flask import Flask, request
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Row

from app.queueing import _CALL_NEXT, _JOIN, _NEXT_NUMBER, KEY_TTL, HallDay
from app.redis_store import connect

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
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
CALL = text(
    "UPDATE tickets SET status = 'called', called_at = :now, updated_at = :now"
    " WHERE id = :ticket AND status = 'waiting'"
)

# The engine connects lazily, in each worker after the fork: the preloading master never opens one.
engine = create_engine(os.environ["DATABASE_URL"])
store = connect(os.environ["REDIS_URL"])  # PalmGov's client settings; redis-py reconnects after the fork
next_number, join, call_next = (store.register_script(source) for source in (_NEXT_NUMBER, _JOIN, _CALL_NEXT))
ITEM_ID = int(os.environ.get("BENCH_ITEM_ID", 0))  # booking_flash's item (unused by the queue's endpoints)
INTERLEAVE = int(os.environ.get("QUEUE_INTERLEAVE", 0))  # as PalmGov reads it
NEAR = int(os.environ.get("QUEUE_NEAR_PLACES", 3))
WINDOW = 0  # the calling window's own line: empty, as in the run, but read like PalmGov reads it
app = Flask(__name__)


@app.get("/hello")
def hello() -> dict[str, str]:
    return {"hello": "world"}


@app.post("/book")
def book() -> tuple[dict[str, Any], int]:
    body = request.get_json()
    now = datetime.now(UTC)
    with engine.begin() as connection:
        slot = connection.execute(TAKE, {"slot": body["slot_id"], "now": now}).first()
        if slot is None:
            return {"code": "SLOT_FULL"}, 409
        return _insert(connection, body, slot, now), 201


@app.post("/naive-book")
def naive_book() -> tuple[dict[str, Any], int]:
    body = request.get_json()
    now = datetime.now(UTC)
    with engine.begin() as connection:
        slot = connection.execute(READ, {"slot": body["slot_id"]}).one()
        if slot.closed or slot.booked >= slot.capacity:
            return {"code": "SLOT_FULL"}, 409
        connection.execute(WRITE, {"slot": body["slot_id"], "booked": slot.booked + 1, "now": now})
        return _insert(connection, body, slot, now), 201


def _insert(connection: Connection, body: dict[str, Any], slot: Row, now: datetime) -> dict[str, Any]:
    reference = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    values = {"reference": reference, "resident": body["resident_id"], "item": ITEM_ID, "slot": body["slot_id"]}
    values |= {"hall": slot.hall_id, "day": slot.day, "starts_at": slot.starts_at, "ends_at": slot.ends_at, "now": now}
    return {"id": connection.execute(INSERT, values).scalar_one(), "reference": reference}


def _line(body: dict[str, Any]) -> tuple[HallDay, int]:
    return HallDay(body["hall_id"], date.fromisoformat(body["day"])), body["category_id"]


def _number(hall_day: HallDay, line: int, highest: int) -> int:
    return int(next_number(keys=[hall_day.key("seq", line)], args=[highest, KEY_TTL]))


def _join(hall_day: HallDay, line: int, member: int) -> None:
    """A normal-class ticket joins the line, scored by the time now."""
    now = time.time()
    keys = [hall_day.key("line", line), hall_day.key("normal", line)]
    join(keys=keys, args=[f"{member:010d}", now, now, "1", KEY_TTL])


@app.post("/take-lua")
def take_lua() -> tuple[dict[str, Any], int]:
    hall_day, line = _line(request.get_json())
    number = _number(hall_day, line, 0)
    _join(hall_day, line, number)
    return {"number": number}, 201


@app.post("/take-sql")
def take_sql() -> tuple[dict[str, Any], int]:
    hall_day, line = _line(request.get_json())
    where = {"hall": hall_day.hall_id, "day": hall_day.day, "line": line}
    with engine.begin() as connection:
        number = _number(hall_day, line, connection.execute(HIGHEST, where).scalar_one() or 0)
        values = {**where, "number": number, "label": f"{number:03d}", "now": datetime.now(UTC)}
        ticket = connection.execute(TICKET, values).scalar_one()
        _join(hall_day, line, ticket)
    return {"id": ticket, "number": number}, 201


def _pop(hall_day: HallDay, line: int, window_id: int) -> int | None:
    """As PalmGov calls: the window's own line (transfers to it), then the category's."""
    keys = [hall_day.key("streak"), hall_day.key("line", f"w{window_id}"), hall_day.key("normal", f"w{window_id}"),
            hall_day.key("line", line), hall_day.key("normal", line)]  # fmt: skip
    found = call_next(keys=keys, args=[INTERLEAVE, KEY_TTL, NEAR])
    return int(found[0]) if found else None


@app.post("/call-lua")
def call_lua() -> dict[str, Any]:
    hall_day, line = _line(request.get_json())
    return {"ticket": _pop(hall_day, line, WINDOW)}


@app.post("/call-sql")
def call_sql() -> dict[str, Any]:
    hall_day, line = _line(request.get_json())
    while (ticket := _pop(hall_day, line, WINDOW)) is not None:
        with engine.begin() as connection:
            if connection.execute(CALL, {"ticket": ticket, "now": datetime.now(UTC)}).rowcount == 1:
                return {"ticket": ticket}
    return {"ticket": None}
