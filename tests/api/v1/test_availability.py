"""Public availability of appointment slots (issue 6) over the demo city, with a frozen clock in hall time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select

from app import demo
from app.extensions import db
from app.models import Hall
from tests.helpers import CLOSED_PORT_REDIS, assert_error

# Monday November 23 2026, 08:30 in the halls: next Monday was released at 08:00.
NOW = datetime(2026, 11, 23, 8, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
SOCIAL_CARD = "330100-GG-RS-001"  # 社会保障卡申领: line A at every demo hall


def hall_id(app, code: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Hall.id).where(Hall.code == code))


@pytest.fixture
def city(seeded_city):
    return seeded_city(NOW)


def availability(client, hall: int, **query: str):
    return client.get(f"/api/v1/halls/{hall}/availability", query_string=query)


def fields_of(response) -> dict:
    return assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]


def test_anyone_sees_the_days_and_slots_with_places_left(city, client):
    response = availability(client, hall_id(city, "H1"), item=SOCIAL_CARD, **{"from": "2026-11-23", "to": "2026-12-01"})
    assert response.status_code == 200
    body = response.get_json()
    assert (body["item"], body["category"], body["from"], body["to"]) == (SOCIAL_CARD, "A", "2026-11-23", "2026-12-01")
    days = {day["date"]: day for day in body["days"]}
    assert list(days) == [f"2026-11-{n}" for n in range(23, 31)] + ["2026-12-01"]
    today = days["2026-11-23"]["slots"]
    assert len(today) == 13  # 09:00-12:00 and 13:30-17:00 in 30 minutes
    assert set(today[0]) == {"id", "starts_at", "ends_at", "capacity", "remaining", "bookable"}
    assert (today[0]["starts_at"], today[0]["ends_at"]) == ("2026-11-23T09:00:00+08:00", "2026-11-23T09:30:00+08:00")
    assert (today[0]["capacity"], today[0]["remaining"]) == (3, 3)  # windows 01, 02 and 03 serve line A
    assert [slot["bookable"] for slot in today[:3]] == [False, False, True]  # booking closes an hour before
    assert days["2026-11-28"]["slots"] == [] and days["2026-11-29"]["slots"] == []  # the weekend
    assert days["2026-11-30"]["released"] and all(slot["bookable"] for slot in days["2026-11-30"]["slots"])
    beyond = days["2026-12-01"]
    assert (beyond["released"], beyond["released_at"], beyond["slots"]) == (False, "2026-11-24T08:00:00+08:00", [])


def test_any_cache_may_keep_it_two_seconds(city, client):
    response = availability(client, hall_id(city, "H1"), item=SOCIAL_CARD)
    assert response.headers["Cache-Control"] == "public, max-age=2"
    again = availability(client, hall_id(city, "H1"), item=SOCIAL_CARD)
    assert again.headers["ETag"] == response.headers["ETag"]  # the same places left: the same tag
    refused = availability(client, hall_id(city, "H1"))  # no item: an error is never kept
    assert (refused.status_code, refused.headers["Cache-Control"]) == (400, "no-store")


def test_the_range_defaults_to_today_and_the_release_horizon(city, client):
    body = availability(client, hall_id(city, "H2"), item=SOCIAL_CARD).get_json()
    assert (body["from"], body["to"], len(body["days"])) == ("2026-11-23", "2026-11-30", 8)
    assert body["days"][0]["slots"][0]["starts_at"] == "2026-11-23T08:30:00+08:00"  # H2 opens at 08:30


def test_bad_queries_name_the_field(city, client):
    hall = hall_id(city, "H1")
    assert "item" in fields_of(availability(client, hall))
    assert "from" in fields_of(availability(client, hall, item=SOCIAL_CARD, **{"from": "2026-13-01"}))
    assert "to" in fields_of(availability(client, hall, item=SOCIAL_CARD, to="20261201"))
    backwards = {"from": "2026-11-30", "to": "2026-11-23"}
    assert list(fields_of(availability(client, hall, item=SOCIAL_CARD, **backwards))) == ["to"]
    too_long = {"from": "2026-11-01", "to": "2026-12-02"}
    assert list(fields_of(availability(client, hall, item=SOCIAL_CARD, **too_long))) == ["to"]
    month = {"from": "2026-11-01", "to": "2026-12-01"}
    assert availability(client, hall, item=SOCIAL_CARD, **month).status_code == 200


def test_unknown_halls_and_items_not_handled_there_are_404(city, client):
    h1, h2 = hall_id(city, "H1"), hall_id(city, "H2")
    assert_error(availability(client, 999_999, item=SOCIAL_CARD), 404, "NOT_FOUND")
    assert_error(availability(client, h2, item="330102-QR-GA-001"), 404, "NOT_FOUND")  # an H1 line only
    assert_error(availability(client, h1, item="NO-SUCH-ITEM"), 404, "NOT_FOUND")
    assert_error(client.get("/api/v1/halls/abc/availability?item=x"), 404, "NOT_FOUND")


def test_an_item_without_appointments_is_refused_with_its_own_code(city, client):
    body = assert_error(availability(client, hall_id(city, "H1"), item="330100-GG-RS-003"), 422, "ITEM_NOT_BOOKABLE")
    assert body["message"]


def test_availability_answers_while_redis_is_down(build_app):
    app = build_app(redis_url=CLOSED_PORT_REDIS)
    with time_machine.travel(NOW, tick=False):
        with app.app_context():
            demo.seed()
        response = availability(app.test_client(), hall_id(app, "H3"), item=SOCIAL_CARD)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["category"] == "E" and len(body["days"][1]["slots"]) == 14  # 09-12 and 13-17
