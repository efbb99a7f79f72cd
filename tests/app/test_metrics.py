"""The metrics the domain keeps (app/metrics.py): provider failures counted where they are handled, the
scrape-time gauges, and prometheus_client's multiprocess mode adding up the counts of several processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from flask import Flask
from prometheus_client.parser import text_string_to_metric_families

from app import jobs, metrics
from app.errors import LoginCodeInvalid, ProviderUnavailable, SmsUnavailable
from app.extensions import db
from app.models import Notification
from app.providers.base import ProviderError
from app.redis_store import get_store
from app.services import notify, otp, resident_auth, residents
from config import BASE_DIR, ConfigError, ProdConfig
from tests.test_config import GOOD_PROD


def scraped(text: str) -> dict[tuple, float]:
    """A scrape's samples: (name, *sorted label pairs) -> value."""
    return {
        (sample.name, *sorted(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def sample(app: Flask, name: str, **labels: str) -> float | None:
    with app.app_context():
        return app.extensions[metrics.EXTENSION].registry.get_sample_value(name, labels)


def failures(app: Flask, kind: str, provider: str) -> float | None:
    return sample(app, "palmgov_provider_failures_total", kind=kind, provider=provider)


def test_a_failed_login_sms_is_counted_once(app, monkeypatch):
    def down(*args, **kwargs):
        raise ProviderError("aliyun", "NETWORK", "ConnectTimeout", retryable=True)

    monkeypatch.setattr(app.extensions["palmgov.providers"]["SMS_PROVIDER"], "send", down)
    assert failures(app, "sms", "aliyun") is None
    with app.app_context(), pytest.raises(SmsUnavailable):
        otp.send_code("13800138000", "login", "127.0.0.1")
    assert failures(app, "sms", "aliyun") == 1


def test_a_login_provider_down_is_counted_but_a_bad_login_code_is_not(app, monkeypatch):
    with app.app_context(), pytest.raises(LoginCodeInvalid):
        resident_auth.login_with_provider("wechat", "not-a-sandbox-code", None, client="t", ip="127.0.0.1")
    assert failures(app, "login", "wechat") is None

    def down(code):
        raise ProviderError("wechat", "HTTP_502", "provider error", retryable=True)

    monkeypatch.setattr(app.extensions["palmgov.providers"]["WECHAT_LOGIN_PROVIDER"], "exchange_code", down)
    with app.app_context(), pytest.raises(ProviderUnavailable):
        resident_auth.login_with_provider("wechat", "sbx:someone", None, client="t", ip="127.0.0.1")
    assert failures(app, "login", "wechat") == 1


def test_a_notification_sms_that_failed_is_counted(app, monkeypatch):
    def busy(*args, **kwargs):
        raise ProviderError("tencent", "LimitExceeded.PhoneNumberDailyLimit", retryable=True)

    monkeypatch.setattr(app.extensions["palmgov.providers"]["SMS_PROVIDER"], "send", busy)
    with app.app_context():
        resident = residents.new_resident("13800138000")
        db.session.commit()
        called = {"number": "A012", "window": "05", "item": "社会保障卡申领"}  # never waits out quiet hours
        row = notify.notify(resident.id, "ticket_called", called, idempotency_key="ticket:1:called")
        db.session.commit()
        jobs.run_ready()
        assert db.session.get(Notification, row.id).attempts == 1
    assert failures(app, "sms", "tencent") == 1


def test_each_app_has_its_own_registry(app, build_app):
    other = build_app()
    with app.app_context():
        metrics.provider_failed("face", "tencent")
    assert failures(app, "face", "tencent") == 1
    assert failures(other, "face", "tencent") is None


def test_odd_methods_share_one_label_value(app):
    with app.app_context():
        metrics.observe_request("BREW", "/healthz", 405, 0.01)
    assert sample(app, "palmgov_http_request_duration_seconds_count", method="OTHER", endpoint="/healthz",
                  status="405") == 1  # fmt: skip


def test_the_job_queue_depth_is_what_waits_on_rq(app):
    from rq import Queue

    with app.app_context():
        Queue(jobs.QUEUE, connection=get_store().jobs_client).enqueue(print, "never run")
        values = scraped(metrics.render().decode())
    assert values["palmgov_job_queue_depth", ("queue", "palmgov")] == 1


def test_a_store_that_is_down_leaves_its_gauges_out_but_the_scrape_answers(build_app):
    app = build_app(redis_url="redis://127.0.0.1:1/0")
    with app.app_context():
        metrics.provider_failed("sms", "tencent")
        values = scraped(metrics.render().decode())
    assert values["palmgov_provider_failures_total", ("kind", "sms"), ("provider", "tencent")] == 1
    assert not [key for key in values if key[0] == "palmgov_job_queue_depth"]


class TestSettings:
    def test_production_needs_a_long_token_when_enabled(self):
        ProdConfig(GOOD_PROD).validate()  # off: no token needed
        with pytest.raises(ConfigError, match="METRICS_TOKEN"):
            ProdConfig({**GOOD_PROD, "METRICS_ENABLED": "true", "METRICS_TOKEN": "short"}).validate()
        ProdConfig({**GOOD_PROD, "METRICS_ENABLED": "true", "METRICS_TOKEN": "t" * 32}).validate()

    def test_a_folder_set_after_the_process_started_is_refused(self, build_app, tmp_path):
        # prometheus_client chose single-process values when it was imported, without the variable.
        with pytest.raises(ConfigError, match="PROMETHEUS_MULTIPROC_DIR"):
            build_app(PROMETHEUS_MULTIPROC_DIR=str(tmp_path))


class TestMultiprocessFolder:
    def test_a_previous_runs_files_are_removed(self, tmp_path):
        dead = _dead_pid()
        (tmp_path / f"counter_{dead}.db").write_bytes(b"old")
        (tmp_path / f"histogram_{dead}.db").write_bytes(b"old")
        metrics.prepare_directory(tmp_path)
        assert list(tmp_path.iterdir()) == []

    def test_files_are_kept_while_a_process_writes_there(self, tmp_path):
        (tmp_path / f"counter_{_dead_pid()}.db").write_bytes(b"a worker that ended")
        (tmp_path / f"counter_{os.getppid()}.db").write_bytes(b"a live process")
        metrics.prepare_directory(tmp_path)
        assert len(list(tmp_path.iterdir())) == 2

    def test_the_folder_is_made(self, tmp_path):
        metrics.prepare_directory(tmp_path / "new")
        assert (tmp_path / "new").is_dir()


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


# Each process builds the app with the folder in its environment from the start, as gunicorn's workers do.
# A counting process stays up until told (its line of stdin), as a worker does while the scrape adds it up.
_PROCESS = """
import json, os, sys
from config import TestConfig
from app import create_app, metrics
config = TestConfig({**os.environ, "DATABASE_URL": sys.argv[1], "REDIS_URL": sys.argv[2], "METRICS_ENABLED": "true"})
app = create_app(config)
if sys.argv[3] == "count":
    with app.app_context():
        metrics.provider_failed("sms", "aliyun")
    app.test_client().get("/healthz")
    print("counted", flush=True)
    sys.stdin.readline()
else:
    print(json.dumps(app.test_client().get("/metrics").get_data(as_text=True)))
"""


def test_multiprocess_mode_adds_up_the_counts_of_every_process(app, tmp_path):
    folder = tmp_path / "metrics"
    env = {**os.environ, "PALMGOV_ENV": "test", "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    args = [sys.executable, "-c", _PROCESS, app.config["SQLALCHEMY_DATABASE_URI"], app.config["REDIS_URL"]]
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    counters = [subprocess.Popen([*args, "count"], cwd=BASE_DIR, env=env, **pipes) for _ in range(2)]
    try:
        for process in counters:
            assert process.stdout.readline() == "counted\n", process.communicate()[1][-2000:]
        assert len(list(folder.glob("counter_*.db"))) == 2  # one file per process
        scrape = subprocess.run([*args, "scrape"], cwd=BASE_DIR, env=env, capture_output=True, text=True, check=False)
        assert scrape.returncode == 0, scrape.stderr[-2000:]
    finally:
        for process in counters:
            process.communicate("done\n", timeout=60)
    values = scraped(json.loads(scrape.stdout))
    assert values["palmgov_provider_failures_total", ("kind", "sms"), ("provider", "aliyun")] == 2
    healthz = (("endpoint", "/healthz"), ("method", "GET"), ("status", "200"))
    assert values["palmgov_http_request_duration_seconds_count", *healthz] == 2
