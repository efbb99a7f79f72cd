"""Fixtures of the integration tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.servers import SentinelSet, redis_cluster, redis_sentinel


@pytest.fixture
def postgres(database_url: str) -> str:
    """The test database's URL, or a skip on SQLite: concurrency on one writer at a time proves nothing."""
    if not database_url.startswith("postgresql"):
        pytest.skip("needs PostgreSQL (TEST_DATABASE_URL): on SQLite one writer at a time proves nothing")
    return database_url


@pytest.fixture
def cluster_ports(tmp_path: Path) -> Iterator[list[int]]:
    """A three-master Redis Cluster on loopback ports (``servers.redis_cluster``)."""
    with redis_cluster(tmp_path / "cluster") as ports:
        yield ports


@pytest.fixture
def sentinel(tmp_path: Path) -> Iterator[SentinelSet]:
    """A master, its replica and a sentinel watching them (``servers.redis_sentinel``)."""
    with redis_sentinel(tmp_path / "sentinel") as found:
        yield found
