"""Booking bans over HTTP (issue 6): a resident who missed two appointments is refused with the end date; a
dept_admin of the hall lists the ban (masked) and lifts it with a reason (audited), and booking works again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
import time_machine
from sqlalchemy import select

from app import demo
from app.extensions import db
from app.models import AuditEvent, BookingBan, Hall, QueueCategory, Region, Slot
from app.services import booking_policy
from tests.booking_helpers import hall_time
from tests.helpers import assert_error, bearer, sms_login
from tests.staff_helpers import ID_NUMBER, NAME, PHONE, create_staff, staff_headers

MONDAY = hall_time(2026, 11, 23, 8, 30)
TUESDAY_NOON = hall_time(2026, 11, 24, 12, 0)  # Tuesday's 09:00 and 10:00 slots, plus the grace, are over
ITEMS = ("330100-GG-RS-001", "330100-GG-RS-002")  # two items of line A at H1, both L2
BANS = "/api/v1/admin/booking-bans"
LIFT_REASON = "申诉核实：当日因病就医"


@dataclass(frozen=True)
class Banned:
    resident: dict[str, str]  # the resident's headers, fresh on Tuesday
    ban_id: int
    hall_id: int


def slot_ids(app, day: date) -> list[int]:
    """H1 line A's slots of the day, by start: [0] is 09:00, [2] 10:00."""
    with app.app_context():
        return db.session.scalars(
            select(Slot.id)
            .join(QueueCategory, Slot.category_id == QueueCategory.id)
            .join(Hall, Slot.hall_id == Hall.id)
            .where(Hall.code == "H1", QueueCategory.prefix == "A", Slot.day == day)
            .order_by(Slot.starts_at)
        ).all()


def book(client, headers: dict[str, str], slot_id: int, item: str = ITEMS[0], key: str = "key-1"):
    body = {"item_code": item, "slot_id": slot_id}
    return client.post("/api/v1/appointments", json=body, headers={**headers, "Idempotency-Key": key})


@pytest.fixture
def banned(app, client):
    """A resident booked two of Tuesday's slots on Monday and came to neither: the no-show job bans them.
    The test runs at Tuesday noon."""
    with time_machine.travel(MONDAY, tick=False):
        with app.app_context():
            demo.seed()
        login = sms_login(app, client, PHONE)
        headers = bearer(login["access_token"])
        bound = client.post("/api/v1/me/real-name", json={"name": NAME, "id_number": ID_NUMBER}, headers=headers)
        assert bound.status_code == 200
        tuesday = slot_ids(app, date(2026, 11, 24))
        for n, (slot, item) in enumerate(zip((tuesday[0], tuesday[2]), ITEMS, strict=True)):
            assert book(client, headers, slot, item, key=f"key-{n}").status_code == 201
    with time_machine.travel(TUESDAY_NOON, tick=False):
        with app.app_context():
            assert booking_policy.mark_no_shows() == 2
            ban_id = db.session.scalar(select(BookingBan.id))
            hall = db.session.scalar(select(Hall.id).where(Hall.code == "H1"))
        # The Monday access token has expired: refresh it, as the app would.
        fresh = client.post("/api/v1/auth/refresh", headers=bearer(login["refresh_token"]))
        assert fresh.status_code == 200, fresh.get_json()
        yield Banned(bearer(fresh.get_json()["access_token"]), ban_id, hall)


def staff(app, client, username: str, role: str, region_code: str) -> dict[str, str]:
    with app.app_context():
        region = db.session.scalar(select(Region.id).where(Region.code == region_code))
    return staff_headers(client, create_staff(app, username, (role, "region", region)))


def lift(client, headers: dict[str, str], ban_id: int, reason: object = LIFT_REASON):
    return client.post(f"{BANS}/{ban_id}/lift", json={"reason": reason}, headers=headers)


def wednesday_slot(app) -> int:
    return slot_ids(app, date(2026, 11, 25))[0]


