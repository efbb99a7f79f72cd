"""Booking over HTTP (issue 6): the appointment a resident gets, Idempotency-Key, the resident's appointments,
cancel and reschedule, the check-in QR code and kiosk check-in, and a hall's day list for staff. The rules
themselves (each code with a frozen clock, no-shows, reminders) are tested in tests/app/services."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
import time_machine
from sqlalchemy import func, select, update

from app.extensions import db
from app.models import Appointment, AuditEvent, Hall, ProxyGrant, QueueCategory, Region, Resident, ServiceItem, Slot
from app.models.base import utcnow
from app.validators import id_check_char
from tests.booking_helpers import hall_time
from tests.helpers import assert_error, bearer, sms_login
from tests.staff_helpers import ID_NUMBER, NAME, create_staff, staff_headers

NOW = hall_time(2026, 11, 23, 8, 30)  # Monday; Tuesday's slots were released a week ago
TUESDAY, WEDNESDAY = date(2026, 11, 24), date(2026, 11, 25)
SOCIAL_CARD = "330100-GG-RS-001"  # 社会保障卡申领: L2, line A at H1 and H2, with a checklist
CARD_REPLACEMENT = "330100-GG-RS-002"  # 社会保障卡补换: another item of the same line
OTHER_PHONE = "13900139000"
OTHER_ID_NUMBER = "33010219850612003" + id_check_char("33010219850612003")
REFERENCE = re.compile(r"[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}")
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def city(seeded_city):
    return seeded_city(NOW)


def resident_headers(app, client, phone: str = "13800138000", id_number: str = ID_NUMBER) -> dict[str, str]:
    """A resident logged in by SMS with a real name bound (L2, what the demo items need)."""
    headers = bearer(sms_login(app, client, phone)["access_token"])
    bound = client.post("/api/v1/me/real-name", json={"name": NAME, "id_number": id_number}, headers=headers)
    assert bound.status_code == 200, bound.get_json()
    return headers


@pytest.fixture
def resident(city, client) -> dict[str, str]:
    return resident_headers(city, client)


@pytest.fixture
def other(city, client) -> dict[str, str]:
    return resident_headers(city, client, OTHER_PHONE, OTHER_ID_NUMBER)


def hall_id(app, code: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Hall.id).where(Hall.code == code))


def slot_ids(app, hall_code: str, day: date = TUESDAY, prefix: str = "A") -> list[int]:
    """The line's slots of the day, by start: at H1, [0] is 09:00, [2] 10:00."""
    with app.app_context():
        return db.session.scalars(
            select(Slot.id)
            .join(QueueCategory, Slot.category_id == QueueCategory.id)
            .join(Hall, Slot.hall_id == Hall.id)
            .where(Hall.code == hall_code, QueueCategory.prefix == prefix, Slot.day == day)
            .order_by(Slot.starts_at)
        ).all()


def booked(app, slot_id: int) -> int:
    with app.app_context():
        return db.session.get(Slot, slot_id).booked


def appointment_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Appointment))


def book(client, headers, slot_id: object, *, key: str | None = "key-1", item: str = SOCIAL_CARD, **extra: object):
    if key is not None:
        headers = {**headers, "Idempotency-Key": key}
    return client.post("/api/v1/appointments", json={"item_code": item, "slot_id": slot_id, **extra}, headers=headers)


def booked_ok(client, headers, slot_id: int, **kwargs: object) -> dict:
    response = book(client, headers, slot_id, **kwargs)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def mine_id(client, headers: dict[str, str]) -> int:
    return client.get("/api/v1/me", headers=headers).get_json()["id"]


def grant_proxy(app, client, *, grantee: dict[str, str], grantor: dict[str, str]) -> int:
    """An active 代办 grant (accepting one takes a face check, tested in test_identity.py); the grantor's id."""
    grantee_id, grantor_id = mine_id(client, grantee), mine_id(client, grantor)
    with app.app_context():
        phone_index = db.session.get(Resident, grantor_id).phone_index
        db.session.add(
            ProxyGrant(
                grantee_id=grantee_id,
                grantor_id=grantor_id,
                grantor_phone_index=phone_index,
                relation="parent",
                status="active",
                invitation_expires_at=utcnow(),
                accepted_at=utcnow(),
            )
        )
        db.session.commit()
    return grantor_id


