"""``GET /api/v1/me/export``: a resident's copy of everything held about them (PIPL Art. 45, docs/privacy.md)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from api.auth import issue_tokens
from app.extensions import db
from app.models import AuditEvent
from app.models.identity import ResidentIdentity
from app.services import sessions
from tests.api.v1.test_appointments import NOW, book, resident_headers, slot_ids
from tests.helpers import assert_error, bearer
from tests.staff_helpers import ID_NUMBER, NAME, PHONE

EXPORT = "/api/v1/me/export"


@pytest.fixture
def city(seeded_city):
    return seeded_city(NOW)


@pytest.fixture
def resident(city, client) -> dict[str, str]:
    return resident_headers(city, client)


def test_the_export_holds_the_residents_own_values_in_full(city, client, resident):
    booked = book(client, resident, slot_ids(city, "H1")[0])
    assert booked.status_code == 201, booked.get_json()
    response = client.get(EXPORT, headers=resident)
    assert response.status_code == 200, response.get_json()
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["profile"] | {"real_name_at": None} == {
        "id": body["profile"]["id"],
        "phone": PHONE,
        "name": NAME,
        "id_number": ID_NUMBER,
        "assurance_level": 2,
        "real_name_at": None,
        "elderly_mode": False,
    }
    assert [row["reference"] for row in body["appointments"]] == [booked.get_json()["reference"]]
    assert len(body["sessions"]) == 1 and body["sessions"][0]["ip"]
    assert {"applications", "tickets", "evaluations", "complaints", "notifications", "consents"} <= set(body)
    assert "index" not in response.get_data(as_text=True)  # no blind index or hash column leaks out


def test_login_subjects_stay_masked(city, client, resident):
    with city.app_context():
        resident_id = client.get("/api/v1/me", headers=resident).get_json()["id"]
        db.session.add(
            ResidentIdentity(resident_id=resident_id, provider="wechat", app_id="wx1", subject="o6_bmjrPTlm")
        )
        db.session.commit()
    identities = client.get(EXPORT, headers=resident).get_json()["identities"]
    assert [(row["provider"], row["subject"]) for row in identities] == [("wechat", "o6_****PTlm")]


def test_every_export_is_audited(city, client, resident):
    client.get(EXPORT, headers=resident)
    with city.app_context():
        row = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export"))
        assert (row.actor_kind, row.object_type, row.result) == ("resident", "resident", "success")
        assert "profile" in row.details["sections"]


def test_an_old_login_must_log_in_again(city, client, resident):
    with time_machine.travel(NOW + timedelta(minutes=11), tick=False):
        assert_error(client.get(EXPORT, headers=resident), 401, "AUTH_FRESH_LOGIN_REQUIRED")
        assert client.get(EXPORT, headers=new_login(city, client, resident)).status_code == 200


def new_login(app, client, headers: dict[str, str]) -> dict[str, str]:
    """Another session of the same resident, opened now (the SMS code limits do not follow the frozen clock)."""
    resident_id = client.get("/api/v1/me", headers=headers).get_json()["id"]
    with app.test_request_context():
        session = sessions.open_session(
            resident_id=resident_id, method="sms", client="test", ip="127.0.0.1", lifetime=timedelta(hours=1)
        )
        db.session.commit()
        return bearer(issue_tokens(session, "resident")["access_token"])


def test_exports_are_rate_limited(city, client, resident):
    for _ in range(5):
        assert client.get(EXPORT, headers=resident).status_code == 200
    body = assert_error(client.get(EXPORT, headers=resident), 429, "RATE_LIMITED")
    assert body["details"]["limit"] == "me_export"


def test_login_is_required(client):
    assert_error(client.get(EXPORT), 401, "AUTH_REQUIRED")