def test_a_banned_resident_is_told_until_when(app, client, banned):
    response = book(client, {**banned.resident, "Accept-Language": "en"}, wednesday_slot(app), key="after")
    body = assert_error(response, 403, "BOOKING_BANNED")
    assert body["details"] == {"until": "2026-12-24T12:00:00+08:00", "reason": "no_shows"}  # 30 days, hall time
    assert body["message"] == (
        "Booking is suspended until 2026-12-24 12:00 after repeated no-shows; you can still take a ticket at the hall"
    )
    chinese = assert_error(book(client, banned.resident, wednesday_slot(app), key="after"), 403, "BOOKING_BANNED")
    assert "2026-12-24 12:00" in chinese["message"]
    with app.app_context():
        assert db.session.get(Slot, wednesday_slot(app)).booked == 0


def test_the_halls_dept_admin_sees_the_ban_masked(app, client, banned):
    admin = staff(app, client, "dept-x", "dept_admin", "330102")
    response = client.get(BANS, headers=admin)
    assert response.status_code == 200
    body = response.get_json()
    assert body["total"] == 1
    ban = body["items"][0]
    assert ban | {"resident_id": 0} == {
        "id": banned.ban_id,
        "resident_id": 0,
        "phone": "138****8000",
        "name": "张**",
        "hall_id": banned.hall_id,
        "reason": "no_shows",
        "strikes": 2,
        "starts_at": "2026-11-24T04:00:00+00:00",
        "ends_at": "2026-12-24T04:00:00+00:00",
        "lifted_at": None,
        "lift_reason": None,
    }
    assert PHONE not in response.get_data(as_text=True) and NAME not in response.get_data(as_text=True)
    assert client.get(BANS, query_string={"phone": PHONE}, headers=admin).get_json()["total"] == 1
    assert client.get(BANS, query_string={"phone": "13900139000"}, headers=admin).get_json() == {
        "items": [],
        "total": 0,
    }
    bad = client.get(BANS, query_string={"phone": "12345"}, headers=admin)
    assert "phone" in assert_error(bad, 400, "VALIDATION_ERROR")["details"]["fields"]


def test_other_districts_and_roles_do_not(app, client, banned):
    elsewhere = staff(app, client, "dept-y", "dept_admin", "330106")
    assert client.get(BANS, headers=elsewhere).get_json() == {"items": [], "total": 0}
    assert_error(lift(client, elsewhere, banned.ban_id), 404, "NOT_FOUND")
    clerk = staff(app, client, "clerk", "window_staff", "330102")
    assert_error(client.get(BANS, headers=clerk), 403, "FORBIDDEN")
    assert_error(lift(client, clerk, banned.ban_id), 403, "FORBIDDEN")
    assert_error(client.get(BANS, headers=banned.resident), 403, "FORBIDDEN")
    assert_error(client.get(BANS), 401, "AUTH_REQUIRED")
    with app.app_context():
        assert db.session.get(BookingBan, banned.ban_id).lifted_at is None


def test_lifting_is_audited_and_booking_works_again(app, client, banned):
    admin = staff(app, client, "dept-x", "dept_admin", "330102")
    response = lift(client, admin, banned.ban_id)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["id"], body["lift_reason"]) == (banned.ban_id, LIFT_REASON)
    assert datetime.fromisoformat(body["lifted_at"]) == TUESDAY_NOON
    with app.app_context():
        [row] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "booking_ban.lift")).all()
        assert (row.actor_kind, row.actor_role, row.object_type) == ("staff", "dept_admin", "resident")
        assert row.details == {"ban_id": banned.ban_id, "reason": LIFT_REASON}
    assert client.get(BANS, headers=admin).get_json()["total"] == 0  # active ones by default
    everything = client.get(BANS, query_string={"active": "false"}, headers=admin).get_json()
    assert [item["id"] for item in everything["items"]] == [banned.ban_id]
    assert book(client, banned.resident, wednesday_slot(app), key="after").status_code == 201
    assert_error(lift(client, admin, banned.ban_id), 409, "BAN_NOT_ACTIVE")


def test_a_lift_needs_a_reason(app, client, banned):
    admin = staff(app, client, "dept-x", "dept_admin", "330102")
    for reason in ("短", None, 5):
        assert (
            "reason"
            in assert_error(lift(client, admin, banned.ban_id, reason), 400, "VALIDATION_ERROR")["details"]["fields"]
        )
    assert_error(lift(client, admin, 999_999), 404, "NOT_FOUND")
    with app.app_context():
        assert db.session.get(BookingBan, banned.ban_id).lifted_at is None
