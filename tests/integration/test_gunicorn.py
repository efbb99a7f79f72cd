"""`make run`'s server for real: gunicorn with deploy/gunicorn.conf.py, several workers,
the embedded Redis started once in the master and shared by all workers."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    return _send(urllib.request.Request(url))  # noqa: S310 (loopback only)


def _post_json(url: str, body: bytes) -> tuple[int, bytes]:
    headers = {"Content-Type": "application/json"}
    return _send(urllib.request.Request(url, data=body, headers=headers))  # noqa: S310 (loopback only)


def _send(request: urllib.request.Request) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback only)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def start_server(database_url: str, tmp_path: Path) -> Iterator[Callable[..., tuple[str, subprocess.Popen]]]:
    """``start_server(workers, **env)`` runs gunicorn on a copy of the test database; it stops after the test."""
    processes: list[subprocess.Popen] = []

    def start(workers: int = 2, **settings: str) -> tuple[str, subprocess.Popen]:
        process, base = _start(database_url, tmp_path, workers, settings)
        processes.append(process)
        return base, process

    yield start
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)


@pytest.fixture
def server(start_server):
    return start_server(2, RATE_LIMIT_PER_IP="5")


def _start(database_url: str, tmp_path: Path, workers: int, settings: dict[str, str]) -> tuple[subprocess.Popen, str]:
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
        "WEB_CONCURRENCY": str(workers),
        **settings,
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
    return process, base


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


def _in_parallel(calls: list[Callable[[], tuple[int, bytes]]]) -> list[int]:
    """Run the calls at once (released by a barrier) and return their statuses."""
    barrier = threading.Barrier(len(calls))
    statuses: list[int] = []

    def run(call: Callable[[], tuple[int, bytes]]) -> None:
        barrier.wait()
        statuses.append(call()[0])

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def _same_phone(url: str, n: int) -> tuple[int, bytes]:
    return _post_json(url, b'{"phone": "13800138000"}')


def _many_phones(url: str, n: int) -> tuple[int, bytes]:
    return _post_json(url, f'{{"phone": "1370000{n:04d}"}}'.encode())


@pytest.mark.parametrize(
    ("request_for", "accepted"),
    [(_same_phone, 1), (_many_phones, 10)],  # one code per phone per 60 s; 10 codes per IP per minute
    ids=["same phone", "many phones from one IP"],
)
def test_sms_limits_hold_exactly_across_four_workers(start_server, request_for, accepted):
    base, _ = start_server(4)
    url = f"{base}/api/v1/auth/sms-codes"
    statuses = _in_parallel([lambda n=n: request_for(url, n) for n in range(20)])
    assert sorted(statuses) == [202] * accepted + [429] * (20 - accepted)
