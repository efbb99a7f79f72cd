"""Shared fixtures.

- The database is migrated once per run: a SQLite template file (copied for each
  test), or ``TEST_DATABASE_URL`` on PostgreSQL, where each test runs inside an
  outer transaction that is rolled back (SQLAlchemy's "join a session into an
  external transaction" recipe).
- Redis is a real server: an embedded one per run, or ``TEST_REDIS_URL``; each
  test starts with its db flushed.
- Every log line of the run is also written to one file, which the last test
  scans for personal data.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import flask_migrate
import pytest
import time_machine
from flask import Flask
from sqlalchemy.orm import scoped_session, sessionmaker

from app import create_app, demo
from app.extensions import db
from app.logs import JsonFormatter
from app.redis_store import EmbeddedRedis, connect
from config import TestConfig
from tests.booking_helpers import QUEUE_OPEN, Line, make_line
from tests.catalog_helpers import Tree, build_tree


def make_app(database_url: str, redis_url: str, **overrides: object) -> Flask:
    config = TestConfig({"DATABASE_URL": database_url, "REDIS_URL": redis_url})
    for key, value in overrides.items():
        setattr(config, key, value)
    return create_app(config)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.get_closest_marker("last") is not None)


@pytest.fixture(scope="session")
def run_log(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.getbasetemp() / "run-log.jsonl"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(JsonFormatter())
    logging.getLogger().addHandler(handler)
    yield path
    logging.getLogger().removeHandler(handler)
    handler.close()


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    url = os.environ.get("TEST_REDIS_URL")
    if url:
        yield url
        return
    server = EmbeddedRedis()
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory, redis_url: str, run_log: Path) -> str:
    """A migrated database: the PostgreSQL test database, or a SQLite template file."""
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'template.db'}"
    app = make_app(url, redis_url)
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()  # closes the last connection, so SQLite folds its WAL into the file
    return url


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
