"""取号/叫号 throughput: a hall's kiosk issues N tickets, then W windows call next until nobody waits, through
gunicorn on PostgreSQL, against ceilings that run the same Lua scripts, measured in the same run on the same
gunicorn configuration.

    .venv/bin/python -m bench.queue [--tickets 5000] [--windows 8] [--concurrency 64]

(``make bench`` runs it with the defaults, after bench/booking_flash.py.) Needs PostgreSQL on ``--postgres``
(a scratch database ``palmgov_bench_<time>`` is created and dropped) and Redis on ``--redis`` (flushed before
and after). Method, definitions and results: docs/performance.md ("Queue"). Writes
bench/results/queue-<time>.json.

Issue: N anonymous walk-in tickets for line A (``POST /api/v1/kiosk/tickets {"prefix": "A"}``, a new
Idempotency-Key each) on ``--concurrency`` connections. Call: with those N waiting, W windows of line A, each
with its own clerk, call next (``POST /api/v1/windows/{id}/call-next``), one connection per window, each
pressing again as soon as it has its answer, until the answer is "nobody waits". The ceilings
(bench/ceiling_app.py) get the same load on lines of their own: ``/take-lua`` and ``/call-lua`` (the Lua
scripts only), ``/take-sql`` and ``/call-sql`` (the scripts and the ticket's SQL).
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench import common
from bench.common import Call, drive, drive_streams, request_bytes, say

WARM_UP = 256  # tickets issued and called on each server before measuring, in a line of their own
LINES = {"palmgov": "A", "sql": "C", "lua": "L", "warm-up": "W"}
ALL_DAY = {day: [["00:00", "23:59"]] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
CLERK_PASSWORD = "bench-correct-horse-battery"  # noqa: S105 (a scratch database's throwaway accounts)


# --- The hall, its windows, clerks and kiosk -----------------------------------------------------------------


@dataclass
class World:
    hall_id: int
    day: date  # the hall's today
    lines: dict[str, int]  # category id by role
    windows: list[int]  # serving line A
    clerks: list[str]  # an access token for each window's clerk
    warm_up_windows: list[int]  # serving line W, one for each clerk
    kiosk: str  # the kiosk's device token


def build_world(windows: int) -> World:
    """A hall open all day today (the clock is real: gunicorn is another process), its lines, ``windows``
    windows of line A with a clerk each (a staff session minted directly), as many warm-up windows and a kiosk."""
    from api.auth import issue_tokens
    from app.calendar import hall_today
    from app.extensions import db
    from app.models import Hall, QueueCategory, Region, Window
    from app.models.catalog import HolidayOverride
    from app.services import audit, devices, scopes, sessions, staff

    region = Region(code="339900", name="压测区", level="district")
    hall = Hall(code="BENCH", name="压测大厅", region=region, address="示范路 1 号", hours=ALL_DAY)
    lines = {role: QueueCategory(hall=hall, prefix=prefix, name=role, item_codes=[]) for role, prefix in LINES.items()}
    counters = [Window(hall=hall, number=f"{n:02d}", categories=[lines["palmgov"]]) for n in range(1, windows + 1)]
    warm_up = [Window(hall=hall, number=f"W{n:02d}", categories=[lines["warm-up"]]) for n in range(1, windows + 1)]
    db.session.add_all([region, hall, *lines.values(), *counters, *warm_up])
    db.session.flush()
    day = hall_today(hall.timezone)
    db.session.add(HolidayOverride(day=day, working=True, note="queue benchmark"))
    db.session.commit()

    def account(username: str, role: str, scope: str, node: int | None) -> int:
        grants = [scopes.grant(role, scope, node)]
        created = staff.create_account(username, username, CLERK_PASSWORD, actor=audit.SYSTEM, grants=grants)
        return created.account.id

    installer = account("bench-installer", "sys_admin", "all", None)
    kiosk = devices.register(hall.id, "kiosk", "Entrance", admin=staff.rights(installer)).token
    clerks = []
    for n in range(windows):
        clerk = account(f"bench-clerk-{n:02d}", "window_staff", "hall", hall.id)
        session = sessions.open_session(
            staff_id=clerk, method="password", client="bench", ip="127.0.0.1", lifetime=timedelta(hours=2)
        )
        db.session.commit()
        clerks.append(issue_tokens(session, "staff")["access_token"])
    ids = {role: line.id for role, line in lines.items()}
    return World(hall.id, day, ids, [row.id for row in counters], clerks, [row.id for row in warm_up], kiosk)


# --- The load ------------------------------------------------------------------------------------------------


def kiosk_calls(port: int, world: World, prefix: str, count: int) -> list[Call]:
    body = json.dumps({"prefix": prefix}).encode()
    calls = []
    for _ in range(count):
        headers = {"X-Device-Token": world.kiosk, "Idempotency-Key": str(uuid.uuid4())}
        calls.append(Call(request_bytes(port, "POST", "/api/v1/kiosk/tickets", body, headers)))
    return calls


def ceiling_body(world: World, role: str) -> bytes:
    line = {"hall_id": world.hall_id, "category_id": world.lines[role], "day": world.day.isoformat()}
    return json.dumps(line).encode()


def until_empty(raw: bytes) -> Iterator[Call]:
    """A clerk pressing call-next again as soon as the answer is in, until nobody waits (or an error)."""
    while True:
        call = Call(raw)
        yield call
        if call.status != 200 or _called(call) is None:
            return


def _called(call: Call) -> int | None:
    """The ticket id a call-next answer called (PalmGov answers the ticket, the ceilings its id)."""
    ticket = json.loads(call.body)["ticket"]
    return ticket["id"] if isinstance(ticket, dict) else ticket


def palmgov_windows(port: int, windows: list[int], clerks: list[str]) -> list[Iterator[Call]]:
    path = "/api/v1/windows/{}/call-next"
    return [
        until_empty(request_bytes(port, "POST", path.format(window), b"", {"Authorization": f"Bearer {clerk}"}))
        for window, clerk in zip(windows, clerks, strict=True)
    ]


def ceiling_windows(port: int, path: str, body: bytes, windows: int) -> list[Iterator[Call]]:
    return [until_empty(request_bytes(port, "POST", path, body)) for _ in range(windows)]


# --- Numbers and checks --------------------------------------------------------------------------------------


@dataclass
class QueueFigures(common.Figures):
    tickets: int = 0  # issued (201), or called (200 with a ticket)
    tickets_per_s: float = 0.0


def issued(run: common.Run) -> QueueFigures:
    return _with_tickets(run, sum(1 for call in run.calls if call.status == 201))


def calls(run: common.Run) -> QueueFigures:
    return _with_tickets(run, len(called_ids(run)))


def _with_tickets(run: common.Run, tickets: int) -> QueueFigures:
    return QueueFigures(**asdict(common.figures(run)), tickets=tickets, tickets_per_s=round(tickets / run.seconds, 1))


def called_ids(run: common.Run) -> list[int]:
    return [ticket for call in run.calls if call.status == 200 and (ticket := _called(call)) is not None]


def check_issue(world: World, role: str, count: int) -> dict[str, Any]:
    """From the database: ``count`` tickets in the line, numbered 1..count, each number once."""
    from app.extensions import db
    from app.models import Ticket

    numbers = list(db.session.scalars(select(Ticket.number).where(Ticket.issued_in_id == world.lines[role])))
    db.session.rollback()
    return {
        "tickets": len(numbers),
        "distinct_numbers": len(set(numbers)),
        "numbers_1_to_n": sorted(numbers) == list(range(1, count + 1)),
        "ok": len(numbers) == count and sorted(numbers) == list(range(1, count + 1)),
    }


def check_calls(world: World, role: str, count: int, run: common.Run, events: bool) -> dict[str, Any]:
    """From the database: every ticket of the line ``called``, and (PalmGov) one ``called`` event each;
    from the answers: each ticket called once."""
    from app.extensions import db
    from app.models import Ticket, TicketEvent

    line = world.lines[role]
    statuses = dict(
        db.session.execute(
            select(Ticket.status, func.count()).where(Ticket.issued_in_id == line).group_by(Ticket.status)
        ).all()
    )
    per_ticket = Counter(
        db.session.scalars(
            select(TicketEvent.ticket_id)
            .join(Ticket, Ticket.id == TicketEvent.ticket_id)
            .where(Ticket.issued_in_id == line, TicketEvent.kind == "called")
        )
    )
    db.session.rollback()
    answered = called_ids(run)
    once = len(answered) == len(set(answered)) == count
    result = {
        "statuses": statuses,
        "answers_with_a_ticket": len(answered),
        "distinct_tickets_answered": len(set(answered)),
        "ok": statuses == {"called": count} and once,
    }
    if events:
        result["tickets_with_one_called_event"] = sum(1 for n in per_ticket.values() if n == 1)
        result["tickets_with_more"] = sum(1 for n in per_ticket.values() if n > 1)
        result["ok"] = result["ok"] and result["tickets_with_one_called_event"] == count == len(per_ticket)
    return result


def check_lua(world: World, count: int, issue: common.Run, call: common.Run) -> dict[str, Any]:
    """The Lua ceiling keeps nothing in the database: from Redis and the answers."""
    from app.queueing import HallDay
    from app.redis_store import get_redis

    hall_day, line = HallDay(world.hall_id, world.day), world.lines["lua"]
    numbers = [json.loads(call.body)["number"] for call in issue.calls if call.status == 201]
    answered = called_ids(call)
    counter = int(get_redis().get(hall_day.key("seq", line)) or 0)
    left = get_redis().zcard(hall_day.key("line", line))
    return {
        "counter": counter,
        "distinct_numbers": len(set(numbers)),
        "distinct_called": len(set(answered)),
        "left_in_line": left,
        "ok": counter == len(set(numbers)) == count and sorted(answered) == sorted(numbers) and left == 0,
    }


# --- The run -------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=5000)
    parser.add_argument("--windows", type=int, default=8, help="windows calling next at once (a connection each)")
    common.add_server_arguments(parser)
    args = parser.parse_args(argv)
    with common.scratch("queue", args) as bench:
        result = measure(args, bench.env, bench.log)
    out = common.save(bench, result)
    report(result)
    say(f"\nwritten to {out.relative_to(common.ROOT)}")
    failed = [name for name, run in result["runs"].items() if run["check"] and not run["check"]["ok"]]
    if failed:
        say(f"FAILED: {', '.join(failed)} (see the checks)")
    return 1 if failed else 0


def measure(args: argparse.Namespace, env: dict[str, str], log: Path) -> dict[str, Any]:
    n, windows = args.tickets, args.windows
    with common.migrated_app(env):
        say(f"creating a hall with {windows} windows, a clerk each and a kiosk ...")
        world = build_world(windows)
        common.warm_sessions(world.clerks)
        runs: dict[str, QueueFigures] = {}
        raw: dict[str, common.Run] = {}
        with common.gunicorn(env, common.PALMGOV, log) as port:
            drive("warm-up", port, kiosk_calls(port, world, "W", WARM_UP), args.concurrency)
            drive_streams("warm-up", port, palmgov_windows(port, world.warm_up_windows, world.clerks))
            say(f"PalmGov: {n} × POST /api/v1/kiosk/tickets, then {windows} windows × call-next ...")
            raw["palmgov-issue"] = drive("palmgov-issue", port, kiosk_calls(port, world, "A", n), args.concurrency)
            counters = palmgov_windows(port, world.windows, world.clerks)
            raw["palmgov-call"] = drive_streams("palmgov-call", port, counters)
        with common.gunicorn(env, common.CEILING, log) as port:
            warm_up = ceiling_body(world, "warm-up")
            drive("warm-up", port, [Call(request_bytes(port, "POST", "/take-sql", warm_up)) for _ in range(WARM_UP)],
                  args.concurrency)  # fmt: skip
            drive_streams("warm-up", port, ceiling_windows(port, "/call-sql", warm_up, windows))
            say("ceilings: GET /hello, /take-lua then /call-lua, /take-sql then /call-sql ...")
            hello = [Call(request_bytes(port, "GET", "/hello")) for _ in range(args.hello_requests)]
            raw["hello"] = drive("hello", port, hello, args.concurrency)
            for kind in ("lua", "sql"):
                body = ceiling_body(world, kind)
                take = [Call(request_bytes(port, "POST", f"/take-{kind}", body)) for _ in range(n)]
                raw[f"{kind}-issue"] = drive(f"{kind}-issue", port, take, args.concurrency)
                raw[f"{kind}-call"] = drive_streams(
                    f"{kind}-call", port, ceiling_windows(port, f"/call-{kind}", body, windows)
                )
        for name, run in raw.items():
            runs[name] = calls(run) if name.endswith("-call") else issued(run)
        runs["palmgov-issue"].check = check_issue(world, "palmgov", n)
        runs["palmgov-call"].check = check_calls(world, "palmgov", n, raw["palmgov-call"], events=True)
        runs["sql-issue"].check = check_issue(world, "sql", n)
        runs["sql-call"].check = check_calls(world, "sql", n, raw["sql-call"], events=False)
        runs["lua-call"].check = check_lua(world, n, raw["lua-issue"], raw["lua-call"])
    found = ratios(runs)
    return {
        "settings": {
            "tickets": n,
            "windows": windows,
            "issue_connections": args.concurrency,
            "call_connections": windows,
            "palmgov_ticket": "anonymous walk-in at the kiosk (POST /api/v1/kiosk/tickets {prefix: A})",
            "gunicorn": common.gunicorn_settings(env),
        },
        "runs": {name: asdict(run) for name, run in runs.items()},
        "ratios": found,
        "targets": {
            "issue_at_least_0_7_of_lua_ceiling": (found["issue_vs_lua_ceiling"] or 0) >= 0.7,
            "call_at_least_0_7_of_lua_ceiling": (found["call_vs_lua_ceiling"] or 0) >= 0.7,
        },
    }


def ratios(runs: dict[str, QueueFigures]) -> dict[str, float | None]:
    """PalmGov ÷ ceiling, requests/s (for call-next the same as tickets called/s: W empty answers in each)."""
    found: dict[str, float | None] = {}
    for workload in ("issue", "call"):
        palmgov = runs[f"palmgov-{workload}"].requests_per_s
        found[f"{workload}_vs_lua_ceiling"] = common.ratio(palmgov, runs[f"lua-{workload}"].requests_per_s)
        found[f"{workload}_vs_sql_ceiling"] = common.ratio(palmgov, runs[f"sql-{workload}"].requests_per_s)
        found[f"{workload}_vs_hello"] = common.ratio(palmgov, runs["hello"].requests_per_s)
    hello = runs["hello"].requests_per_s
    for kind in ("lua", "sql"):
        found[f"{kind}_issue_ceiling_vs_hello"] = common.ratio(runs[f"{kind}-issue"].requests_per_s, hello)
    return found


def report(result: dict[str, Any]) -> None:
    settings = result["settings"]
    say(
        f"\n{settings['tickets']} kiosk tickets on {settings['issue_connections']} connections, then "
        f"{settings['windows']} windows calling next (a connection each); {settings['gunicorn']}\n"
    )
    say(f"{'run':14} {'req/s':>8} {'tickets/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'client':>7}  statuses")
    for name, run in result["runs"].items():
        tickets = f"{run['tickets_per_s']:.0f}" if run["tickets"] else "-"
        say(
            f"{name:14} {run['requests_per_s']:8.0f} {tickets:>10} {run['p50_ms']:8.1f} {run['p99_ms']:8.1f} "
            f"{run['client_cpu_share']:6.0%}  {common.statuses_text(run['statuses'])}"
        )
    say("\nchecks:")
    for name, run in result["runs"].items():
        if run["check"]:
            details = ", ".join(f"{key} {value}" for key, value in run["check"].items() if key != "ok")
            say(f"  {name:14} {'ok' if run['check']['ok'] else 'FAILED'}: {details}")
    say("\nratios (PalmGov ÷ ceiling, requests/s; same run, same gunicorn configuration):")
    for name, value in result["ratios"].items():
        say(f"  {name:30} {value}")
    for name, met in result["targets"].items():
        say(f"  target {name:34} {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    sys.exit(main())
