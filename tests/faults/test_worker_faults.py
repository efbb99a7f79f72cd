"""A job worker dying mid-send: ``flask worker`` SIGKILLed while its SMS is at the provider.

What app/services/notify.py promises: at most once. A row is claimed (``sending``, committed) before the
provider is called, and only ``queued`` rows are ever claimed, so no later worker or sweep sends it again; a row
left ``sending`` for ``STUCK_AFTER`` is failed with the reason, for a person to look at. The window: a message
whose sender died before the provider took it is not sent at all (failed, not lost from view)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import time_machine
from werkzeug.wrappers import Request, Response

from app import jobs
from app.extensions import db
from app.models import Notification
from app.models.base import utcnow
from app.services import notify
from tests.faults.test_provider_faults import ALIYUN, outbox_app, queue_reminder, sms_ok
from tests.integration.servers import ROOT


def flask_worker(app_url: str, redis_url: str, sms_url: str, log: Path, *options: str) -> subprocess.Popen:
    env = {
        **os.environ,
        **ALIYUN,
        "FLASK_APP": "wsgi",
        "PALMGOV_ENV": "test",
        "DATABASE_URL": app_url,
        "REDIS_URL": redis_url,
        "ALIYUN_SMS_ENDPOINT": sms_url,
        "PROVIDER_TIMEOUT_SECONDS": "30",
        "QUIET_HOURS": "",
    }
    flask = Path(sys.executable).parent / "flask"
    with log.open("ab") as output:
        return subprocess.Popen(
            [flask, "worker", *options], cwd=ROOT, env=env, stdout=output, stderr=output, start_new_session=True
        )


def test_a_worker_killed_mid_send_never_sends_twice(build_app, redis_process, fake_server, tmp_path):
    arrived, release = threading.Event(), threading.Event()

    def hold(request: Request) -> Response:
        arrived.set()
        release.wait(30)
        return sms_ok(request)

    server = fake_server(hold)
    app = outbox_app(build_app, server.url, redis_url=redis_process.url)
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    log = tmp_path / "worker.log"
    with app.app_context():
        notification = queue_reminder(app)
        jobs.run_ready()  # on RQ, for the worker

    worker = flask_worker(database, redis_process.url, server.url, log)
    try:
        assert arrived.wait(60), log.read_text()
        with app.app_context():
            assert db.session.get(Notification, notification).status == "sending"
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        release.set()

    again = flask_worker(database, redis_process.url, server.url, log, "--burst")
    assert again.wait(60) == 0, log.read_text()  # runs what RQ holds, then one sweep
    with app.app_context(), time_machine.travel(utcnow() + notify.STUCK_AFTER * 2):
        notify.send_due()
        row = db.session.get(Notification, notification)
        assert (row.status, row.attempts) == ("failed", 1)
        assert "not repeated" in row.last_error
    assert len(server.requests) == 1
