"""Helpers the tests share: log residents in through the real API with the sandbox providers."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from datetime import timedelta

from flask import Flask, current_app, has_app_context
from flask.testing import FlaskClient

from api.auth import issue_tokens
from app.providers.sandbox import SandboxSms
from app.services import residents, sessions

CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"
CLOSED_PORT_POSTGRES = "postgresql://postgres@127.0.0.1:1/palmgov"


def assert_error(response, status: int, code: str) -> dict:
    """The response is PalmGov's one error body with this status and code."""
    assert response.status_code == status, response.data[:300]
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"code", "message", "request_id", "details"}
    assert body["code"] == code, body
    assert body["message"]
    assert body["request_id"] == response.headers["X-Request-ID"]
    return body


def last_sms_code(app: Flask, phone: str) -> str:
    with app.app_context():
        return SandboxSms.inbox(phone)[0]["params"]["code"]


def sms_login(app: Flask, client: FlaskClient, phone: str = "13800138000") -> dict:
    """Request a code, read it from the sandbox inbox and log in; returns the login body."""
    sent = client.post("/api/v1/auth/sms-codes", json={"phone": phone, "purpose": "login"})
    assert sent.status_code == 202, sent.get_json()
    response = client.post(
        "/api/v1/auth/sessions", json={"method": "sms", "phone": phone, "code": last_sms_code(app, phone)}
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def resident_token(phone: str) -> str:
    """A new resident with this phone and a live session, minted directly (no SMS): its access token.
    In the caller's app context; the caller commits."""
    resident = residents.new_resident(phone)
    session = sessions.open_session(
        resident_id=resident.id, method="sms", client="test", ip="127.0.0.1", lifetime=timedelta(hours=1)
    )
    return issue_tokens(session, "resident")["access_token"]


def app_context(app: Flask) -> AbstractContextManager[object]:
    """The app's context for a helper: the caller's own when it is already inside it. A second context would
    end by removing the session, detaching the caller's objects (on the PostgreSQL fixture, whose session
    outlives contexts)."""
    if has_app_context() and current_app._get_current_object() is app:
        return nullcontext()
    return app.app_context()
