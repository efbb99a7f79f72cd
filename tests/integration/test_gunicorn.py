"""`make run`'s server for real: gunicorn with deploy/gunicorn.conf.py, several workers,
the embedded Redis started once in the master and shared by all workers."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from tests.integration import servers
from tests.integration.servers import Answer, Start, get, post_json


@pytest.fixture
def start_server(database_url: str, tmp_path: Path) -> Iterator[Start]:
    """``start_server(workers, **env)`` runs gunicorn on a copy of the test database; it stops after the test."""
    with servers.gunicorns(database_url, tmp_path) as start:
        yield start


@pytest.fixture
def server(start_server):
    return start_server(2, RATE_LIMIT_PER_IP="5")


def test_ready_and_documented(server):
    base, _ = server
    assert get(f"{base}/readyz")[0] == 200
    status, page = get(f"{base}/api/docs")
    assert status == 200
    assert b"swagger-ui" in page


def test_workers_share_one_embedded_redis_and_it_stops_with_the_server(server):
    base, process = server
    redis_servers = [p for p in psutil.Process(process.pid).children(recursive=True) if "redis-server" in p.name()]
    assert len(redis_servers) == 1
    # Counted in the one shared Redis, the per-IP limit of 5 holds across both workers.
    statuses = [get(f"{base}/api/v1/nothing")[0] for _ in range(12)]
    assert statuses.count(404) == 5
    assert statuses.count(429) == 7
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)
    assert not redis_servers[0].is_running() or redis_servers[0].status() == psutil.STATUS_ZOMBIE


def _same_phone(url: str, n: int) -> Answer:
    return post_json(url, b'{"phone": "13800138000"}')


def _many_phones(url: str, n: int) -> Answer:
    return post_json(url, f'{{"phone": "1370000{n:04d}"}}'.encode())


@pytest.mark.parametrize(
    ("request_for", "accepted"),
    [(_same_phone, 1), (_many_phones, 10)],  # one code per phone per 60 s; 10 codes per IP per minute
    ids=["same phone", "many phones from one IP"],
)
def test_sms_limits_hold_exactly_across_four_workers(start_server, request_for, accepted):
    base, _ = start_server(4)
    url = f"{base}/api/v1/auth/sms-codes"
    statuses = [status for status, _ in servers.in_parallel([lambda n=n: request_for(url, n) for n in range(20)])]
    assert sorted(statuses) == [202] * accepted + [429] * (20 - accepted)
