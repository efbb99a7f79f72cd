"""/metrics under gunicorn (docs/metrics.md): with PROMETHEUS_MULTIPROC_DIR the workers' counts add up,
whichever worker answers the scrape, and a worker that dies leaves its counts behind."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import psutil
import pytest

from tests.app.test_metrics import scraped
from tests.integration import servers
from tests.integration.servers import get

HEALTHZ = (
    "palmgov_http_request_duration_seconds_count",
    ("endpoint", "/healthz"),
    ("method", "GET"),
    ("status", "200"),
)


@pytest.fixture
def server(database_url: str, tmp_path: Path):
    with servers.gunicorns(database_url, tmp_path) as start:
        yield start(2, METRICS_ENABLED="true", PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"))


def healthz_count(base: str) -> float:
    status, body = get(f"{base}/metrics")
    assert status == 200, body[:300]
    return scraped(body.decode())[HEALTHZ]


def workers(master: int) -> set[int]:
    return {child.pid for child in psutil.Process(master).children() if "redis" not in child.name()}


def test_the_workers_counts_add_up_and_outlive_a_worker(server):
    base, process = server
    before = healthz_count(base)  # the start-up probe's answer is counted too
    answers = servers.in_parallel([lambda: get(f"{base}/healthz") for _ in range(20)])
    assert [status for status, _ in answers] == [200] * 20
    assert {healthz_count(base) for _ in range(6)} == {before + 20}

    first = workers(process.pid)
    assert len(first) == 2
    os.kill(min(first), signal.SIGKILL)
    deadline = time.monotonic() + 30
    while (len(workers(process.pid)) < 2 or min(first) in workers(process.pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert min(first) not in workers(process.pid)
    assert {healthz_count(base) for _ in range(6)} == {before + 20}
