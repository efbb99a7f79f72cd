"""Prometheus metrics (docs/metrics.md): what is counted, and the text a scrape of ``/metrics`` reads.

- Request latency, queue waits and provider failures are histograms and counters, fed where they happen.
  Under gunicorn every worker process feeds them: with ``PROMETHEUS_MULTIPROC_DIR`` each process writes its
  values to files in that folder and a scrape adds them up (prometheus_client's multiprocess mode); without
  it (tests, ``flask run``) they live in the app's own registry.
- Queue lengths and the job queue's depth are read from the database and Redis when scraped, so they are
  right whichever worker answers, and nothing another worker needs stays in process memory.

The HTTP side (the route and the per-request timing) lives in ``api/metrics.py``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import psutil
from flask import Flask, current_app
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, values
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from app import jobs
from app.calendar import hall_today
from app.errors import RedisUnavailable
from app.extensions import db
from app.models.base import utcnow
from app.models.catalog import Hall, QueueCategory
from app.models.queue import Ticket
from app.redis_store import get_store, redis_errors
from config import ConfigError

log = logging.getLogger(__name__)

CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4  # what generate_latest writes
EXTENSION = "palmgov.metrics"
# Methods outside this set are one label value, so a client cannot add series at will.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
WAIT_BUCKETS = (60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10800)


@dataclass(frozen=True)
class Metrics:
    registry: CollectorRegistry  # what a scrape reads
    request_seconds: Histogram
    queue_wait_seconds: Histogram
    provider_failures: Counter


def init_app(app: Flask) -> None:
    directory = app.config["PROMETHEUS_MULTIPROC_DIR"]
    registry = CollectorRegistry()
    if directory:
        if not getattr(values.ValueClass, "_multiprocess", False):
            raise ConfigError("PROMETHEUS_MULTIPROC_DIR must be in the environment before the process starts")
        prepare_directory(Path(directory))
        MultiProcessCollector(registry, path=directory)
    own = None if directory else registry  # in multiprocess mode the values are in the folder's files
    app.extensions[EXTENSION] = Metrics(
        registry=registry,
        request_seconds=Histogram(
            "palmgov_http_request_duration_seconds",
            "Time to answer a request, by method, route (never the raw path) and status",
            ["method", "endpoint", "status"],
            registry=own,
        ),
        queue_wait_seconds=Histogram(
            "palmgov_queue_wait_seconds",
            "How long a ticket waited in line until a window called it, by hall code",
            ["hall"],
            buckets=WAIT_BUCKETS,
            registry=own,
        ),
        provider_failures=Counter(
            "palmgov_provider_failures_total",
            "Calls to an outside provider that failed, by kind (sms, notify, login, face, link) and provider",
            ["kind", "provider"],
            registry=own,
        ),
    )
    registry.register(LiveGauges())


def prepare_directory(directory: Path) -> None:
    """Make the folder, and empty it when no running process writes there: what is left is a previous run's.

    The files are ``<type>_<pid>.db``. Another process already counting (a gunicorn worker, an RQ worker
    on this host) keeps them all, so starting a process never makes a counter go down.
    """
    directory.mkdir(parents=True, exist_ok=True)
    files = list(directory.glob("*.db"))
    if not any(_writer_alive(path) for path in files):
        for path in files:
            path.unlink(missing_ok=True)


def _writer_alive(path: Path) -> bool:
    pid = path.stem.rpartition("_")[2]
    return pid.isdigit() and int(pid) != os.getpid() and psutil.pid_exists(int(pid))


def _metrics() -> Metrics:
    return current_app.extensions[EXTENSION]


def observe_request(method: str, endpoint: str, status: int, seconds: float) -> None:
    """One answered request; ``endpoint`` is its route's rule (``/api/v1/tickets/<id:ticket_id>``)."""
    method = method if method in METHODS else "OTHER"
    _metrics().request_seconds.labels(method, endpoint, str(status)).observe(seconds)


def observe_queue_wait(hall_code: str, seconds: float) -> None:
    """A ticket was called after waiting ``seconds`` in line."""
    _metrics().queue_wait_seconds.labels(hall_code).observe(max(seconds, 0.0))


def provider_failed(kind: str, provider: str) -> None:
    """A call to an outside provider failed (counted where the failure is handled)."""
    _metrics().provider_failures.labels(kind, provider).inc()


def render() -> bytes:
    """The Prometheus text exposition of every metric (``CONTENT_TYPE``)."""
    return generate_latest(_metrics().registry)


class LiveGauges(Collector):
    """Gauges read at scrape time from the shared stores. A store that is down leaves its gauges out
    (the scrape still answers, with everything else)."""

    def describe(self) -> Iterable[Metric]:
        return [_queue_waiting_family(), _job_depth_family()]

    def collect(self) -> Iterable[Metric]:
        try:
            yield queue_waiting()
        except SQLAlchemyError:
            db.session.rollback()
            log.warning("metrics: queue lengths left out (database unavailable)")
        try:
            yield job_queue_depth()
        except RedisUnavailable:
            log.warning("metrics: job queue depth left out (Redis unavailable)")


def _queue_waiting_family() -> GaugeMetricFamily:
    return GaugeMetricFamily(
        "palmgov_queue_waiting", "Tickets waiting in each line of a hall today", labels=["hall", "line"]
    )


def _job_depth_family() -> GaugeMetricFamily:
    return GaugeMetricFamily("palmgov_job_queue_depth", "Background jobs waiting for a worker", labels=["queue"])


def queue_waiting() -> GaugeMetricFamily:
    """Waiting tickets of each hall's today by hall code and line prefix, from the database (as the boards
    count them: Redis may have lost its lines, the database has not); every line is there, empty ones as 0."""
    now = utcnow()
    lines = db.session.execute(
        select(QueueCategory.id, QueueCategory.hall_id, QueueCategory.prefix, Hall.code, Hall.timezone)
        .join(Hall, QueueCategory.hall_id == Hall.id)
        .order_by(Hall.code, QueueCategory.prefix)
    ).all()
    today = {line.hall_id: hall_today(line.timezone, now) for line in lines}
    counts: dict[int, int] = {}
    if today:
        rows = db.session.execute(
            select(Ticket.hall_id, Ticket.day, Ticket.category_id, func.count(Ticket.id))
            .where(Ticket.status == "waiting", Ticket.day.in_(sorted(set(today.values()))))
            .group_by(Ticket.hall_id, Ticket.day, Ticket.category_id)
        )
        counts = {line_id: n for hall_id, day, line_id, n in rows if today.get(hall_id) == day}
    family = _queue_waiting_family()
    for line in lines:
        family.add_metric([line.code, line.prefix], counts.get(line.id, 0))
    return family


def job_queue_depth() -> GaugeMetricFamily:
    """Jobs enqueued on RQ and not yet taken by a worker (always 0 where jobs run inline)."""
    from rq import Queue

    family = _job_depth_family()
    with redis_errors():
        family.add_metric([jobs.QUEUE], Queue(jobs.QUEUE, connection=get_store().jobs_client).count)
    return family
