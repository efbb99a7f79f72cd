"""The OpenAPI spec the schemathesis tests generate cases from (tests/api/test_fuzz*.py)."""

from __future__ import annotations

from app import create_app
from config import TestConfig


def api_spec() -> dict:
    """The spec as /api/docs/openapi.json serves it, read from an app that touches no database or Redis."""
    spec_app = create_app(TestConfig({"DATABASE_URL": "sqlite://", "REDIS_URL": "redis://127.0.0.1:1/0"}))
    return spec_app.test_client().get("/api/docs/openapi.json").get_json()
