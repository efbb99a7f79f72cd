"""What the benchmarks share (bench/booking_flash.py, bench/queue.py): a stdlib asyncio HTTP client, the
latency and status figures of a run, the scratch PostgreSQL database and flushed Redis db, PalmGov's
environment, gunicorn started and stopped, and the JSON result file. Method: docs/performance.md."""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time as clock
import urllib.request
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import flask_migrate
import psycopg
import redis
from flask import Flask

from config import DEFAULT_WORKERS

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PALMGOV = ("deploy/gunicorn.conf.py", "wsgi:app", "/healthz")  # gunicorn config, app, health path
CEILING = ("bench/gunicorn_ceiling.conf.py", "bench.ceiling_app:app", "/hello")


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--hello-requests", type=int, default=10000)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--keep-db", action="store_true", help="keep the scratch database to look at")


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


def _recorded(stream: Iterable[Call], into: list[Call]) -> Iterator[Call]:
    for call in stream:
        into.append(call)
        yield call


def drive_streams(name: str, port: int, streams: list[Iterable[Call]]) -> Run:
    """One keep-alive connection per stream, each sending its stream's calls one after the other (a stream may
    be a generator that looks at the previous answer before making the next call)."""
    calls: list[Call] = []

    async def everything() -> None:
        await asyncio.gather(*(_exchange(port, _recorded(stream, calls)) for stream in streams))

    cpu, started = clock.process_time(), clock.perf_counter()
    asyncio.run(everything())
    return Run(name, calls, clock.perf_counter() - started, clock.process_time() - cpu)


def drive(name: str, port: int, calls: list[Call], concurrency: int) -> Run:
    """Send ``calls`` over ``concurrency`` keep-alive connections, each taking the next call when it is free."""
    shared = iter(calls)  # one iterator: the connections take turns at it (asyncio runs one at a time)
    run = drive_streams(name, port, [shared] * concurrency)
    return Run(name, calls, run.seconds, run.client_cpu_seconds)


# --- Numbers -------------------------------------------------------------------------------------------------


@dataclass
class Figures:
    requests: int
    seconds: float
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    statuses: dict[str, int]
    client_cpu_share: float  # of one core, while the run lasted
    check: dict[str, Any] = field(default_factory=dict)


def figures(run: Run) -> Figures:
    latencies = sorted((call.ended - call.started) * 1000 for call in run.calls)
    statuses: Counter[str] = Counter()
    for call in run.calls:
        code = ""
        if call.status >= 400 and call.body.startswith(b"{"):
            code = " " + str(json.loads(call.body).get("code", ""))
        statuses[f"{call.status}{code}"] += 1
    return Figures(
        requests=len(run.calls),
        seconds=round(run.seconds, 3),
        requests_per_s=round(len(run.calls) / run.seconds, 1),
        p50_ms=round(statistics.median(latencies), 1),
        p99_ms=round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 1),
        max_ms=round(latencies[-1], 1),
        statuses=dict(sorted(statuses.items())),
        client_cpu_share=round(run.client_cpu_seconds / run.seconds, 2),
    )


def statuses_text(statuses: dict[str, int]) -> str:
    return ", ".join(f"{count}×{status}" for status, count in statuses.items())


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


# --- The scratch database, Redis, PalmGov's environment ------------------------------------------------------


@dataclass(frozen=True)
class Scratch:
    name: str  # of the benchmark: the result file's prefix
    stamp: str
    env: dict[str, str]  # PalmGov's environment on the scratch database
    log: Path  # the servers' output


@contextmanager
def scratch(name: str, args: argparse.Namespace) -> Iterator[Scratch]:
    """A scratch database (dropped after, unless ``--keep-db``) and the Redis db flushed before and after."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    RESULTS.mkdir(parents=True, exist_ok=True)
    store = redis.Redis.from_url(args.redis)
    store.flushdb()
    try:
        with scratch_database(args.postgres, args.keep_db) as database_url:
            yield Scratch(name, stamp, environment(database_url, args.redis), RESULTS / f"{name}-{stamp}.log.tmp")
    finally:
        store.flushdb()


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


@contextmanager
def migrated_app(env: dict[str, str]) -> Iterator[Flask]:
    """PalmGov in this process, on the scratch database (migrated), inside its app context."""
    from app import create_app
    from config import config_from_env

    app = create_app(config_from_env({**env, "LOG_LEVEL": "WARNING"}))  # the servers keep INFO: an access line each
    with app.app_context():
        flask_migrate.upgrade()
        yield app


def warm_sessions(tokens: list[str]) -> None:
    """Logged in beforehand and browsing: their sessions are in Redis, as after any request."""
    from flask_jwt_extended import decode_token

    from app.services import sessions

    for token in tokens:
        sessions.check(decode_token(token)["sub"])


def gunicorn_settings(env: dict[str, str]) -> str:
    workers = int(env.get("WEB_CONCURRENCY", DEFAULT_WORKERS))
    return f"gthread, {workers} workers × {env.get('GUNICORN_THREADS', 8)} threads"


def save(bench: Scratch, result: dict[str, Any]) -> Path:
    result["started_at"], result["machine"] = bench.stamp, {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    out = RESULTS / f"{bench.name}-{bench.stamp}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return out


# --- Servers -------------------------------------------------------------------------------------------------


@contextmanager
def gunicorn(env: dict[str, str], server: tuple[str, str, str], log: Path) -> Iterator[int]:
    """``server`` (PALMGOV or CEILING) on a free port, until its health path answers; stopped after."""
    config, target, health = server
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
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
