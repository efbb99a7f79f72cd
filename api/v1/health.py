"""Liveness and readiness probes for load balancers and Kubernetes."""

from __future__ import annotations

from api.blueprint import Blueprint
from api.schemas.health import HealthSchema, ReadinessSchema
from app.services import health

blp = Blueprint("health", __name__, url_prefix="", description="Process and dependency health")


@blp.get("/healthz")
@blp.response(200, HealthSchema)
def healthz() -> dict:
    """The process is up (no dependency is checked)."""
    return {"status": "ok"}


@blp.get("/readyz")
@blp.response(200, ReadinessSchema)
@blp.errors(503)
def readyz() -> dict:
    """The database and Redis answer; 503 ``NOT_READY`` names what is down. ``warnings`` lists what to fix
    soon, e.g. ``CALENDAR_NOT_COVERED``: this year or the next is missing from the working-day calendar."""
    ready = health.readiness()
    return {"status": "ok", "checks": ready.checks, "warnings": ready.warnings}
