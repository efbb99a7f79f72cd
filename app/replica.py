"""Reads that may be a little stale can run on a read replica (``DATABASE_REPLICA_URL``).

The replica is a second engine (the Flask-SQLAlchemy bind ``replica``). A read service opts in with
``@on_replica``: while it runs, the session sends plain SELECTs to the replica; flushes, DML and
``SELECT … FOR UPDATE`` still go to the primary. Without a replica everything runs on the primary.
Only use cases that never need to read their own (or a just-committed) write may opt in.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

import flask_sqlalchemy.session
from sqlalchemy import Select
from sqlalchemy.engine import Connection, Engine

REPLICA = "replica"  # the bind key of the replica engine (config.Config.SQLALCHEMY_BINDS)

_on_replica: ContextVar[bool] = ContextVar("palmgov_on_replica", default=False)

P = ParamSpec("P")
R = TypeVar("R")


class RoutingSession(flask_sqlalchemy.session.Session):
    """``db.session``: Flask-SQLAlchemy's session, sending the reads of an ``@on_replica`` use case to the replica."""

    def get_bind(
        self, mapper: Any = None, clause: Any = None, bind: Engine | Connection | None = None, **kwargs: Any
    ) -> Engine | Connection:
        if bind is None and _on_replica.get() and not self._flushing and _plain_read(clause):
            replica = self._db.engines.get(REPLICA)
            if replica is not None:
                return replica
        return super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)


def _plain_read(clause: Any) -> bool:
    """A SELECT that takes no row locks (a lazy load or ``session.get`` is one too)."""
    return isinstance(clause, Select) and clause._for_update_arg is None


@contextmanager
def replica_reads() -> Iterator[None]:
    """Inside this block, the session's plain reads go to the replica (if one is configured)."""
    token = _on_replica.set(True)
    try:
        yield
    finally:
        _on_replica.reset(token)


def on_replica(func: Callable[P, R]) -> Callable[P, R]:
    """Run a read-only, staleness-tolerant use case's queries on the replica."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with replica_reads():
            return func(*args, **kwargs)

    return wrapper
