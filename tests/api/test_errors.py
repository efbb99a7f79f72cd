"""Every bad input gets the one JSON error body, with a stable code (one test per row)."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import jwt as pyjwt
import pytest
from flask_jwt_extended import create_access_token

from api.extensions import jwt
from app.errors import UploadEmpty, UploadTooLarge, UploadTypeNotAccepted
from tests.helpers import CLOSED_PORT_POSTGRES, CLOSED_PORT_REDIS, assert_error, bearer, sms_login


def test_unknown_route_is_404(client):
    assert_error(client.get("/api/v1/no-such-thing"), 404, "NOT_FOUND")


def test_wrong_method_is_405_with_allow_header(client):
    response = client.put("/healthz")
    assert_error(response, 405, "METHOD_NOT_ALLOWED")
    assert "GET" in response.headers["Allow"]


def test_body_over_max_content_length_is_413(probe_client, probe_app):
    size = probe_app.config["MAX_CONTENT_LENGTH"] + 1
    response = probe_client.post("/api/v1/_probe/echo", data=b"x" * size, content_type="application/json")
    assert_error(response, 413, "PAYLOAD_TOO_LARGE")


def test_json_body_over_json_limit_is_413(probe_client):
    body = json.dumps({"name": "张三", "padding": "x" * (2 * 1024 * 1024)})
    assert_error(
        probe_client.post("/api/v1/_probe/echo", data=body, content_type="application/json"), 413, "PAYLOAD_TOO_LARGE"
    )


def test_form_body_on_json_endpoint_is_415(probe_client):
    response = probe_client.post("/api/v1/_probe/echo", data={"name": "张三"})
    assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")


def test_malformed_json_is_400(probe_client):
    response = probe_client.post("/api/v1/_probe/echo", data='{"name": ', content_type="application/json")
    assert_error(response, 400, "MALFORMED_JSON")


def test_deeply_nested_json_is_400_not_500(probe_client):
    body = "[" * 100_000 + "]" * 100_000
    response = probe_client.post("/api/v1/_probe/echo", data=body, content_type="application/json")
    body = assert_error(response, 400, "MALFORMED_JSON")
    assert body["details"]["reason"] == "nested too deeply"


def test_validation_error_is_400_with_per_field_details(probe_client):
    response = probe_client.post("/api/v1/_probe/echo", json={"name": "张", "age": "12"})
    body = assert_error(response, 400, "VALIDATION_ERROR")
    assert set(body["details"]["fields"]) == {"name", "age"}


def test_missing_body_reports_the_required_fields(probe_client):
    body = assert_error(probe_client.post("/api/v1/_probe/echo"), 400, "VALIDATION_ERROR")
    assert "name" in body["details"]["fields"]


def test_unknown_fields_are_rejected(probe_client):
    response = probe_client.post("/api/v1/_probe/echo", json={"name": "张三", "role": "sys_admin"})
    body = assert_error(response, 400, "VALIDATION_ERROR")
    assert body["details"]["fields"] == {"role": ["Unknown field."]}


def test_valid_body_passes(probe_client):
    response = probe_client.post("/api/v1/_probe/echo", json={"name": "欧阳娜娜", "age": 30})
    assert response.status_code == 200
    assert response.get_json() == {"name": "欧阳娜娜", "age": 30}


class TestJwtErrors:
    def test_missing_token_is_401(self, probe_client):
        assert_error(probe_client.get("/api/v1/_probe/private"), 401, "AUTH_REQUIRED")

    @pytest.mark.parametrize("token", ["garbage", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."])
    def test_invalid_token_is_401_not_422(self, probe_client, token):
        response = probe_client.get("/api/v1/_probe/private", headers={"Authorization": f"Bearer {token}"})
        assert_error(response, 401, "AUTH_INVALID_TOKEN")

    def test_alg_none_token_is_rejected(self, probe_client):
        token = pyjwt.encode(
            {"sub": "1", "type": "access", "aud": "palmgov-api", "iss": "palmgov"}, key=None, algorithm="none"
        )
        response = probe_client.get("/api/v1/_probe/private", headers={"Authorization": f"Bearer {token}"})
        assert_error(response, 401, "AUTH_INVALID_TOKEN")

    def test_token_for_another_audience_is_rejected(self, probe_client, probe_app):
        token = pyjwt.encode(
            {"sub": "1", "type": "access", "aud": "elsewhere", "iss": "palmgov", "jti": "x"},
            probe_app.config["JWT_SECRET_KEY"],
            algorithm="HS256",
        )
        response = probe_client.get("/api/v1/_probe/private", headers={"Authorization": f"Bearer {token}"})
        assert_error(response, 401, "AUTH_INVALID_TOKEN")

    def test_expired_token_is_401(self, probe_client, probe_app):
        with probe_app.app_context():
            token = create_access_token("1", expires_delta=timedelta(seconds=-1))
        response = probe_client.get("/api/v1/_probe/private", headers={"Authorization": f"Bearer {token}"})
        assert_error(response, 401, "AUTH_TOKEN_EXPIRED")

    def test_revoked_token_is_401(self, probe_client, probe_app, monkeypatch):
        monkeypatch.setattr(jwt, "_token_in_blocklist_callback", lambda header, payload: True)
        with probe_app.app_context():
            token = create_access_token("1")
        response = probe_client.get("/api/v1/_probe/private", headers={"Authorization": f"Bearer {token}"})
        assert_error(response, 401, "AUTH_TOKEN_REVOKED")

    def test_token_of_a_live_session_passes(self, probe_client, probe_app):
        token = sms_login(probe_app, probe_client)["access_token"]
        assert probe_client.get("/api/v1/_probe/private", headers=bearer(token)).status_code == 200

    def test_well_signed_token_without_a_session_is_revoked(self, probe_client, probe_app):
        with probe_app.app_context():
            token = create_access_token("no-such-session", additional_claims={"kind": "resident"})
        assert_error(probe_client.get("/api/v1/_probe/private", headers=bearer(token)), 401, "AUTH_TOKEN_REVOKED")


def test_rate_limited_is_429_with_retry_after(build_app):
    app = build_app(RATE_LIMIT_PER_IP=3)
    client = app.test_client()
    statuses = [client.get("/api/v1/no-such-thing").status_code for _ in range(3)]
    assert statuses == [404, 404, 404]
    response = client.get("/api/v1/no-such-thing")
    body = assert_error(response, 429, "RATE_LIMITED")
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert body["details"]["retry_after"] == int(response.headers["Retry-After"])


def test_rate_limit_falls_back_to_a_local_count_when_redis_is_down(build_app):
    app = build_app(redis_url=CLOSED_PORT_REDIS, RATE_LIMIT_PER_IP=4, WEB_CONCURRENCY=2)
    client = app.test_client()
    statuses = [client.get("/api/v1/no-such-thing").status_code for _ in range(3)]
    assert statuses == [404, 404, 429]


def test_redis_down_is_503(build_probe_app):
    app = build_probe_app(redis_url=CLOSED_PORT_REDIS)
    assert_error(app.test_client().get("/api/v1/_probe/redis"), 503, "REDIS_UNAVAILABLE")


def test_database_down_is_503(build_probe_app):
    app = build_probe_app(database_url=CLOSED_PORT_POSTGRES)
    assert_error(app.test_client().get("/api/v1/_probe/database"), 503, "DB_UNAVAILABLE")


def test_unexpected_exception_is_500_without_internals(probe_client, caplog):
    with caplog.at_level(logging.ERROR):
        response = probe_client.get("/api/v1/_probe/crash", headers={"X-Request-ID": "trace-me-12345"})
    body = assert_error(response, 500, "INTERNAL_ERROR")
    assert "hunter2" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
    assert body["request_id"] == "trace-me-12345"
    logged = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert logged and logged[0].exc_info is not None


class TestMessagesFollowAcceptLanguage:
    def test_default_is_chinese_with_english_gloss(self, client):
        body = client.get("/api/v1/nope").get_json()
        assert body["message"] == "请求的内容不存在 / The requested resource does not exist"

    def test_english(self, client):
        body = client.get("/api/v1/nope", headers={"Accept-Language": "en-US,en;q=0.9"}).get_json()
        assert body["message"] == "The requested resource does not exist"

    def test_chinese(self, client):
        body = client.get("/api/v1/nope", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).get_json()
        assert body["message"] == "请求的内容不存在"


class TestRequestIds:
    def test_a_sane_request_id_is_echoed(self, client):
        response = client.get("/healthz", headers={"X-Request-ID": "abc-123_DEF.456"})
        assert response.headers["X-Request-ID"] == "abc-123_DEF.456"

    @pytest.mark.parametrize("bad", ["short", "x" * 65, "has space in it", "semi;colon;value", "中文中文中文中文中文"])
    def test_an_insane_request_id_is_replaced(self, client, bad):
        response = client.get("/healthz", headers={"X-Request-ID": bad})
        assert response.headers["X-Request-ID"] != bad
        assert len(response.headers["X-Request-ID"]) >= 16

    def test_every_response_has_one(self, client):
        assert client.get("/healthz").headers["X-Request-ID"]


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("get", "/api/v1/items?q=a%00b", None),
        ("get", "/api/v1/items/X%00Y", None),
        ("post", "/api/v1/auth/sms-codes", '{"phone": "1380013800\\u0000"}'),
    ],
)
def test_nul_characters_are_400_on_every_database(client, method, url, body):
    response = getattr(client, method)(url, data=body, content_type="application/json" if body else None)
    assert response.status_code == 400
    assert response.get_json()["code"] in ("BAD_REQUEST", "MALFORMED_JSON")


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (UploadEmpty(), 400),
        (UploadTooLarge(details={"max_bytes": 10}), 413),
        (UploadTypeNotAccepted(details={"accepted": ["application/pdf"]}), 415),
    ],
)
def test_upload_errors_answer_with_the_status_of_their_family(app, error, status):
    def upload() -> None:
        raise error

    app.add_url_rule("/api/v1/_upload", view_func=upload, methods=["POST"])
    body = assert_error(app.test_client().post("/api/v1/_upload"), status, error.code)
    assert body["details"] == error.details