def admin_headers(app, client, username: str, role: str, kind: str, node: int | None = None) -> dict[str, str]:
    return staff_headers(client, create_staff(app, username, (role, kind, node)))


def region_id(app, code: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Region.id).where(Region.code == code))


class TestBook:
    def test_the_appointment_has_what_the_resident_needs(self, city, client, resident):
        h1 = hall_id(city, "H1")
        slot = slot_ids(city, "H1")[0]
        response = book(client, resident, slot)
        assert response.status_code == 201, response.get_json()
        assert "Idempotent-Replayed" not in response.headers
        body = response.get_json()
        assert REFERENCE.fullmatch(body["reference"])
        assert (body["status"], body["category"], body["slot_id"]) == ("booked", "A", slot)
        assert body["item"] == {"code": SOCIAL_CARD, "name": "社会保障卡申领"}
        assert body["hall"] == {"id": h1, "name": "明湖区政务服务中心", "address": "示范市明湖区文昌路188号"}
        assert (body["starts_at"], body["ends_at"]) == ("2026-11-24T09:00:00+08:00", "2026-11-24T09:30:00+08:00")
        assert body["change_until"] == "2026-11-24T07:00:00+08:00"  # cancel_minutes_before: 2 hours
        assert body["booked_by_proxy"] is False
        assert body["for_resident"] == mine_id(client, resident)
        check_in = body["check_in"]
        assert len(check_in["token"]) <= 24
        assert (check_in["valid_from"], check_in["valid_until"]) == (
            "2026-11-24T08:00:00+08:00",  # an hour before
            "2026-11-24T09:45:00+08:00",  # the end plus the 15 minutes' grace
        )
        qr = client.get(check_in["qr_url"])
        assert (qr.status_code, qr.mimetype) == (200, "image/png")
        assert qr.data.startswith(PNG)
        assert "居民身份证" in [material["name"] for material in body["required_materials"]]
        assert body["conditional_materials"]
        checklist = client.get(body["checklist_url"])
        assert (checklist.status_code, checklist.mimetype) == (200, "text/html")
        assert "社会保障卡申领" in checklist.get_data(as_text=True)
        assert booked(city, slot) == 1

    def test_without_an_idempotency_key_nothing_is_booked(self, city, client, resident):
        slot = slot_ids(city, "H1")[0]
        for key in (None, "", "with space", "k" * 256, "ключ"):
            assert_error(book(client, resident, slot, key=key), 400, "IDEMPOTENCY_KEY_REQUIRED")
        assert (appointment_count(city), booked(city, slot)) == (0, 0)

    def test_a_retry_with_the_same_key_gets_the_same_appointment(self, city, client, resident):
        slot = slot_ids(city, "H1")[0]
        first = booked_ok(client, resident, slot)
        retry = book(client, resident, slot)
        assert retry.status_code == 201
        assert retry.headers["Idempotent-Replayed"] == "true"
        assert (retry.get_json()["id"], retry.get_json()["reference"]) == (first["id"], first["reference"])
        assert (appointment_count(city), booked(city, slot)) == (1, 1)

    def test_the_same_key_with_another_body_is_refused(self, city, client, resident):
        first, second = slot_ids(city, "H1")[:2]
        booked_ok(client, resident, first)
        assert_error(book(client, resident, second), 422, "IDEMPOTENCY_KEY_REUSED")
        assert_error(book(client, resident, first, item=CARD_REPLACEMENT), 422, "IDEMPOTENCY_KEY_REUSED")
        assert (appointment_count(city), booked(city, second)) == (1, 0)

    def test_keys_are_per_resident(self, city, client, resident, other):
        slot = slot_ids(city, "H1")[0]
        mine = booked_ok(client, resident, slot, key="same-key")
        response = book(client, other, slot, key="same-key")
        assert response.status_code == 201 and "Idempotent-Replayed" not in response.headers
        assert response.get_json()["id"] != mine["id"]
        assert booked(city, slot) == 2

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"item_code": SOCIAL_CARD, "slot_id": "1"}, "slot_id"),
            ({"item_code": SOCIAL_CARD, "slot_id": -1}, "slot_id"),
            ({"item_code": SOCIAL_CARD, "slot_id": 0}, "slot_id"),
            ({"item_code": SOCIAL_CARD, "slot_id": 2**31}, "slot_id"),
            ({"item_code": SOCIAL_CARD}, "slot_id"),
            ({"item_code": "", "slot_id": 1}, "item_code"),
            ({"slot_id": 1}, "item_code"),
            ({"item_code": SOCIAL_CARD, "slot_id": 1, "acting_for": "2"}, "acting_for"),
            ({"item_code": SOCIAL_CARD, "slot_id": 1, "status": "checked_in"}, "status"),
        ],
    )
    def test_bad_bodies_are_400_and_book_nothing(self, city, client, resident, body, field):
        headers = {**resident, "Idempotency-Key": "key-1"}
        response = client.post("/api/v1/appointments", json=body, headers=headers)
        assert field in assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]
        assert appointment_count(city) == 0

    def test_unknown_slots_and_items_are_404(self, city, client, resident):
        assert_error(book(client, resident, 999_999), 404, "NOT_FOUND")
        assert_error(book(client, resident, slot_ids(city, "H1")[0], item="NO-SUCH-ITEM"), 404, "NOT_FOUND")

    def test_login_is_required(self, city, client):
        assert_error(book(client, {}, slot_ids(city, "H1")[0]), 401, "AUTH_REQUIRED")

    def test_acting_for_someone_without_a_grant_is_404(self, city, client, resident, other):
        response = book(client, resident, slot_ids(city, "H1")[0], acting_for=mine_id(client, other))
        assert_error(response, 404, "NOT_FOUND")
        assert appointment_count(city) == 0

    def test_a_proxy_books_for_the_relative_who_granted_it(self, city, client, resident, other):
        grantor = grant_proxy(city, client, grantee=resident, grantor=other)
        mine = booked_ok(client, resident, slot_ids(city, "H1")[0], acting_for=grantor)
        assert (mine["for_resident"], mine["booked_by_proxy"]) == (grantor, True)
        theirs = client.get("/api/v1/appointments", headers=other).get_json()["items"]
        assert [item["id"] for item in theirs] == [mine["id"]]
        with city.app_context():
            [row] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "appointment.book")).all()
            assert (row.actor_kind, row.actor_id, row.acting_for_id) == ("resident", mine_id(client, resident), grantor)
            assert row.object_id == str(mine["id"])

    def test_a_revoked_proxy_no_longer_reaches_the_booking(self, city, client, resident, other):
        grantor = grant_proxy(city, client, grantee=resident, grantor=other)
        mine = booked_ok(client, resident, slot_ids(city, "H1")[0], acting_for=grantor)
        with city.app_context():
            grant_id = db.session.scalar(select(ProxyGrant.id))
        assert client.post(f"/api/v1/proxies/{grant_id}/revoke", headers=other).status_code == 200
        assert_error(client.get(f"/api/v1/appointments/{mine['id']}", headers=resident), 404, "NOT_FOUND")
        assert_error(client.post(f"/api/v1/appointments/{mine['id']}/cancel", headers=resident), 404, "NOT_FOUND")
        assert client.get("/api/v1/appointments", headers=resident).get_json()["items"] == []

    def test_a_full_slot_is_409_until_a_place_comes_back(self, city, client, resident, other):
        slot = slot_ids(city, "H1")[0]
        admin = admin_headers(city, client, "dept", "dept_admin", "region", region_id(city, "330102"))
        lowered = client.patch(
            f"/api/v1/admin/slots/{slot}", json={"capacity": 1, "reason": "窗口临时减少"}, headers=admin
        )
        assert lowered.status_code == 200, lowered.get_json()
        mine = booked_ok(client, resident, slot)
        for _ in range(2):  # the second answer comes from the full mark in Redis
            body = assert_error(book(client, other, slot), 409, "SLOT_FULL")
            assert body["details"] == {"slot_id": slot}
        assert booked(city, slot) == 1
        assert client.post(f"/api/v1/appointments/{mine['id']}/cancel", headers=resident).status_code == 200
        again = book(client, other, slot)  # a refused attempt stored nothing under its key
        assert again.status_code == 201 and "Idempotent-Replayed" not in again.headers

    def test_rule_messages_say_when_in_english(self, city, client, resident):
        h1 = hall_id(city, "H1")
        admin = admin_headers(city, client, "admin", "sys_admin", "all")
        url = f"/api/v1/admin/halls/{h1}/categories/A/schedule"
        assert client.put(url, json={"release_time": "09:00"}, headers=admin).status_code == 200
        monday = slot_ids(city, "H1", date(2026, 11, 30))[0]  # released today at 09:00 now
        response = book(client, {**resident, "Accept-Language": "en"}, monday)
        body = assert_error(response, 422, "SLOT_NOT_RELEASED")
        assert body["message"] == "Slots for this day are released at 2026-11-23 09:00; book then"
        assert body["details"] == {"opens_at": "2026-11-23T09:00:00+08:00"}
        chinese = assert_error(book(client, resident, monday), 422, "SLOT_NOT_RELEASED")
        assert "2026-11-23 09:00" in chinese["message"]


