"""``DELETE /api/v1/me`` (注销): personal data erased, sessions ended at once, places freed, records kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from app.extensions import db
from app.models import Application, AuditEvent, Resident, ServiceItem
from app.models.identity import AuthSession, ResidentIdentity
from app.redis_store import get_redis
from app.services import audit
from tests.api.v1.test_appointments import NOW, book, booked, resident_headers, slot_ids
from tests.api.v1.test_me_export import new_login
from tests.helpers import assert_error, sms_login
from tests.staff_helpers import PHONE

ME = "/api/v1/me"


@pytest.fixture
def city(seeded_city):
    return seeded_city(NOW)


@pytest.fixture
def resident(city, client) -> dict[str, str]:
    return resident_headers(city, client)


def resident_id(client, headers: dict[str, str]) -> int:
    return client.get(ME, headers=headers).get_json()["id"]


def test_deletion_erases_personal_data_and_ends_every_session_at_once(city, client, resident):
    slot = slot_ids(city, "H1")[0]
    assert book(client, resident, slot).status_code == 201
    rid = resident_id(client, resident)
    with city.app_context():
        db.session.add(ResidentIdentity(resident_id=rid, provider="wechat", app_id="wx1", subject="o6_bmjrPTlm"))
        db.session.commit()
    other_device = new_login(city, client, resident)

    response = client.delete(ME, headers=resident)

    assert response.status_code == 200, response.get_json()
    assert response.get_json() | {"deleted_at": None} == {
        "deleted_at": None,
        "appointments_cancelled": 1,
        "tickets_cancelled": 0,
        "drafts_withdrawn": 0,
        "records_kept": {"applications": 0, "evaluations": 0, "complaints": 0},
    }
    for headers in (resident, other_device):
        assert_error(client.get(ME, headers=headers), 401, "AUTH_TOKEN_REVOKED")
    assert booked(city, slot) == 0
    with city.app_context():
        row = db.session.get(Resident, rid)
        assert (row.phone_enc, row.phone_index, row.name_enc, row.id_number_enc, row.id_number_index) == (None,) * 5
        assert row.disabled_at is not None
        assert db.session.scalars(select(ResidentIdentity).where(ResidentIdentity.resident_id == rid)).all() == []
        ended = db.session.scalars(select(AuthSession).where(AuthSession.resident_id == rid)).all()
        assert {(s.revoke_reason, s.ip, s.client) for s in ended} == {("account_deleted", "", "")}
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "resident.delete"))
        assert (event.actor_id, event.object_id) == (rid, str(rid))
        assert audit.verify_chain().broken_at is None


def test_the_phone_is_free_for_a_new_account(city, client, resident):
    rid = resident_id(client, resident)
    assert client.delete(ME, headers=resident).status_code == 200
    with city.app_context():
        get_redis().flushdb()  # the test's own Redis: forget the first login's SMS code limits
    again = sms_login(city, client, PHONE)
    assert again["resident"]["id"] != rid
    assert again["resident"]["assurance_level"] == 1


def test_an_application_in_progress_is_409_and_nothing_changes(city, client, resident):
    rid = resident_id(client, resident)
    with city.app_context():
        db.session.add(_application(rid, "accepted", "330100-20261123-00001"))
        db.session.commit()
    body = assert_error(client.delete(ME, headers=resident), 409, "ACCOUNT_HAS_OPEN_CASES")
    assert body["details"]["applications"] == ["330100-20261123-00001"]
    assert client.get(ME, headers=resident).status_code == 200


def test_drafts_are_withdrawn_and_concluded_cases_kept(city, client, resident):
    rid = resident_id(client, resident)
    with city.app_context():
        db.session.add_all([_application(rid, "draft", None), _application(rid, "delivered", "330100-20261120-00001")])
        db.session.commit()
    answer = client.delete(ME, headers=resident).get_json()
    assert (answer["drafts_withdrawn"], answer["records_kept"]["applications"]) == (1, 2)
    with city.app_context():
        statuses = db.session.scalars(select(Application.status).where(Application.resident_id == rid)).all()
        assert sorted(statuses) == ["delivered", "withdrawn"]


def test_an_old_login_must_log_in_again(city, client, resident):
    with time_machine.travel(NOW + timedelta(minutes=11), tick=False):
        assert_error(client.delete(ME, headers=resident), 401, "AUTH_FRESH_LOGIN_REQUIRED")
    assert client.get(ME, headers=resident).status_code == 200


def test_login_is_required(client):
    assert_error(client.delete(ME), 401, "AUTH_REQUIRED")


def _application(resident_id: int, status: str, number: str | None) -> Application:
    """A bare application row in ``status`` (the lifecycle itself is tested in tests/app/services)."""
    item = db.session.scalar(select(ServiceItem).limit(1))
    return Application(
        number=number,
        region_code="330100",
        resident_id=resident_id,
        created_by_id=resident_id,
        item_id=item.id,
        item_code=item.code,
        department_id=item.department_id,
        status=status,
        form_enc="",
        processing_type="promised",
        timezone="Asia/Shanghai",
    )
