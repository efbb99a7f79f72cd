"""放号 flash crowd: N logged-in residents race for the places of one hall line's released day, through gunicorn
on PostgreSQL, against two ceilings measured in the same run on the same gunicorn configuration.

    .venv/bin/python -m bench.booking_flash [--residents 5000] [--places 500] [--capacity 10] [--concurrency 64]

(``make bench`` runs it with the defaults.) Needs PostgreSQL on ``--postgres`` (a scratch database
``palmgov_bench_<time>`` is created and dropped) and Redis on ``--redis`` (flushed before and after).
Method, definitions and results: docs/performance.md. Writes bench/results/booking_flash-<time>.json.

The places: ``places / capacity`` slots (default 50 ten-minute windows × 10 counters) of one line on one
released day; every resident asks for one slot, drawn at random, and one in ten asks again (a new
Idempotency-Key, another slot), all in a shuffled order. The same plan
(who asks for which slot, in what order) is sent to PalmGov (``POST /api/v1/appointments``), to the
booking ceiling and to the naive negative control (bench/ceiling_app.py), each on its own fresh slots.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bench import common
from bench.common import Call, drive, request_bytes, say

ZONE = ZoneInfo("Asia/Shanghai")
ITEM = "BENCH-1"
WINDOW = timedelta(minutes=10)
FIRST_WINDOW = time(8, 30)  # hall time
WARM_UP = 256  # requests per server before measuring, by residents of their own, on a slot of its own
LINES = {"palmgov": "A", "ceiling": "C", "naive": "N", "warm-up": "W"}


@dataclass
class BookingFigures(common.Figures):
    bookings: int = 0
    sold_out_s: float | None = None  # from the first request to the last 201
    bookings_per_s: float | None = None


def figures(run: common.Run) -> BookingFigures:
    start = min(call.started for call in run.calls)
    booked = [call.ended - start for call in run.calls if call.status == 201]
    sold_out = max(booked) if booked else None
    return BookingFigures(
        **asdict(common.figures(run)),
        bookings=len(booked),
        sold_out_s=round(sold_out, 3) if sold_out else None,
        bookings_per_s=round(len(booked) / sold_out, 1) if sold_out else None,
    )


# --- The hall, the slots, the residents ----------------------------------------------------------------------


@dataclass
class World:
    hall_id: int
    item_id: int
    slots: dict[str, list[int]]  # per line, in window order
    residents: list[int]
    tokens: list[str]
    warm_up_residents: list[int]
    warm_up_tokens: list[str]


def release_day() -> date:
    """Three days ahead (hall time): released at 08:00 D-7, so open now; a working day by override."""
    return datetime.now(ZONE).date() + timedelta(days=3)


def build_world(args: argparse.Namespace, slot_count: int) -> World:
    from api.auth import issue_tokens
    from app.extensions import db
    from app.models import Hall, QueueCategory, Region, ServiceItem, Slot, SlotSchedule
    from app.models.catalog import Department, HolidayOverride
    from app.services import residents, sessions

    day = release_day()
    region = Region(code="339900", name="压测区", level="district")
    department = Department(code="bench", name="压测局", region=region)
    hall = Hall(code="BENCH", name="压测大厅", region=region, address="示范路 1 号", hours={})
    lines = {
        role: QueueCategory(hall=hall, prefix=prefix, name=role, item_codes=[ITEM] if role == "palmgov" else [])
        for role, prefix in LINES.items()
    }
    lines["warm-up"].item_codes = [ITEM]
    db.session.add_all([region, department, hall, *lines.values(), HolidayOverride(day=day, working=True)])
    item = ServiceItem(
        code=ITEM,
        state="published",
        name="压测事项",
        department=department,
        audience="personal",
        processing_type="immediate",
        appointment=True,
        assurance_level=1,
    )
    db.session.add(item)
    db.session.flush()
    for role in ("palmgov", "warm-up"):
        db.session.add(SlotSchedule(hall_id=hall.id, category_id=lines[role].id, capacity=args.capacity))
    first = datetime.combine(day, FIRST_WINDOW, ZONE)
    slots: dict[str, list[int]] = {}
    for role, line in lines.items():
        count = 2 if role == "warm-up" else slot_count  # a warm-up slot for each server
        capacity = WARM_UP // 4 if role == "warm-up" else args.capacity
        rows = [
            Slot(
                hall_id=hall.id,
                category_id=line.id,
                day=day,
                starts_at=(first + n * WINDOW).astimezone(UTC),
                ends_at=(first + (n + 1) * WINDOW).astimezone(UTC),
                capacity=capacity,
            )
            for n in range(count)
        ]
        db.session.add_all(rows)
        db.session.flush()
        slots[role] = [row.id for row in rows]

    def log_in(count: int, first_phone: int) -> tuple[list[int], list[str]]:
        ids, tokens = [], []
        for n in range(count):
            resident = residents.new_resident(f"1{first_phone + n:010d}")
            session = sessions.open_session(
                resident_id=resident.id, method="sms", client="bench", ip="127.0.0.1", lifetime=timedelta(hours=2)
            )
            ids.append(resident.id)
            tokens.append(issue_tokens(session, "resident")["access_token"])
        return ids, tokens

    ids, tokens = log_in(args.residents, 3_900_000_000)
    warm_ids, warm_tokens = log_in(WARM_UP, 3_800_000_000)
    db.session.commit()
    return World(hall.id, item.id, slots, ids, tokens, warm_ids, warm_tokens)


# --- The plan and the checks ---------------------------------------------------------------------------------


def plan(args: argparse.Namespace, world: World, slot_count: int) -> list[tuple[int, str, int]]:
    """(resident index, idempotency key, slot index) in the order they are sent: the same for every server.
    Some residents press twice (a new key, another slot): nobody may end up holding two places."""
    rng = random.Random(args.seed)  # noqa: S311 (a reproducible plan, not a secret)
    residents = range(len(world.residents))
    twice = rng.sample(residents, int(len(residents) * args.second_tries))
    order = [(n, str(uuid.uuid4()), rng.randrange(slot_count)) for n in [*residents, *twice]]
    rng.shuffle(order)
    return order


def palmgov_calls(port: int, world: World, order: list[tuple[int, str, int]], line: str = "palmgov") -> list[Call]:
    tokens = world.warm_up_tokens if line == "warm-up" else world.tokens
    calls = []
    for resident, key, slot in order:
        body = json.dumps({"item_code": ITEM, "slot_id": world.slots[line][slot]}).encode()
        headers = {"Authorization": f"Bearer {tokens[resident]}", "Idempotency-Key": key}
        calls.append(Call(request_bytes(port, "POST", "/api/v1/appointments", body, headers)))
    return calls


def ceiling_calls(port: int, world: World, order: list[tuple[int, str, int]], line: str, path: str) -> list[Call]:
    residents = world.warm_up_residents if line == "warm-up" else world.residents
    calls = []
    for resident, _key, slot in order:
        body = json.dumps({"slot_id": world.slots[line][slot], "resident_id": residents[resident]}).encode()
        calls.append(Call(request_bytes(port, "POST", path, body)))
    return calls


def check(world: World, line: str) -> dict[str, Any]:
    """Overbooking (a slot with more appointments than capacity, or a count that disagrees with them) and
    double booking (a resident with two active appointments of the item), from the database alone."""
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
    return {
        "places": sum(slot.capacity for slot in slots),
        "appointments": sum(rows.values()),
        "sum_booked": sum(slot.booked for slot in slots),
        "overbooked_slots": len(overbooked),
        "miscounted_slots": len(miscounted),
        "residents_with_two": doubles,
        "oversold": bool(overbooked or miscounted),
        "double_booked": doubles > 0,
    }


# --- The run -------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=5000)
    parser.add_argument("--places", type=int, default=500)
    parser.add_argument("--capacity", type=int, default=10, help="places per slot (counters serving the line)")
    parser.add_argument("--second-tries", type=float, default=0.1, help="share of residents who press twice")
    parser.add_argument("--seed", type=int, default=8)
    common.add_server_arguments(parser)
    args = parser.parse_args(argv)
    slot_count = max(1, args.places // args.capacity)
    with common.scratch("booking_flash", args) as bench:
        result = measure(args, slot_count, bench.env, bench.log)
    out = common.save(bench, result)
    report(result)
    say(f"\nwritten to {out.relative_to(common.ROOT)}")
    runs = result["runs"]
    checks = {name: runs[name]["check"] for name in ("palmgov", "ceiling", "naive")}
    palmgov_ok = not checks["palmgov"]["oversold"] and not checks["palmgov"]["double_booked"]
    # The ceiling has no one-per-resident rule (only the SQL): it must not oversell, it may double-book.
    proven = palmgov_ok and not checks["ceiling"]["oversold"] and checks["naive"]["oversold"]
    if not proven:
        say("FAILED: an endpoint oversold, PalmGov double-booked, or the checker missed the naive overselling")
    return 0 if proven else 1


def measure(args: argparse.Namespace, slot_count: int, env: dict[str, str], log: Path) -> dict[str, Any]:
    from app.extensions import db
    from app.models import Notification

    with common.migrated_app(env):
        say(f"creating {args.residents} residents with a session each, {slot_count} slots × {args.capacity} ...")
        world = build_world(args, slot_count)
        common.warm_sessions(world.tokens + world.warm_up_tokens)
        order = plan(args, world, slot_count)
        warm_up = {server: [(n, str(uuid.uuid4()), slot) for n in range(WARM_UP)] for slot, server in enumerate("PC")}
        runs: dict[str, BookingFigures] = {}
        with common.gunicorn(env, common.PALMGOV, log) as port:
            drive("warm-up", port, palmgov_calls(port, world, warm_up["P"], "warm-up"), args.concurrency)
            say("PalmGov: POST /api/v1/appointments ...")
            runs["palmgov"] = figures(drive("palmgov", port, palmgov_calls(port, world, order), args.concurrency))
        ceiling_env = {**env, "BENCH_ITEM_ID": str(world.item_id)}
        with common.gunicorn(ceiling_env, common.CEILING, log) as port:
            drive("warm-up", port, ceiling_calls(port, world, warm_up["C"], "warm-up", "/book"), args.concurrency)
            say("ceilings: GET /hello, POST /book, POST /naive-book ...")
            hello = [Call(request_bytes(port, "GET", "/hello")) for _ in range(args.hello_requests)]
            runs["hello"] = figures(drive("hello", port, hello, args.concurrency))
            runs["ceiling"] = figures(
                drive("ceiling", port, ceiling_calls(port, world, order, "ceiling", "/book"), args.concurrency)
            )
            runs["naive"] = figures(
                drive("naive", port, ceiling_calls(port, world, order, "naive", "/naive-book"), args.concurrency)
            )
        for name in ("palmgov", "ceiling", "naive"):
            runs[name].check = check(world, name)
        outbox = db.session.scalar(
            select(func.count(Notification.id)).where(Notification.template == "appointment_booked")
        )
        db.session.rollback()
    palmgov, ceiling, hello_run = runs["palmgov"], runs["ceiling"], runs["hello"]
    return {
        "settings": {
            "residents": args.residents,
            "second_tries": args.second_tries,
            "requests": len(order),
            "places": slot_count * args.capacity,
            "slots": slot_count,
            "capacity": args.capacity,
            "concurrency": args.concurrency,
            "gunicorn": common.gunicorn_settings(env),
            "seed": args.seed,
        },
        "runs": {name: asdict(run) for name, run in runs.items()},
        "palmgov_confirmations_queued": outbox,
        "ratios": {
            "requests_per_s_vs_booking_ceiling": round(palmgov.requests_per_s / ceiling.requests_per_s, 2),
            "bookings_per_s_vs_booking_ceiling": common.ratio(palmgov.bookings_per_s, ceiling.bookings_per_s),
            "requests_per_s_vs_hello": round(palmgov.requests_per_s / hello_run.requests_per_s, 2),
            "booking_ceiling_vs_hello": round(ceiling.requests_per_s / hello_run.requests_per_s, 2),
        },
        "targets": {
            "throughput_ratio_at_least_0_7": palmgov.requests_per_s / ceiling.requests_per_s >= 0.7,
            "p99_under_250_ms": palmgov.p99_ms < 250,
        },
    }


def report(result: dict[str, Any]) -> None:
    settings = result["settings"]
    say(
        f"\n{settings['requests']} booking requests from {settings['residents']} residents "
        f"({settings['second_tries']:.0%} press twice), {settings['places']} places ({settings['slots']} slots × "
        f"{settings['capacity']}), {settings['concurrency']} connections, {settings['gunicorn']}\n"
    )
    say(f"{'run':8} {'req/s':>8} {'book/s':>8} {'sold out':>9} {'p50 ms':>8} {'p99 ms':>8} {'client':>7}  statuses")
    for name, run in result["runs"].items():
        sold = f"{run['sold_out_s']:.2f}s" if run["sold_out_s"] else "-"
        booked = f"{run['bookings_per_s']:.0f}" if run["bookings_per_s"] else "-"
        statuses = common.statuses_text(run["statuses"])
        say(
            f"{name:8} {run['requests_per_s']:8.0f} {booked:>8} {sold:>9} {run['p50_ms']:8.1f} {run['p99_ms']:8.1f} "
            f"{run['client_cpu_share']:6.0%}  {statuses}"
        )
    say("\nchecks (from the database):")
    for name in ("palmgov", "ceiling", "naive"):
        check = result["runs"][name]["check"]
        verdict = (
            ", ".join(
                word
                for word, bad in (("OVERSOLD", check["oversold"]), ("DOUBLE-BOOKED", check["double_booked"]))
                if bad
            )
            or "ok"
        )
        say(
            f"  {name:8} {check['appointments']} appointments for {check['places']} places, sum(booked) "
            f"{check['sum_booked']}, {check['overbooked_slots']} slots overbooked, {check['miscounted_slots']} "
            f"miscounted, {check['residents_with_two']} residents with two: {verdict}"
        )
    say("\nratios (same run, same gunicorn configuration):")
    for name, value in result["ratios"].items():
        say(f"  {name:38} {value}")
    for name, met in result["targets"].items():
        say(f"  target {name:31} {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    sys.exit(main())
