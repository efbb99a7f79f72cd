"""The queue over HTTP (issue 7) on the demo city, with a frozen clock in hall time: a phone ticket, a kiosk
ticket, the holder's view, cancelling, and a window calling next with the holder shown masked."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from app.extensions import db
from app.models import Ticket, Window
from app.services import links, tickets
from tests.booking_helpers import hall_time
from tests.helpers import assert_error, bearer, sms_login
from tests.queue_helpers import SOCIAL_CARD, demo_hall, kiosk_headers
from tests.queue_helpers import city as city
from tests.queue_helpers import hall as hall
from tests.staff_helpers import create_staff, staff_headers


@pytest.fixture
def resident(city, client) -> dict[str, str]:
    return bearer(sms_login(city, client)["access_token"])


def take(client, hall: int, headers: dict[str, str], key: str = "t-1", **body):
    body.setdefault("item_code", SOCIAL_CARD)
    return client.post(f"/api/v1/halls/{hall}/tickets", json=body, headers={**headers, "Idempotency-Key": key})


def test_a_resident_takes_a_ticket_and_sees_who_is_ahead(city, client, hall, resident):
    response = take(client, hall, resident)
    assert response.status_code == 201, response.get_json()
    ticket = response.get_json()
    assert (ticket["number"], ticket["status"], ticket["priority"], ticket["ahead"]) == ("A001", "waiting", "normal", 0)
    assert (ticket["category"], ticket["day"], ticket["window"]) == ("A", "2026-11-23", None)
    again = take(client, hall, resident)  # a retry
    assert (again.status_code, again.get_json()["id"], again.headers["Idempotent-Replayed"]) == (
        201,
        ticket["id"],
        "true",
    )
    body = assert_error(take(client, hall, resident, key="t-2"), 409, "ALREADY_QUEUED")
    assert body["details"] == {"ticket_id": ticket["id"], "number": "A001"}
    assert client.get(f"/api/v1/tickets/{ticket['id']}", headers=resident).get_json()["ahead"] == 0


def test_what_taking_a_ticket_refuses(city, client, hall, resident):
    assert_error(client.post(f"/api/v1/halls/{hall}/tickets", json={"item_code": SOCIAL_CARD}, headers=resident), 400,
                 "IDEMPOTENCY_KEY_REQUIRED")  # fmt: skip
    assert_error(take(client, hall, resident, item_code="NO-SUCH-ITEM"), 404, "NOT_FOUND")
    assert_error(take(client, 999_999, resident), 404, "NOT_FOUND")
    assert_error(take(client, hall, {}), 401, "AUTH_REQUIRED")
    assert_error(take(client, hall, resident, acting_for=12345), 404, "NOT_FOUND")  # no proxy grant
    with time_machine.travel(hall_time(2026, 11, 23, 12, 30), tick=False):
        at_lunch = bearer(sms_login(city, client, "13900139000")["access_token"])
        assert_error(take(client, hall, at_lunch), 422, "HALL_CLOSED")


def test_cancel_while_waiting_only(city, client, hall, resident):
    ticket = take(client, hall, resident).get_json()
    cancelled = client.delete(f"/api/v1/tickets/{ticket['id']}", headers=resident)
    assert (cancelled.status_code, cancelled.get_json()["status"], cancelled.get_json()["ahead"]) == (
        200,
        "cancelled",
        None,
    )
    assert_error(client.delete(f"/api/v1/tickets/{ticket['id']}", headers=resident), 409, "TICKET_NOT_WAITING")
    other = bearer(sms_login(city, client, "13900139000")["access_token"])
    assert_error(client.get(f"/api/v1/tickets/{ticket['id']}", headers=other), 404, "NOT_FOUND")


def test_a_kiosk_prints_anonymous_and_resident_tickets(city, client, hall, resident):
    kiosk = kiosk_headers(city, hall)
    anonymous = client.post("/api/v1/kiosk/tickets", json={"prefix": "A"}, headers={**kiosk, "Idempotency-Key": "k1"})
    assert (anonymous.status_code, anonymous.get_json()["number"]) == (201, "A001")
    by_phone = client.post(
        "/api/v1/kiosk/tickets",
        json={"item_code": SOCIAL_CARD, "phone": "13800138000", "green": True},
        headers={**kiosk, "Idempotency-Key": "k2"},
    )
    assert (by_phone.status_code, by_phone.get_json()["priority"]) == (201, "green")
    # The phone's owner now holds a ticket at this hall: the kiosk cannot print them a second one.
    assert_error(take(client, hall, resident), 409, "ALREADY_QUEUED")
    assert_error(client.post("/api/v1/kiosk/tickets", json={"prefix": "A"}), 401, "DEVICE_TOKEN_INVALID")
    bad = client.post("/api/v1/kiosk/tickets", json={"prefix": "a1"}, headers={**kiosk, "Idempotency-Key": "k3"})
    assert "prefix" in assert_error(bad, 400, "VALIDATION_ERROR")["details"]["fields"]


def test_a_kiosk_ticket_is_followed_from_its_qr_code_without_login(city, client, hall, resident):
    kiosk = kiosk_headers(city, hall)
    printed = client.post("/api/v1/kiosk/tickets", json={"prefix": "A"}, headers={**kiosk, "Idempotency-Key": "k1"})
    ticket = printed.get_json()
    page, _, token = ticket["follow_url"].partition("?t=")
    assert page == f"{city.config['PUBLIC_BASE_URL']}/#/pages/ticket/index"
    followed = client.get(f"/api/v1/tickets/by-token/{token}")  # no login
    assert followed.status_code == 200, followed.get_json()
    assert followed.get_json() == {key: value for key, value in ticket.items() if key != "follow_url"}
    assert "follow_url" not in take(client, hall, resident).get_json()  # only what a kiosk prints carries one
    with city.app_context():
        window_id = db.session.scalar(select(Window.id).where(Window.hall_id == hall, Window.number == "01"))
        other_purpose = links.page_token("application", ticket["id"], timedelta(hours=1))
    clerk = staff_headers(client, create_staff(city, "clerk", ("window_staff", "hall", hall)))
    client.post(f"/api/v1/windows/{window_id}/call-next", headers=clerk)
    called = client.get(f"/api/v1/tickets/by-token/{token}").get_json()
    assert (called["status"], called["window"], called["ahead"]) == ("called", "01", None)
    assert_error(client.get(f"/api/v1/tickets/by-token/{token[:-2]}xx"), 404, "NOT_FOUND")  # altered
    assert_error(client.get(f"/api/v1/tickets/by-token/{other_purpose}"), 404, "NOT_FOUND")
    # The token lives until the hall's day ends (midnight in Shanghai), not 24 hours.
    with time_machine.travel(hall_time(2026, 11, 23, 23, 59), tick=False):
        assert client.get(f"/api/v1/tickets/by-token/{token}").status_code == 200
    with time_machine.travel(hall_time(2026, 11, 24, 0, 0, 1), tick=False):
        assert_error(client.get(f"/api/v1/tickets/by-token/{token}"), 410, "LINK_EXPIRED")


def test_a_check_in_at_the_kiosk_prints_the_follow_link_too(city, client, hall, monkeypatch):
    kiosk = kiosk_headers(city, hall)
    walk_in = client.post("/api/v1/kiosk/tickets", json={"prefix": "A"}, headers={**kiosk, "Idempotency-Key": "k1"})
    with city.app_context():
        issued = db.session.get(Ticket, walk_in.get_json()["id"])
    # The appointment side of a check-in is tested in test_appointments.py; here only what the kiosk prints.
    monkeypatch.setattr(tickets, "check_in", lambda token, **_: tickets.Taken(db.session.merge(issued), False))
    scanned = client.post("/api/v1/check-ins", json={"token": "1B.6VAIAJDIEAJD2BTP"}, headers=kiosk)
    assert scanned.status_code == 201, scanned.get_json()
    token = scanned.get_json()["follow_url"].partition("?t=")[2]
    assert client.get(f"/api/v1/tickets/by-token/{token}").get_json()["number"] == "A001"


def test_a_window_calls_next_and_sees_the_holder_masked(city, client, hall, resident):
    take(client, hall, resident)
    with city.app_context():
        window = db.session.scalar(select(Window).where(Window.hall_id == hall, Window.number == "01"))
        window_id = window.id
    clerk = staff_headers(client, create_staff(city, "clerk", ("window_staff", "hall", hall)))
    called = client.post(f"/api/v1/windows/{window_id}/call-next", headers=clerk)
    assert called.status_code == 200, called.get_json()
    body = called.get_json()
    assert (body["ticket"]["number"], body["ticket"]["status"], body["ticket"]["window"]) == ("A001", "called", "01")
    assert (body["phone"], body["name"]) == ("138****8000", None)  # no real name bound
    nobody = client.post(f"/api/v1/windows/{window_id}/call-next", headers=clerk).get_json()
    assert (nobody["ticket"], nobody["name"], nobody["phone"], nobody["resident_id"]) == (None, None, None, None)
    outsider = staff_headers(client, create_staff(city, "far", ("window_staff", "hall", hall + 1)))
    assert_error(client.post(f"/api/v1/windows/{window_id}/call-next", headers=outsider), 404, "NOT_FOUND")


def test_a_window_serves_the_ticket_and_a_skipped_resident_rejoins(city, client, hall, resident):
    ticket = take(client, hall, resident).get_json()
    with city.app_context():
        window_id = db.session.scalar(select(Window.id).where(Window.hall_id == hall, Window.number == "01"))
    clerk = staff_headers(client, create_staff(city, "clerk", ("window_staff", "hall", hall)))
    at_window = f"/api/v1/windows/{window_id}/tickets/{ticket['id']}"
    client.post(f"/api/v1/windows/{window_id}/call-next", headers=clerk)
    refused = assert_error(client.post(f"{at_window}/complete", json={"outcome": "done"}, headers=clerk), 409,
                           "TICKET_STATE")  # fmt: skip
    assert refused["details"] == {"status": "called", "window_id": window_id, "action": "complete"}
    skipped = client.post(f"{at_window}/skip", headers=clerk)
    assert (skipped.status_code, skipped.get_json()["status"]) == (200, "skipped")
    back = client.post(f"/api/v1/tickets/{ticket['id']}/rejoin", headers=resident)
    assert (back.status_code, back.get_json()["status"], back.get_json()["ahead"]) == (200, "waiting", 0)
    client.post(f"/api/v1/windows/{window_id}/call-next", headers=clerk)
    assert client.post(f"{at_window}/start", headers=clerk).get_json()["status"] == "serving"
    bad = client.post(f"{at_window}/complete", json={"outcome": "great"}, headers=clerk)
    assert "outcome" in assert_error(bad, 400, "VALIDATION_ERROR")["details"]["fields"]
    done = client.post(f"{at_window}/complete", json={"outcome": "done"}, headers=clerk)
    assert (done.status_code, done.get_json()["status"]) == (200, "done")
    assert_error(client.post(f"/api/v1/tickets/{ticket['id']}/rejoin", headers=resident), 409, "TICKET_STATE")


def test_a_clerk_finds_the_hall_windows_with_their_sessions_and_tickets(city, client, hall, resident):
    take(client, hall, resident)
    clerk = staff_headers(client, create_staff(city, "clerk", ("window_staff", "hall", hall)))
    listed = client.get(f"/api/v1/windows?hall_id={hall}", headers=clerk)
    assert listed.status_code == 200, listed.get_json()
    first = listed.get_json()["items"][0]
    assert (first["number"], first["session"], first["ticket"]) == ("01", None, None)
    client.post(f"/api/v1/windows/{first['id']}/call-next", headers=clerk)
    first = client.get(f"/api/v1/windows?hall_id={hall}", headers=clerk).get_json()["items"][0]
    assert (first["session"]["status"], first["ticket"]["number"], first["ticket"]["status"]) == ("open", "A001",
                                                                                                  "called")  # fmt: skip
    assert "name" not in str(first["ticket"]) and "phone" not in str(first["ticket"])
    outsider = staff_headers(client, create_staff(city, "far", ("window_staff", "hall", hall + 1)))
    assert_error(client.get(f"/api/v1/windows?hall_id={hall}", headers=outsider), 404, "NOT_FOUND")
    assert_error(client.get("/api/v1/windows?hall_id=x", headers=clerk), 400, "VALIDATION_ERROR")
    assert_error(client.get(f"/api/v1/windows?hall_id={hall}"), 401, "AUTH_REQUIRED")


def test_a_window_transfers_a_ticket_to_another_window(city, client, hall, resident):
    ticket = take(client, hall, resident).get_json()
    clerk = staff_headers(client, create_staff(city, "clerk", ("window_staff", "hall", hall)))
    listed = client.get(f"/api/v1/windows?hall_id={hall}", headers=clerk).get_json()["items"]
    windows = {row["number"]: row["id"] for row in listed}
    client.post(f"/api/v1/windows/{windows['01']}/call-next", headers=clerk)
    at_window = f"/api/v1/windows/{windows['01']}/tickets/{ticket['id']}/transfer"
    both = client.post(at_window, json={"category": "A", "window": "02"}, headers=clerk)
    assert "category" in assert_error(both, 400, "VALIDATION_ERROR")["details"]["fields"]
    moved = client.post(at_window, json={"window": "02"}, headers=clerk)
    assert moved.status_code == 200, moved.get_json()
    assert (moved.get_json()["status"], moved.get_json()["window"]) == ("waiting", "02")
    mine = client.get(f"/api/v1/tickets/{ticket['id']}", headers=resident).get_json()
    assert (mine["window"], mine["ahead"]) == ("02", 0)
    called = client.post(f"/api/v1/windows/{windows['02']}/call-next", headers=clerk).get_json()
    assert (called["ticket"]["number"], called["ticket"]["window"]) == ("A001", "02")


def test_a_clerk_opens_pauses_and_resumes_the_window(city, client, hall, resident):
    take(client, hall, resident)
    with city.app_context():
        window_id = db.session.scalar(select(Window.id).where(Window.hall_id == hall, Window.number == "01"))
    clerk = staff_headers(client, create_staff(city, "clerk", ("window_staff", "hall", hall)))
    opened = client.post(f"/api/v1/windows/{window_id}/open", json={"categories": ["A"]}, headers=clerk)
    assert opened.status_code == 200, opened.get_json()
    assert (opened.get_json()["status"], opened.get_json()["categories"]) == ("open", ["A"])
    bad = client.post(f"/api/v1/windows/{window_id}/open", json={"categories": ["Q"]}, headers=clerk)
    assert "categories" in assert_error(bad, 400, "VALIDATION_ERROR")["details"]["fields"]
    paused = client.post(f"/api/v1/windows/{window_id}/pause", json={"reason": "系统故障，等待恢复"}, headers=clerk)
    assert paused.get_json()["pause_reason"] == "系统故障，等待恢复"
    body = assert_error(client.post(f"/api/v1/windows/{window_id}/call-next", headers=clerk), 409, "WINDOW_PAUSED")
    assert body["details"] == {"reason": "系统故障，等待恢复"}
    assert client.post(f"/api/v1/windows/{window_id}/resume", headers=clerk).get_json()["status"] == "open"
    assert client.post(f"/api/v1/windows/{window_id}/call-next", headers=clerk).get_json()["ticket"]["number"] == "A001"
    assert client.post(f"/api/v1/windows/{window_id}/close", headers=clerk).get_json()["status"] == "closed"


def test_my_tickets_are_those_still_in_play_newest_first(city, client, hall, resident):
    other_hall = demo_hall(city, "H2")
    first = take(client, hall, resident).get_json()
    second = take(client, other_hall, resident, key="t-2").get_json()
    neighbour = bearer(sms_login(city, client, "13900139000")["access_token"])
    theirs = take(client, hall, neighbour, key="t-3").get_json()
    listed = client.get("/api/v1/tickets", headers=resident)
    assert listed.status_code == 200, listed.get_json()
    assert [row["id"] for row in listed.get_json()["items"]] == [second["id"], first["id"]]
    assert listed.get_json()["items"][1] == client.get(f"/api/v1/tickets/{first['id']}", headers=resident).get_json()
    assert listed.get_json()["total"] == 2
    client.delete(f"/api/v1/tickets/{second['id']}", headers=resident)
    clerk = staff_headers(client, create_staff(city, "clerk", ("window_staff", "hall", hall)))
    with city.app_context():
        window_id = db.session.scalar(select(Window.id).where(Window.hall_id == hall, Window.number == "01"))
    client.post(f"/api/v1/windows/{window_id}/call-next", headers=clerk)  # the first ticket: called, still in play
    mine = client.get("/api/v1/tickets", headers=resident).get_json()
    assert [(row["id"], row["status"], row["window"]) for row in mine["items"]] == [(first["id"], "called", "01")]
    assert [row["id"] for row in client.get("/api/v1/tickets", headers=neighbour).get_json()["items"]] == [theirs["id"]]
    assert_error(client.get("/api/v1/tickets"), 401, "AUTH_REQUIRED")


def test_a_ticket_of_an_earlier_hall_day_is_no_longer_mine(city, client, hall, resident):
    ticket = take(client, hall, resident).get_json()
    with city.app_context():
        holder = db.session.scalar(select(Ticket.resident_id).where(Ticket.id == ticket["id"]))
        assert [row.id for row in tickets.live_of(holder)] == [ticket["id"]]
        # 07:00 the next morning in the hall is still the 23rd in UTC: the hall's day decides.
        assert tickets.live_of(holder, hall_time(2026, 11, 24, 7, 0)) == []
