"""Shared fixtures.

- The database is migrated once per run: a SQLite template file (copied for each
  test), or ``TEST_DATABASE_URL`` on PostgreSQL, where each test runs inside an
  outer transaction that is rolled back (SQLAlchemy's "join a session into an
  external transaction" recipe).
- Redis is a real server: an embedded one per run, or ``TEST_REDIS_URL``; each
  test starts with its db flushed.
- Under pytest-xdist each worker has its own: a copy of the SQLite template, or
  its own PostgreSQL database ``<TEST_DATABASE_URL's>_gw<N>``, created, migrated
  and dropped by the worker; an embedded Redis, or ``TEST_REDIS_URL``'s db minus N.
- Every log line and response body of the run is written to the process's own
  file, and scanned for personal data once every test has run (``tests/whole_run.py``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import flask_migrate
import psycopg
import pytest
import time_machine
from flask import Flask
from psycopg import sql
from sqlalchemy.engine import make_url
from sqlalchemy.orm import scoped_session, sessionmaker
from xdist.remote import Producer
from xdist.scheduler import LoadScheduling
from xdist.workermanage import WorkerController

from app import create_app, demo
from app.extensions import db
from app.redis_store import EmbeddedRedis, connect
from config import TestConfig
from tests.booking_helpers import QUEUE_OPEN, Line, make_line
from tests.catalog_helpers import Tree, build_tree

# The whole-run checks: every log line and response body of the run, scanned for personal data.
pytest_plugins = ["tests.whole_run", "tests.log_scan", "tests.response_scan"]


def make_app(database_url: str, redis_url: str, **overrides: object) -> Flask:
    config = TestConfig({"DATABASE_URL": database_url, "REDIS_URL": redis_url})
    for key, value in overrides.items():
        setattr(config, key, value)
    return create_app(config)


# The tests that start servers and browsers (gunicorn, redis-server, Chromium) run one after another on one
# xdist worker: two of them at once on two cores make start-ups and time limits flaky, and the browser
# journeys share one session server.
ONE_AT_A_TIME = ("tests/integration/", "tests/e2e/", "tests/bench/", "tests/faults/")


class ServersOnOneWorker(LoadScheduling):
    """xdist's load balancing, except that every test under ONE_AT_A_TIME goes to the first worker, before anything
    else, and that worker gets no other test until it is on the last of them. It goes by node id, not by mark
    (xdist_group marks are lost on pytest 9.2: pytest-xdist #1386), and hands out indexes, not node ids as
    xdist's group modes do (some node ids repeat: the schemathesis cases), so every test runs."""

    servers_node: WorkerController | None = None
    servers: frozenset[int] = frozenset()

    def _send_tests(self, node: WorkerController, num: int) -> None:
        if self.servers_node is None:  # the initial distribution's first call
            self.servers_node = node
            servers = [index for index in self.pending if self.collection[index].startswith(ONE_AT_A_TIME)]
            if servers:
                self.servers = frozenset(servers)
                self.pending[:] = [index for index in self.pending if index not in self.servers]
                self.node2pending[node].extend(servers)
                node.send_runtest_some(servers)
                return
        super()._send_tests(node, num)

    def check_schedule(self, node: WorkerController, duration: float = 0) -> None:
        if node is self.servers_node and not self.servers.isdisjoint(self.node2pending[node][1:]):
            return  # the first of its pending tests is running
        super().check_schedule(node, duration)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> ServersOnOneWorker | None:
    """With ``-n``, unless another ``--dist`` mode is asked for."""
    return ServersOnOneWorker(config, log) if config.getoption("dist") == "load" else None


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    url = os.environ.get("TEST_REDIS_URL")
    if url:
        yield worker_redis_url(url, _worker_index())
        return
    server = EmbeddedRedis()
    yield server.url
    server.stop()


def worker_redis_url(url: str, worker: int) -> str:
    """Worker N's db: the URL's db minus N (CI's 13 gives 13, 12…), so a run never reaches the dbs above its own
    (14 and 15 are for benchmarks and tools)."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    if base - worker < 0:
        raise ValueError(f"TEST_REDIS_URL's db {base} leaves no db for xdist worker {worker}: use a higher one")
    return urlunsplit(parts._replace(path=f"/{base - worker}"))


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory, redis_url: str) -> Iterator[str]:
    """A migrated database: the PostgreSQL test database (a worker's own under xdist), or a SQLite template file."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield migrated(f"sqlite:///{tmp_path_factory.mktemp('db') / 'template.db'}", redis_url)
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None:
        yield migrated(url, redis_url)
        return
    with postgres_database(url, f"{make_url(url).database}_{worker}") as own:
        yield migrated(own, redis_url)


def migrated(url: str, redis_url: str) -> str:
    app = make_app(url, redis_url)
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()  # closes the last connection, so SQLite folds its WAL into the file
    return url


@contextmanager
def postgres_database(url: str, name: str) -> Iterator[str]:
    """A new, empty database called ``name`` on ``url``'s server (a leftover of a killed run is replaced);
    dropped on the way out."""
    server = make_url(url)
    admin = server.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)

    def execute(statement: str) -> None:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(sql.SQL(statement).format(sql.Identifier(name)))

    execute("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    execute("CREATE DATABASE {}")
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        execute("DROP DATABASE IF EXISTS {} WITH (FORCE)")


def _worker_index() -> int:
    """N on xdist worker gwN, else 0."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return int(worker.removeprefix("gw")) if worker else 0


@pytest.fixture
def clean_redis(redis_url: str) -> str:
    """The test Redis, its db flushed: use it instead of redis_url when a test builds its own app."""
    connect(redis_url).flushdb()
    return redis_url


@pytest.fixture
def app(database_url: str, clean_redis: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    redis_url = clean_redis
    if database_url.startswith("sqlite"):
        test_db = tmp_path / "test.db"
        shutil.copyfile(database_url.removeprefix("sqlite:///"), test_db)
        app = make_app(f"sqlite:///{test_db}", redis_url, UPLOAD_DIR=str(tmp_path / "uploads"))
        yield app
        with app.app_context():
            db.engine.dispose()
        return
    app = make_app(database_url, redis_url, UPLOAD_DIR=str(tmp_path / "uploads"))
    with app.app_context():
        connection = db.engine.connect()
    outer = connection.begin()
    session = scoped_session(sessionmaker(bind=connection, join_transaction_mode="create_savepoint"))
    monkeypatch.setattr(db, "session", session)
    yield app
    session.remove()
    outer.rollback()
    connection.close()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def build_app(database_url: str, clean_redis: str, tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Build apps with other settings (a down Redis, a low limit…); their connections close after the test.

    On SQLite each built app gets its own copy of the migrated database. On PostgreSQL a built
    app commits for real (it has no outer transaction), so its rows are deleted afterwards.
    """
    apps: list[Flask] = []

    def build(database_url: str = database_url, redis_url: str = clean_redis, **overrides: object) -> Flask:
        if database_url.startswith("sqlite:///"):
            copy = tmp_path / f"built-{len(apps)}.db"
            shutil.copyfile(database_url.removeprefix("sqlite:///"), copy)
            database_url = f"sqlite:///{copy}"
        overrides.setdefault("UPLOAD_DIR", str(tmp_path / f"uploads-{len(apps)}"))
        apps.append(make_app(database_url, redis_url, **overrides))
        return apps[-1]

    yield build
    for app in apps:
        with app.app_context():
            if app.config["SQLALCHEMY_DATABASE_URI"] == database_url and not database_url.startswith("sqlite"):
                _delete_all_rows()
            db.engine.dispose()


def _delete_all_rows() -> None:
    """Row by row, not TRUNCATE: another connection may hold a test's open transaction on these tables."""
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def client(app: Flask):
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def tree(app: Flask) -> Tree:
    """A city with two districts, a department and halls in each (``tests/catalog_helpers.py``)."""
    return build_tree(app)


@pytest.fixture
def line(app: Flask, tree: Tree) -> Line:
    """A hall line of district X (``tests/booking_helpers.make_line``); the slot and appointment tests define
    their own."""
    return make_line(app, tree)


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    """The clock frozen on a Monday while the hall is open (``QUEUE_OPEN``)."""
    with time_machine.travel(QUEUE_OPEN, tick=False) as traveller:
        yield traveller


@pytest.fixture
def city(app: Flask) -> Flask:
    """The app with the demo catalog loaded (``app/catalog_data/demo_city.json``)."""
    with app.app_context():
        demo.seed_catalog()
    return app


@pytest.fixture
def seeded_city(app: Flask) -> Iterator[Callable[[datetime], Flask]]:
    """``seeded_city(now)``: the clock frozen at ``now`` for the rest of the test, and the whole demo (catalog,
    slot schedules and slots) seeded then."""
    travellers: list[time_machine.travel] = []

    def seed(now: datetime) -> Flask:
        traveller = time_machine.travel(now, tick=False)
        traveller.start()
        travellers.append(traveller)
        with app.app_context():
            demo.seed()
        return app

    yield seed
    for traveller in reversed(travellers):
        traveller.stop()
