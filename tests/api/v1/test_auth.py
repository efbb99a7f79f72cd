"""Resident login through the API: SMS codes, sessions, refresh rotation, logout (security rows 1-6, 14, 21, 23, 28)."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
import time_machine
from flask_jwt_extended import create_access_token
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, AuthSession, Resident
from app.providers.base import SmsReceipt
from app.redis_store import get_redis
from app.services import residents, sessions
from tests.helpers import (
    CLOSED_PORT_POSTGRES,
    CLOSED_PORT_REDIS,
    assert_error,
    bearer,
    last_sms_code,
    sms_login,
)

PHONE = "13800138000"
OTHER_PHONE = "13900139000"


def send_code(client, phone=PHONE, **headers):
    return client.post("/api/v1/auth/sms-codes", json={"phone": phone, "purpose": "login"}, headers=headers)


def login(client, phone, code):
    return client.post("/api/v1/auth/sessions", json={"method": "sms", "phone": phone, "code": code})


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


class TestSmsCodes:
    def test_known_and_unknown_phones_get_the_same_202(self, app, client):
        sms_login(app, client, PHONE)
        known, unknown = send_code(client, PHONE), send_code(client, OTHER_PHONE)
        # The known phone is still inside its 60 s gap, so ask for one that is not.
        assert unknown.status_code == 202
        assert known.status_code == 429
        assert unknown.get_json() == {}

    @pytest.mark.parametrize(
        "phone", ["12345678901", "1380013800", "13800138000\n", "１３８００１３８０００", "+8613800138000"]
    )
    def test_bad_phones_are_400_invalid_phone(self, client, phone):
        assert_error(send_code(client, phone), 400, "INVALID_PHONE")

    def test_code_is_six_ascii_digits_and_not_logged(self, app, client, caplog):
        assert send_code(client).status_code == 202
        code = last_sms_code(app, PHONE)
        assert len(code) == 6 and code.isascii() and code.isdigit()
        assert code not in caplog.text

    def test_code_is_stored_hashed(self, app, client):
        send_code(client)
        code = last_sms_code(app, PHONE)
        with app.app_context():
            stored = [get_redis().hgetall(key) for key in get_redis().scan_iter("otp:*")]
        assert len(stored) == 1
        assert code not in str(stored) and PHONE not in str(stored)

    def test_second_code_within_60_seconds_is_429_with_retry_after(self, client):
        assert send_code(client).status_code == 202
        response = send_code(client)
        body = assert_error(response, 429, "SMS_TOO_FREQUENT")
        assert 1 <= int(response.headers["Retry-After"]) <= 60
        assert body["details"]["limit"] == "sms_gap"

    def test_eleventh_code_of_the_day_is_refused(self, app, client):
        with app.app_context():
            index = residents.phone_index(PHONE)
            get_redis().set(f"rl:{{sms-phone:{index}}}:sms_day:86400", 10, ex=86400)
        body = assert_error(send_code(client), 429, "SMS_TOO_FREQUENT")
        assert body["details"]["limit"] == "sms_day"

    def test_one_ip_asking_for_many_phones_is_limited_and_xff_is_ignored(self, client):
        statuses = [
            send_code(client, f"1370000{n:04d}", **{"X-Forwarded-For": f"10.0.0.{n}"}).status_code for n in range(11)
        ]
        assert statuses == [202] * 10 + [429]

    def test_limiter_down_is_503_and_nothing_is_sent(self, build_app, monkeypatch):
        app = build_app(redis_url=CLOSED_PORT_REDIS)
        sent = []
        sender = app.extensions["palmgov.providers"]["SMS_PROVIDER"]
        monkeypatch.setattr(sender, "send", lambda *args, **kwargs: sent.append(args) or SmsReceipt("x", "OK"))
        assert_error(send_code(app.test_client()), 503, "RATE_LIMIT_UNAVAILABLE")
        assert sent == []


class TestSmsLogin:
    def test_login_returns_tokens_and_a_masked_resident_at_level_1(self, app, client):
        body = sms_login(app, client, PHONE)
        assert body["token_type"] == "Bearer"
        assert body["expires_in"] == 900
        assert body["resident"]["phone"] == "138****8000"
        assert body["resident"]["assurance_level"] == 1
        me = client.get("/api/v1/me", headers=bearer(body["access_token"]))
        assert me.status_code == 200
        assert me.get_json()["phone"] == "138****8000"

    def test_phone_is_encrypted_at_rest(self, app, client):
        login = sms_login(app, client, PHONE)
        with app.app_context():
            resident = db.session.get(Resident, login["resident"]["id"])
            assert PHONE not in resident.phone_enc and resident.phone_enc.startswith("sm4g.1.")

    def test_second_login_is_the_same_resident(self, app, client):
        first = sms_login(app, client, PHONE)
        with app.app_context():
            get_redis().flushdb()  # forget the 60 s gap
        second = sms_login(app, client, PHONE)
        assert first["resident"]["id"] == second["resident"]["id"]

    def test_five_wrong_codes_burn_the_code(self, app, client):
        send_code(client)
        code = last_sms_code(app, PHONE)
        for attempts_left in (4, 3, 2, 1):
            body = assert_error(login(client, PHONE, wrong(code)), 401, "OTP_INVALID")
            assert body["details"]["attempts_left"] == attempts_left
        response = login(client, PHONE, wrong(code))
        assert_error(response, 429, "OTP_ATTEMPTS_EXCEEDED")
        assert int(response.headers["Retry-After"]) > 0
        assert_error(login(client, PHONE, code), 429, "OTP_ATTEMPTS_EXCEEDED")

    def test_code_works_once(self, app, client):
        send_code(client)
        code = last_sms_code(app, PHONE)
        assert login(client, PHONE, code).status_code == 201
        assert_error(login(client, PHONE, code), 401, "OTP_INVALID")

    def test_code_expires_after_five_minutes(self, app, client):
        send_code(client)
        code = last_sms_code(app, PHONE)
        with time_machine.travel(timedelta(minutes=10), tick=False):
            assert_error(login(client, PHONE, code), 401, "OTP_EXPIRED")

    def test_code_of_phone_a_does_not_log_in_phone_b(self, app, client):
        send_code(client, PHONE)
        send_code(client, OTHER_PHONE)
        assert_error(login(client, OTHER_PHONE, last_sms_code(app, PHONE)), 401, "OTP_INVALID")

    def test_no_code_requested_is_otp_invalid(self, client):
        assert_error(login(client, PHONE, "123456"), 401, "OTP_INVALID")

    @pytest.mark.parametrize("code", ["12345", "１２３４５６", "123456\n", 123456])
    def test_malformed_codes_are_400(self, client, code):
        assert_error(login(client, PHONE, code), 400, "VALIDATION_ERROR")

    def test_fields_of_another_method_are_refused(self, client):
        response = client.post("/api/v1/auth/sessions", json={"method": "alipay", "code": "sbx:a", "phone": PHONE})
        assert_error(response, 400, "VALIDATION_ERROR")

    def test_mass_assignment_fields_are_refused(self, client):
        response = client.post(
            "/api/v1/auth/sessions",
            json={"method": "sms", "phone": PHONE, "code": "123456", "role": "sys_admin", "user_id": 1},
        )
        body = assert_error(response, 400, "VALIDATION_ERROR")
        assert set(body["details"]["fields"]) >= {"role", "user_id"}

    def test_logins_and_failures_are_audited(self, app, client):
        send_code(client)
        code = last_sms_code(app, PHONE)
        login(client, PHONE, wrong(code))
        login(client, PHONE, code)
        with app.app_context():
            rows = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "login")).all()
            assert [(row.result, row.details["method"]) for row in rows] == [("failure", "sms"), ("success", "sms")]
            assert rows[0].details["code"] == "OTP_INVALID"
            assert rows[1].actor_kind == "resident" and rows[1].request_id and rows[1].ip == "127.0.0.1"


class TestProviderLogin:
    def test_wechat_login_with_phone_joins_the_sms_resident(self, app, client):
        by_sms = sms_login(app, client, PHONE)
        response = client.post(
            "/api/v1/auth/sessions", json={"method": "wechat", "code": "sbx:openid-1", "phone_code": f"sbx:{PHONE}"}
        )
        assert response.status_code == 201, response.get_json()
        assert response.get_json()["resident"]["id"] == by_sms["resident"]["id"]
        again = client.post("/api/v1/auth/sessions", json={"method": "wechat", "code": "sbx:openid-1"})
        assert again.get_json()["resident"]["id"] == by_sms["resident"]["id"]

    def test_alipay_login_without_phone_is_level_0(self, client):
        response = client.post("/api/v1/auth/sessions", json={"method": "alipay", "code": "sbx:2088000000000001"})
        assert response.status_code == 201
        assert response.get_json()["resident"] == {
            "id": response.get_json()["resident"]["id"],
            "phone": None,
            "name": None,
            "id_number": None,
            "assurance_level": 0,
            "real_name_at": None,
            "elderly_mode": False,
        }

    def test_rejected_provider_code_is_401(self, client):
        response = client.post("/api/v1/auth/sessions", json={"method": "wechat", "code": "not-a-sandbox-code"})
        assert_error(response, 401, "LOGIN_CODE_INVALID")


class TestTokens:
    def test_refresh_rotates_and_a_replayed_refresh_token_ends_the_session(self, app, client):
        tokens = sms_login(app, client)
        rotated = client.post("/api/v1/auth/refresh", headers=bearer(tokens["refresh_token"]))
        assert rotated.status_code == 200
        new = rotated.get_json()
        assert client.get("/api/v1/me", headers=bearer(new["access_token"])).status_code == 200
        assert_error(
            client.post("/api/v1/auth/refresh", headers=bearer(tokens["refresh_token"])), 401, "AUTH_TOKEN_REVOKED"
        )
        # The thief's replay ended the session for the legitimate holder too.
        assert_error(client.get("/api/v1/me", headers=bearer(new["access_token"])), 401, "AUTH_TOKEN_REVOKED")
        assert_error(
            client.post("/api/v1/auth/refresh", headers=bearer(new["refresh_token"])), 401, "AUTH_TOKEN_REVOKED"
        )
        with app.app_context():
            reason = select(AuthSession.revoke_reason).where(AuthSession.resident_id == tokens["resident"]["id"])
            assert db.session.scalar(reason) == "refresh_reuse"

    def test_refresh_token_is_not_an_access_token(self, app, client):
        tokens = sms_login(app, client)
        assert_error(client.get("/api/v1/me", headers=bearer(tokens["refresh_token"])), 401, "AUTH_INVALID_TOKEN")
        assert_error(
            client.post("/api/v1/auth/refresh", headers=bearer(tokens["access_token"])), 401, "AUTH_INVALID_TOKEN"
        )

    def test_expired_access_token_is_401(self, app, client):
        tokens = sms_login(app, client)
        with time_machine.travel(timedelta(minutes=16), tick=False):
            assert_error(client.get("/api/v1/me", headers=bearer(tokens["access_token"])), 401, "AUTH_TOKEN_EXPIRED")

    def test_tampered_kind_claim_is_invalid(self, app, client):
        tokens = sms_login(app, client)
        header, payload, signature = tokens["access_token"].split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
        claims["kind"] = "staff"
        forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
        token = f"{header}.{forged}.{signature}"
        assert_error(client.get("/api/v1/me", headers=bearer(token)), 401, "AUTH_INVALID_TOKEN")

    @pytest.mark.parametrize("flush", [False, True])
    def test_logout_revokes_access_and_refresh_tokens_even_after_redis_loss(self, app, client, flush):
        tokens = sms_login(app, client)
        assert client.delete("/api/v1/auth/sessions/current", headers=bearer(tokens["access_token"])).status_code == 204
        if flush:
            with app.app_context():
                get_redis().flushall()
        assert_error(client.get("/api/v1/me", headers=bearer(tokens["access_token"])), 401, "AUTH_TOKEN_REVOKED")
        assert_error(
            client.post("/api/v1/auth/refresh", headers=bearer(tokens["refresh_token"])), 401, "AUTH_TOKEN_REVOKED"
        )

    def test_disabling_a_resident_ends_their_sessions(self, app, client):
        tokens = sms_login(app, client)
        with app.app_context():
            residents.disable(tokens["resident"]["id"], reason="test")
        assert_error(client.get("/api/v1/me", headers=bearer(tokens["access_token"])), 401, "AUTH_TOKEN_REVOKED")
        with app.app_context():
            get_redis().flushdb()
        send_code(client)
        assert_error(login(client, PHONE, last_sms_code(app, PHONE)), 403, "ACCOUNT_DISABLED")


class TestSessionList:
    def test_list_and_end_another_device(self, app, client):
        phone_a = sms_login(app, client)
        with app.app_context():
            get_redis().flushdb()
        phone_b = sms_login(app, client)
        listed = client.get("/api/v1/me/sessions", headers=bearer(phone_b["access_token"])).get_json()
        assert listed["total"] == 2
        other = next(item for item in listed["items"] if not item["current"])
        ended = client.delete(f"/api/v1/me/sessions/{other['id']}", headers=bearer(phone_b["access_token"]))
        assert ended.status_code == 204
        assert_error(client.get("/api/v1/me", headers=bearer(phone_a["access_token"])), 401, "AUTH_TOKEN_REVOKED")
        assert client.get("/api/v1/me", headers=bearer(phone_b["access_token"])).status_code == 200

    def test_someone_elses_session_is_404(self, app, client):
        mine = sms_login(app, client, PHONE)
        theirs = sms_login(app, client, OTHER_PHONE)
        their_id = client.get("/api/v1/me/sessions", headers=bearer(theirs["access_token"])).get_json()["items"][0][
            "id"
        ]
        response = client.delete(f"/api/v1/me/sessions/{their_id}", headers=bearer(mine["access_token"]))
        assert_error(response, 404, "NOT_FOUND")
        assert client.get("/api/v1/me", headers=bearer(theirs["access_token"])).status_code == 200


class TestSessionCheckWithoutRedis:
    def _token_for_new_session(self, app) -> str:
        with app.test_request_context():
            resident = residents.new_resident(None)
            row = sessions.open_session(
                resident_id=resident.id, method="sms", client="t", ip="", lifetime=timedelta(days=1)
            )
            db.session.commit()
            return create_access_token(row.public_id, additional_claims={"kind": "resident"})

    def test_redis_down_falls_back_to_the_database(self, build_app):
        app = build_app(redis_url=CLOSED_PORT_REDIS)
        token = self._token_for_new_session(app)
        assert app.test_client().get("/api/v1/me", headers=bearer(token)).status_code == 200

    def test_redis_and_database_down_is_503_never_200(self, build_app):
        app = build_app(redis_url=CLOSED_PORT_REDIS)
        token = self._token_for_new_session(app)
        down = build_app(database_url=CLOSED_PORT_POSTGRES, redis_url=CLOSED_PORT_REDIS)
        assert_error(down.test_client().get("/api/v1/me", headers=bearer(token)), 503, "AUTH_UNAVAILABLE")


class TestLinkPhone:
    def alipay_login(self, client, subject="2088000000000009"):
        response = client.post("/api/v1/auth/sessions", json={"method": "alipay", "code": f"sbx:{subject}"})
        assert response.status_code == 201
        return response.get_json()

    def link(self, app, client, login, phone):
        sent = client.post("/api/v1/auth/sms-codes", json={"phone": phone, "purpose": "link_phone"})
        assert sent.status_code == 202
        return client.post(
            "/api/v1/me/phone",
            json={"phone": phone, "code": last_sms_code(app, phone)},
            headers=bearer(login["access_token"]),
        )

    def test_a_free_phone_becomes_yours(self, app, client):
        login = self.alipay_login(client)
        response = self.link(app, client, login, PHONE)
        assert response.status_code == 200
        assert response.get_json() == {**response.get_json(), "tokens": None}
        assert response.get_json()["resident"]["assurance_level"] == 1

    def test_a_phone_with_an_account_joins_it(self, app, client):
        by_sms = sms_login(app, client, PHONE)
        with app.app_context():
            get_redis().flushdb()
        alipay = self.alipay_login(client)
        response = self.link(app, client, alipay, PHONE)
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        assert body["resident"]["id"] == by_sms["resident"]["id"]
        # The Alipay session ended; the new tokens act as the joined resident, and so does the next Alipay login.
        assert_error(client.get("/api/v1/me", headers=bearer(alipay["access_token"])), 401, "AUTH_TOKEN_REVOKED")
        assert (
            client.get("/api/v1/me", headers=bearer(body["tokens"]["access_token"])).get_json()["id"]
            == (by_sms["resident"]["id"])
        )
        assert self.alipay_login(client)["resident"]["id"] == by_sms["resident"]["id"]

    def test_a_login_code_cannot_link(self, app, client):
        login = self.alipay_login(client)
        send_code(client)  # purpose "login"
        response = client.post(
            "/api/v1/me/phone",
            json={"phone": PHONE, "code": last_sms_code(app, PHONE)},
            headers=bearer(login["access_token"]),
        )
        assert_error(response, 401, "OTP_INVALID")

    def test_an_account_with_a_phone_cannot_link_another(self, app, client):
        login = sms_login(app, client, PHONE)
        assert_error(self.link(app, client, login, OTHER_PHONE), 409, "PHONE_IN_USE")
