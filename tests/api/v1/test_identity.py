"""Real name, consent, face verification, callbacks and proxies through the API (security rows 13, 31, 33, 35, 36)."""

from __future__ import annotations

import base64
import json
import time
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select, text

from app.extensions import db
from app.models import AuditEvent, FaceVerification, Resident
from app.providers.base import FaceResult
from app.redis_store import get_redis
from tests.helpers import CLOSED_PORT_REDIS, assert_error, bearer, sms_login

ID_NUMBER = "11010519491231002X"
NAME = "欧阳娜娜"


def headers(login: dict) -> dict:
    return bearer(login["access_token"])


def bind_real_name(client, login, name=NAME, id_number=ID_NUMBER):
    return client.post("/api/v1/me/real-name", json={"name": name, "id_number": id_number}, headers=headers(login))


def consent(client, login):
    version = client.get("/api/v1/consents/face").get_json()["version"]
    response = client.post("/api/v1/me/consents", json={"kind": "face", "version": version}, headers=headers(login))
    assert response.status_code == 201, response.get_json()


def start_face(client, login, purpose="account"):
    return client.post("/api/v1/face-verifications", json={"purpose": purpose}, headers=headers(login))


def finish_sandbox(client, started: dict, result: str) -> None:
    ref = started["client_payload"]["sandbox_ref"]
    assert client.post(f"/api/v1/_sandbox/face/{ref}", json={"result": result}).status_code == 204


def complete(client, login, started):
    return client.post(f"/api/v1/face-verifications/{started['id']}/complete", headers=headers(login))


@pytest.fixture
def resident(app, client) -> dict:
    login = sms_login(app, client, "13800138000")
    assert bind_real_name(client, login).status_code == 200
    return login


def face_ticket(client, login, purpose="account") -> str:
    consent(client, login)
    started = start_face(client, login, purpose).get_json()
    finish_sandbox(client, started, "passed")
    return complete(client, login, started).get_json()["face_ticket"]