class TestMine:
    def test_the_list_is_latest_first_and_active_filters(self, city, client, resident, other):
        h1 = slot_ids(city, "H1")
        early = booked_ok(client, resident, h1[0])
        late = booked_ok(client, resident, h1[4], key="key-2", item=CARD_REPLACEMENT)
        assert client.post(f"/api/v1/appointments/{early['id']}/cancel", headers=resident).status_code == 200
        listed = client.get("/api/v1/appointments", headers=resident).get_json()
        assert listed["total"] == 2
        assert [(item["id"], item["status"]) for item in listed["items"]] == [
            (late["id"], "booked"),
            (early["id"], "cancelled"),
        ]
        assert "required_materials" not in listed["items"][0]
        active = client.get("/api/v1/appointments?active=true", headers=resident).get_json()
        assert [item["id"] for item in active["items"]] == [late["id"]]
        assert (
            "active"
            in assert_error(client.get("/api/v1/appointments?active=yes", headers=resident), 400, "VALIDATION_ERROR")[
                "details"
            ]["fields"]
        )
        assert client.get("/api/v1/appointments", headers=other).get_json() == {"items": [], "total": 0}

    def test_one_appointment_is_its_residents_only(self, city, client, resident, other):
        mine = booked_ok(client, resident, slot_ids(city, "H1")[0])
        response = client.get(f"/api/v1/appointments/{mine['id']}", headers=resident)
        assert response.status_code == 200
        assert response.get_json() == mine
        hidden = assert_error(client.get(f"/api/v1/appointments/{mine['id']}", headers=other), 404, "NOT_FOUND")
        missing = assert_error(client.get("/api/v1/appointments/999999", headers=resident), 404, "NOT_FOUND")
        assert {**hidden, "request_id": ""} == {**missing, "request_id": ""}
        assert_error(client.post(f"/api/v1/appointments/{mine['id']}/cancel", headers=other), 404, "NOT_FOUND")
        assert_error(client.get(f"/api/v1/appointments/{mine['id']}"), 401, "AUTH_REQUIRED")

    def test_cancel_frees_the_place_once(self, city, client, resident):
        slot = slot_ids(city, "H1")[0]
        mine = booked_ok(client, resident, slot)
        response = client.post(f"/api/v1/appointments/{mine['id']}/cancel", headers=resident)
        assert response.status_code == 200
        body = response.get_json()
        assert (body["id"], body["reference"], body["status"], body["check_in"]) == (
            mine["id"],
            mine["reference"],
            "cancelled",
            None,
        )
        assert booked(city, slot) == 0
        again = client.post(f"/api/v1/appointments/{mine['id']}/cancel", headers=resident)
        assert_error(again, 409, "APPOINTMENT_NOT_ACTIVE")
        assert booked(city, slot) == 0

    def test_after_the_deadline_cancel_and_reschedule_say_until_when(self, city, client, resident):
        today = slot_ids(city, "H1", NOW.date())
        ten = booked_ok(client, resident, today[2])  # 10:00: still bookable, but the deadline was 08:00
        assert ten["change_until"] == "2026-11-23T08:00:00+08:00"
        for response in (
            client.post(f"/api/v1/appointments/{ten['id']}/cancel", headers=resident),
            client.post(f"/api/v1/appointments/{ten['id']}/reschedule", json={"slot_id": today[4]}, headers=resident),
        ):
            body = assert_error(response, 422, "CHANGE_TOO_LATE")
            assert body["details"] == {"deadline": "2026-11-23T08:00:00+08:00"}
        assert booked(city, today[2]) == 1 and booked(city, today[4]) == 0

    def test_reschedule_moves_to_another_hall_keeping_the_reference(self, city, client, resident):
        old = slot_ids(city, "H1")[0]
        new = slot_ids(city, "H2", WEDNESDAY)[1]
        mine = booked_ok(client, resident, old)
        response = client.post(f"/api/v1/appointments/{mine['id']}/reschedule", json={"slot_id": new}, headers=resident)
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        assert (body["id"], body["reference"], body["status"], body["slot_id"]) == (
            mine["id"],
            mine["reference"],
            "booked",
            new,
        )
        assert body["hall"]["id"] == hall_id(city, "H2")
        assert body["starts_at"] == "2026-11-25T09:00:00+08:00"  # H2 opens at 08:30
        assert (booked(city, old), booked(city, new)) == (0, 1)
        assert body["check_in"]["token"] != mine["check_in"]["token"]  # a token is for one day
        stale = client.get(mine["check_in"]["qr_url"])
        assert_error(stale, 404, "NOT_FOUND")

    def test_a_failed_reschedule_leaves_the_appointment_as_it_was(self, city, client, resident, other):
        h1 = slot_ids(city, "H1")
        mine = booked_ok(client, resident, h1[0])
        with city.app_context():
            db.session.execute(update(Slot).where(Slot.id == h1[1]).values(capacity=1))
            db.session.commit()
        booked_ok(client, other, h1[1])
        url = f"/api/v1/appointments/{mine['id']}/reschedule"
        assert_error(client.post(url, json={"slot_id": h1[1]}, headers=resident), 409, "SLOT_FULL")
        assert client.get(f"/api/v1/appointments/{mine['id']}", headers=resident).get_json() == mine
        assert (booked(city, h1[0]), booked(city, h1[1])) == (1, 1)
        assert (
            "slot_id"
            in assert_error(client.post(url, json={"slot_id": "2"}, headers=resident), 400, "VALIDATION_ERROR")[
                "details"
            ]["fields"]
        )
        assert_error(client.post(url, json={"slot_id": 999_999}, headers=resident), 404, "NOT_FOUND")
        client.post(f"/api/v1/appointments/{mine['id']}/cancel", headers=resident)
        assert_error(client.post(url, json={"slot_id": h1[2]}, headers=resident), 409, "APPOINTMENT_NOT_ACTIVE")


