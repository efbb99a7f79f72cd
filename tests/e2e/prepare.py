"""Readies a freshly seeded demo database for the browser journeys (run as ``python -m tests.e2e.prepare``).

The journeys take numbers and book at whatever hour CI runs, so every demo hall opens around the
clock, today included even when it is a holiday. A window clerk calls tickets and moves applications
(through the API or the staff console, as staff would at the hall), a supervisor reads the
dashboard, and the first hall gets a kiosk, a display board and an evaluator pad.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from app import create_app
from app.extensions import db
from app.models.catalog import Hall
from app.services import audit, devices, scopes, slots, staff

STAFF_USERNAME = "e2e.clerk"
STAFF_PASSWORD = "e2e-clerk-password-1"
SUPERVISOR_USERNAME = "e2e.supervisor"
SUPERVISOR_PASSWORD = "e2e-supervisor-password-1"
DEVICE_KINDS = ("kiosk", "display", "evaluator")
ALL_DAY = [["00:00", "23:59"]]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def open_around_the_clock() -> int:
    halls = db.session.scalars(db.select(Hall)).all()
    for hall in halls:
        today = datetime.now(ZoneInfo(hall.timezone)).date().isoformat()
        hall.hours = {day: ALL_DAY for day in WEEKDAYS}
        hall.closed_days = []
        hall.special_days = [{"date": today, "hours": ALL_DAY, "note": "浏览器测试"}]
    db.session.commit()
    return len(halls)


def hall_devices(hall_id: int) -> dict[str, str]:
    """A kiosk, a display board and an evaluator pad at the hall: each kind's device token."""
    admin = staff.create_account(
        "e2e.admin",
        "测试管理员",
        "e2e-admin-password-1",
        actor=audit.SYSTEM,
        grants=[scopes.grant(scopes.SYS_ADMIN, scopes.ALL)],
        enrol_totp=False,
    ).account
    rights = scopes.StaffRights(admin.id, (scopes.grant(scopes.SYS_ADMIN, scopes.ALL),))
    return {kind: devices.register(hall_id, kind, f"测试{kind}", admin=rights).token for kind in DEVICE_KINDS}


def main() -> None:
    app = create_app()
    with app.app_context():
        halls = open_around_the_clock()
        slots.ensure_slots()
        for username, name, password, role in (
            (STAFF_USERNAME, "测试窗口", STAFF_PASSWORD, scopes.WINDOW_STAFF),
            (SUPERVISOR_USERNAME, "测试监察", SUPERVISOR_PASSWORD, scopes.SUPERVISOR),
        ):
            staff.create_account(
                username, name, password, actor=audit.SYSTEM, grants=[scopes.grant(role, scopes.ALL)], enrol_totp=False
            )
        hall_id = db.session.scalars(db.select(Hall.id).order_by(Hall.id)).first()
        tokens = hall_devices(hall_id)
    json.dump(
        {
            "halls": halls,
            "hall_id": hall_id,
            "devices": tokens,
            "staff": {"username": STAFF_USERNAME, "password": STAFF_PASSWORD},
            "supervisor": {"username": SUPERVISOR_USERNAME, "password": SUPERVISOR_PASSWORD},
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