class TestRealName:
    def test_binding_reaches_l2_and_shows_only_masked_values(self, app, client):
        login = sms_login(app, client)
        response = bind_real_name(client, login, id_number="11010519491231002x")
        assert response.status_code == 200
        body = response.get_json()
        assert body["assurance_level"] == 2
        assert body["id_number"] == "110***********002X"
        assert body["name"] == "欧***"
        assert client.get("/api/v1/me", headers=headers(login)).get_json()["id_number"] == "110***********002X"

    def test_stored_encrypted_with_a_blind_index(self, app, client, resident):
        with app.app_context():
            row = db.session.execute(
                text("SELECT name_enc, id_number_enc, id_number_index FROM residents WHERE id = :id"),
                {"id": resident["resident"]["id"]},
            ).one()
        assert NAME not in row.name_enc and ID_NUMBER not in row.id_number_enc
        assert row.id_number_enc.startswith("sm4g.1.") and len(row.id_number_index) == 64

    @pytest.mark.parametrize(
        ("id_number", "reason"),
        [
            ("110101199003074515", "check_digit"),
            ("110101199002300014", "birth_date"),
            ("110101209912310015", "birth_date"),
            ("１１０１０５１９４９１２３１００２Ｘ", "format"),
        ],
    )
    def test_bad_id_numbers_are_400(self, app, client, id_number, reason):
        login = sms_login(app, client)
        body = assert_error(bind_real_name(client, login, id_number=id_number), 400, "INVALID_ID_NUMBER")
        assert body["details"]["reason"] == reason

    def test_trailing_newline_is_refused(self, app, client):
        login = sms_login(app, client)
        assert_error(bind_real_name(client, login, id_number="11010519491231002\n"), 400, "INVALID_ID_NUMBER")

    @pytest.mark.parametrize("name", ["张\u200b三", "张三\r\n", "\u202e张三", "a" * 31, "张"])
    def test_bad_names_are_400(self, app, client, name):
        login = sms_login(app, client)
        response = bind_real_name(client, login, name=name)
        assert response.status_code == 400
        assert response.get_json()["code"] in ("INVALID_NAME", "VALIDATION_ERROR")

    def test_an_id_bound_elsewhere_is_409_and_audited(self, app, client, resident):
        other = sms_login(app, client, "13900139000")
        assert_error(bind_real_name(client, other), 409, "ID_NUMBER_IN_USE")
        with app.app_context():
            rows = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "real_name.bind")).all()
            assert [row.result for row in rows] == ["success", "failure"]

    def test_one_id_per_account(self, app, client, resident):
        assert bind_real_name(client, resident).status_code == 200  # the same binding again is fine
        assert_error(bind_real_name(client, resident, id_number="110101199003074514"), 409, "REAL_NAME_ALREADY_BOUND")

    def test_needs_a_verified_phone(self, client):
        login = client.post("/api/v1/auth/sessions", json={"method": "alipay", "code": "sbx:2088"}).get_json()
        assert_error(bind_real_name(client, login), 403, "ASSURANCE_REQUIRED")

    def test_a_flipped_ciphertext_byte_fails_closed(self, app, client, resident):
        with app.app_context():
            row = db.session.get(Resident, resident["resident"]["id"])
            prefix, _, blob = row.id_number_enc.rpartition(".")
            raw = bytearray(base64.b64decode(blob))
            raw[len(raw) // 2] ^= 0x01  # one bit of the ciphertext body
            flipped = f"{prefix}.{base64.b64encode(bytes(raw)).decode()}"
            db.session.execute(
                text("UPDATE residents SET id_number_enc = :v WHERE id = :id"), {"v": flipped, "id": row.id}
            )
            db.session.commit()
        response = client.get("/api/v1/me", headers=headers(resident))
        assert_error(response, 500, "INTERNAL_ERROR")
        assert ID_NUMBER not in response.get_data(as_text=True)


class TestFace:
    def test_without_consent_is_409_and_the_alternative_is_documented(self, client, resident):
        body = assert_error(start_face(client, resident), 409, "CONSENT_REQUIRED")
        assert body["details"]["consent"] == "face"
        text_zh = client.get("/api/v1/consents/face").get_json()["text_zh"]
        assert "窗口" in text_zh  # the non-face path: a hall window checks the ID card

    def test_needs_real_name(self, app, client):
        login = sms_login(app, client)
        assert_error(start_face(client, login), 403, "ASSURANCE_REQUIRED")

    def test_pass_gives_l3_and_a_ticket_once(self, app, client, resident):
        consent(client, resident)
        started = start_face(client, resident)
        assert started.status_code == 201
        started = started.get_json()
        assert started["provider"] == "sandbox" and "sandbox_ref" in started["client_payload"]
        assert complete(client, resident, started).get_json()["status"] == "pending"
        finish_sandbox(client, started, "passed")
        done = complete(client, resident, started).get_json()
        assert done["status"] == "passed" and done["face_ticket"]
        again = complete(client, resident, started).get_json()
        assert again["status"] == "passed" and again["face_ticket"] is None
        assert client.get("/api/v1/me", headers=headers(resident)).get_json()["assurance_level"] == 3

    def test_failure_is_recorded_and_gives_no_ticket(self, app, client, resident):
        consent(client, resident)
        started = start_face(client, resident).get_json()
        finish_sandbox(client, started, "failed")
        done = complete(client, resident, started).get_json()
        assert done == {**done, "status": "failed", "face_ticket": None}
        with app.app_context():
            row = db.session.scalar(select(FaceVerification))
            assert row.status == "failed" and row.raw_sha256

    def test_the_client_cannot_claim_a_pass(self, client, resident):
        consent(client, resident)
        started = start_face(client, resident).get_json()
        response = client.post(
            f"/api/v1/face-verifications/{started['id']}/complete", json={"status": "passed"}, headers=headers(resident)
        )
        assert response.get_json()["status"] == "pending" or response.status_code == 400

    def test_someone_elses_check_is_404(self, app, client, resident):
        consent(client, resident)
        started = start_face(client, resident).get_json()
        other = sms_login(app, client, "13900139000")
        assert_error(complete(client, other, started), 404, "NOT_FOUND")

    def test_withdrawn_consent_stops_new_checks(self, client, resident):
        consent(client, resident)
        assert client.delete("/api/v1/me/consents/face", headers=headers(resident)).status_code == 204
        assert_error(start_face(client, resident), 409, "CONSENT_REQUIRED")

    def test_nothing_personal_is_stored_with_the_check(self, app, client, resident):
        face_ticket(client, resident)
        with app.app_context():
            row = db.session.execute(text("SELECT * FROM face_verifications")).one()
        assert ID_NUMBER not in str(row) and NAME not in str(row)

    def test_expired_session_settles_as_expired(self, client, resident):
        consent(client, resident)
        started = start_face(client, resident).get_json()
        finish_sandbox(client, started, "passed")
        with time_machine.travel(timedelta(minutes=11), tick=False):
            assert complete(client, resident, started).get_json()["status"] == "expired"


class TestFaceCallbacks:
    def _callback(self, app, client, ref, *, timestamp=None, nonce="n-1", signature=None):
        body = json.dumps({"sandbox_ref": ref}).encode()
        timestamp = int(time.time()) if timestamp is None else timestamp
        verifier = app.extensions["palmgov.providers"]["FACE_PROVIDER"]
        headers = {
            "X-Sandbox-Timestamp": str(timestamp),
            "X-Sandbox-Nonce": nonce,
            "X-Sandbox-Signature": signature or verifier.sign_callback(body, timestamp, nonce),
            "Content-Type": "application/json",
        }
        return client.post("/api/v1/providers/sandbox/face-notify", data=body, headers=headers)

    @pytest.fixture
    def started(self, client, resident) -> dict:
        consent(client, resident)
        return start_face(client, resident).get_json()

    def test_a_signed_callback_settles_by_asking_the_provider(self, app, client, resident, started):
        finish_sandbox(client, started, "passed")
        assert self._callback(app, client, started["client_payload"]["sandbox_ref"]).get_json() == {"received": True}
        with app.app_context():
            assert db.session.scalar(select(FaceVerification.status)) == "passed"
        # The resident still gets the ticket from their own completion call.
        assert complete(client, resident, started).get_json()["face_ticket"]

    def test_a_callback_cannot_pass_a_check_the_provider_did_not(self, app, client, started):
        assert self._callback(app, client, started["client_payload"]["sandbox_ref"]).status_code == 200
        with app.app_context():
            assert db.session.scalar(select(FaceVerification.status)) == "pending"

    def test_bad_signature_is_401(self, app, client, started):
        response = self._callback(app, client, started["client_payload"]["sandbox_ref"], signature="0" * 64)
        assert_error(response, 401, "CALLBACK_SIGNATURE_INVALID")

    def test_skewed_timestamp_is_401(self, app, client, started):
        response = self._callback(
            app, client, started["client_payload"]["sandbox_ref"], timestamp=int(time.time()) - 301
        )
        assert_error(response, 401, "CALLBACK_EXPIRED")

    def test_replayed_nonce_is_a_no_op(self, app, client, started, monkeypatch):
        ref = started["client_payload"]["sandbox_ref"]
        queries = []
        verifier = app.extensions["palmgov.providers"]["FACE_PROVIDER"]
        monkeypatch.setattr(
            verifier, "query", lambda session, request: queries.append(1) or FaceResult("pending", None, "P", "")
        )
        assert self._callback(app, client, ref).status_code == 200
        assert self._callback(app, client, ref).status_code == 200
        assert len(queries) == 1

    def test_unknown_session_is_400(self, app, client):
        assert_error(self._callback(app, client, "sbx-unknown"), 400, "FACE_SESSION_UNKNOWN")

    def test_another_provider_is_404(self, client):
        assert_error(client.post("/api/v1/providers/alipay/face-notify", data=b"x"), 404, "NOT_FOUND")

    def test_nonce_store_down_is_503(self, app, client, started, monkeypatch):
        ref = started["client_payload"]["sandbox_ref"]
        monkeypatch.setitem(app.config, "REDIS_URL", CLOSED_PORT_REDIS)
        from app import redis_store

        monkeypatch.setattr(redis_store, "get_redis", lambda: redis_store.connect(CLOSED_PORT_REDIS))
        monkeypatch.setattr("app.services.face.get_redis", lambda: redis_store.connect(CLOSED_PORT_REDIS))
        assert_error(self._callback(app, client, ref), 503, "REDIS_UNAVAILABLE")


class TestProxies:
    @pytest.fixture
    def grantee(self, resident) -> dict:
        return resident

    @pytest.fixture
    def grantor(self, app, client) -> dict:
        with app.app_context():
            get_redis().flushdb()  # the grantee's SMS gap is not the grantor's concern
        login = sms_login(app, client, "13700137000")
        assert bind_real_name(client, login, name="王大爷", id_number="110101194001010012").status_code == 200
        return login

    def invite(self, client, grantee):
        return client.post(
            "/api/v1/proxies", json={"grantor_phone": "13700137000", "relation": "parent"}, headers=headers(grantee)
        )

    def test_invite_accept_act_and_revoke(self, app, client, grantee, grantor):
        invited = self.invite(client, grantee)
        assert invited.status_code == 201, invited.get_json()
        grant_id = invited.get_json()["id"]
        waiting = client.get("/api/v1/proxies", headers=headers(grantor)).get_json()["items"]
        assert [(item["id"], item["my_role"], item["status"]) for item in waiting] == [(grant_id, "grantor", "pending")]
        assert waiting[0]["other"]["phone"] == "138****8000"

        ticket = face_ticket(client, grantor, "proxy_accept")
        accepted = client.post(
            f"/api/v1/proxies/{grant_id}/accept", json={"face_ticket": ticket}, headers=headers(grantor)
        )
        assert accepted.status_code == 200 and accepted.get_json()["status"] == "active"

        grantee_view = client.get("/api/v1/proxies", headers=headers(grantee)).get_json()["items"][0]
        grantor_id = grantee_view["other"]["id"]
        acting = client.get(f"/api/v1/me?acting_for={grantor_id}", headers=headers(grantee))
        assert acting.status_code == 200 and acting.get_json()["name"] == "王**"
        with app.app_context():
            row = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "proxy.view_profile"))
            assert (row.actor_id, row.acting_for_id) == (grantee["resident"]["id"], grantor_id)

        assert client.post(f"/api/v1/proxies/{grant_id}/revoke", headers=headers(grantor)).status_code == 200
        assert_error(client.get(f"/api/v1/me?acting_for={grantor_id}", headers=headers(grantee)), 404, "NOT_FOUND")

    def test_accepting_needs_a_face_ticket_for_this_purpose_used_once(self, client, grantee, grantor):
        grant_id = self.invite(client, grantee).get_json()["id"]
        wrong_purpose = face_ticket(client, grantor, "account")
        assert_error(
            client.post(
                f"/api/v1/proxies/{grant_id}/accept", json={"face_ticket": wrong_purpose}, headers=headers(grantor)
            ),
            422,
            "FACE_TICKET_INVALID",
        )

    def test_a_ticket_works_once(self, client, grantee, grantor):
        first = self.invite(client, grantee).get_json()["id"]
        ticket = face_ticket(client, grantor, "proxy_accept")
        assert (
            client.post(
                f"/api/v1/proxies/{first}/accept", json={"face_ticket": ticket}, headers=headers(grantor)
            ).status_code
            == 200
        )
        assert client.post(f"/api/v1/proxies/{first}/revoke", headers=headers(grantee)).status_code == 200
        second = self.invite(client, grantee).get_json()["id"]
        assert_error(
            client.post(f"/api/v1/proxies/{second}/accept", json={"face_ticket": ticket}, headers=headers(grantor)),
            422,
            "FACE_TICKET_INVALID",
        )

    def test_only_the_invited_phone_can_accept(self, app, client, grantee, grantor):
        grant_id = self.invite(client, grantee).get_json()["id"]
        stranger = sms_login(app, client, "13600136000")
        assert_error(
            client.post(f"/api/v1/proxies/{grant_id}/accept", json={"face_ticket": "x"}, headers=headers(stranger)),
            404,
            "NOT_FOUND",
        )

    def test_no_acting_for_without_a_grant(self, client, grantee, grantor):
        assert_error(client.get("/api/v1/me?acting_for=999999", headers=headers(grantee)), 404, "NOT_FOUND")

    @pytest.mark.parametrize("grant_id", ["2147483648", "99999999999999999999", "0", "１"])
    def test_out_of_range_ids_are_404_not_a_database_error(self, client, grantee, grant_id):
        response = client.post(f"/api/v1/proxies/{grant_id}/revoke", headers=headers(grantee))
        assert_error(response, 404, "NOT_FOUND")

    @pytest.mark.parametrize("value", ["１２", "12\n", "-1", "x"])
    def test_acting_for_is_an_ascii_id(self, client, grantee, value):
        response = client.get("/api/v1/me", query_string={"acting_for": value}, headers=headers(grantee))
        assert_error(response, 400, "VALIDATION_ERROR")
