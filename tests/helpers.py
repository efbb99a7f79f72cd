"""Helpers the tests share: log residents in through the real API with the sandbox providers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import timedelta

from flask import Flask, current_app, has_app_context
from flask.testing import FlaskClient
from sqlalchemy import event
from sqlalchemy.engine import Engine

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


_counting: list[list[str]] = []


@event.listens_for(Engine, "before_cursor_execute")
def _count(conn: object, cursor: object, statement: str, *args: object) -> None:
    # On the class, not an engine: the PostgreSQL fixture's connection is open before any test body runs.
    if _counting and not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO")):
        _counting[-1].append(statement)


@contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL statements run inside the block, savepoints left out (the PostgreSQL fixture's commits make them)."""
    seen: list[str] = []
    _counting.append(seen)
    try:
        yield seen
    finally:
        _counting.pop()
