"""Reference data that hot requests read every time and only administrators change: the working calendar and
the catalog's tree of regions, departments and halls.

Each worker process keeps its copy for ``REFERENCE_CACHE_SECONDS`` (10 by default; 0 reads the database every
time). A worker that writes one of the tables a copy was read from (through the ORM: objects or ``update()`` and
``delete()`` statements) drops that copy when the write commits; the others see the change within that time.
Nothing else is kept: who holds which role is read on every request, so a revoked role applies at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

T = TypeVar("T")
EXTENSION = "palmgov.reference_cache"
WRITTEN = "palmgov.tables_written"  # in a session's info: the tables its transaction wrote
_READ_FROM: dict[str, set[str]] = {}  # table -> the cached values read from it


class ReferenceCache:
    """Named values, each loaded again once older than the app's ``REFERENCE_CACHE_SECONDS``."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[float, Any]] = {}

    def get(self, name: str, load: Callable[[], T], seconds: float) -> T:
        if seconds <= 0:
            return load()
        found = self._entries.get(name)
        now = time.monotonic()
        if found is not None and now - found[0] < seconds:
            return found[1]
        value = load()  # two threads may both load: the same data, and the last one is kept
        self._entries[name] = (now, value)
        return value

    def forget(self, *names: str) -> None:
        for name in names:
            self._entries.pop(name, None)


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = ReferenceCache()


def read_from(name: str, *tables: str) -> None:
    """Declare the tables the value ``name`` is read from: a committed ORM write to one of them drops it."""
    for table in tables:
        _READ_FROM.setdefault(table, set()).add(name)


def cached(name: str, load: Callable[[], T]) -> T:
    """``load()``, or this worker's copy of it while it is fresh. The value is shared: never change it."""
    return current_app.extensions[EXTENSION].get(name, load, current_app.config["REFERENCE_CACHE_SECONDS"])


def forget(*names: str) -> None:
    """Drop this worker's copies (after a write to what they hold has committed)."""
    current_app.extensions[EXTENSION].forget(*names)


@event.listens_for(Session, "after_flush")
def _note_flushed(session: Session, _flush: UOWTransaction) -> None:
    written = {row.__table__.name for row in (*session.new, *session.dirty, *session.deleted)}
    session.info.setdefault(WRITTEN, set()).update(written)


@event.listens_for(Session, "do_orm_execute")
def _note_statement(state: ORMExecuteState) -> None:
    if (state.is_insert or state.is_update or state.is_delete) and state.bind_mapper is not None:
        state.session.info.setdefault(WRITTEN, set()).add(state.bind_mapper.local_table.name)


@event.listens_for(Session, "after_commit")
def _forget_written(session: Session) -> None:
    names = {name for table in session.info.pop(WRITTEN, ()) for name in _READ_FROM.get(table, ())}
    if names and has_app_context():
        forget(*names)


@event.listens_for(Session, "after_rollback")
def _nothing_written(session: Session) -> None:
    session.info.pop(WRITTEN, None)
