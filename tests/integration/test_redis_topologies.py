"""The whole app on Redis behind Sentinel and on a Redis Cluster (issue 12): one visit end to end on each, touching
every kind of Redis state (login codes and their limits, the session cache, the per-IP limit, idempotency marks,
the availability cache, staff lockout counts, queue scripts, board events read by the blocking listener).
Sentinel also fails over to the replica, and the app follows the new master."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
import redis
import time_machine
from flask import Flask
from redis.cluster import ClusterNode, RedisCluster
from rq import Queue, SimpleWorker
from sqlalchemy import select

from app import demo
from app.extensions import db
from app.models import Window
from app.redis_store import get_redis
from app.services import board
from tests.booking_helpers import QUEUE_OPEN
from tests.helpers import bearer, sms_login
from tests.integration.servers import SentinelSet, wait_for_failover
from tests.queue_helpers import SOCIAL_CARD, demo_hall
from tests.staff_helpers import create_staff, staff_headers

SECOND_PHONE = "13900139000"
FAILOVER_ATTEMPTS = 50  # requests after a failover until one reaches the new master (the first may get 503)


@dataclass(frozen=True)
class Visit:
    app: Flask
    hall: int
    window: int
    clerk: dict[str, str]

    def take(self, phone: str, key: str):
        headers = bearer(sms_login(self.app, self.app.test_client(), phone)["access_token"])
        body = {"item_code": SOCIAL_CARD}
        return self.app.test_client().post(
            f"/api/v1/halls/{self.hall}/tickets", json=body, headers={**headers, "Idempotency-Key": key}
        )

    def call_next(self):
        return self.app.test_client().post(f"/api/v1/windows/{self.window}/call-next", headers=self.clerk)


@pytest.fixture
def open_hall() -> Iterator[None]:
    with time_machine.travel(QUEUE_OPEN, tick=False):
        yield


def visit(app: Flask) -> Visit:
    """The demo city, a resident who logs in and takes a ticket (and retries), a clerk who calls it."""
    with app.app_context():
        demo.seed()
    client = app.test_client()
    hall = demo_hall(app, "H1")
    resident = bearer(sms_login(app, client)["access_token"])
    assert client.get("/api/v1/me", headers=resident).status_code == 200
    found = client.get(f"/api/v1/halls/{hall}/availability", query_string={"item": SOCIAL_CARD})
    assert found.status_code == 200, found.get_json()
    taking = {"json": {"item_code": SOCIAL_CARD}, "headers": {**resident, "Idempotency-Key": "topology-1"}}
    taken = client.post(f"/api/v1/halls/{hall}/tickets", **taking)
    assert (taken.status_code, taken.get_json()["number"]) == (201, "A001"), taken.get_json()
    retried = client.post(f"/api/v1/halls/{hall}/tickets", **taking)
    assert (retried.get_json()["id"], retried.headers["Idempotent-Replayed"]) == (taken.get_json()["id"], "true")
    clerk = staff_headers(client, create_staff(app, "clerk", ("window_staff", "hall", hall)))
    with app.app_context():
        window = db.session.scalar(select(Window.id).where(Window.hall_id == hall, Window.number == "01"))
    seen = Visit(app, hall, window, clerk)
    called = seen.call_next()
    assert (called.status_code, called.get_json()["ticket"]["number"]) == (200, "A001"), called.get_json()
    with app.app_context():
        kinds = [kind for _, kind, _ in board.events(hall, "0", block_ms=1)]
    assert "call" in kinds
    return seen


def test_the_app_runs_on_the_master_sentinel_names_and_follows_a_failover(
    sentinel: SentinelSet, build_app: Callable[..., Flask], open_hall: None
):
    app = build_app(redis_url=f"redis+sentinel://127.0.0.1:{sentinel.sentinel_port}/{sentinel.name}")
    seen = visit(app)
    master = redis.Redis(port=sentinel.master_port, socket_timeout=2)
    assert master.dbsize() > 0
    assert seen.take(SECOND_PHONE, "topology-2").get_json()["number"] == "A002"
    assert master.wait(1, 10_000) == 1  # the replica has every write before the failover

    wait_for_failover(sentinel)
    answers = []
    while len(answers) < FAILOVER_ATTEMPTS and (not answers or answers[-1].status_code == 503):
        answers.append(seen.call_next())  # the old master now refuses writes: the client asks the sentinel again
    assert answers[-1].status_code == 200, [answer.get_json() for answer in answers]
    assert answers[-1].get_json()["ticket"]["number"] == "A002"  # the line came over with the replica
    with app.app_context():
        assert get_redis().connection_pool.get_master_address()[1] == sentinel.replica_port


def test_the_app_runs_on_a_redis_cluster(cluster_ports: list[int], build_app: Callable[..., Flask], open_hall: None):
    startup = ",".join(f"127.0.0.1:{port}" for port in cluster_ports[:2])  # the third is found from these
    visit(build_app(redis_url=f"redis+cluster://{startup}"))
    nodes = [redis.Redis(port=port, socket_timeout=2) for port in cluster_ports]
    assert sum(1 for node in nodes if node.dbsize() > 0) > 1  # the app's keys are spread over the masters


def test_rq_needs_a_single_redis_beside_a_cluster(cluster_ports: list[int]):
    """Why JOBS_REDIS_URL exists: RQ's worker is built on a single server's connection pool."""
    cluster = RedisCluster(startup_nodes=[ClusterNode("127.0.0.1", port) for port in cluster_ports], socket_timeout=2)
    with pytest.raises(AttributeError, match="connection_pool"):
        SimpleWorker([Queue("palmgov", connection=cluster)], connection=cluster)
    cluster.close()
