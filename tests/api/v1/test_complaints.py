"""Complaints over HTTP (issue 9): a resident complains about a department, its staff answer once, the resident
rates the answer; out-of-scope staff and other residents get 404."""

from __future__ import annotations

import pytest

from app.extensions import db
from tests.catalog_helpers import build_tree
from tests.helpers import assert_error, bearer, resident_token
from tests.staff_helpers import create_staff, staff_headers


@pytest.fixture
def tree(app):
    return build_tree(app)


def resident(app, phone: str) -> dict[str, str]:
    with app.app_context():
        token = resident_token(phone)
        db.session.commit()
    return bearer(token)


def test_complain_answer_and_rate(app, client, tree):
    me, other = resident(app, "13800138000"), resident(app, "13900139000")
    body = {"category": "guide", "text": "办事指南里的材料清单和窗口要求不一致", "department_code": "dx-ga"}
    made = client.post("/api/v1/complaints", json=body, headers=me)
    assert made.status_code == 201, made.get_json()
    complaint = made.get_json()
    assert (complaint["status"], complaint["reply"], complaint["satisfaction"]) == ("open", None, None)
    both = client.post("/api/v1/complaints", json={**body, "ticket_id": 1}, headers=me)
    assert "ticket_id" in assert_error(both, 400, "VALIDATION_ERROR")["details"]["fields"]
    assert_error(client.get(f"/api/v1/complaints/{complaint['id']}", headers=other), 404, "NOT_FOUND")
    far = staff_headers(client, create_staff(app, "far", ("window_staff", "department", tree.department_y)))
    near = staff_headers(client, create_staff(app, "near", ("window_staff", "department", tree.department_x)))
    assert client.get("/api/v1/staff/complaints", headers=far).get_json()["total"] == 0
    at = f"/api/v1/staff/complaints/{complaint['id']}/reply"
    assert_error(client.post(at, json={"text": "已核实"}, headers=far), 404, "NOT_FOUND")
    early = client.post(f"/api/v1/complaints/{complaint['id']}/rating", json={"level": 3}, headers=me)
    assert assert_error(early, 409, "COMPLAINT_STATE")["details"] == {"status": "open"}
    answered = client.post(at, json={"text": "已更正办事指南，感谢反馈"}, headers=near)
    assert (answered.status_code, answered.get_json()["status"]) == (200, "replied")
    assert_error(client.post(at, json={"text": "again"}, headers=near), 409, "COMPLAINT_STATE")
    rated = client.post(f"/api/v1/complaints/{complaint['id']}/rating", json={"level": 3}, headers=me).get_json()
    assert (rated["status"], rated["satisfaction"]) == ("closed", 3)
    listed = client.get("/api/v1/complaints", headers=me).get_json()
    assert [row["id"] for row in listed["items"]] == [complaint["id"]]
