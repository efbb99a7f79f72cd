"""好差评 over HTTP (issue 9): a resident rates a finished visit once, the 差评 work order goes verify → rectify →
reply → 回访 and closes; an evaluator device rates at the counter; the department appeals and a supervisor
upholds it; other residents and out-of-scope staff get 404; no answer names the resident."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Resident
from app.services import devices, residents, staff
from tests.application_helpers import CHILD_ID
from tests.booking_helpers import Line
from tests.evaluation_helpers import served
from tests.helpers import assert_error, bearer, resident_token
from tests.staff_helpers import ID_NUMBER, PHONE, create_staff, staff_headers


def resident_headers(app, phone: str, *, id_number: str | None) -> tuple[int, dict[str, str]]:
    """A resident logged in; with a real name when ``id_number`` is given."""
    with app.app_context():
        token = resident_token(phone)
        resident = db.session.scalar(select(Resident).order_by(Resident.id.desc()))
        if id_number:
            resident.id_number_index = residents.id_number_index(id_number)
        db.session.commit()
        return resident.id, bearer(token)


def device_headers(app, hall_id: int, kind: str) -> dict[str, str]:
    admin = create_staff(app, f"installer-{kind}", ("sys_admin", "all", None))
    with app.app_context():
        return {"X-Device-Token": devices.register(hall_id, kind, "窗口评价器", admin=staff.rights(admin.id)).token}


def finished(app, line: Line, resident_id: int | None) -> int:
    with app.app_context():
        return served(app, line, resident_id, item=resident_id is not None)[0]


@pytest.fixture
def rated_badly(app, client, tree, line, clock) -> tuple[dict[str, str], int]:
    """A real-name resident's 差评 of their finished visit: (their headers, the work order id)."""
    resident, headers = resident_headers(app, PHONE, id_number=ID_NUMBER)
    ticket = finished(app, line, resident)
    body = {"ticket_id": ticket, "level": 2, "indicators": {"attitude": 1}, "tags": ["态度差"], "comment": "等太久"}
    response = client.post("/api/v1/evaluations", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    rated = response.get_json()
    assert {key: rated[key] for key in ("ticket_id", "application_id", "channel", "level", "level_text")} == {
        "ticket_id": ticket, "application_id": None, "channel": "onsite", "level": 2, "level_text": "不满意",
    }  # fmt: skip
    assert (rated["indicators"], rated["tags"], rated["by_device"], rated["by_relative"]) == (
        {"attitude": 1}, ["态度差"], False, False,
    )  # fmt: skip
    assert PHONE not in response.get_data(as_text=True) and "resident_id" not in rated
    again = client.post("/api/v1/evaluations", json=body, headers=headers)
    assert assert_error(again, 409, "ALREADY_RATED")["details"] == {"evaluation_id": rated["id"]}
    mine = client.get("/api/v1/evaluations", headers=headers).get_json()
    assert (mine["total"], mine["items"][0]["work_order"]["status"], mine["items"][0]["work_order"]["due_on"]) == (
        1, "open", "2026-11-30",
    )  # fmt: skip
    return headers, mine["items"][0]["work_order"]["id"]


def test_the_whole_loop_from_a_bad_rating_to_the_revisit(app, client, tree, rated_badly):
    resident, order = rated_badly
    clerk = staff_headers(client, create_staff(app, "handler", ("window_staff", "department", tree.department_x)))
    listed = client.get("/api/v1/work-orders?status=open", headers=clerk).get_json()
    assert [(row["id"], row["level"], row["status"]) for row in listed["items"]] == [(order, 2, "open")]
    early = client.post(f"/api/v1/work-orders/{order}/reply", json={"text": "已处理"}, headers=clerk)
    assert assert_error(early, 409, "WORK_ORDER_STATE")["details"] == {
        "status": "open",
        "allowed": ["verify", "appeal"],
    }
    for step, text in (("verify", "离岗属实"), ("rectify", "已调整排班"), ("reply", "已整改，感谢监督")):
        response = client.post(f"/api/v1/work-orders/{order}/{step}", json={"text": text}, headers=clerk)
        assert response.status_code == 200, response.get_json()
    shown = client.get(f"/api/v1/work-orders/{order}", headers=clerk).get_json()
    assert (shown["status"], shown["verification"], shown["handling"], shown["reply"], shown["allowed"]) == (
        "replied", "离岗属实", "rectify", "已整改，感谢监督", [],
    )  # fmt: skip
    assert [(event["action"], event["actor"]) for event in shown["events"]] == [
        ("open", "system"), ("verify", "staff"), ("rectify", "staff"), ("reply", "staff"),
    ]  # fmt: skip
    assert PHONE not in client.get(f"/api/v1/work-orders/{order}", headers=clerk).get_data(as_text=True)
    _, stranger = resident_headers(app, "13900139000", id_number=CHILD_ID)
    assert_error(client.post(f"/api/v1/work-orders/{order}/revisit", json={"level": 3}, headers=stranger), 404,
                 "NOT_FOUND")  # fmt: skip
    assert_error(client.post(f"/api/v1/work-orders/{order}/revisit", json={"level": 4}, headers=resident), 400,
                 "VALIDATION_ERROR")  # fmt: skip
    closed = client.post(f"/api/v1/work-orders/{order}/revisit", json={"level": 3}, headers=resident)
    assert (closed.status_code, closed.get_json()["status"], closed.get_json()["revisit_level"]) == (200, "closed", 3)


def test_other_residents_and_out_of_scope_staff_get_404(app, client, tree, line, rated_badly):
    _, order = rated_badly
    _, stranger = resident_headers(app, "13900139000", id_number=CHILD_ID)
    ticket = client.get(f"/api/v1/work-orders/{order}", headers=staff_headers(
        client, create_staff(app, "auditor", ("sys_admin", "all", None))
    )).get_json()["evaluation"]["ticket_id"]  # fmt: skip
    rating = {"ticket_id": ticket, "level": 5}
    assert_error(client.post("/api/v1/evaluations", json=rating, headers=stranger), 404, "NOT_FOUND")
    assert client.get("/api/v1/evaluations", headers=stranger).get_json()["total"] == 0
    elsewhere = staff_headers(client, create_staff(app, "west", ("dept_admin", "department", tree.department_y)))
    assert client.get("/api/v1/work-orders", headers=elsewhere).get_json()["total"] == 0
    assert_error(client.get(f"/api/v1/work-orders/{order}", headers=elsewhere), 404, "NOT_FOUND")
    assert_error(client.post(f"/api/v1/work-orders/{order}/verify", json={"text": "核实"}, headers=elsewhere), 404,
                 "NOT_FOUND")  # fmt: skip


def test_what_rating_refuses(app, client, tree, line, clock):
    _, unnamed = resident_headers(app, "13700137000", id_number=None)
    resident, headers = resident_headers(app, PHONE, id_number=ID_NUMBER)
    ticket = finished(app, line, resident)
    both = {"ticket_id": ticket, "application_id": 1, "level": 5}
    assert_error(client.post("/api/v1/evaluations", json=both, headers=headers), 400, "VALIDATION_ERROR")
    online = {"ticket_id": ticket, "level": 5, "indicators": {"usability": 5}}
    body = assert_error(client.post("/api/v1/evaluations", json=online, headers=headers), 400, "VALIDATION_ERROR")
    assert body["details"]["fields"] == {"indicators.usability": ["Unknown field."]}
    with app.app_context():
        unnamed_id = db.session.scalar(select(Resident.id).where(Resident.id_number_index.is_(None)))
    unnamed_ticket = finished(app, line, unnamed_id)
    rating = {"ticket_id": unnamed_ticket, "level": 5}
    assert_error(client.post("/api/v1/evaluations", json=rating, headers=unnamed), 403, "ASSURANCE_REQUIRED")


def test_an_evaluator_device_rates_and_an_upheld_appeal_excludes_it(app, client, tree, line, clock):
    ticket = finished(app, line, None)
    rating = {"ticket_id": ticket, "level": 1, "indicators": {"overall": 1}}
    kiosk = device_headers(app, line.hall_id, "kiosk")
    assert_error(client.post("/api/v1/devices/evaluations", json=rating, headers=kiosk), 403, "FORBIDDEN")
    pad = device_headers(app, line.hall_id, "evaluator")
    response = client.post("/api/v1/devices/evaluations", json=rating, headers=pad)
    assert response.status_code == 201, response.get_json()
    assert (response.get_json()["by_device"], response.get_json()["department_id"]) == (True, None)
    hall_head = staff_headers(client, create_staff(app, "head", ("dept_admin", "hall", line.hall_id)))
    order = client.get("/api/v1/work-orders", headers=hall_head).get_json()["items"][0]["id"]
    appealed = client.post(f"/api/v1/work-orders/{order}/appeal", json={"reason": "误触评价器"}, headers=hall_head)
    assert (appealed.status_code, appealed.get_json()["status"]) == (200, "appealed")
    assert_error(client.post(f"/api/v1/work-orders/{order}/decide", json={"upheld": True, "note": "同意"},
                             headers=hall_head), 403, "FORBIDDEN")  # fmt: skip
    supervisor = staff_headers(client, create_staff(app, "watch", ("supervisor", "region", tree.district_x)))
    decided = client.post(f"/api/v1/work-orders/{order}/decide", json={"upheld": True, "note": "录像显示误触"},
                          headers=supervisor)  # fmt: skip
    assert decided.status_code == 200, decided.get_json()
    body = decided.get_json()
    assert (body["status"], body["appeal_decision"]) == ("appeal_upheld", "upheld")
    assert body["closed_at"] == "2026-11-23T02:00:00+00:00"
    assert (body["evaluation"]["excluded"], body["evaluation"]["appeal"], body["evaluation"]["level"]) == (
        True, "upheld", 1,
    )  # fmt: skip
