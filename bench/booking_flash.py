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
import asyncio
import base64
import json
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import time as clock
import urllib.error
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import flask_migrate
import psycopg
import redis
from sqlalchemy import func, select

from config import DEFAULT_WORKERS

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
ZONE = ZoneInfo("Asia/Shanghai")
ITEM = "BENCH-1"
WINDOW = timedelta(minutes=10)
FIRST_WINDOW = time(8, 30)  # hall time
WARM_UP = 256  # requests per server before measuring, by residents of their own, on a slot of its own
LINES = {"palmgov": "A", "ceiling": "C", "naive": "N", "warm-up": "W"}


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


# --- A stdlib asyncio HTTP/1.1 client with keep-alive: light enough not to be the bottleneck ----------------


@dataclass
class Call:
    raw: bytes  # the whole request
    status: int = 0
    body: bytes = b""
    started: float = 0.0
    ended: float = 0.0


def request_bytes(port: int, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if method == "POST":
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _exchange(port: int, calls: Iterator[Call]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for call in calls:
            call.started = clock.perf_counter()
            writer.write(call.raw)
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            call.status = int(lines[0].split(" ", 2)[1])
            headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
            call.body = await reader.readexactly(int(headers.get("content-length", 0)))
            call.ended = clock.perf_counter()
            if headers.get("connection", "").lower() == "close":
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
    finally:
        writer.close()


@dataclass
class Run:
    name: str
    calls: list[Call]
    seconds: float
    client_cpu_seconds: float


def drive(name: str, port: int, calls: list[Call], concurrency: int) -> Run:
    """Send ``calls`` over ``concurrency`` keep-alive connections, each taking the next call when it is free."""
    shared = iter(calls)  # one iterator: the connections take turns at it (asyncio runs one at a time)

    async def everything() -> None:
        await asyncio.gather(*(_exchange(port, shared) for _ in range(concurrency)))

    cpu, started = clock.process_time(), clock.perf_counter()
    asyncio.run(everything())
    return Run(name, calls, clock.perf_counter() - started, clock.process_time() - cpu)


# --- Numbers -------------------------------------------------------------------------------------------------


@dataclass
class Figures:
    requests: int
    seconds: float
    requests_per_s: float
    bookings: int
    sold_out_s: float | None  # from the first request to the last 201
    bookings_per_s: float | None
    p50_ms: float
    p99_ms: float
    max_ms: float
    statuses: dict[str, int]
    client_cpu_share: float  # of one core, while the run lasted
    check: dict[str, Any] = field(default_factory=dict)


def figures(run: Run) -> Figures:
    start = min(call.started for call in run.calls)
    latencies = sorted((call.ended - call.started) * 1000 for call in run.calls)
    booked = [call.ended - start for call in run.calls if call.status == 201]
    statuses: Counter[str] = Counter()
    for call in run.calls:
        code = ""
        if call.status >= 400 and call.body.startswith(b"{"):
            code = " " + str(json.loads(call.body).get("code", ""))
        statuses[f"{call.status}{code}"] += 1
    sold_out = max(booked) if booked else None
    return Figures(
        requests=len(run.calls),
        seconds=round(run.seconds, 3),
        requests_per_s=round(len(run.calls) / run.seconds, 1),
        bookings=len(booked),
        sold_out_s=round(sold_out, 3) if sold_out else None,
        bookings_per_s=round(len(booked) / sold_out, 1) if sold_out else None,
        p50_ms=round(statistics.median(latencies), 1),
        p99_ms=round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 1),
        max_ms=round(latencies[-1], 1),
        statuses=dict(sorted(statuses.items())),
        client_cpu_share=round(run.client_cpu_seconds / run.seconds, 2),
    )


# --- The scratch database and Redis --------------------------------------------------------------------------


@contextmanager
def scratch_database(server: str, keep: bool) -> Iterator[str]:
    name = f"palmgov_bench_{datetime.now(UTC):%Y%m%d%H%M%S}_{os.getpid()}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")  # a name of digits and letters made here
    try:
        yield f"{server}/{name}"
    finally:
        if keep:
            say(f"kept the database {server}/{name}")
        else:
            with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def environment(database_url: str, redis_url: str) -> dict[str, str]:
    """PalmGov as deployed behind a load balancer, with fresh keys; the per-IP limit out of the way (one
    client address sends everything here)."""
    return {
        **os.environ,
        "PALMGOV_ENV": "development",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "JWT_SECRET_KEY": secrets.token_urlsafe(48),
        "FIELD_ENCRYPTION_KEYS": "1:" + base64.b64encode(secrets.token_bytes(32)).decode(),
        "BLIND_INDEX_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "RATE_LIMIT_PER_IP": str(10**9),
        "QUIET_HOURS": "",
    }


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


def warm_sessions(tokens: list[str]) -> None:
    """Logged in minutes before 08:00 and browsing: their sessions are in Redis, as after any request."""
    from flask_jwt_extended import decode_token

    from app.services import sessions

    for token in tokens:
        sessions.check(decode_token(token)["sub"])


