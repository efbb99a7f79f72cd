"""Providers timing out or answering garbage, on fake servers on 127.0.0.1: SMS (login codes and the outbox),
WeChat login and face verification. The request gets a clear JSON error, nothing a resident did is lost, and the
outbox retries only what surely was not sent: no SMS goes out twice."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from flask import Flask
from werkzeug.wrappers import Request, Response

from app.extensions import db
from app.models import Notification
from app.services import notify, residents
from tests.api.v1.test_identity import bind_real_name, consent
from tests.helpers import app_context, assert_error, bearer, sms_login

TIMEOUT = 0.3  # PROVIDER_TIMEOUT_SECONDS here
DAYTIME = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
REMINDER = {
    "item": "社会保障卡申领",
    "time": "2026-11-24 09:30",
    "hall": "东区政务服务中心",
    "materials": "身份证等3项",
}
ALIYUN = {
    "SMS_PROVIDER": "aliyun",
    "ALIYUN_ACCESS_KEY_ID": "LTAI5tPalmGovFaultKey",
    "ALIYUN_ACCESS_KEY_SECRET": "palmgov-fault-secret",
    "ALIYUN_SMS_SIGN_NAME": "掌上政务",
}


def slow(_request: Request) -> Response:
    """Answers (well) after the client gave up: the request reached the provider, which may have acted on it."""
    time.sleep(TIMEOUT * 3)
    return Response('{"Code": "OK", "BizId": "1^0", "Message": "OK"}', content_type="application/json")


def garbage(_request: Request) -> Response:
    return Response("<html><body>502 Bad Gateway</body></html>", status=200, content_type="text/html")


def sms_ok(_request: Request) -> Response:
    return Response('{"Code": "OK", "BizId": "2^0", "Message": "OK"}', content_type="application/json")


FAULTS = {"timeout": slow, "garbage": garbage}


def settings(**values: object) -> dict[str, object]:
    return {"PROVIDER_TIMEOUT_SECONDS": TIMEOUT, "QUIET_HOURS": "", **values}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_login_code_the_provider_fails_to_send_is_503_and_can_be_asked_again(build_app, fake_server, fault):
    server = fake_server(FAULTS[fault])
    client = build_app(**settings(**ALIYUN, ALIYUN_SMS_ENDPOINT=server.url)).test_client()
    asked = {"phone": "13800138000", "purpose": "login"}
    assert_error(client.post("/api/v1/auth/sms-codes", json=asked), 503, "SMS_UNAVAILABLE")
    assert len(server.requests) == 1  # one attempt, no retry inside the request
    server.handler = sms_ok
    # The failed send left no code behind, only the minute's send limit: the resident asks again after it.
    assert_error(client.post("/api/v1/auth/sms-codes", json=asked), 429, "SMS_TOO_FREQUENT")


@pytest.mark.parametrize("fault", FAULTS)
def test_a_wechat_login_the_provider_fails_is_503_provider_unavailable(build_app, fake_server, fault):
    server = fake_server(FAULTS[fault])
    wechat = {"WECHAT_LOGIN_PROVIDER": "wechat", "WECHAT_APP_ID": "wx0123456789abcdef", "WECHAT_APP_SECRET": "s" * 32}
    client = build_app(**settings(**wechat, WECHAT_API_BASE=server.url)).test_client()
    answer = client.post("/api/v1/auth/sessions", json={"method": "wechat", "code": "071abcDEF"})
    assert_error(answer, 503, "PROVIDER_UNAVAILABLE")
    assert len(server.requests) == 1


@pytest.mark.parametrize("fault", FAULTS)
def test_a_face_check_the_provider_fails_is_503_and_the_resident_keeps_their_level(build_app, fake_server, fault):
    server = fake_server(FAULTS[fault])
    tencent = {
        "FACE_PROVIDER": "tencent",
        "TENCENT_SECRET_ID": "AKIDPalmGovFaultTest",
        "TENCENT_SECRET_KEY": "palmgov-fault-secret",
        "TENCENT_FACEID_RULE_ID": "1",
    }
    app = build_app(**settings(**tencent, TENCENT_FACEID_ENDPOINT=server.url))
    client = app.test_client()
    login = sms_login(app, client)
    assert bind_real_name(client, login).status_code == 200
    consent(client, login)
    started = client.post(
        "/api/v1/face-verifications", json={"purpose": "account"}, headers=bearer(login["access_token"])
    )
    assert_error(started, 503, "PROVIDER_UNAVAILABLE")
    me = client.get("/api/v1/me", headers=bearer(login["access_token"])).get_json()
    assert me["assurance_level"] == 2  # the real name bound before is kept


def queue_reminder(app: Flask) -> int:
    """A reminder in the outbox, due now (in the caller's app context, or one of its own)."""
    with app_context(app):
        resident = residents.new_resident("13800138000")
        db.session.commit()
        row = notify.notify(resident.id, "appointment_reminder", REMINDER, idempotency_key="fault:1")
        db.session.commit()
        return row.id


def outbox_app(build_app: Callable[..., Flask], url: str, **options: object) -> Flask:
    return build_app(**settings(**ALIYUN, ALIYUN_SMS_ENDPOINT=url), JOBS_INLINE=False, **options)


@pytest.mark.parametrize("fault", FAULTS)
def test_an_sms_that_may_have_gone_out_is_never_sent_again(build_app, fake_server, fault):
    """A timeout after sending, or a garbled 2xx: the provider may have sent it, so the outbox does not repeat
    it (the row says why); sweeping later sends nothing more."""
    server = fake_server(FAULTS[fault])
    app = outbox_app(build_app, server.url)
    with time_machine.travel(DAYTIME, tick=False) as clock:
        notification = queue_reminder(app)
        with app.app_context():
            assert notify.deliver(notification) == "failed"
            clock.shift(timedelta(hours=2))
            notify.send_due()
            row = db.session.get(Notification, notification)
            assert (row.status, row.attempts) == ("failed", 1)
    assert len(server.requests) == 1


def test_an_sms_that_surely_was_not_sent_is_retried_and_sent_once(build_app, fake_server):
    """Refused before it was taken (a 503 page, not a 2xx): retried after the backoff, then sent, once."""
    server = fake_server(lambda _request: Response("busy", status=429, content_type="text/plain"))
    app = outbox_app(build_app, server.url)
    with time_machine.travel(DAYTIME, tick=False) as clock:
        notification = queue_reminder(app)
        with app.app_context():
            assert notify.deliver(notification) == "queued"
            server.handler = sms_ok
            assert notify.send_due() == 0  # not before its backoff
            clock.shift(notify.RETRY_AFTER[0])
            assert notify.send_due() == 1
            clock.shift(timedelta(hours=2))
            notify.send_due()
            assert db.session.get(Notification, notification).status == "sent"
    assert len(server.requests) == 2
    assert server.requests[0].form["OutId"] == server.requests[1].form["OutId"]  # the provider sees one message