class TestCheckInQr:
    @pytest.mark.parametrize(("fmt", "mimetype", "start"), [("png", "image/png", PNG), ("svg", "image/svg+xml", b"<")])
    def test_a_genuine_token_is_drawn(self, city, client, resident, fmt, mimetype, start):
        token = booked_ok(client, resident, slot_ids(city, "H1")[0])["check_in"]["token"]
        response = client.get("/api/v1/appointments/check-in-qr", query_string={"token": token, "format": fmt})
        assert (response.status_code, response.mimetype) == (200, mimetype)
        assert response.data.startswith(start)

    def test_tampered_or_malformed_tokens_are_not_drawn(self, city, client, resident):
        token = booked_ok(client, resident, slot_ids(city, "H1")[0])["check_in"]["token"]
        ident, mac = token.split(".")
        flipped = mac[:-1] + ("A" if mac[-1] != "A" else "B")
        for bad in (f"{ident}.{flipped}", f"{int(ident, 36) + 1:X}.{mac}", "hello", token + "A"):
            response = client.get("/api/v1/appointments/check-in-qr", query_string={"token": bad})
            assert_error(response, 404, "NOT_FOUND")
        response = client.get("/api/v1/appointments/check-in-qr", query_string={"token": token, "format": "gif"})
        assert "format" in assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]

    def test_a_token_naming_an_id_beyond_any_appointment_is_invalid(self, city, client, resident):
        mac = booked_ok(client, resident, slot_ids(city, "H1")[0])["check_in"]["token"].split(".")[1]
        response = client.get("/api/v1/appointments/check-in-qr", query_string={"token": f"ZZZZZZZ.{mac}"})
        assert_error(response, 404, "NOT_FOUND")


