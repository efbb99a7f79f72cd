"""电子监察 over HTTP (issue 9): staff list and filter the alerts of their scope, read one with its events, and
acknowledge, resolve, appeal and decide; a wrong state is 409 ``ALERT_STATE``; out of scope is 404."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from app.services import application_steps, supervision
from tests.application_helpers import make_online_item, submitted
from tests.booking_helpers import EVERYWHERE, hall_time
from tests.helpers import assert_error
from tests.staff_helpers import create_staff, make_resident, staff_headers

MONDAY = hall_time(2026, 11, 23, 10, 0)


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def yellow(app, tree, clock) -> int:
    """An application of department X accepted on Monday and overdue on Tuesday week: a 黄牌; its alert id."""
    make_online_item(app, tree)
    with app.app_context():
        application = submitted(make_resident(app), now=MONDAY)
        application_steps.transition(EVERYWHERE, application.id, "accept", {}, now=MONDAY)
        clock.move_to(hall_time(2026, 12, 1, 9, 0))
        assert supervision.scan() == 1
        return supervision.list_alerts(EVERYWHERE).items[0].id


def test_list_filter_and_act(app, client, tree, yellow):
    clerk = staff_headers(client, create_staff(app, "clerk", ("window_staff", "department", tree.department_x)))
    listed = client.get("/api/v1/supervision/alerts?level=yellow&state=open&department=dx-ga", headers=clerk)
    assert listed.status_code == 200
    body = listed.get_json()
    assert (body["total"], body["page"], body["page_size"]) == (1, 1, 20)
    item = body["items"][0]
    assert (item["id"], item["rule"], item["level"], item["subject_type"], item["status"], item["department_id"]) == (
        yellow, "application_deadline", "yellow", "application", "open", tree.department_x,
    )  # fmt: skip
    assert item["details"]["promised_due"] == "2026-11-30"
    for query in ("level=red", "state=resolved", "department=dy-rs"):
        assert client.get(f"/api/v1/supervision/alerts?{query}", headers=clerk).get_json()["total"] == 0
    assert_error(client.get("/api/v1/supervision/alerts?level=orange", headers=clerk), 400, "VALIDATION_ERROR")

    one = client.get(f"/api/v1/supervision/alerts/{yellow}", headers=clerk).get_json()
    assert one["allowed"] == ["acknowledge", "resolve", "appeal"]
    assert [(e["action"], e["to_level"], e["details"]["notify"]["roles"]) for e in one["events"]] == [
        ("raise", "yellow", ["window_staff", "dept_admin"]),
    ]
    seen = client.post(f"/api/v1/supervision/alerts/{yellow}/acknowledge", json={}, headers=clerk)
    assert (seen.status_code, seen.get_json()["status"]) == (200, "acknowledged")
    again = client.post(f"/api/v1/supervision/alerts/{yellow}/acknowledge", json={}, headers=clerk)
    assert assert_error(again, 409, "ALERT_STATE")["details"] == {
        "status": "acknowledged", "allowed": ["resolve", "appeal"],
    }  # fmt: skip
    assert_error(client.post(f"/api/v1/supervision/alerts/{yellow}/resolve", json={}, headers=clerk), 400,
                 "VALIDATION_ERROR")  # fmt: skip
    done = client.post(f"/api/v1/supervision/alerts/{yellow}/resolve", json={"note": "已加急办结"}, headers=clerk)
    assert (done.get_json()["status"], done.get_json()["note"], done.get_json()["allowed"]) == (
        "resolved",
        "已加急办结",
        [],
    )


def test_appeal_and_decide(app, client, tree, yellow):
    head = staff_headers(client, create_staff(app, "head", ("dept_admin", "department", tree.department_x)))
    watch = staff_headers(client, create_staff(app, "watch", ("supervisor", "region", tree.district_x)))
    assert_error(client.post(f"/api/v1/supervision/alerts/{yellow}/appeal", json={"reason": "时限有误"}, headers=watch),
                 403, "FORBIDDEN")  # fmt: skip
    appealed = client.post(
        f"/api/v1/supervision/alerts/{yellow}/appeal", json={"reason": "申请人书面同意延期"}, headers=head
    )
    assert appealed.get_json()["status"] == "appealed"
    decided = client.post(
        f"/api/v1/supervision/alerts/{yellow}/decide", json={"upheld": True, "note": "材料属实"}, headers=watch
    )
    assert (decided.status_code, decided.get_json()["status"]) == (200, "upheld")
    late = client.post(
        f"/api/v1/supervision/alerts/{yellow}/decide", json={"upheld": False, "note": "再议"}, headers=watch
    )
    assert assert_error(late, 409, "ALERT_STATE")["details"] == {"status": "upheld", "allowed": []}


def test_out_of_scope_is_not_found(app, client, tree, yellow):
    other = staff_headers(client, create_staff(app, "other", ("supervisor", "department", tree.department_y)))
    assert client.get("/api/v1/supervision/alerts", headers=other).get_json()["total"] == 0
    assert_error(client.get(f"/api/v1/supervision/alerts/{yellow}", headers=other), 404, "NOT_FOUND")
    acted = client.post(f"/api/v1/supervision/alerts/{yellow}/resolve", json={"note": "越权"}, headers=other)
    assert_error(acted, 404, "NOT_FOUND")
    assert_error(client.get("/api/v1/supervision/alerts"), 401, "AUTH_REQUIRED")
