"""The queue scripts on a real Redis Cluster (issue 7): three masters on loopback ports (the ``cluster_ports``
fixture). Every key of a hall day carries the hall's hash tag, so each script touches one slot and runs as is."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from redis.cluster import ClusterNode, RedisCluster

from app import queueing
from app.queueing import HallDay, Popped, Waiting

MASTERS = 3
OPEN = datetime(2026, 11, 23, 2, 0).astimezone()


@pytest.fixture
def cluster(cluster_ports: list[int]) -> Iterator[RedisCluster]:
    client = RedisCluster(startup_nodes=[ClusterNode("127.0.0.1", port) for port in cluster_ports],
                          decode_responses=True, socket_timeout=2, socket_connect_timeout=2)  # fmt: skip
    yield client
    client.close()


def test_numbers_lines_and_calls_run_on_a_three_master_cluster(cluster: RedisCluster, monkeypatch):
    monkeypatch.setattr(queueing, "get_redis", lambda: cluster)
    halls = [HallDay(hall_id, date(2026, 11, 23)) for hall_id in range(1, 13)]  # spread over the masters
    assert len({cluster.get_node_from_key(hall_day.key("seq", 1)).port for hall_day in halls}) == MASTERS
    for hall_day in halls:
        numbers = [queueing.next_number(hall_day, 1, 0) for _ in range(3)]
        assert numbers == [1, 2, 3]
        assert queueing.next_number(hall_day, 1, 10) == 11  # never below the database's highest
        for ticket_id, priority, minutes in ((1, "normal", 0), (2, "green", 5), (3, "normal", 10)):
            waiting = Waiting(ticket_id, "1", priority, OPEN + timedelta(minutes=minutes))
            queueing.join(hall_day, waiting, {"green": 30 * 60})
        queueing.join(hall_day, Waiting(4, "w3", "normal", OPEN), {})  # transferred to window 3
        assert queueing.position(hall_day, 3, "1") == 2
        assert queueing.leave(hall_day, 3, "1")
        popped = [queueing.call_next(hall_day, ["w3", "1"], 0, 0) for _ in range(4)]  # near: who is next now
        assert popped == [Popped(2, "1", 1), Popped(4, "w3", None), Popped(1, "1", None), None]
        queueing.load(hall_day, {"1"}, [Waiting(7, "1", "normal", OPEN)], {})
        assert queueing.is_built(hall_day)
        assert queueing.call_next(hall_day, ["1"], 0, 0) == Popped(7, "1", None)
