"""Background jobs: RQ on a real Redis, inline on the embedded one.

A use case asks for work to happen once its transaction commits (``after_commit``): a
job must never run against rows its caller then rolls back, nor before a worker could
see them. The request layer (and CLI commands) call ``run_ready()`` when they are done;
then each job is either enqueued on RQ (``REDIS_URL`` set, ``flask worker`` runs them) or,
on the embedded Redis (``make run`` with no ``REDIS_URL``, and tests), run right there.

Jobs are a fast path, never the record: what they do is also found and done by a sweep
(``sweep()``, every ``SWEEP_SECONDS`` in the worker, or in the master process on the
embedded Redis), so a lost job, a Redis restart or a crash between commit and enqueue
delays work but loses nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.extensions import db
from app.redis_store import get_store

log = logging.getLogger(__name__)

QUEUE = "palmgov"
SWEEP_SECONDS = 30
_PENDING, _READY = "palmgov.jobs.pending", "palmgov.jobs.ready"
# What the sweep runs, registered by the features that own durable work (notifications, reminders…).
SWEEPERS: list[Callable[[], object]] = []

Job = tuple[Callable[..., Any], tuple[Any, ...]]


def after_commit(func: Callable[..., Any], *args: Any) -> None:
    """Run ``func(*args)`` once the current transaction commits (dropped if it rolls back)."""
    db.session.connection()  # joins the transaction, beginning one if needed, so a rollback is seen
    db.session.info.setdefault(_PENDING, []).append((func, args))


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    pending = session.info.pop(_PENDING, [])
    if pending:
        session.info.setdefault(_READY, []).extend(pending)


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, _previous: object) -> None:
    session.info.pop(_PENDING, None)


def run_ready() -> None:
    """Start the jobs whose transactions have committed: enqueue them, or run them inline."""
    ready: list[Job] = db.session.info.pop(_READY, [])
    for func, args in ready:
        if inline():
            _run_inline(func, args)
        else:
            _enqueue(func, args)


def inline() -> bool:
    return get_store().embedded or current_app.config["JOBS_INLINE"]


def _run_inline(func: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        func(*args)
    except Exception:  # a job's failure is its own (the sweep retries); never the caller's
        log.exception("inline job %s failed", func.__qualname__)
        db.session.rollback()


def _enqueue(func: Callable[..., Any], args: tuple[Any, ...]) -> None:
    from redis.exceptions import RedisError
    from rq import Queue

    try:
        Queue(QUEUE, connection=get_store().jobs_client).enqueue(func, *args, job_timeout=60, failure_ttl=86400)
    except RedisError:  # the sweep will find the work
        log.warning("could not enqueue %s; the sweep will do it", func.__qualname__)


def sweep() -> None:
    """Do whatever durable work is due (each feature's sweeper), in the current app context."""
    for sweeper in SWEEPERS:
        try:
            sweeper()
            run_ready()  # what the sweeper committed (a reminder's delivery) starts now, not a sweep later
        except Exception:
            log.exception("sweep %s failed", getattr(sweeper, "__qualname__", sweeper))
            db.session.rollback()
        finally:
            db.session.remove()


def sweep_forever(app: Flask, stop: threading.Event, every: float = SWEEP_SECONDS) -> None:
    """Sweep every ``every`` seconds until ``stop`` is set (a worker's or the embedded master's thread)."""
    while not stop.wait(every):
        with app.app_context():
            sweep()


def start_sweeper(app: Flask, every: float = SWEEP_SECONDS) -> threading.Event:
    """A daemon thread sweeping in the background; set the returned event to stop it."""
    stop = threading.Event()
    threading.Thread(target=sweep_forever, args=(app, stop, every), name="palmgov-sweeper", daemon=True).start()
    return stop
