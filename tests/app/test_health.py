from datetime import UTC, datetime

import pytest
import time_machine

from app.errors import NotReady
from app.services.health import CALENDAR_NOT_COVERED, Readiness, readiness


def test_ready_when_database_and_redis_answer(app):
    with app.app_context(), time_machine.travel(datetime(2025, 6, 2, tzinfo=UTC), tick=False):
        assert readiness() == Readiness({"database": "ok", "redis": "ok"}, [])


def test_warns_about_years_the_calendar_lacks(app):
    # 2026-12-31 16:30 UTC is already 2027 in Beijing, and 2027 is missing.
    with app.app_context(), time_machine.travel(datetime(2026, 12, 31, 16, 30, tzinfo=UTC), tick=False):
        warnings = readiness().warnings
    assert [(warning.code, warning.year) for warning in warnings] == [(CALENDAR_NOT_COVERED, 2027)]
    # From October the next year is due too.
    with app.app_context(), time_machine.travel(datetime(2027, 10, 1, 1, 0, tzinfo=UTC), tick=False):
        warnings = readiness().warnings
    assert [warning.year for warning in warnings] == [2027, 2028]
    assert "holiday-years/2028" in warnings[1].message_en and "2028" in warnings[1].message_zh


def test_not_ready_names_what_is_down(build_app):
    app = build_app(redis_url="redis://127.0.0.1:1/0")
    with app.app_context(), pytest.raises(NotReady) as error:
        readiness()
    assert error.value.details == {"checks": {"database": "ok", "redis": "down"}}
    assert "redis" in error.value.en
