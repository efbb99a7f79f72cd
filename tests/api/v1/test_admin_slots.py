"""Administration of appointment slots (issue 6): schedules (sys_admin), a day's slots (staff of the hall)
and per-slot adjustments (dept_admin or sys_admin), scoped to the hall and audited."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Hall, Region, Slot
from tests.helpers import assert_error
from tests.staff_helpers import create_staff, staff_headers

NOW = datetime(2026, 11, 23, 8, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
ADMIN = "/api/v1/admin"
TUESDAY = date(2026, 11, 24)


@pytest.fixture
def city(seeded_city):
    return seeded_city(NOW)


def ids(app, model, **key) -> int:
    with app.app_context():
        return db.session.scalar(select(model.id).filter_by(**key))


def first_slot(app, hall: int, day: date = TUESDAY) -> Slot:
    with app.app_context():
        slot = db.session.scalar(
            select(Slot).where(Slot.hall_id == hall, Slot.day == day).order_by(Slot.starts_at, Slot.category_id)
        )
        db.session.expunge(slot)
        return slot


def headers_of(app, client, username: str, role: str, kind: str, node: int | None = None) -> dict[str, str]:
    return staff_headers(client, create_staff(app, username, (role, kind, node)))


def audit_rows(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)).all()


def fields_of(response) -> dict:
    return assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]


class TestSchedules:
    def test_a_sys_admin_replaces_a_lines_schedule(self, city, client):
        h1 = ids(city, Hall, code="H1")
        headers = headers_of(city, client, "admin", "sys_admin", "all")
        response = client.put(
            f"{ADMIN}/halls/{h1}/categories/B/schedule", json={"window_minutes": 60, "capacity": 4}, headers=headers
        )
        assert response.status_code == 200, response.get_json()
        assert response.get_json() | {"updated_at": None} == {
            "hall_id": h1,
            "category": "B",
            "window_minutes": 60,
            "capacity": 4,
            "days_ahead": 7,
            "release_time": "08:00",
            "close_minutes_before": 60,
            "walk_in_minutes_before": 30,
            "cancel_minutes_before": 120,
            "updated_at": None,
        }
        [row] = audit_rows(city, "slot_schedule.set")
        assert row.details["after"] == {"window_minutes": 60, "capacity": 4}
        assert (row.actor_role, row.object_type) == ("sys_admin", "slot_schedule")

    def test_every_bad_field_is_named(self, city, client):
        h1 = ids(city, Hall, code="H1")
        headers = headers_of(city, client, "admin", "sys_admin", "all")
        url = f"{ADMIN}/halls/{h1}/categories/A/schedule"
        bad = {"window_minutes": "30", "release_time": "24:00", "days_ahead": 61, "capacity": -1, "colour": "red"}
        assert set(fields_of(client.put(url, json=bad, headers=headers))) == set(bad)
        assert list(fields_of(client.put(url, json=[1], headers=headers))) == ["_schema"]
        assert_error(
            client.put(f"{ADMIN}/halls/{h1}/categories/Z/schedule", json={}, headers=headers), 404, "NOT_FOUND"
        )

    def test_scope_and_role(self, city, client):
        h1 = ids(city, Hall, code="H1")
        url = f"{ADMIN}/halls/{h1}/categories/A/schedule"
        elsewhere = headers_of(city, client, "h2-admin", "sys_admin", "region", ids(city, Region, code="330106"))
        assert_error(client.put(url, json={}, headers=elsewhere), 404, "NOT_FOUND")
        dept_admin = headers_of(city, client, "dept", "dept_admin", "all")
        assert_error(client.put(url, json={}, headers=dept_admin), 403, "FORBIDDEN")
        assert_error(client.put(url, json={}), 401, "AUTH_REQUIRED")


class TestDaySlots:
    def test_staff_of_the_hall_see_a_days_slots_with_bookings(self, city, client):
        h1 = ids(city, Hall, code="H1")
        headers = headers_of(city, client, "clerk", "window_staff", "hall", h1)
        response = client.get(f"{ADMIN}/halls/{h1}/slots", query_string={"date": "2026-11-24"}, headers=headers)
        assert response.status_code == 200
        body = response.get_json()
        assert body["total"] == len(body["items"]) == 13 * 4  # lines A, B, C and D
        first = body["items"][0]
        assert first | {"id": 0} == {
            "id": 0,
            "category": "A",
            "day": "2026-11-24",
            "starts_at": "2026-11-24T09:00:00+08:00",
            "ends_at": "2026-11-24T09:30:00+08:00",
            "capacity": 3,
            "booked": 0,
            "remaining": 3,
            "closed": False,
        }
        today = client.get(f"{ADMIN}/halls/{h1}/slots", headers=headers).get_json()["items"]
        assert {item["day"] for item in today} == {"2026-11-23"}
        assert "date" in fields_of(client.get(f"{ADMIN}/halls/{h1}/slots?date=tomorrow", headers=headers))

    def test_another_halls_staff_get_404(self, city, client):
        h1, h2 = ids(city, Hall, code="H1"), ids(city, Hall, code="H2")
        headers = headers_of(city, client, "clerk", "window_staff", "hall", h2)
        assert_error(client.get(f"{ADMIN}/halls/{h1}/slots", headers=headers), 404, "NOT_FOUND")


class TestAdjustments:
    def test_a_dept_admin_of_the_halls_region_closes_a_slot_and_lowers_its_capacity(self, city, client):
        h1 = ids(city, Hall, code="H1")
        slot = first_slot(city, h1)
        headers = headers_of(city, client, "dept", "dept_admin", "region", ids(city, Region, code="330102"))
        body = {"capacity": 1, "closed": True, "reason": "窗口设备检修"}
        response = client.patch(f"{ADMIN}/slots/{slot.id}", json=body, headers=headers)
        assert response.status_code == 200, response.get_json()
        assert {key: response.get_json()[key] for key in ("capacity", "closed", "remaining")} == {
            "capacity": 1,
            "closed": True,
            "remaining": 0,
        }
        [row] = audit_rows(city, "slot.adjust")
        assert (row.actor_role, row.object_id) == ("dept_admin", str(slot.id))
        assert row.details["before"] == {"capacity": 3, "closed": False}
        assert row.details["reason"] == "窗口设备检修"
        public = client.get(
            f"/api/v1/halls/{h1}/availability",
            query_string={"item": "330100-GG-RS-001", "from": "2026-11-24", "to": "2026-11-24"},
        ).get_json()
        assert public["days"][0]["slots"][0] | {"id": 0} == {
            "id": 0,
            "starts_at": "2026-11-24T09:00:00+08:00",
            "ends_at": "2026-11-24T09:30:00+08:00",
            "capacity": 1,
            "remaining": 0,
            "bookable": False,
        }

    def test_capacity_below_booked_is_refused_naming_booked(self, city, client):
        slot = first_slot(city, ids(city, Hall, code="H1"))
        with city.app_context():
            db.session.get(Slot, slot.id).booked = 2
            db.session.commit()
        headers = headers_of(city, client, "admin", "sys_admin", "all")
        response = client.patch(
            f"{ADMIN}/slots/{slot.id}", json={"capacity": 1, "reason": "减少号源测试"}, headers=headers
        )
        body = assert_error(response, 422, "CAPACITY_BELOW_BOOKED")
        assert body["details"]["booked"] == 2
        assert audit_rows(city, "slot.adjust") == []

    def test_bad_bodies_name_the_field(self, city, client):
        slot = first_slot(city, ids(city, Hall, code="H1"))
        headers = headers_of(city, client, "admin", "sys_admin", "all")
        url = f"{ADMIN}/slots/{slot.id}"
        assert "reason" in fields_of(client.patch(url, json={"capacity": 2}, headers=headers))
        assert "reason" in fields_of(client.patch(url, json={"capacity": 2, "reason": "短"}, headers=headers))
        assert "capacity" in fields_of(
            client.patch(url, json={"capacity": "2", "reason": "五个字以上"}, headers=headers)
        )
        assert "closed" in fields_of(client.patch(url, json={"closed": "yes", "reason": "五个字以上"}, headers=headers))
        assert list(fields_of(client.patch(url, json={"reason": "什么也不改"}, headers=headers))) == ["_schema"]
        assert_error(
            client.patch(f"{ADMIN}/slots/999999", json={"closed": True, "reason": "五个字以上"}, headers=headers),
            404,
            "NOT_FOUND",
        )

    def test_scope_and_role(self, city, client):
        slot = first_slot(city, ids(city, Hall, code="H1"))
        body = {"closed": True, "reason": "不该成功的修改"}
        url = f"{ADMIN}/slots/{slot.id}"
        elsewhere = headers_of(city, client, "dept-y", "dept_admin", "region", ids(city, Region, code="330106"))
        assert_error(client.patch(url, json=body, headers=elsewhere), 404, "NOT_FOUND")
        clerk = headers_of(city, client, "clerk", "window_staff", "all")
        assert_error(client.patch(url, json=body, headers=clerk), 403, "FORBIDDEN")
        assert audit_rows(city, "slot.adjust") == []
