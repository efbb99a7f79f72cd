"""The ceilings PalmGov's booking is measured against (bench/booking_flash.py), served by gunicorn with the
same settings as PalmGov (bench/gunicorn_ceiling.conf.py) on the same PostgreSQL database.

- ``GET /hello``: a JSON hello, the framework ceiling.
- ``POST /book {slot_id, resident_id}``: only the booking's SQL in one transaction, the guarded
  ``UPDATE slots ... WHERE booked < capacity AND NOT closed`` and, if it took a place, the appointment
  ``INSERT``: the booking ceiling. No auth, rules, idempotency, outbox or Redis.
- ``POST /naive-book``: the same with read-check-write (read ``booked``, compare, write ``booked + 1``),
  the negative control: under a race it oversells, and the benchmark's checker must say so.
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime
from typing import Any

from flask import Flask, request
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Row

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

# The engine connects lazily, in each worker after the fork: the preloading master never opens one.
engine = create_engine(os.environ["DATABASE_URL"])
ITEM_ID = int(os.environ["BENCH_ITEM_ID"])
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
