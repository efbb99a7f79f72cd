from datetime import UTC, datetime

import time_machine
from sqlalchemy.exc import OperationalError

from app.services import holidays
from tests.helpers import assert_error
from tests.staff_helpers import create_staff, staff_headers

# The calendar warns about the current and the next year: 2025 and 2026 are in chinese-calendar, 2027 is not.
COVERED_TIME = datetime(2025, 6, 2, 2, 0, tzinfo=UTC)
TODAY = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_when_ready(client):
    with time_machine.travel(COVERED_TIME, tick=False):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}, "warnings": []}


def test_readyz_warns_until_next_years_holidays_are_entered(app, client):
    with time_machine.travel(TODAY, tick=False):
        response = client.get("/readyz", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["checks"] == {"database": "ok", "redis": "ok"}
    [warning] = body["warnings"]
    assert set(warning) == {"code", "year", "message"}
    assert warning["code"] == "CALENDAR_NOT_COVERED" and warning["year"] == 2027
    assert "PUT /api/v1/admin/holiday-years/2027" in warning["message"] and "chinese-calendar" in warning["message"]

    admin = staff_headers(client, create_staff(app, "admin", ("sys_admin", "all", None)))
    days = [{"date": "2027-02-16", "working": False, "note": "春节"}]
    assert client.put("/api/v1/admin/holiday-years/2027", json={"days": days}, headers=admin).status_code == 200
    with time_machine.travel(TODAY, tick=False):
        assert client.get("/readyz").get_json()["warnings"] == []


def test_readyz_warns_in_chinese_by_default(client):
    with time_machine.travel(TODAY, tick=False):
        [warning] = client.get("/readyz").get_json()["warnings"]
    assert warning["message"].startswith("工作日历未覆盖 2027 年")


def test_a_failing_calendar_check_does_not_break_readiness(client, monkeypatch):
    def broken(today):
        raise OperationalError("SELECT", {}, Exception("connection lost"))

    monkeypatch.setattr(holidays, "coverage", broken)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json()["warnings"] == []


def test_readyz_names_redis_when_it_is_down(build_app):
    client = build_app(redis_url="redis://127.0.0.1:1/0").test_client()
    body = assert_error(client.get("/readyz"), 503, "NOT_READY")
    assert body["details"]["checks"] == {"database": "ok", "redis": "down"}


def test_readyz_names_the_database_when_it_is_down(build_app):
    client = build_app(database_url="postgresql://postgres@127.0.0.1:1/palmgov").test_client()
    body = assert_error(client.get("/readyz"), 503, "NOT_READY")
    assert body["details"]["checks"] == {"database": "down", "redis": "ok"}


def test_health_probes_are_not_rate_limited(build_app):
    client = build_app(RATE_LIMIT_PER_IP=1).test_client()
    assert [client.get("/healthz").status_code for _ in range(3)] == [200, 200, 200]
