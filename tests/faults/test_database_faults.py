"""The database failing under the app: connections killed by the server (a PostgreSQL restart), the server out of
reach, the pool exhausted, and a crash in the middle of a multi-row write."""

from __future__ import annotations

import psycopg
import time_machine
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from app.extensions import db
from app.models import Application, ApplicationEvent, Notification, Resident
from app.services import application_steps, applications
from tests.application_helpers import MONDAY_MORNING, PDF, draft, make_online_item
from tests.catalog_helpers import build_tree
from tests.helpers import CLOSED_PORT_POSTGRES, assert_error, bearer, resident_token

SMALL_POOL = {"pool_pre_ping": True, "pool_size": 1, "max_overflow": 0, "pool_timeout": 1}


def token_for(app: Flask, phone: str = "13900139000") -> str:
    with app.app_context():
        token = resident_token(phone)
        db.session.commit()
        return token


def terminate_other_backends(database_url: str) -> int:
    """What a PostgreSQL restart does to the app's pooled connections: the server ends them."""
    url = make_url(database_url)
    with psycopg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False)) as admin:
        ended = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()
    return ended[0]


def test_connections_the_server_killed_are_replaced_before_use(build_app, postgres):
    app = build_app(postgres)
    token = token_for(app)
    client = app.test_client()
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    assert terminate_other_backends(postgres) >= 1
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200  # pool_pre_ping


def test_without_pre_ping_a_killed_connection_would_fail_the_next_request(build_app, postgres):
    """The control: what pool_pre_ping saves us from (and even then a 503 with a code, not a 500)."""
    app = build_app(postgres, SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": False})
    token = token_for(app)
    client = app.test_client()
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    terminate_other_backends(postgres)
    assert_error(client.get("/api/v1/me", headers=bearer(token)), 503, "DB_UNAVAILABLE")


def test_an_unreachable_database_is_503_db_unavailable(build_app):
    client = build_app(database_url=CLOSED_PORT_POSTGRES).test_client()
    assert_error(client.get("/api/v1/items"), 503, "DB_UNAVAILABLE")
    sent = client.post("/api/v1/auth/sessions", json={"method": "sms", "phone": "13800138000", "code": "123456"})
    assert sent.status_code == 503 and sent.mimetype == "application/json"


def test_an_exhausted_pool_is_503_then_serves_again(build_app, postgres):
    app = build_app(postgres, SQLALCHEMY_ENGINE_OPTIONS=SMALL_POOL)
    token = token_for(app)
    client = app.test_client()
    with app.app_context():
        held = db.engine.connect()  # the pool's only connection, held by someone else
        try:
            assert_error(client.get("/api/v1/items"), 503, "DB_UNAVAILABLE")
            assert_error(client.get("/api/v1/me", headers=bearer(token)), 503, "AUTH_UNAVAILABLE")  # the session check
        finally:
            held.close()
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200


def test_a_crash_in_the_middle_of_a_submit_leaves_no_partial_rows(build_app, monkeypatch):
    app = build_app()
    with time_machine.travel(MONDAY_MORNING, tick=False):
        make_online_item(app, build_tree(app))
        client = app.test_client()
        with app.app_context():
            token = resident_token("13900139000")
            resident_id = db.session.scalar(select(Resident.id))
            application = draft(resident_id)
            applications.add_file(resident_id, application.id, "身份证", PDF, filename="id.pdf", now=MONDAY_MORNING)
            application_id = application.id
            db.session.commit()

        def crash(*_args: object) -> None:  # after the number, the status and the event row were written
            raise RuntimeError("injected crash")

        monkeypatch.setattr(application_steps, "_tell", crash)
        failed = client.post(f"/api/v1/applications/{application_id}/submit", headers=bearer(token))
        assert_error(failed, 500, "INTERNAL_ERROR")
        with app.app_context():
            row = db.session.get(Application, application_id)
            assert (row.status, row.number, row.submitted_at) == ("draft", None, None)
            events = select(func.count()).where(ApplicationEvent.application_id == application_id)
            assert db.session.scalar(events.where(ApplicationEvent.action == "submit")) == 0
            assert db.session.scalar(select(func.count(Notification.id))) == 0

        monkeypatch.undo()
        submitted = client.post(f"/api/v1/applications/{application_id}/submit", headers=bearer(token))
        assert submitted.status_code == 200, submitted.get_json()
        assert submitted.get_json()["number"]
        with app.app_context():
            assert db.session.scalar(events.where(ApplicationEvent.action == "submit")) == 1
