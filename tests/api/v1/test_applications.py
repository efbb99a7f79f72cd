"""Online applications over HTTP (issue 8): a resident applies with a form and an upload, staff take the steps,
anyone with the number and the phone's last digits follows the progress; bad files and other people's cases
get clear errors."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Notification
from tests.application_helpers import ANSWERS, CHILD_ID, ITEM, PDF, make_online_item, png
from tests.catalog_helpers import build_tree
from tests.helpers import assert_error, bearer, resident_token
from tests.staff_helpers import create_staff, staff_headers

PHONE = "13800138000"


@pytest.fixture
def tree(app):
    tree = build_tree(app)
    make_online_item(app, tree)
    return tree


@pytest.fixture
def resident(app, tree) -> dict[str, str]:
    with app.app_context():
        token = resident_token(PHONE)
        db.session.commit()
    return bearer(token)


@pytest.fixture
def clerk(app, client, tree) -> dict[str, str]:
    return staff_headers(client, create_staff(app, "clerk", ("window_staff", "department", tree.department_x)))


def create(client, headers, key="k-1", **body):
    return client.post("/api/v1/applications", json={"item_code": ITEM, **body},
                       headers={**headers, "Idempotency-Key": key})  # fmt: skip


def upload(client, headers, application_id, data, material="身份证", name="id.pdf"):
    return client.post(
        f"/api/v1/applications/{application_id}/materials",
        data={"material": material, "file": (io.BytesIO(data), name)},
        headers=headers,
        content_type="multipart/form-data",
    )


def submitted(client, headers) -> dict:
    created = create(client, headers, form=ANSWERS).get_json()
    assert upload(client, headers, created["id"], PDF).status_code == 201
    sent = client.post(f"/api/v1/applications/{created['id']}/submit", headers=headers)
    assert sent.status_code == 200, sent.get_json()
    return sent.get_json()


def test_a_resident_applies_uploads_and_submits(client, resident):
    created = create(client, resident, form={"contact": "13900139000"})
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert (body["status"], body["number"], body["status_code"], body["form"]) == (
        "draft", None, None, {"contact": "139****9000"},
    )  # fmt: skip
    assert body["materials"] == [
        {"name": "身份证", "required": True, "upload": True, "files": 0},
        {"name": "户口簿", "required": False, "upload": True, "files": 0},
        {"name": "照片", "required": True, "upload": False, "files": 0},
    ]
    assert create(client, resident, form={"contact": "13900139000"}).headers["Idempotent-Replayed"] == "true"
    app_id = body["id"]
    incomplete = client.post(f"/api/v1/applications/{app_id}/submit", headers=resident)
    assert set(assert_error(incomplete, 400, "VALIDATION_ERROR")["details"]["fields"]) == {
        "form.child_id", "form.reason", "form.promise", "materials",
    }  # fmt: skip
    patched = client.patch(f"/api/v1/applications/{app_id}", json={"form": ANSWERS}, headers=resident)
    assert patched.get_json()["form"]["child_id"] == CHILD_ID[:3] + "*" * 11 + CHILD_ID[-4:]
    stored = upload(client, resident, app_id, png(), name="照片.png")
    assert stored.status_code == 201, stored.get_json()
    assert (stored.get_json()["media_type"], stored.get_json()["filename"]) == ("image/png", "照片.png")
    got = client.get(f"/api/v1/applications/{app_id}/materials/{stored.get_json()['id']}", headers=resident)
    assert (got.status_code, got.data, got.headers["X-Content-Type-Options"]) == (200, png(), "nosniff")
    assert got.headers["Content-Disposition"].startswith("attachment;")
    sent = client.post(f"/api/v1/applications/{app_id}/submit", headers=resident).get_json()
    assert (sent["status"], sent["status_code"], len(sent["number"])) == ("received", 1, 21)
    assert [(row["action"], row["code"]) for row in sent["timeline"]] == [("submit", 1)]
    assert sent["allowed_actions"] == ["withdraw"]
    listed = client.get("/api/v1/applications", headers=resident).get_json()
    assert (listed["total"], listed["total_capped"], listed["items"][0]["number"]) == (1, False, sent["number"])


def test_bad_files_get_clear_errors(app, client, resident):
    app_id = create(client, resident).get_json()["id"]
    assert_error(upload(client, resident, app_id, b"<html><script>alert(1)</script>", name="x.pdf"), 415,
                 "UPLOAD_TYPE")  # fmt: skip
    assert_error(upload(client, resident, app_id, PDF[:-7]), 400, "UPLOAD_DAMAGED")
    assert_error(upload(client, resident, app_id, b""), 400, "UPLOAD_EMPTY")
    app.config["MAX_UPLOAD_BYTES"] = len(PDF) - 1
    too_big = assert_error(upload(client, resident, app_id, PDF), 413, "UPLOAD_TOO_LARGE")
    assert too_big["details"] == {"max_bytes": len(PDF) - 1}
    wrong_line = assert_error(upload(client, resident, app_id, PDF, material="照片"), 400, "VALIDATION_ERROR")
    assert "material" in wrong_line["details"]["fields"]
    no_file = client.post(f"/api/v1/applications/{app_id}/materials", data={"material": "身份证"}, headers=resident,
                          content_type="multipart/form-data")  # fmt: skip
    assert "file" in assert_error(no_file, 400, "VALIDATION_ERROR")["details"]["fields"]


def test_other_residents_and_out_of_scope_staff_get_404(app, client, resident, tree):
    sent = submitted(client, resident)
    with app.app_context():
        stranger = bearer(resident_token("13700137000"))
        db.session.commit()
    for path in ("", "/materials/1"):
        assert_error(client.get(f"/api/v1/applications/{sent['id']}{path}", headers=stranger), 404, "NOT_FOUND")
    assert_error(client.post(f"/api/v1/applications/{sent['id']}/withdraw", json={}, headers=stranger), 404,
                 "NOT_FOUND")  # fmt: skip
    far = staff_headers(client, create_staff(app, "far", ("window_staff", "department", tree.department_y)))
    assert_error(client.get(f"/api/v1/staff/applications/{sent['id']}", headers=far), 404, "NOT_FOUND")
    moved = client.post(f"/api/v1/applications/{sent['id']}/transitions", json={"action": "accept"}, headers=far)
    assert_error(moved, 404, "NOT_FOUND")
    assert client.get("/api/v1/staff/applications", headers=far).get_json()["total"] == 0


def test_staff_take_the_steps_and_the_resident_follows(app, client, resident, clerk):
    sent = submitted(client, resident)
    at = f"/api/v1/applications/{sent['id']}/transitions"
    listed = client.get("/api/v1/staff/applications", headers=clerk).get_json()
    assert [row["id"] for row in listed["items"]] == [sent["id"]]
    seen = client.get(f"/api/v1/staff/applications/{sent['id']}", headers=clerk).get_json()
    assert (seen["applicant_phone"], seen["allowed_actions"]) == ("138****8000", ["accept", "not_accept",
                                                                                   "request_correction"])  # fmt: skip
    early = assert_error(client.post(at, json={"action": "approve"}, headers=clerk), 409, "INVALID_TRANSITION")
    assert early["details"] == {"state": "received", "allowed": ["accept", "not_accept", "request_correction"]}
    missing = client.post(at, json={"action": "not_accept"}, headers=clerk)
    assert "reason" in assert_error(missing, 400, "VALIDATION_ERROR")["details"]["fields"]
    accepted = client.post(at, json={"action": "accept", "comment": "材料齐全"}, headers=clerk).get_json()
    assert (accepted["status"], accepted["status_code"], accepted["deadline"]["paused"]) == ("accepted", 3, False)
    assert accepted["deadline"]["promised_due"] is not None
    asked = client.post(at, json={"action": "request_correction", "items": ["户口簿复印件"]}, headers=clerk)
    assert (asked.get_json()["status_code"], asked.get_json()["deadline"]["paused"]) == (6, True)
    mine = client.get(f"/api/v1/applications/{sent['id']}", headers=resident).get_json()
    assert (mine["correction"], mine["allowed_actions"]) == (["户口簿复印件"], ["resubmit"])
    assert upload(client, resident, sent["id"], PDF, material="户口簿").status_code == 201
    back = client.post(f"/api/v1/applications/{sent['id']}/resubmit", headers=resident).get_json()
    assert [row["code"] for row in back["timeline"]] == [1, 3, 6, 7]
    for body in ({"action": "accept"}, {"action": "start_processing"}, {"action": "approve"},
                 {"action": "deliver", "method": "pickup"}):  # fmt: skip
        assert client.post(at, json=body, headers=clerk).status_code == 200
    done = client.get(f"/api/v1/applications/{sent['id']}", headers=resident).get_json()
    assert (done["status"], done["status_code"], done["result"]["method"]) == ("delivered", 11, "pickup")
    with app.app_context():
        templates = db.session.scalars(select(Notification.template).order_by(Notification.id)).all()
    assert templates == ["application_progress", "application_progress", "application_supplement"] + [
        "application_progress"] * 3 + ["application_done", "application_progress"]  # fmt: skip


def test_staff_reveal_the_answers_with_an_audited_reason(app, client, resident, clerk):
    sent = submitted(client, resident)
    at = f"/api/v1/staff/applications/{sent['id']}/reveal"
    assert "reason" in assert_error(client.post(at, json={"reason": "看"}, headers=clerk), 400,
                                    "VALIDATION_ERROR")["details"]["fields"]  # fmt: skip
    shown = client.post(at, json={"reason": "核验子女身份信息"}, headers=clerk)
    assert shown.get_json()["form"]["child_id"] == CHILD_ID
    with app.app_context():
        row = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "application.reveal"))
    assert (row.object_type, row.object_id, row.details) == (
        "application",
        str(sent["id"]),
        {"reason": "核验子女身份信息"},
    )
    assert_error(client.post(at, json={"reason": "核验子女身份信息"}, headers=resident), 403, "FORBIDDEN")


def test_progress_by_link_and_by_number_with_the_phones_last_digits(app, client, resident):
    sent = submitted(client, resident)
    with app.app_context():
        link = db.session.scalar(select(Notification.link))
    token = link.split("t=")[1]
    shown = client.get(f"/api/v1/progress/{token}")
    assert shown.status_code == 200, shown.get_json()
    body = shown.get_json()
    assert (body["number"], body["status"], body["status_code"], body["applicant"]) == (sent["number"], "received",
                                                                                        1, None)  # fmt: skip
    assert "form" not in body and PHONE not in shown.get_data(as_text=True)
    assert_error(client.get(f"/api/v1/progress/{token[:-2]}xx"), 404, "NOT_FOUND")
    found = client.post("/api/v1/progress/lookup", json={"number": sent["number"], "phone_last4": "8000"})
    assert found.get_json()["number"] == sent["number"]
    wrong_phone = client.post("/api/v1/progress/lookup", json={"number": sent["number"], "phone_last4": "0000"})
    wrong_number = client.post(
        "/api/v1/progress/lookup", json={"number": "330102202611230000019", "phone_last4": "8000"}
    )
    assert (
        assert_error(wrong_phone, 404, "NOT_FOUND")["message"]
        == assert_error(wrong_number, 404, "NOT_FOUND")["message"]
    )
    short = client.post("/api/v1/progress/lookup", json={"number": "1", "phone_last4": "80"})
    assert "phone_last4" in assert_error(short, 400, "VALIDATION_ERROR")["details"]["fields"]
    for _ in range(3):  # five tries an hour per number: two made, three more, then 429
        client.post("/api/v1/progress/lookup", json={"number": sent["number"], "phone_last4": "1111"})
    limited = client.post("/api/v1/progress/lookup", json={"number": sent["number"], "phone_last4": "8000"})
    assert_error(limited, 429, "RATE_LIMITED")
