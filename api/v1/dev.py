"""Development only (never registered in production): what the platform would have told a resident."""

from __future__ import annotations

from api.blueprint import Blueprint
from api.schemas.notify import OutboxQuerySchema, OutboxSchema
from app.services import notify
from app.validators import normalize_phone

blp = Blueprint("dev", __name__, url_prefix="/api/v1/dev", description="Development helpers (not in production)")


@blp.get("/outbox")
@blp.arguments(OutboxQuerySchema, location="query")
@blp.response(200, OutboxSchema)
@blp.errors(503)
def outbox(query: dict) -> dict:
    """What a phone's resident was sent or will be sent, newest first: notifications (any status) and what the
    sandbox SMS provider delivered (login codes included, so a new user can read theirs)."""
    return {"items": notify.dev_outbox(normalize_phone(query["phone"]))}