def register_device(client, admin: dict[str, str], hall: int, kind: str = "kiosk") -> dict[str, str]:
    response = client.post("/api/v1/admin/devices", json={"hall_id": hall, "kind": kind, "name": kind}, headers=admin)
    assert response.status_code == 201, response.get_json()
    return {"X-Device-Token": response.get_json()["token"]}


def scan(client, device: dict[str, str], token: str):
    return client.post("/api/v1/check-ins", json={"token": token}, headers=device)


class TestKioskCheckIn:
    @pytest.fixture
    def kiosks(self, city, client) -> tuple[dict[str, str], dict[str, str]]:
        admin = admin_headers(city, client, "admin", "sys_admin", "all")
        return register_device(client, admin, hall_id(city, "H1")), register_device(client, admin, hall_id(city, "H2"))

    def test_a_kiosk_of_the_hall_checks_in_and_prints_the_ticket_once(self, city, client, resident, kiosks):
        h1_kiosk, _ = kiosks
        mine = booked_ok(client, resident, slot_ids(city, "H1")[0])
        token = mine["check_in"]["token"]
        early = assert_error(scan(client, h1_kiosk, token), 422, "CHECK_IN_TOO_EARLY")
        assert early["details"] == {"opens_at": "2026-11-24T08:00:00+08:00"}
        with time_machine.travel(hall_time(2026, 11, 24, 8, 50), tick=False):
            response = scan(client, h1_kiosk, token.lower())
            assert response.status_code == 201, response.get_json()
            ticket = response.get_json()
            assert (ticket["number"], ticket["priority"], ticket["hall_id"]) == (
                "A001",
                "appointment",
                mine["hall"]["id"],
            )
            again = scan(client, h1_kiosk, token)
            assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
            assert again.get_json()["id"] == ticket["id"]
        with city.app_context():
            row = db.session.get(Appointment, mine["id"])
            assert (row.status, row.checked_in_at) == ("checked_in", hall_time(2026, 11, 24, 8, 50))
        seen = client.get(f"/api/v1/appointments/{mine['id']}", headers=resident).get_json()
        assert (seen["status"], seen["check_in"]) == ("checked_in", None)

    def test_another_halls_kiosk_sends_the_resident_to_the_right_hall(self, city, client, resident, kiosks):
        _, h2_kiosk = kiosks
        mine = booked_ok(client, resident, slot_ids(city, "H1")[0])
        with time_machine.travel(hall_time(2026, 11, 24, 8, 50), tick=False):
            response = scan(client, {**h2_kiosk, "Accept-Language": "en"}, mine["check_in"]["token"])
            body = assert_error(response, 422, "CHECK_IN_WRONG_HALL")
        assert body["details"] == {"hall_id": hall_id(city, "H1"), "hall": "明湖区政务服务中心"}
        assert body["message"] == "This appointment is at 明湖区政务服务中心; check in there"
        with city.app_context():
            assert db.session.get(Appointment, mine["id"]).status == "booked"

    def test_only_a_kiosks_token_may_check_in(self, city, client, resident, kiosks):
        token = booked_ok(client, resident, slot_ids(city, "H1")[0])["check_in"]["token"]
        assert_error(scan(client, {}, token), 401, "DEVICE_TOKEN_INVALID")
        assert_error(scan(client, resident, token), 401, "DEVICE_TOKEN_INVALID")
        admin = admin_headers(city, client, "admin-2", "sys_admin", "all")
        board = register_device(client, admin, hall_id(city, "H1"), "display")
        with time_machine.travel(hall_time(2026, 11, 24, 8, 50), tick=False):
            assert_error(scan(client, board, token), 403, "FORBIDDEN")
        assert_error(scan(client, kiosks[0], "hello"), 400, "CHECK_IN_INVALID")
        assert "token" in assert_error(scan(client, kiosks[0], ""), 400, "VALIDATION_ERROR")["details"]["fields"]


