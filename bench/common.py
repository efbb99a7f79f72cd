"""What the benchmark's parts share: a stdlib asyncio HTTP client (the load, bounded in count and time), the
latency and status figures of a run, the scratch PostgreSQL database and Redis db, PalmGov's environment and
gunicorn started and stopped. Method: docs/performance.md."""

from __future__ import annotations

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
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import flask_migrate
import psycopg
from flask import Flask

from config import DEFAULT_WORKERS

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SERVER = ("deploy/gunicorn.conf.py", "bench.wsgi:app", "/bench/hello")  # gunicorn config, app, health path


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


# --- A stdlib asyncio HTTP/1.1 client with keep-alive: light enough not to be the bottleneck ----------------


@dataclass
class Call:
    raw: bytes  # the whole request
    status: int = 0
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)  # the answer's, names in lower case
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
            call.headers = headers
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
    calls: list[Call]  # the calls sent (those left when the time ran out are not)
    seconds: float
    client_cpu_seconds: float


def _recorded(stream: Iterable[Call], into: list[Call], deadline: float) -> Iterator[Call]:
    for call in stream:
        if clock.perf_counter() >= deadline:
            return
        into.append(call)
        yield call


def drive_streams(name: str, port: int, streams: list[Iterable[Call]], seconds: float) -> Run:
    """One keep-alive connection per stream, each sending its stream's calls one after the other (a stream may
    be a generator that looks at the previous answer before making the next call), until the streams end or
    ``seconds`` have passed (no new call is sent after that)."""
    calls: list[Call] = []

    async def everything() -> None:
        deadline = clock.perf_counter() + seconds
        await asyncio.gather(*(_exchange(port, _recorded(stream, calls, deadline)) for stream in streams))

    cpu, started = clock.process_time(), clock.perf_counter()
    asyncio.run(everything())
    return Run(name, calls, clock.perf_counter() - started, clock.process_time() - cpu)


def drive(name: str, port: int, calls: list[Call], concurrency: int, seconds: float) -> Run:
    """Send ``calls`` over ``concurrency`` keep-alive connections, each taking the next call when it is free."""
    shared = iter(calls)  # one iterator: the connections take turns at it (asyncio runs one at a time)
    return drive_streams(name, port, [shared] * concurrency, seconds)


# --- Numbers -------------------------------------------------------------------------------------------------


@dataclass
class Figures:
    requests: int
    seconds: float
    requests_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    statuses: dict[str, int]
    errors: int  # answers with a status the workload does not expect
    connections: int
    client_cpu_share: float  # of one core, while the run lasted
    check: dict[str, Any] = field(default_factory=dict)  # the workload's correctness check, with "ok"


def _percentile(latencies: list[float], share: float) -> float:
    return round(latencies[min(len(latencies) - 1, int(len(latencies) * share))], 1)


def figures(run: Run, expected: Collection[int], connections: int) -> Figures:
    latencies = sorted((call.ended - call.started) * 1000 for call in run.calls) or [0.0]
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
        p95_ms=_percentile(latencies, 0.95),
        p99_ms=_percentile(latencies, 0.99),
        max_ms=round(latencies[-1], 1),
        statuses=dict(sorted(statuses.items())),
        errors=sum(1 for call in run.calls if call.status not in expected),
        connections=connections,
        client_cpu_share=round(run.client_cpu_seconds / run.seconds, 2),
    )


def statuses_text(statuses: dict[str, int]) -> str:
    return ", ".join(f"{count}×{status}" for status, count in statuses.items())


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


# --- The scratch database, PalmGov's environment -------------------------------------------------------------


@contextmanager
def scratch_database(server: str, keep: bool) -> Iterator[str]:
    """A database of its own on ``server`` (dropped after, unless ``keep``)."""
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

    app = create_app(config_from_env({**env, "LOG_LEVEL": "WARNING"}))  # the server keeps INFO: an access line each
    with app.app_context():
        flask_migrate.upgrade()
        yield app


def gunicorn_settings(env: dict[str, str]) -> dict[str, Any]:
    return {
        "config": SERVER[0],
        "app": SERVER[1],
        "worker_class": "gthread",
        "workers": int(env.get("WEB_CONCURRENCY", DEFAULT_WORKERS)),
        "threads": int(env.get("GUNICORN_THREADS", 8)),
    }


# --- The server ----------------------------------------------------------------------------------------------


@contextmanager
def gunicorn(env: dict[str, str], log: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """PalmGov with the ceilings' blueprint (bench/wsgi.py) under deploy/gunicorn.conf.py on a free port,
    until it answers; stopped after."""
    config, target, health = SERVER
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
        wait_until_answers(
            process, f"http://127.0.0.1:{port}{health}", 30, lambda: f"{target} did not come up: see {log}"
        )
        yield port, process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def wait_until_answers(process: subprocess.Popen[bytes], url: str, seconds: float, failed: Callable[[], str]) -> None:
    """Until ``url`` answers; ``failed()`` is the error's text when ``process`` died or ``seconds`` ran out."""
    deadline = clock.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own server on loopback)
                return
        except OSError:  # refused, or an error status while the server behind it is not up yet
            if clock.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(failed()) from None
            clock.sleep(0.1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
