"""On a real Redis, notifications go through RQ: enqueued after commit, delivered by `flask worker` (issue 5)."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine
from rq import Queue

from app import jobs
from app.extensions import db
from app.models import Notification
from app.providers.sandbox import SandboxSms
from app.redis_store import get_store
from app.services import notify, residents

DAYTIME = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
REMINDER = {
    "item": "社会保障卡申领",
    "time": "2026-11-24 09:30",
    "hall": "东区政务服务中心",
    "materials": "身份证等3项",
}


def test_a_job_waits_in_rq_until_the_worker_runs_it(build_app):
    app = build_app(JOBS_INLINE=False)
    with app.app_context(), time_machine.travel(DAYTIME):
        resident = residents.new_resident("13800138000")
        db.session.commit()
        row = notify.notify(resident.id, "appointment_reminder", REMINDER, idempotency_key="rq:1")
        db.session.commit()
        jobs.run_ready()
        assert Queue(jobs.QUEUE, connection=get_store().client).count == 1
        assert db.session.get(Notification, row.id).status == "queued" and SandboxSms.inbox("13800138000") == []

        result = app.test_cli_runner().invoke(args=["worker", "--burst"])
        assert result.exit_code == 0, result.output
        db.session.expire_all()
        assert db.session.get(Notification, row.id).status == "sent"
        assert SandboxSms.inbox("13800138000")[0]["template"] == "appointment_reminder"


def test_the_worker_is_not_for_the_embedded_redis(build_app):
    app = build_app(REDIS_URL="")
    result = app.test_cli_runner().invoke(args=["worker", "--burst"])
    assert result.exit_code != 0 and "inline" in result.output
