"""A flash crowd (放号) through gunicorn on PostgreSQL: the database's guarded UPDATE decides every booking
across four workers, so nobody gets a place that does not exist, and concurrent retries book once. The workers
have a read replica configured (the same database standing in for it): bookings still check the primary."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.calendar import hall_today
from app.extensions import db
from app.models import Appointment, Slot
from app.models.catalog import HolidayOverride
from tests.booking_helpers import SHANGHAI, make_line
from tests.catalog_helpers import build_tree
from tests.helpers import resident_token
from tests.integration import servers

CAPACITY = 10
CROWD = 200
WORKERS = 4


@dataclass(frozen=True)
class Crowd:
    app: Flask
    slot_id: int
    tokens: list[str]


@pytest.fixture
def crowd(postgres: str, build_app) -> Crowd:
    """One slot of capacity 10, released and bookable now (no frozen clock: gunicorn is another process),
    and 200 residents with a phone (assurance L1, what ITEM-1 asks) and a live session each; all committed."""
    app = build_app()
    line = make_line(app, build_tree(app))
    with app.app_context():
        day = hall_today("Asia/Shanghai") + timedelta(days=3)  # released at 08:00 D-7: open now
        db.session.add(HolidayOverride(day=day, working=True, note="flash crowd test"))
        starts_at = datetime.combine(day, time(10), SHANGHAI).astimezone(UTC)
        slot = Slot(
            hall_id=line.hall_id,
            category_id=line.category_id,
            day=day,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=30),
            capacity=CAPACITY,
        )
        db.session.add(slot)
        db.session.flush()
        tokens = [resident_token(f"1390000{n:04d}") for n in range(CROWD)]
        db.session.commit()
        return Crowd(app, slot.id, tokens)


@pytest.fixture
def base_url(crowd: Crowd, postgres: str, tmp_path: Path) -> Iterator[str]:
    with servers.gunicorns(postgres, tmp_path) as start:
        settings = {"REDIS_URL": crowd.app.config["REDIS_URL"], "DATABASE_REPLICA_URL": postgres}
        base, _ = start(WORKERS, RATE_LIMIT_PER_IP="100000", **settings)
        yield base


def _book(base: str, token: str, slot_id: int, key: str) -> servers.Answer:
    body = json.dumps({"item_code": "ITEM-1", "slot_id": slot_id}).encode()
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
    return servers.post_json(f"{base}/api/v1/appointments", body, headers)


def _slot_and_rows(crowd: Crowd) -> tuple[int, int]:
    with crowd.app.app_context():
        booked = db.session.scalar(select(Slot.booked).where(Slot.id == crowd.slot_id))
        rows = db.session.scalar(select(func.count(Appointment.id)).where(Appointment.slot_id == crowd.slot_id))
        return booked, rows


def test_200_residents_racing_for_10_places_get_exactly_10(crowd: Crowd, base_url: str):
    answers = servers.in_parallel(
        [lambda token=token: _book(base_url, token, crowd.slot_id, str(uuid.uuid4())) for token in crowd.tokens]
    )
    statuses = Counter(status for status, _ in answers)
    assert statuses == {201: CAPACITY, 409: CROWD - CAPACITY}
    refused = {json.loads(body)["code"] for status, body in answers if status == 409}
    assert refused == {"SLOT_FULL"}
    booked = [json.loads(body) for status, body in answers if status == 201]
    assert len({body["reference"] for body in booked}) == CAPACITY
    assert _slot_and_rows(crowd) == (CAPACITY, CAPACITY)


def test_20_concurrent_retries_of_one_booking_book_once(crowd: Crowd, base_url: str):
    token, key = crowd.tokens[0], str(uuid.uuid4())
    answers = servers.in_parallel([lambda: _book(base_url, token, crowd.slot_id, key) for _ in range(20)])
    assert [status for status, _ in answers] == [201] * 20
    assert len({json.loads(body)["id"] for _, body in answers}) == 1
    assert _slot_and_rows(crowd) == (1, 1)


def test_the_workers_have_the_replica(base_url: str):
    status, body = servers.get(f"{base_url}/readyz")
    assert (status, json.loads(body)["checks"]["replica"]) == (200, "ok")
