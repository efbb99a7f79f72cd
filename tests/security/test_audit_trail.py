"""Row 34 of the security table: each view and reveal of personal data is one audit row that says who (actor and
role), what (object and fields), when (UTC), from where (client IP) and in which request (the X-Request-ID the
caller saw), with its result, and it carries no personal data itself."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent
from tests.staff_helpers import ID_NUMBER, NAME, PHONE, create_staff, make_resident, staff_headers


def rows(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_view_and_reveal_each_leave_a_complete_audit_row(app, client):
    clerk = create_staff(app, "clerk", ("window_staff", "hall", 7))
    headers = {**staff_headers(client, clerk), "X-Forwarded-For": "203.0.113.7"}  # not trusted: ignored
    resident_id = make_resident(app)

    viewed = client.get(f"/api/v1/staff/residents/{resident_id}", headers=headers)
    revealed = client.post(
        f"/api/v1/staff/residents/{resident_id}/reveal",
        json={"reason": "核验本人身份", "fields": ["id_number"]},
        headers=headers,
    )
    assert (viewed.status_code, revealed.status_code) == (200, 200)

    for response, action, fields in ((viewed, "pii.view", None), (revealed, "pii.reveal", ["id_number"])):
        [row] = rows(app, action)
        assert (row.actor_kind, row.actor_id, row.actor_role) == ("staff", clerk.id, "window_staff")
        assert (row.object_type, row.object_id, row.result) == ("resident", str(resident_id), "success")
        assert row.ip == "127.0.0.1"
        assert row.request_id == response.headers["X-Request-ID"]
        assert row.at.utcoffset() == timedelta(0)
        if fields:
            assert row.details["fields"] == fields
        stored = repr(row.details)
        assert PHONE not in stored and ID_NUMBER not in stored and NAME not in stored
