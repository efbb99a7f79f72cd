"""The read replica (issue 12): staleness-tolerant reads run on ``DATABASE_REPLICA_URL``, everything else on the
primary. With the primary standing in as its own replica the read endpoints work (SQLite and PostgreSQL); with a
different copy as the replica (SQLite files) the catalog shows the copy's data while writes land on the primary."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import time_machine
from flask import Flask
from sqlalchemy import select, update

from app import demo
from app.extensions import db
from app.models import Hall, QueueCategory, Region, ServiceItem, Slot
from app.replica import REPLICA, replica_reads
from tests.booking_helpers import hall_time
from tests.conftest import make_app
from tests.helpers import assert_error, bearer, sms_login
from tests.staff_helpers import ID_NUMBER, NAME

NOW = hall_time(2026, 11, 23, 8, 30)  # Monday; Tuesday's slots are released
TUESDAY = date(2026, 11, 24)
SOCIAL_CARD = "330100-GG-RS-001"  # 社会保障卡申领: L2, line A at H1
BuildApp = Callable[..., Flask]


@pytest.fixture
def replica_app(database_url: str, clean_redis: str, tmp_path: Path, build_app: BuildApp) -> Iterator[BuildApp]:
    """``build(replica_url=None)``: an app on a fresh primary whose replica is ``replica_url``, or the primary
    itself (the deployment where the same database stands in for the replica)."""
    built: list[Flask] = []

    def build(replica_url: str | None = None) -> Flask:
        if database_url.startswith("sqlite"):
            primary = tmp_path / f"primary-{len(built)}.db"
            shutil.copyfile(database_url.removeprefix("sqlite:///"), primary)
            url = f"sqlite:///{primary}"
            app = make_app(url, clean_redis, DATABASE_REPLICA_URL=replica_url or url, UPLOAD_DIR=str(tmp_path / "up"))
        else:
            app = build_app(DATABASE_REPLICA_URL=replica_url or database_url)
        built.append(app)
        return app

    with time_machine.travel(NOW, tick=False):
        yield build
    for app in built:
        with app.app_context():
            for engine in db.engines.values():
                engine.dispose()


def seeded(app: Flask) -> Flask:
    with app.app_context():
        demo.seed()
    return app


def ids(app: Flask) -> tuple[int, int]:
    """Hall H1 and its first line-A slot on Tuesday."""
    with app.app_context():
        hall_id = db.session.scalar(select(Hall.id).where(Hall.code == "H1"))
        slot_id = db.session.scalar(
            select(Slot.id)
            .join(QueueCategory, Slot.category_id == QueueCategory.id)
            .where(Slot.hall_id == hall_id, QueueCategory.prefix == "A", Slot.day == TUESDAY)
            .order_by(Slot.starts_at)
        )
    return hall_id, slot_id


def resident(app: Flask, client) -> dict[str, str]:
    headers = bearer(sms_login(app, client)["access_token"])
    bound = client.post("/api/v1/me/real-name", json={"name": NAME, "id_number": ID_NUMBER}, headers=headers)
    assert bound.status_code == 200, bound.get_json()
    return headers


def book(client, headers: dict[str, str], slot_id: int):
    body = {"item_code": SOCIAL_CARD, "slot_id": slot_id}
    return client.post("/api/v1/appointments", json=body, headers={**headers, "Idempotency-Key": "replica-1"})


def test_the_read_endpoints_answer_with_the_primary_standing_in_as_replica(replica_app):
    app = seeded(replica_app())
    client = app.test_client()
    hall_id, slot_id = ids(app)
    for path in (
        "/api/v1/regions",
        "/api/v1/departments",
        "/api/v1/halls",
        f"/api/v1/halls/{hall_id}",
        "/api/v1/items?q=shbk",
        f"/api/v1/items/{SOCIAL_CARD}",
        f"/api/v1/items/{SOCIAL_CARD}/checklist",
    ):
        assert client.get(path).status_code == 200, path
    assert client.get("/api/v1/items?q=shbk").get_json()["items"][0]["code"] == SOCIAL_CARD
    availability = client.get(f"/api/v1/halls/{hall_id}/availability", query_string={"item": SOCIAL_CARD})
    assert availability.status_code == 200
    assert slot_id in [slot["id"] for day in availability.get_json()["days"] for slot in day["slots"]]
    headers = resident(app, client)
    assert book(client, headers, slot_id).status_code == 201
    assert len(client.get("/api/v1/appointments", headers=headers).get_json()["items"]) == 1


def test_readyz_reports_the_replica(replica_app):
    response = replica_app().test_client().get("/readyz")
    assert response.status_code == 200
    assert response.get_json()["checks"] == {"database": "ok", "redis": "ok", "replica": "ok"}


def test_readyz_names_a_replica_that_is_down(replica_app, tmp_path):
    app = replica_app(f"sqlite:///{tmp_path / 'no-such-folder' / 'replica.db'}")
    body = assert_error(app.test_client().get("/readyz"), 503, "NOT_READY")
    assert body["details"]["checks"] == {"database": "ok", "redis": "ok", "replica": "down"}


def test_without_a_replica_there_is_no_second_engine(build_app):
    app = build_app()
    with app.app_context():
        assert REPLICA not in db.engines
        assert app.test_client().get("/readyz").get_json()["checks"] == {"database": "ok", "redis": "ok"}


@pytest.fixture
def two_copies(replica_app, database_url: str, tmp_path: Path) -> Flask:
    """The demo city on the primary, copied to the replica; then the copy's item is renamed and its slot closed,
    as if the replica lagged behind changes made on the primary."""
    if not database_url.startswith("sqlite"):
        pytest.skip("a second, different copy is made of SQLite files; PostgreSQL runs the same-database test")
    replica = tmp_path / "replica.db"
    app = seeded(replica_app(f"sqlite:///{replica}"))
    _, slot_id = ids(app)
    with app.app_context():
        db.engines[None].dispose()  # the last connection folds the WAL into the file we copy
    shutil.copyfile(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"), replica)
    with sqlite3.connect(replica) as connection:
        connection.execute("UPDATE service_items SET name = '副本 replica copy' WHERE code = ?", (SOCIAL_CARD,))
        connection.execute("UPDATE slots SET closed = 1 WHERE id = ?", (slot_id,))
    connection.close()
    return app


def test_catalog_and_availability_read_the_replica(two_copies):
    client = two_copies.test_client()
    hall_id, slot_id = ids(two_copies)
    assert client.get(f"/api/v1/items/{SOCIAL_CARD}").get_json()["name"] == "副本 replica copy"
    [listed] = [item for item in client.get("/api/v1/items").get_json()["items"] if item["code"] == SOCIAL_CARD]
    assert listed["name"] == "副本 replica copy"
    days = client.get(f"/api/v1/halls/{hall_id}/availability", query_string={"item": SOCIAL_CARD}).get_json()["days"]
    [slot] = [slot for day in days for slot in day["slots"] if slot["id"] == slot_id]
    assert (slot["remaining"], slot["bookable"]) == (0, False)


def test_booking_checks_and_writes_the_primary_and_reads_its_own_writes(two_copies):
    client = two_copies.test_client()
    _, slot_id = ids(two_copies)
    headers = resident(two_copies, client)  # login and real name: written to and read from the primary
    booked = book(client, headers, slot_id)  # closed on the replica, open on the primary
    assert booked.status_code == 201, booked.get_json()
    [mine] = client.get("/api/v1/appointments", headers=headers).get_json()["items"]
    assert mine["id"] == booked.get_json()["id"]
    with two_copies.app_context():
        assert db.session.get(Slot, slot_id).booked == 1
        assert db.session.scalar(select(ServiceItem.name).where(ServiceItem.code == SOCIAL_CARD)) != "副本 replica copy"


def test_inside_replica_reads_only_plain_selects_leave_the_primary(two_copies):
    with two_copies.app_context(), replica_reads():
        name = select(ServiceItem.name).where(ServiceItem.code == SOCIAL_CARD)
        assert db.session.scalar(name) == "副本 replica copy"
        assert db.session.scalar(name.with_for_update()) != "副本 replica copy"  # a locking read: the primary
        db.session.add(Region(code="replica-test", name="写入 primary", level="street"))
        db.session.execute(update(ServiceItem).where(ServiceItem.code == SOCIAL_CARD).values(name="主库 primary"))
        db.session.commit()
    with two_copies.app_context():
        assert db.session.scalar(select(Region.name).where(Region.code == "replica-test")) == "写入 primary"
        assert db.session.scalar(select(ServiceItem.name).where(ServiceItem.code == SOCIAL_CARD)) == "主库 primary"
        with replica_reads():
            assert db.session.scalar(select(ServiceItem.name).where(ServiceItem.code == SOCIAL_CARD)) == (
                "副本 replica copy"
            )
