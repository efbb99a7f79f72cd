"""Redis hung (SIGSTOP) and back (SIGCONT): one short timeout per call and no retry storm, security checks that
fail closed, reads that do not need Redis still answered, and recovery without a restart.

Redis killed or flushed is proven elsewhere (docs/reliability.md): ticket numbering continues from the database
(tests/integration/test_queue_redis_fault.py), logout holds after FLUSHALL (tests/api/v1/test_auth.py).
"""

from __future__ import annotations

from app.extensions import db
from app.providers.sandbox import SandboxSms
from app.redis_store import TIMEOUT_SECONDS, get_store
from tests.helpers import assert_error, bearer, resident_token

PHONE = "13800138000"


def test_a_hung_redis_fails_closed_and_recovers_without_a_restart(build_app, redis_process):
    app = build_app(redis_url=redis_process.url)
    client = app.test_client()
    with app.app_context():
        token, revoked = resident_token("13900139000"), resident_token("13900139001")
        db.session.commit()
        policy = get_store().client
    assert client.delete("/api/v1/auth/sessions/current", headers=bearer(revoked)).status_code == 204
    # What bounds a call while Redis hangs: one attempt, 0.5 s to connect and to answer (measured: docs).
    assert policy.get_retry()._retries == 0
    assert policy.connection_pool.connection_kwargs["socket_timeout"] == TIMEOUT_SECONDS
    assert policy.connection_pool.connection_kwargs["socket_connect_timeout"] == TIMEOUT_SECONDS

    redis_process.pause()
    try:
        assert client.get("/api/v1/items").status_code == 200  # the catalogue needs no Redis
        assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200  # the session, from the database
        assert_error(client.get("/api/v1/me", headers=bearer(revoked)), 401, "AUTH_TOKEN_REVOKED")
        sent = client.post("/api/v1/auth/sms-codes", json={"phone": PHONE, "purpose": "login"})
        assert_error(sent, 503, "RATE_LIMIT_UNAVAILABLE")  # the send limit cannot be checked: nothing is sent
    finally:
        redis_process.resume()
    with app.app_context():
        assert SandboxSms.inbox(PHONE) == []  # the sandbox's inbox is in Redis: read once it answers again

    sent = client.post("/api/v1/auth/sms-codes", json={"phone": PHONE, "purpose": "login"})
    assert sent.status_code == 202, sent.get_json()
    assert_error(client.get("/api/v1/me", headers=bearer(revoked)), 401, "AUTH_TOKEN_REVOKED")
