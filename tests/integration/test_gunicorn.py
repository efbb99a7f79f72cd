"""`make run`'s server for real: gunicorn with deploy/gunicorn.conf.py, two workers,
the embedded Redis started once in the master and shared by both workers."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def server(database_url: str, tmp_path: Path):
    if database_url.startswith("sqlite"):
        shutil.copyfile(database_url.removeprefix("sqlite:///"), tmp_path / "run.db")
        database_url = f"sqlite:///{tmp_path / 'run.db'}"
    port = _free_port()
    env = {
        **os.environ,
        "PALMGOV_ENV": "test",
        "DATABASE_URL": database_url,
        "REDIS_URL": "",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "RATE_LIMIT_PER_IP": "5",
    }
    process = subprocess.Popen(
        [Path(sys.executable).parent / "gunicorn", "-c", "deploy/gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if _get(f"{base}/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("gunicorn did not come up within 30 s")
    yield base, process
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)


def test_ready_and_documented(server):
    base, _ = server
    assert _get(f"{base}/readyz")[0] == 200
    status, page = _get(f"{base}/api/docs")
    assert status == 200
    assert b"swagger-ui" in page


def test_workers_share_one_embedded_redis_and_it_stops_with_the_server(server):
    base, process = server
    redis_servers = [p for p in psutil.Process(process.pid).children(recursive=True) if "redis-server" in p.name()]
    assert len(redis_servers) == 1
    # Counted in the one shared Redis, the per-IP limit of 5 holds across both workers.
    statuses = [_get(f"{base}/api/v1/nothing")[0] for _ in range(12)]
    assert statuses.count(404) == 5
    assert statuses.count(429) == 7
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)
    assert not redis_servers[0].is_running() or redis_servers[0].status() == psutil.STATUS_ZOMBIE
