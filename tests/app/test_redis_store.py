from __future__ import annotations

import os
import socket
import threading

import psutil
import pytest
import redis

from app.errors import RedisUnavailable
from app.redis_store import Address, EmbeddedRedis, RedisStore, connect, get_redis, redis_errors


def test_a_hung_redis_costs_one_attempt_not_ten():
    """redis-py 8 retries ten times by default; ours must try once and give up."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])  # accept, then never answer
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept)
    thread.start()
    try:
        client = connect(f"redis://127.0.0.1:{listener.getsockname()[1]}/0")
        with pytest.raises(redis.TimeoutError):
            client.ping()
    finally:
        stop.set()
        thread.join()
        for conn in accepted:
            conn.close()
        listener.close()
    assert len(accepted) == 1


def test_redis_errors_become_a_domain_error():
    with pytest.raises(RedisUnavailable), redis_errors():
        connect("redis://127.0.0.1:1/0").ping()


def _redis_children() -> list[psutil.Process]:
    return [p for p in psutil.Process().children(recursive=True) if "redis-server" in p.name()]


def test_embedded_server_starts_answers_and_stops():
    server = EmbeddedRedis()
    client = connect(server.url)
    assert client.ping()
    server.stop()
    assert server.process.poll() is not None
    assert not os.path.exists(server.directory)


def test_a_forked_worker_does_not_stop_the_shared_server(monkeypatch):
    server = EmbeddedRedis()
    try:
        monkeypatch.setattr(os, "getpid", lambda: server.owner_pid + 1)
        server.stop()  # what a gunicorn worker's exit would run
        monkeypatch.undo()
        assert connect(server.url).ping()
    finally:
        server.stop()


def test_embedded_server_starts_lazily_and_once_per_app(build_app):
    before = len(_redis_children())
    app = build_app(redis_url="")
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0
    assert len(_redis_children()) == before  # no command or startup spawned one
    with app.app_context():
        assert get_redis().ping()  # first use starts it; it stops when this process exits
        assert get_redis() is get_redis()
        assert len(_redis_children()) == before + 1


@pytest.mark.parametrize(
    ("url", "port", "expected"),
    [
        ("redis+sentinel://s1:1,[::1]:2,s3/palmgov/2", 26379,
         Address([("s1", 1), ("::1", 2), ("s3", 26379)], None, None, ["palmgov", "2"])),
        ("redis+cluster://app:p%40ss@c1:7000,c2", 6379, Address([("c1", 7000), ("c2", 6379)], "app", "p@ss", [])),
        ("redis+cluster://:secret@c1", 6379, Address([("c1", 6379)], None, "secret", [])),
    ],
)  # fmt: skip
def test_sentinel_and_cluster_urls_name_several_nodes(url, port, expected):
    assert Address.parse(url, port) == expected


@pytest.mark.parametrize("url", ["redis+cluster://", "redis+sentinel://s1:26379", "redis+sentinel://s1:x/m"])
def test_a_bad_sentinel_or_cluster_url_is_refused(url):
    with pytest.raises(ValueError):
        connect(url)


def test_no_sentinel_answering_is_redis_unavailable():
    client = connect(f"redis+sentinel://127.0.0.1:{_closed_port()}/palmgov")
    with pytest.raises(RedisUnavailable), redis_errors():
        client.ping()


def test_no_cluster_node_answering_is_redis_unavailable():
    with pytest.raises(RedisUnavailable):
        connect(f"redis+cluster://127.0.0.1:{_closed_port()}")


def test_rq_uses_jobs_redis_url_when_set(clean_redis):
    store = RedisStore("redis+cluster://127.0.0.1:1", jobs_url=clean_redis)
    assert store.jobs_client.ping()  # the cluster was never asked
    single = RedisStore(clean_redis)
    single.client.set("job-check", "x")
    assert single.jobs_client.get("job-check") == b"x"  # the same server; bytes, as RQ's pickled jobs need
    assert single.jobs_client is not single.client


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