class TestDayList:
    def test_staff_of_the_hall_see_masked_names_and_phones(self, city, client, resident):
        h1 = hall_id(city, "H1")
        mine = booked_ok(client, resident, slot_ids(city, "H1")[0])
        clerk = admin_headers(city, client, "clerk", "window_staff", "hall", h1)
        response = client.get(f"/api/v1/halls/{h1}/appointments", query_string={"date": "2026-11-24"}, headers=clerk)
        assert response.status_code == 200
        assert response.get_json() == {
            "items": [
                {
                    "id": mine["id"],
                    "reference": mine["reference"],
                    "status": "booked",
                    "category": "A",
                    "item_code": SOCIAL_CARD,
                    "item_name": "社会保障卡申领",
                    "starts_at": "2026-11-24T09:00:00+08:00",
                    "ends_at": "2026-11-24T09:30:00+08:00",
                    "name": "张**",
                    "phone": "138****8000",
                    "by_proxy": False,
                    "checked_in_at": None,
                }
            ],
            "total": 1,
        }
        assert NAME not in response.get_data(as_text=True)
        today = client.get(f"/api/v1/halls/{h1}/appointments", headers=clerk).get_json()
        assert today == {"items": [], "total": 0}
        bad = client.get(f"/api/v1/halls/{h1}/appointments?date=24.11.2026", headers=clerk)
        assert "date" in assert_error(bad, 400, "VALIDATION_ERROR")["details"]["fields"]

    def test_staff_elsewhere_get_404(self, city, client, resident):
        h1 = hall_id(city, "H1")
        booked_ok(client, resident, slot_ids(city, "H1")[0])
        elsewhere = admin_headers(city, client, "dept-y", "dept_admin", "region", region_id(city, "330106"))
        hidden = client.get(f"/api/v1/halls/{h1}/appointments?date=2026-11-24", headers=elsewhere)
        assert_error(hidden, 404, "NOT_FOUND")
        assert_error(client.get(f"/api/v1/halls/{h1}/appointments?date=2026-11-24", headers=resident), 403, "FORBIDDEN")

    def test_the_csv_export_is_masked_and_formula_safe(self, city, client, resident):
        h1 = hall_id(city, "H1")
        mine = booked_ok(client, resident, slot_ids(city, "H1")[0])
        with city.app_context():  # a name a spreadsheet would run as a formula
            db.session.execute(
                update(ServiceItem).where(ServiceItem.code == SOCIAL_CARD).values(name='=HYPERLINK("http://x","y")')
            )
            db.session.commit()
        clerk = admin_headers(city, client, "clerk", "window_staff", "hall", h1)
        query = {"date": "2026-11-24", "format": "csv"}
        response = client.get(f"/api/v1/halls/{h1}/appointments", query_string=query, headers=clerk)
        assert (response.status_code, response.mimetype) == (200, "text/csv")
        assert response.headers["Content-Disposition"] == f'attachment; filename="appointments-{h1}-2026-11-24.csv"'
        text = response.get_data(as_text=True)
        assert text.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
        assert rows[0] == ["reference", "status", "category", "item_code", "item_name", "starts_at", "ends_at",
                           "name", "phone", "by_proxy", "checked_in_at"]  # fmt: skip
        assert rows[1] == [
            mine["reference"],
            "booked",
            "A",
            SOCIAL_CARD,
            '\'=HYPERLINK("http://x","y")',
            "2026-11-24T09:00:00+08:00",
            "2026-11-24T09:30:00+08:00",
            "张**",
            "138****8000",
            "False",
            "",
        ]
        assert len(rows) == 2 and NAME not in text and "13800138000" not in text
        bad = client.get(f"/api/v1/halls/{h1}/appointments?format=xlsx", headers=clerk)
        assert "format" in assert_error(bad, 400, "VALIDATION_ERROR")["details"]["fields"]
