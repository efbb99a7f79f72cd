"""The holiday table API (sys_admin of all): days, whole years, validation, audit, and the public API using it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import func, select

from app import demo
from app.extensions import db
from app.models import AuditEvent
from app.models.catalog import CalendarYear, HolidayOverride
from app.services.catalog import working_calendar
from tests.helpers import assert_error, bearer, sms_login
from tests.staff_helpers import create_staff, staff_headers

HOLIDAYS = "/api/v1/admin/holidays"
YEARS = "/api/v1/admin/holiday-years"
SPRING_FESTIVAL_2027 = {
    "days": [
        {"date": "2027-02-16", "working": False, "note": "春节"},
        {"date": "2027-02-07", "working": True, "note": "春节调休"},
    ],
    "note": "国务院办公厅关于2027年部分节假日安排的通知",
}


@pytest.fixture
def admin(app, client):
    user = create_staff(app, "admin", ("sys_admin", "all", None))
    return user, staff_headers(client, user)


@pytest.fixture
def admin_headers(admin):
    return admin[1]


def count(app, model: type) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def calendar_audit_rows(app) -> list[AuditEvent]:
    with app.app_context():
        return db.session.scalars(
            select(AuditEvent).where(AuditEvent.object_type.in_(["holiday", "calendar_year"])).order_by(AuditEvent.id)
        ).all()


ENDPOINTS = [
    ("get", HOLIDAYS, None),
    ("put", f"{HOLIDAYS}/2026-12-28", {"working": False}),
    ("delete", f"{HOLIDAYS}/2026-12-28", None),
    ("put", f"{YEARS}/2027", SPRING_FESTIVAL_2027),
    ("delete", f"{YEARS}/2027", None),
]


class TestRoles:
    @pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
    def test_residents_window_staff_and_narrow_sys_admins_are_403(self, app, client, tree, method, path, body):
        callers = {
            "resident": bearer(sms_login(app, client)["access_token"]),
            "window_staff": staff_headers(client, create_staff(app, "clerk", ("window_staff", "all", None))),
            "hall sys_admin": staff_headers(
                client, create_staff(app, "hall.admin", ("sys_admin", "hall", tree.hall_x1))
            ),
            "city sys_admin": staff_headers(
                client, create_staff(app, "city.admin", ("sys_admin", "region", tree.city))
            ),
        }
        for who, headers in callers.items():
            response = getattr(client, method)(path, json=body, headers=headers)
            assert response.status_code == 403, who
            assert_error(response, 403, "FORBIDDEN")
        assert count(app, HolidayOverride) == count(app, CalendarYear) == 0

    def test_no_token_is_401(self, client):
        assert_error(client.get(HOLIDAYS), 401, "AUTH_REQUIRED")

    def test_a_sys_admin_of_all_manages_the_calendar(self, client, admin_headers):
        put = client.put(f"{HOLIDAYS}/2026-12-28", json={"working": False, "note": "区庆"}, headers=admin_headers)
        assert put.status_code == 200
        assert put.get_json() == {"date": "2026-12-28", "working": False, "note": "区庆"}
        year = client.put(f"{YEARS}/2027", json=SPRING_FESTIVAL_2027, headers=admin_headers)
        assert year.status_code == 200
        assert year.get_json() == {
            "year": 2027,
            "coverage": "table",
            "items": [
                {"date": "2027-02-07", "working": True, "note": "春节调休"},
                {"date": "2027-02-16", "working": False, "note": "春节"},
            ],
            "total": 2,
            "covered_years": [{"year": 2027, "note": SPRING_FESTIVAL_2027["note"]}],
            "package_years": {"first": 2004, "last": 2026},
        }
        listed = client.get(HOLIDAYS, headers=admin_headers).get_json()
        assert [item["date"] for item in listed["items"]] == ["2026-12-28", "2027-02-07", "2027-02-16"]
        assert listed["year"] is None and listed["coverage"] is None and listed["total"] == 3
        assert client.delete(f"{HOLIDAYS}/2026-12-28", headers=admin_headers).status_code == 204
        assert client.delete(f"{YEARS}/2027", headers=admin_headers).status_code == 204
        after = client.get(HOLIDAYS, query_string={"year": 2027}, headers=admin_headers).get_json()
        assert after["coverage"] == "none" and after["covered_years"] == [] and after["total"] == 2


class TestListing:
    @pytest.mark.parametrize(("year", "coverage"), [(2026, "package"), (2004, "package"), (2027, "none")])
    def test_says_how_a_year_is_covered(self, client, admin_headers, year, coverage):
        body = client.get(HOLIDAYS, query_string={"year": year}, headers=admin_headers).get_json()
        assert body["year"] == year and body["coverage"] == coverage and body["items"] == []

    @pytest.mark.parametrize("year", ["1999", "2101", "abc", "２０２７", ""])
    def test_bad_years_are_400(self, client, admin_headers, year):
        response = client.get(HOLIDAYS, query_string={"year": year}, headers=admin_headers)
        assert set(assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]) == {"year"}


class TestValidation:
    @pytest.mark.parametrize("day", ["2027-02-30", "x", "20270216", "2027-2-16", "２０２７-02-16", "1999-12-31"])
    @pytest.mark.parametrize("method", ["put", "delete"])
    def test_a_bad_date_in_the_path_is_400_naming_it(self, client, admin_headers, day, method):
        response = getattr(client, method)(f"{HOLIDAYS}/{day}", json={"working": False}, headers=admin_headers)
        assert set(assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]) == {"date"}

    @pytest.mark.parametrize("year", ["1999", "2101", "abc", "２０２７", "-1"])
    @pytest.mark.parametrize("method", ["put", "delete"])
    def test_a_bad_year_in_the_path_is_400_naming_it(self, client, admin_headers, year, method):
        response = getattr(client, method)(f"{YEARS}/{year}", json={"days": []}, headers=admin_headers)
        assert set(assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]) == {"year"}

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({}, "working"),
            ({"working": "yes"}, "working"),
            ({"working": 0}, "working"),
            ({"working": None}, "working"),
            ({"working": False, "note": "长" * 129}, "note"),
            ({"working": False, "note": "a\tb"}, "note"),
            ({"working": False, "date": "2026-12-29"}, "date"),
        ],
    )
    def test_bad_day_bodies_are_400_and_write_nothing(self, app, client, admin_headers, body, field):
        response = client.put(f"{HOLIDAYS}/2026-12-28", json=body, headers=admin_headers)
        assert field in assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]
        assert count(app, HolidayOverride) == 0

    @pytest.mark.parametrize(
        ("days", "problem"),
        [
            (
                [{"date": "2027-02-16", "working": False}, {"date": "2027-02-16", "working": True}],
                {"days[1].date": ["2027-02-16 is listed twice."]},
            ),
            ([{"date": "2026-12-31", "working": False}], {"days[0].date": ["Not in 2027."]}),
            ([{"date": "2027-02-30", "working": False}], {"days[0].date": ["Not a valid date."]}),
            ([{"date": "2027-02-16"}], {"days[0].working": ["Missing data for required field."]}),
            ([{"date": "2027-02-16", "working": False, "kind": "x"}], {"days[0].kind": ["Unknown field."]}),
        ],
    )
    def test_bad_year_bodies_are_400_naming_the_day(self, app, client, admin_headers, days, problem):
        response = client.put(f"{YEARS}/2027", json={"days": days}, headers=admin_headers)
        assert assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"] == problem
        assert count(app, HolidayOverride) == count(app, CalendarYear) == len(calendar_audit_rows(app)) == 0

    def test_a_year_needs_its_days(self, client, admin_headers):
        response = client.put(f"{YEARS}/2027", json={"note": "x"}, headers=admin_headers)
        assert set(assert_error(response, 400, "VALIDATION_ERROR")["details"]["fields"]) == {"days"}

    def test_deleting_what_is_not_there_is_404(self, client, admin_headers):
        assert_error(client.delete(f"{HOLIDAYS}/2026-12-28", headers=admin_headers), 404, "NOT_FOUND")
        assert_error(client.delete(f"{YEARS}/2027", headers=admin_headers), 404, "NOT_FOUND")


class TestAudit:
    def test_every_change_is_audited_with_the_admin(self, app, client, admin):
        user, headers = admin
        client.put(f"{HOLIDAYS}/2026-12-28", json={"working": False}, headers=headers)
        client.delete(f"{HOLIDAYS}/2026-12-28", headers=headers)
        client.put(f"{YEARS}/2027", json=SPRING_FESTIVAL_2027, headers=headers)
        client.delete(f"{YEARS}/2027", headers=headers)
        client.get(HOLIDAYS, headers=headers)
        rows = calendar_audit_rows(app)
        assert [(row.action, row.object_id, row.actor_id, row.actor_role) for row in rows] == [
            ("holiday.set", "2026-12-28", user.id, "sys_admin"),
            ("holiday.delete", "2026-12-28", user.id, "sys_admin"),
            ("calendar_year.set", "2027", user.id, "sys_admin"),
            ("calendar_year.delete", "2027", user.id, "sys_admin"),
        ]
        assert all(row.request_id for row in rows)


class TestThePublicCalendarUsesTheTable:
    @pytest.fixture
    def hall_id(self, app, client) -> int:
        with app.app_context():
            demo.seed_catalog()
        return client.get("/api/v1/halls").get_json()["items"][0]["id"]

    def test_a_day_marked_off_closes_the_halls(self, client, admin_headers, hall_id):
        monday_10am = datetime(2026, 12, 28, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
        with time_machine.travel(monday_10am, tick=False):
            before = client.get(f"/api/v1/halls/{hall_id}").get_json()
        assert before["today"] == "2026-12-28" and before["today_hours"] and before["open_now"]
        put = client.put(f"{HOLIDAYS}/2026-12-28", json={"working": False, "note": "区庆"}, headers=admin_headers)
        assert put.status_code == 200
        with time_machine.travel(monday_10am, tick=False):
            after = client.get(f"/api/v1/halls/{hall_id}").get_json()
        assert after["today_hours"] == [] and after["open_now"] is False

    def test_an_entered_year_answers_its_working_days(self, app, client, admin_headers):
        with app.app_context():
            assert not working_calendar().covers(2027)
        body = {"days": [{"date": "2027-02-16", "working": False, "note": "春节"}], "note": "2027"}
        assert client.put(f"{YEARS}/2027", json=body, headers=admin_headers).status_code == 200
        with app.app_context():
            calendar = working_calendar()
            assert calendar.is_working_day(date(2027, 2, 16)) is False
            assert calendar.is_working_day(date(2027, 2, 17)) is True  # a Wednesday, not listed
