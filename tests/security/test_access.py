"""Access control across the whole API (rows 8 and 9 of the security table): a resident reaches no staff or admin
operation, and another resident's application answers exactly like one that does not exist, with an audit row
``access.denied`` for each refusal."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent
from tests.application_helpers import ANSWERS, ITEM, PDF, make_online_item
from tests.catalog_helpers import build_tree
from tests.helpers import assert_error, bearer, resident_token
from tests.security.spec import openapi_spec

STAFF_ONLY = re.compile(r"/api/v1/(admin|staff|supervision|windows|work-orders)(/|$)")
# Operations under those prefixes that a resident (or nobody yet) may call: staff login and refresh answer
# before any token is checked; a resident asks for the 回访 of their own work order.
NOT_STAFF_ONLY = {
    ("post", "/api/v1/staff/sessions"),
    ("post", "/api/v1/staff/refresh"),
    ("post", "/api/v1/work-orders/{work_order_id}/revisit"),
}
MISSING_ID = 2_000_000_000


def staff_operations(client) -> list[tuple[str, str]]:
    spec = openapi_spec(client.application)
    return [
        (method, path)
        for path, operations in spec["paths"].items()
        if STAFF_ONLY.match(path)
        for method in operations
        if method in ("get", "post", "put", "patch", "delete") and (method, path) not in NOT_STAFF_ONLY
    ]


def test_a_resident_is_forbidden_every_staff_and_admin_operation(app, client):
    with app.app_context():
        token = resident_token("13800138000")
        db.session.commit()
    operations = staff_operations(client)
    assert len(operations) > 50  # the sweep sees the whole staff API, not an empty spec
    answers = {}
    for method, path in operations:
        response = getattr(client, method)(re.sub(r"\{[^}]+\}", "1", path), json={}, headers=bearer(token))
        answers[f"{method.upper()} {path}"] = (response.status_code, (response.get_json() or {}).get("code"))
    assert {op: answer for op, answer in answers.items() if answer != (403, "FORBIDDEN")} == {}


@pytest.fixture
def two_residents(app) -> tuple[dict[str, str], dict[str, str]]:
    make_online_item(app, build_tree(app))
    with app.app_context():
        owner, stranger = resident_token("13800138000"), resident_token("13700137000")
        db.session.commit()
    return bearer(owner), bearer(stranger)


def test_another_residents_application_answers_like_a_missing_one(client, two_residents):
    owner, stranger = two_residents
    created = client.post(
        "/api/v1/applications", json={"item_code": ITEM, "form": ANSWERS}, headers={**owner, "Idempotency-Key": "k-1"}
    ).get_json()
    uploaded = client.post(
        f"/api/v1/applications/{created['id']}/materials",
        data={"material": "身份证", "file": (io.BytesIO(PDF), "id.pdf")},
        headers=owner,
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 201, uploaded.get_json()
    file_id = uploaded.get_json()["id"]

    def attempts(application_id: int, material_id: int) -> dict[str, object]:
        base = f"/api/v1/applications/{application_id}"
        return {
            "GET": client.get(base, headers=stranger),
            "PATCH": client.patch(base, json={"form": {"reason": "x"}}, headers=stranger),
            "GET material": client.get(f"{base}/materials/{material_id}", headers=stranger),
            "DELETE material": client.delete(f"{base}/materials/{material_id}", headers=stranger),
            "submit": client.post(f"{base}/submit", headers=stranger),
        }

    theirs, missing = attempts(created["id"], file_id), attempts(MISSING_ID, MISSING_ID)
    for name, response in theirs.items():
        body = assert_error(response, 404, "NOT_FOUND")
        other = assert_error(missing[name], 404, "NOT_FOUND")
        assert (body["message"], body["details"]) == (other["message"], other["details"]), name
    # Each refusal is an audit row naming the stranger and the object asked for, whether or not it exists.
    stranger_id = client.get("/api/v1/me", headers=stranger).get_json()["id"]
    with client.application.app_context():
        denied = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "access.denied")).all()
    assert len(denied) == len(theirs) + len(missing)
    assert {(row.actor_kind, row.actor_id, row.result, row.object_type) for row in denied} == {
        ("resident", stranger_id, "denied", "application")
    }
    assert sorted(row.object_id for row in denied) == sorted([str(created["id"])] * 5 + [str(MISSING_ID)] * 5)
    # Nothing changed: the owner still has the draft, its answers and its file.
    mine = client.get(f"/api/v1/applications/{created['id']}", headers=owner).get_json()
    assert mine["status"] == "draft"
    assert client.get(f"/api/v1/applications/{created['id']}/materials/{file_id}", headers=owner).data == PDF
