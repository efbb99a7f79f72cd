"""放号 flash crowd: logged-in residents race for the places of one hall line's released day. The same plan (who asks
for which slot, in what order) goes to PalmGov (``POST /api/v1/appointments``), to the SQL ceiling
(``/bench/sql-book``) and to the naive negative control (``/bench/naive-book``), each on its own fresh slots.

The places: ``places / capacity`` ten-minute slots with ``capacity`` counters each; every resident asks for one slot
drawn at random, and a share of them ask again (a new Idempotency-Key, another slot), all in a shuffled order.
"""

from __future__ import annotations

import json
import random
import uuid
from typing import Any

from sqlalchemy import func, select

from bench.common import Call, request_bytes
from bench.world import ITEM, World

Plan = list[tuple[int, str, int]]  # (resident index, idempotency key, slot index), in the order sent


def plan(world: World, slot_count: int, second_tries: float, seed: int) -> Plan:
    """Some residents press twice (a new key, another slot): nobody may end up holding two places."""
    rng = random.Random(seed)  # noqa: S311 (a reproducible plan, not a secret)
    residents = range(len(world.residents))
    twice = rng.sample(residents, int(len(residents) * second_tries))
    order = [(n, str(uuid.uuid4()), rng.randrange(slot_count)) for n in [*residents, *twice]]
    rng.shuffle(order)
    return order


def warm_up_plan(slot: int) -> Plan:
    from bench.world import WARM_UP

    return [(n, str(uuid.uuid4()), slot) for n in range(WARM_UP)]


def palmgov_calls(port: int, world: World, order: Plan, line: str) -> list[Call]:
    tokens = world.resident_tokens(warm_up=line == "booking_warm_up")
    calls = []
    for resident, key, slot in order:
        body = json.dumps({"item_code": ITEM, "slot_id": world.slots[line][slot]}).encode()
        headers = {"Authorization": f"Bearer {tokens[resident]}", "Idempotency-Key": key}
        calls.append(Call(request_bytes(port, "POST", "/api/v1/appointments", body, headers)))
    return calls


def ceiling_calls(port: int, world: World, order: Plan, line: str, path: str) -> list[Call]:
    residents = world.warm_up_residents if line == "booking_warm_up" else world.residents
    calls = []
    for resident, _key, slot in order:
        body = {"slot_id": world.slots[line][slot], "resident_id": residents[resident], "item_id": world.item_id}
        calls.append(Call(request_bytes(port, "POST", path, json.dumps(body).encode())))
    return calls


def check(world: World, line: str) -> dict[str, Any]:
    """Overbooking (a slot with more appointments than capacity, or a count that disagrees with them) and double
    booking (a resident with two active appointments of the item), from the database alone. ``ok``: PalmGov
    neither oversold nor double-booked; the SQL ceiling (no one-per-resident rule) did not oversell; for the naive
    control, the checker caught its overselling."""
    from app.extensions import db
    from app.models import Appointment, Slot

    ids = world.slots[line]
    rows = dict(
        db.session.execute(
            select(Appointment.slot_id, func.count(Appointment.id))
            .where(Appointment.slot_id.in_(ids), Appointment.status == "booked")
            .group_by(Appointment.slot_id)
        ).all()
    )
    slots = db.session.execute(select(Slot.id, Slot.capacity, Slot.booked).where(Slot.id.in_(ids))).all()
    overbooked = [slot for slot in slots if slot.booked > slot.capacity or rows.get(slot.id, 0) > slot.capacity]
    miscounted = [slot for slot in slots if rows.get(slot.id, 0) != slot.booked]
    doubles = db.session.scalar(
        select(func.count()).select_from(
            select(Appointment.resident_id)
            .where(Appointment.slot_id.in_(ids), Appointment.status == "booked", Appointment.item_id == world.item_id)
            .group_by(Appointment.resident_id)
            .having(func.count() > 1)
            .subquery()
        )
    )
    db.session.rollback()
    oversold, double_booked = bool(overbooked or miscounted), doubles > 0
    ok = {"booking": not oversold and not double_booked, "sql_book": not oversold, "naive_book": oversold}[line]
    return {
        "places": sum(slot.capacity for slot in slots),
        "appointments": sum(rows.values()),
        "sum_booked": sum(slot.booked for slot in slots),
        "overbooked_slots": len(overbooked),
        "miscounted_slots": len(miscounted),
        "residents_with_two": doubles,
        "oversold": oversold,
        "double_booked": double_booked,
        "ok": ok,
    }
