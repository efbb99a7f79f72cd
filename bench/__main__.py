"""Every benchmark in one run (``make bench`` = ``python -m bench``; ``--smoke`` for a tiny one that proves it works).

One gunicorn (deploy/gunicorn.conf.py: gthread, the production settings) serves PalmGov with the ceilings' blueprint
(bench/wsgi.py) on a scratch PostgreSQL database and a Redis db on loopback; this process generates the load (bounded
in count and in time per run) and checks the outcome from the database. Each workload is divided by a ceiling measured
in the same run on the same server. Writes bench/results/<YYYYMMDD-HHMM>-<commit>.json and .md and the charts under
docs/performance/; exits non-zero if a correctness check failed. Method and results: docs/performance.md.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import subprocess
import sys
from collections import Counter
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import redis
from flask import Flask
from sqlalchemy import text

from bench import booking, common, edge, growth, profile, queue, report, seed, world
from bench.common import Call, Figures, Run, drive, drive_streams, request_bytes, say

PACKAGES = ("flask", "flask-smorest", "sqlalchemy", "psycopg", "redis", "gunicorn", "werkzeug", "pyjwt", "matplotlib")
# (workload, ceiling, target share of the ceiling's requests/s); the targets of issue 12
RATIOS = (
    ("item_guide", "hello", 0.6),
    ("availability", "hello", 0.6),
    ("progress_small", "hello", 0.6),
    ("work_list_small", "hello", 0.6),
    ("booking", "sql_book", 0.7),
    ("ticket_issue", "lua_ticket", 0.7),
    ("call_next", "lua_call", 0.7),
    # context: the reads against the database ceiling, the queue against the same Lua and the same SQL, the ceilings
    # against the framework's
    ("item_guide", "sql_read", None),
    ("availability", "sql_read", None),
    ("progress_small", "sql_read", None),
    ("work_list_small", "sql_read", None),
    ("ticket_issue", "sql_ticket", None),
    ("call_next", "sql_call", None),
    ("sql_read", "hello", None),
    ("sql_book", "hello", None),
    ("lua_ticket", "hello", None),
    ("lua_call", "hello", None),
    ("sql_ticket", "hello", None),
    ("sql_call", "hello", None),
    # The item guide through nginx with the deployed cache, against hello through the same nginx (when installed)
    ("item_guide_edge", "hello_edge", 0.6),
    ("availability_edge", "hello_edge", 0.6),
    ("item_guide_edge", "hello", None),
    ("hello_edge", "hello", None),
)
P99_TARGET_MS = 250
GROWTH_TARGET = 1.3
GROWTH_CONNECTIONS = 4
FULL = {"seconds": 20.0, "residents": 5000, "places": 500, "tickets": 20000, "windows": 16, "small": 10_000,
        "large": 1_000_000, "departments": 20, "requests": 200_000, "progress_sample": 5000}  # fmt: skip
SMOKE = {"seconds": 1.0, "residents": 50, "places": 30, "tickets": 300, "windows": 4, "small": 100,
         "large": 1_000, "departments": 4, "requests": 5_000, "progress_sample": 50}  # fmt: skip


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny counts, 1 s per run")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432", help="server (no database)")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14", help="a Redis db of its own: flushed")
    parser.add_argument("--concurrency", type=int, default=64, help="connections of the open workloads")
    parser.add_argument("--capacity", type=int, default=10, help="places per booking slot")
    parser.add_argument("--second-tries", type=float, default=0.1, help="share of residents who press twice")
    parser.add_argument("--seed", type=int, default=8)
    for name, value in FULL.items():
        parser.add_argument(
            f"--{name.replace('_', '-')}", type=type(value), help=f"default {value:,} (smoke: {SMOKE[name]:,})"
        )
    parser.add_argument("--results", type=Path, default=common.RESULTS, help="where the .json and .md go")
    parser.add_argument("--charts", type=Path, default=common.ROOT / "docs" / "performance", help="where the PNGs go")
    parser.add_argument("--profile", action="store_true", help="py-spy on the workers during each workload")
    parser.add_argument("--keep-db", action="store_true", help="keep the scratch database to look at")
    args = parser.parse_args(argv)
    for name, value in (SMOKE if args.smoke else FULL).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    commit = _commit()
    name = f"{datetime.now(UTC):%Y%m%d-%H%M}-{commit}"
    args.results.mkdir(parents=True, exist_ok=True)
    store = redis.Redis.from_url(args.redis)
    store.flushdb()
    try:
        with common.scratch_database(args.postgres, args.keep_db) as database_url:
            env = common.environment(database_url, args.redis)
            with common.migrated_app(env) as app:
                result = Bench(app, args, env, name).everything()
                result["machine"] = machine()
    finally:
        store.flushdb()
    for figures in result["runs"].values():
        figures["passed"] = passed(figures)
    failed = [run for run, figures in result["runs"].items() if not figures["passed"]]
    result |= {"name": name, "commit": commit, "failed": failed}
    out = args.results / f"{name}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    table = report.markdown(result)
    out.with_suffix(".md").write_text(table)
    report.charts(result, args.charts)
    say("\n" + table)
    say(f"written: {out}, {out.with_suffix('.md')}, charts in {args.charts}")
    if failed:
        say(f"FAILED (a check failed, an unexpected status, or nothing answered): {', '.join(failed)}")
    return 1 if failed else 0


def passed(run: dict[str, Any]) -> bool:
    """A run passes when something was answered, every status was one the workload expects, and its check (if it
    has one) found nothing wrong."""
    return run["requests"] > 0 and run["errors"] == 0 and (not run["check"] or run["check"]["ok"])


class Bench:
    """One run: the world, the server, each workload and ceiling measured and checked, the growth."""

    def __init__(self, app: Flask, args: argparse.Namespace, env: dict[str, str], name: str) -> None:
        self.app, self.args, self.env, self.name = app, args, env, name
        self.log = args.results / f"{name}.log.tmp"  # the server's output
        self.runs: dict[str, dict[str, Any]] = {}
        self.port = self.master_pid = 0
        self.skipped: dict[str, str] = {}  # runs left out, and why
        self.warm_up_seconds = args.seconds / 2  # at most WARM_UP requests per path, for at most this long

    def measure(
        self, name: str, kind: str, calls: list[Call], expected: Collection[int], connections: int = 0, port: int = 0
    ) -> Run:
        connections = connections or self.args.concurrency
        with self.profiled(name, kind) as profiled:
            run = drive(name, port or self.port, calls, connections, self.args.seconds)
        return self._record(run, kind, expected, connections, profiled)

    def measure_streams(self, name: str, kind: str, streams: list, expected: Collection[int]) -> Run:
        with self.profiled(name, kind) as profiled:
            run = drive_streams(name, self.port, streams, self.args.seconds)
        return self._record(run, kind, expected, len(streams), profiled)

    @contextmanager
    def profiled(self, name: str, kind: str) -> Iterator[Path | None]:
        """With ``--profile``, py-spy on the workers while a workload (not a ceiling) runs."""
        if not self.args.profile or kind not in {"read", "write"}:
            yield None
            return
        out = self.args.results / f"{self.name}-{name}.pyspy.tmp"  # raw stacks: not committed
        with profile.recording(self.master_pid, self.args.seconds, out):
            yield out

    def _record(self, run: Run, kind: str, expected: Collection[int], connections: int, raw: Path | None) -> Run:
        figures: Figures = common.figures(run, expected, connections)
        self.runs[run.name] = {"kind": kind, **asdict(figures)}
        if raw is not None:
            self.runs[run.name]["profile"] = {"raw": raw.name, **profile.summary(raw)}
        say(
            f"  {run.name:18} {figures.requests_per_s:8,.0f} req/s  p50 {figures.p50_ms:7.1f}"
            f"  p99 {figures.p99_ms:7.1f} ms  errors {figures.errors}  {common.statuses_text(figures.statuses)}"
        )
        return run

    def check(self, name: str, found: dict[str, Any]) -> None:
        self.runs[name]["check"] = found
        say(f"  {name:18} check {'ok' if found['ok'] else 'FAILED'}: {found}")

    def get(self, path: str, headers: dict[str, str] | None = None, port: int = 0) -> list[Call]:
        port = port or self.port
        return [Call(request_bytes(port, "GET", path, b"", headers)) for _ in range(self.args.requests)]

    def everything(self) -> dict[str, Any]:
        args = self.args
        say(
            f"building the city: {args.residents} residents, {args.windows} windows, {args.departments} departments ..."
        )
        city = world.build(args.residents, args.places, args.capacity, args.windows, args.departments)
        seed.grow_to(city, args.small)
        with common.gunicorn(self.env, self.log) as (port, server):
            self.port, self.master_pid = port, server.pid
            self.warm_up(city)
            say("reads and their ceilings:")
            self.reads(city)
            self.edge_reads(city)
            growth_runs = {"small": self.growth(city, "small")}
            say("queue:")
            self.queue(city)
            say("booking:")
            self.booking(city)
            say(f"seeding up to {args.large:,} applications ...")
            started = datetime.now(UTC)
            seed.grow_to(city, args.large)
            seeded_s = round((datetime.now(UTC) - started).total_seconds(), 1)
            say(f"  seeded in {seeded_s} s")
            self.measure("hello_large", "ceiling", self.get("/bench/hello"), {200})
            growth_runs["large"] = self.growth(city, "large")
        return {
            "settings": {
                **{key: getattr(args, key) for key in FULL},
                "smoke": args.smoke,
                "concurrency": args.concurrency,
                "capacity": args.capacity,
                "second_tries": args.second_tries,
                "gunicorn": common.gunicorn_settings(self.env),
                "seed_seconds": seeded_s,
                "profiled": args.profile,
            },
            "runs": self.runs,
            "skipped": self.skipped,
            "ratios": self.ratios(),
            "growth": self.growth_summary(growth_runs),
        }

    def warm_up(self, city: world.World) -> None:
        """Every path once through the workers before measuring (on lines and slots of their own)."""
        say("warming up ...")
        count, concurrency, seconds = world.WARM_UP, self.args.concurrency, self.warm_up_seconds
        drive("warm-up", self.port, self.get("/bench/hello")[:count], concurrency, seconds)
        order = booking.warm_up_plan(0)
        drive(
            "warm-up", self.port, booking.palmgov_calls(self.port, city, order, "booking_warm_up"), concurrency, seconds
        )
        order = booking.warm_up_plan(1)
        calls = booking.ceiling_calls(self.port, city, order, "booking_warm_up", "/bench/sql-book")
        drive("warm-up", self.port, calls, concurrency, seconds)
        drive("warm-up", self.port, queue.kiosk_calls(self.port, city, "V", count), concurrency, seconds)
        streams = queue.palmgov_windows(self.port, city.warm_up_windows, city.clerk_tokens())
        drive_streams("warm-up", self.port, streams, seconds)

    def reads(self, city: world.World) -> None:
        item = f"/api/v1/items/{world.ITEM}"
        availability = f"/api/v1/halls/{city.hall_id}/availability?item={world.ITEM}"
        for path in (item, availability, f"/bench/sql-read?code={world.ITEM}"):
            drive("warm-up", self.port, self.get(path)[: world.WARM_UP], self.args.concurrency, self.warm_up_seconds)
        self.measure("hello", "ceiling", self.get("/bench/hello"), {200})
        self.measure("sql_read", "ceiling", self.get(f"/bench/sql-read?code={world.ITEM}"), {200})
        run = self.measure("item_guide", "read", self.get(item), {200})
        wrong = self.wrong_guides(run)
        self.check("item_guide", {"wrong_answers": wrong, "ok": wrong == 0})
        run = self.measure("availability", "read", self.get(availability), {200})
        wrong = self.wrong_days(run)
        self.check("availability", {"wrong_answers": wrong, "ok": wrong == 0})

    @staticmethod
    def wrong_guides(run: Run) -> int:
        return sum(1 for call in run.calls if call.status != 200 or json.loads(call.body)["code"] != world.ITEM)

    @staticmethod
    def wrong_days(run: Run) -> int:
        return sum(1 for call in run.calls if call.status != 200 or not json.loads(call.body)["days"])

    def edge_reads(self, city: world.World) -> None:
        """hello, the item guide and availability through nginx with the deployed cache of the public answers
        (bench/edge.py): each path's first answer fills the cache, the others come from it while it is fresh (a
        minute for the guide, 2 s for availability), as for a crowd reading one guide or one hall's days."""
        if edge.binary() is None:
            self.skipped["edge"] = "nginx is not on the PATH: hello_edge and the *_edge reads not measured"
            say(f"  skipped: {self.skipped['edge']}")
            return
        reads = (
            ("item_guide_edge", f"/api/v1/items/{world.ITEM}", self.wrong_guides),
            ("availability_edge", f"/api/v1/halls/{city.hall_id}/availability?item={world.ITEM}", self.wrong_days),
        )
        with edge.nginx(self.port) as port:
            warm_up = self.get("/bench/hello", port=port)[: world.WARM_UP]
            drive("warm-up", port, warm_up, self.args.concurrency, self.warm_up_seconds)
            self.measure("hello_edge", "ceiling", self.get("/bench/hello", port=port), {200}, port=port)
            for name, path, wrong_in in reads:
                run = self.measure(name, "read", self.get(path, port=port), {200}, port=port)
                cache = Counter(call.headers.get(edge.CACHE_STATUS, "none") for call in run.calls)
                found = {"wrong_answers": wrong_in(run), "hits": cache["HIT"], "cache": dict(sorted(cache.items()))}
                # Without hits this run would measure the app behind a proxy, not the cache.
                self.check(name, {**found, "ok": found["wrong_answers"] == 0 and cache["HIT"] > 0})

    def growth(self, city: world.World, size: str) -> dict[str, Any]:
        """Progress by token and the work list at this size, and the plans of what they run."""
        args = self.args
        applications = growth.sample(args.progress_sample, args.seed)
        paths = growth.progress_paths(applications)
        calls = growth.progress_calls(self.port, paths, args.requests, args.seed)
        seconds = self.warm_up_seconds
        drive("warm-up", self.port, calls[: world.WARM_UP], args.concurrency, seconds)
        drive("warm-up", self.port, growth.work_list_calls(self.port, city, world.WARM_UP), args.concurrency, seconds)
        count = seed.count()
        say(f"growth at {count:,} applications:")
        # At both sizes also at a few connections: latency close to the service time, less of the machine's queueing.
        for suffix, connections in (("", args.concurrency), ("_few", GROWTH_CONNECTIONS)):
            run = self.measure(f"progress_{size}{suffix}", "read", calls[world.WARM_UP :], {200}, connections)
            self.check(f"progress_{size}{suffix}", growth.check_progress(run, applications, paths))
            lists = growth.work_list_calls(self.port, city, args.requests)
            run = self.measure(f"work_list_{size}{suffix}", "read", lists, {200}, connections)
            self.check(f"work_list_{size}{suffix}", growth.check_work_list(city, run))
        return {"applications": count, "plans": growth.growth_plans(self.app, city, paths[0])}

    def queue(self, city: world.World) -> None:
        args, port = self.args, self.port
        lua = self.measure("lua_ticket", "ceiling", queue.ceiling_tickets(port, city, "lua", args.tickets), {201})
        run = self.measure("sql_ticket", "ceiling", queue.ceiling_tickets(port, city, "sql", args.tickets), {201})
        self.check("sql_ticket", queue.check_issue(city, run, "sql"))
        call = self.measure_streams("lua_call", "ceiling", queue.lua_windows(port, city, args.windows), {200})
        self.check("lua_call", queue.check_lua(city, lua, call))
        run = self.measure_streams("sql_call", "ceiling", queue.sql_windows(port, city), {200})
        self.check("sql_call", queue.check_calls(city, run, "sql"))
        run = self.measure("ticket_issue", "write", queue.kiosk_calls(port, city, "A", args.tickets), {201})
        self.check("ticket_issue", queue.check_issue(city, run, "ticket_issue"))
        windows = queue.palmgov_windows(port, city.windows, city.clerk_tokens())
        run = self.measure_streams("call_next", "write", windows, {200})
        self.check("call_next", queue.check_calls(city, run, "ticket_issue"))

    def booking(self, city: world.World) -> None:
        args = self.args
        slot_count = max(1, args.places // args.capacity)
        order = booking.plan(city, slot_count, args.second_tries, args.seed)
        expected = {201, 409}
        # PalmGov first: the ceilings' appointments (same residents, same item) would make it answer ALREADY_BOOKED.
        run = self.measure("booking", "write", booking.palmgov_calls(self.port, city, order, "booking"), expected)
        self.check("booking", booking.check(city, "booking"))
        # The ceiling gets the requests PalmGov got (the plan's first ones, when the time ran out before the end):
        # the same mix of bookings and sold-out answers, not a cheaper one.
        sent = order[: len(run.calls)]
        calls = booking.ceiling_calls(self.port, city, sent, "sql_book", "/bench/sql-book")
        self.measure("sql_book", "ceiling", calls, expected)
        self.check("sql_book", booking.check(city, "sql_book"))
        calls = booking.ceiling_calls(self.port, city, order, "naive_book", "/bench/naive-book")
        self.measure("naive_book", "control", calls, expected)
        self.check("naive_book", booking.check(city, "naive_book"))

    def ratios(self) -> list[dict[str, Any]]:
        rows = []
        for workload, ceiling, target in RATIOS:
            if workload not in self.runs or ceiling not in self.runs:
                continue  # skipped (self.skipped says why)
            found = common.ratio(self.runs[workload]["requests_per_s"], self.runs[ceiling]["requests_per_s"])
            rows.append(
                {
                    "workload": workload,
                    "ceiling": ceiling,
                    "ratio": found,
                    "target": target,
                    "met": None if target is None else (found or 0) >= target,
                    "p99_met": None if target is None else self.runs[workload]["p99_ms"] < P99_TARGET_MS,
                }
            )
        return rows

    def growth_summary(self, sizes: dict[str, dict[str, Any]]) -> dict[str, Any]:
        """Per workload and size: latency at 64 and at a few connections, requests/s, statements and the database's
        own time for one request (the sum of the plans' execution times); the large ÷ small ratios."""
        runs: dict[str, dict[str, Any]] = {}
        ratios: dict[str, Any] = {}
        for workload in ("progress", "work_list"):
            runs[workload] = {}
            for size, found in sizes.items():
                run, few = self.runs[f"{workload}_{size}"], self.runs[f"{workload}_{size}_few"]
                plans = found["plans"][workload]
                runs[workload][size] = {
                    "applications": found["applications"],
                    **{key: run[key] for key in ("p50_ms", "p95_ms", "p99_ms", "requests_per_s")},
                    **{f"few_{key}": few[key] for key in ("p50_ms", "p95_ms", "p99_ms")},
                    "statements": plans["statements"],
                    "sql_ms": round(sum(select["execution_ms"] for select in plans["selects"]), 2),
                }
            small, large = runs[workload]["small"], runs[workload]["large"]
            keys = ("p50_ms", "p95_ms", "p99_ms", "few_p50_ms", "few_p95_ms", "few_p99_ms", "sql_ms")
            ratio = {key: common.ratio(large[key], small[key]) for key in keys}
            ratios[workload] = {**ratio, "met": (ratio["few_p50_ms"] or 0) <= GROWTH_TARGET}
        hello = common.ratio(self.runs["hello_large"]["requests_per_s"], self.runs["hello"]["requests_per_s"])
        return {
            "runs": runs,
            "ratios": ratios,
            "hello_large_vs_small_requests_per_s": hello,
            "plans": {size: found["plans"] for size, found in sizes.items()},
        }


def machine() -> dict[str, Any]:
    from app.extensions import db
    from app.redis_store import get_redis

    meminfo = Path("/proc/meminfo").read_text().splitlines()
    memory_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024**2, 1),
        "platform": platform.platform(),
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "postgresql": db.session.scalar(text("SHOW server_version")),
        "redis": get_redis().info("server")["redis_version"],
        "nginx": edge.version(),  # None: not installed, the edge runs skipped
        "packages": versions,
    }


def _commit() -> str:
    """The short commit, with ``-dirty`` when the tree differs from it (read-only git commands)."""

    def git(*arguments: str) -> str:
        found = subprocess.run(  # noqa: S603 (git, fixed arguments)
            ["git", "--no-optional-locks", *arguments],  # noqa: S607
            cwd=common.ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        return found.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("-dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


if __name__ == "__main__":
    sys.exit(main())