# --- Servers -------------------------------------------------------------------------------------------------


@contextmanager
def gunicorn(env: dict[str, str], config: str, target: str, health: str, log: Path) -> Iterator[int]:
    port = free_port()
    with log.open("ab") as output:
        process = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
            [str(Path(sys.executable).parent / "gunicorn"), "-c", config, target],
            cwd=ROOT,
            env={**env, "HOST": "127.0.0.1", "PORT": str(port)},
            stdout=output,
            stderr=output,
        )
    try:
        deadline = clock.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{health}", timeout=2):
                    break
            except OSError:
                if clock.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{target} did not come up: see {log}") from None
                clock.sleep(0.2)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--second-tries", type=float, default=0.1, help="share of residents who press twice")
    parser.add_argument("--hello-requests", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--keep-db", action="store_true", help="keep the scratch database to look at")
    args = parser.parse_args(argv)
    slot_count = max(1, args.places // args.capacity)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = RESULTS / f"booking_flash-{stamp}.log.tmp"
    store = redis.Redis.from_url(args.redis)
    store.flushdb()
    try:
        with scratch_database(args.postgres, args.keep_db) as database_url:
            result = measure(args, slot_count, environment(database_url, args.redis), log)
    finally:
        store.flushdb()
    result["started_at"], result["machine"] = stamp, {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    out = RESULTS / f"booking_flash-{stamp}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    report(result)
    say(f"\nwritten to {out.relative_to(ROOT)}")
    runs = result["runs"]
    checks = {name: runs[name]["check"] for name in ("palmgov", "ceiling", "naive")}
    palmgov_ok = not checks["palmgov"]["oversold"] and not checks["palmgov"]["double_booked"]
    # The ceiling has no one-per-resident rule (only the SQL): it must not oversell, it may double-book.
    proven = palmgov_ok and not checks["ceiling"]["oversold"] and checks["naive"]["oversold"]
    if not proven:
        say("FAILED: an endpoint oversold, PalmGov double-booked, or the checker missed the naive overselling")
    return 0 if proven else 1


def measure(args: argparse.Namespace, slot_count: int, env: dict[str, str], log: Path) -> dict[str, Any]:
    from app import create_app
    from app.extensions import db
    from app.models import Notification
    from config import config_from_env

    app = create_app(config_from_env({**env, "LOG_LEVEL": "WARNING"}))  # the servers keep INFO: an access line each
    with app.app_context():
        flask_migrate.upgrade()
        say(f"creating {args.residents} residents with a session each, {slot_count} slots × {args.capacity} ...")
        world = build_world(args, slot_count)
        warm_sessions(world.tokens + world.warm_up_tokens)
        order = plan(args, world, slot_count)
        warm_up = {server: [(n, str(uuid.uuid4()), slot) for n in range(WARM_UP)] for slot, server in enumerate("PC")}
        runs: dict[str, Figures] = {}
        with gunicorn(env, "deploy/gunicorn.conf.py", "wsgi:app", "/healthz", log) as port:
            drive("warm-up", port, palmgov_calls(port, world, warm_up["P"], "warm-up"), args.concurrency)
            say("PalmGov: POST /api/v1/appointments ...")
            runs["palmgov"] = figures(drive("palmgov", port, palmgov_calls(port, world, order), args.concurrency))
        ceiling_env = {**env, "BENCH_ITEM_ID": str(world.item_id)}
        with gunicorn(ceiling_env, "bench/gunicorn_ceiling.conf.py", "bench.ceiling_app:app", "/hello", log) as port:
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
    workers = int(env.get("WEB_CONCURRENCY", DEFAULT_WORKERS))
    return {
        "settings": {
            "residents": args.residents,
            "second_tries": args.second_tries,
            "requests": len(order),
            "places": slot_count * args.capacity,
            "slots": slot_count,
            "capacity": args.capacity,
            "concurrency": args.concurrency,
            "gunicorn": f"gthread, {workers} workers × {env.get('GUNICORN_THREADS', 8)} threads",
            "seed": args.seed,
        },
        "runs": {name: asdict(run) for name, run in runs.items()},
        "palmgov_confirmations_queued": outbox,
        "ratios": {
            "requests_per_s_vs_booking_ceiling": round(palmgov.requests_per_s / ceiling.requests_per_s, 2),
            "bookings_per_s_vs_booking_ceiling": _ratio(palmgov.bookings_per_s, ceiling.bookings_per_s),
            "requests_per_s_vs_hello": round(palmgov.requests_per_s / hello_run.requests_per_s, 2),
            "booking_ceiling_vs_hello": round(ceiling.requests_per_s / hello_run.requests_per_s, 2),
        },
        "targets": {
            "throughput_ratio_at_least_0_7": palmgov.requests_per_s / ceiling.requests_per_s >= 0.7,
            "p99_under_250_ms": palmgov.p99_ms < 250,
        },
    }


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


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
        statuses = ", ".join(f"{count}×{status}" for status, count in run["statuses"].items())
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
