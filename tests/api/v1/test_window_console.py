"""What the window-staff console reads beside calling (issue 11): the ticket at the window now with its holder
masked and what it is for, and the window's work today (served, average service time, 过号, transfers)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from app.extensions import db
from app.models import Window
from tests.booking_helpers import QUEUE_OPEN, SHANGHAI
from tests.helpers import assert_error, bearer, sms_login
from tests.queue_helpers import SOCIAL_CARD, kiosk_headers
from tests.queue_helpers import city as city
from tests.queue_helpers import hall as hall
from tests.staff_helpers import create_staff, staff_headers


@pytest.fixture
def windows(city, hall) -> dict[str, int]:
    with city.app_context():
        return {w.number: w.id for w in db.session.scalars(select(Window).where(Window.hall_id == hall))}


@pytest.fixture
def clerk(city, client, hall) -> dict[str, str]:
    return staff_headers(client, create_staff(city, "clerk", ("window_staff", "hall", hall)))


@pytest.fixture
def kiosk(city, hall) -> dict[str, str]:
    return kiosk_headers(city, hall)


def walk_in(client, kiosk: dict[str, str], key: str) -> dict:
    response = client.post("/api/v1/kiosk/tickets", json={"prefix": "A"}, headers={**kiosk, "Idempotency-Key": key})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_the_console_finds_the_ticket_at_its_window_with_the_holder_masked(city, client, hall, windows, clerk):
    resident = bearer(sms_login(city, client)["access_token"])
    taken = client.post(f"/api/v1/halls/{hall}/tickets", json={"item_code": SOCIAL_CARD},
                        headers={**resident, "Idempotency-Key": "t-1"}).get_json()  # fmt: skip
    window = windows["01"]
    assert client.get(f"/api/v1/windows/{window}/current", headers=clerk).get_json() == {
        "ticket": None, "name": None, "phone": None, "resident_id": None, "item_code": None, "item_name": None,
        "source": None, "appointment_id": None, "others": [],
    }  # fmt: skip
    called = client.post(f"/api/v1/windows/{window}/call-next", headers=clerk).get_json()
    assert called["ticket"]["id"] == taken["id"]
    assert (called["phone"], called["item_code"], called["source"], called["appointment_id"]) == (
        "138****8000",
        SOCIAL_CARD,
        "phone",
        None,
    )
    assert isinstance(called["resident_id"], int) and called["item_name"]
    client.post(f"/api/v1/windows/{window}/tickets/{taken['id']}/start", headers=clerk)
    now = client.get(f"/api/v1/windows/{window}/current", headers=clerk)
    assert now.status_code == 200, now.get_json()
    assert now.get_json() == {**called, "ticket": {**called["ticket"], "status": "serving"}, "others": []}
    # The other window has nobody; once completed, this one has nobody either.
    assert client.get(f"/api/v1/windows/{windows['02']}/current", headers=clerk).get_json()["ticket"] is None
    client.post(f"/api/v1/windows/{window}/tickets/{taken['id']}/complete", json={"outcome": "done"}, headers=clerk)
    assert client.get(f"/api/v1/windows/{window}/current", headers=clerk).get_json()["ticket"] is None


def test_an_anonymous_walk_in_has_no_holder_to_reveal(city, client, windows, clerk, kiosk):
    walk_in(client, kiosk, "k-1")
    called = client.post(f"/api/v1/windows/{windows['01']}/call-next", headers=clerk).get_json()
    assert (called["name"], called["phone"], called["resident_id"], called["item_code"], called["source"]) == (
        None,
        None,
        None,
        None,
        "kiosk",
    )


def test_a_held_ticket_waits_beside_the_next_one_and_comes_back_when_resumed(city, client, windows, clerk, kiosk):
    window = windows["01"]
    at = f"/api/v1/windows/{window}/tickets"
    first, second = walk_in(client, kiosk, "k-1"), walk_in(client, kiosk, "k-2")
    client.post(f"/api/v1/windows/{window}/call-next", headers=clerk)
    client.post(f"{at}/{first['id']}/start", headers=clerk)
    client.post(f"{at}/{first['id']}/hold", headers=clerk)
    held = client.get(f"/api/v1/windows/{window}/current", headers=clerk).get_json()
    assert (held["ticket"]["number"], held["ticket"]["status"], held["others"]) == ("A001", "held", [])
    with time_machine.travel(datetime.now(SHANGHAI) + timedelta(minutes=1), tick=False):
        client.post(f"/api/v1/windows/{window}/call-next", headers=clerk)
    now = client.get(f"/api/v1/windows/{window}/current", headers=clerk).get_json()
    assert (now["ticket"]["number"], now["ticket"]["status"]) == ("A002", "called")
    assert now["others"] == [{"id": first["id"], "number": "A001", "status": "held"}]
    with time_machine.travel(datetime.now(SHANGHAI) + timedelta(minutes=2), tick=False):
        client.post(f"{at}/{first['id']}/resume", headers=clerk)
    back = client.get(f"/api/v1/windows/{window}/current", headers=clerk).get_json()
    assert (back["ticket"]["number"], back["ticket"]["status"]) == ("A001", "serving")
    assert back["others"] == [{"id": second["id"], "number": "A002", "status": "called"}]


def test_the_window_counts_its_work_today(city, client, hall, windows, clerk, kiosk):
    window = windows["01"]
    at = f"/api/v1/windows/{window}/tickets"
    first, second, third, fourth = (walk_in(client, kiosk, f"k-{n}") for n in range(4))
    empty = client.get(f"/api/v1/windows/{window}/today", headers=clerk)
    assert empty.status_code == 200, empty.get_json()
    assert empty.get_json() == {
        "window_id": window, "day": "2026-11-23", "called": 0, "served": 0,
        "outcomes": {"done": 0, "referred": 0, "incomplete": 0}, "average_service_seconds": None,
        "skipped": 0, "no_show": 0, "transferred": 0,
    }  # fmt: skip

    def serve(ticket: dict, minutes: int, outcome: str) -> None:
        client.post(f"/api/v1/windows/{window}/call-next", headers=clerk)
        client.post(f"{at}/{ticket['id']}/start", headers=clerk)
        with time_machine.travel(datetime.now(SHANGHAI) + timedelta(minutes=minutes), tick=False):
            done = client.post(f"{at}/{ticket['id']}/complete", json={"outcome": outcome}, headers=clerk)
        assert done.status_code == 200, done.get_json()

    serve(first, 4, "done")
    serve(second, 6, "incomplete")
    client.post(f"/api/v1/windows/{window}/call-next", headers=clerk)
    client.post(f"{at}/{third['id']}/skip", headers=clerk)
    client.post(f"/api/v1/windows/{window}/call-next", headers=clerk)
    client.post(f"{at}/{fourth['id']}/transfer", json={"window": "02"}, headers=clerk)
    # Another window's work is not this one's.
    client.post(f"/api/v1/windows/{windows['02']}/call-next", headers=clerk)

    body = client.get(f"/api/v1/windows/{window}/today", headers=clerk).get_json()
    assert body["outcomes"] == {"done": 1, "referred": 0, "incomplete": 1}
    assert (body["called"], body["served"], body["average_service_seconds"]) == (4, 2, 300)
    assert (body["skipped"], body["no_show"], body["transferred"]) == (1, 0, 1)
    assert client.get(f"/api/v1/windows/{windows['02']}/today", headers=clerk).get_json()["called"] == 1
    # The next day starts from nothing.
    with time_machine.travel(QUEUE_OPEN + timedelta(days=1), tick=False):
        tomorrow = staff_headers(client, create_staff(city, "early", ("window_staff", "hall", hall)))
        next_day = client.get(f"/api/v1/windows/{window}/today", headers=tomorrow).get_json()
        assert (next_day["day"], next_day["called"], next_day["served"]) == ("2026-11-24", 0, 0)


def test_only_staff_of_the_hall_see_a_window(city, client, hall, windows):
    outsider = staff_headers(client, create_staff(city, "far", ("window_staff", "hall", hall + 1)))
    for view in ("current", "today"):
        assert_error(client.get(f"/api/v1/windows/{windows['01']}/{view}", headers=outsider), 404, "NOT_FOUND")
        assert_error(client.get(f"/api/v1/windows/999999/{view}", headers=outsider), 404, "NOT_FOUND")
        assert_error(client.get(f"/api/v1/windows/{windows['01']}/{view}"), 401, "AUTH_REQUIRED")
