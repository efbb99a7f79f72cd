"""Fixtures of the integration tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def postgres(database_url: str) -> str:
    """The test database's URL, or a skip on SQLite: concurrency on one writer at a time proves nothing."""
    if not database_url.startswith("postgresql"):
        pytest.skip("needs PostgreSQL (TEST_DATABASE_URL): on SQLite one writer at a time proves nothing")
    return database_url
