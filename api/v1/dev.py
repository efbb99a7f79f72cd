"""Development only (never registered in production): what the platform would have told a resident."""

from __future__ import annotations

from datetime import UTC, datetime

from api.blueprint import Blueprint
from api.schemas.notify import OutboxQuerySchema, OutboxSchema
from app.notify_templates import template
from app.providers.sandbox import SandboxSms
from app.services import notify, residents
from app.validators import normalize_phone

blp = Blueprint("dev", __name__, url_prefix="/api/v1/dev", description="Development helpers (not in production)")


@blp.get("/outbox")
@blp.arguments(OutboxQuerySchema, location="query")
@blp.response(200, OutboxSchema)
@blp.errors(503)
def outbox(query: dict) -> dict:
    """What a phone's resident was sent or will be sent, newest first: notifications (any status) and what the
    sandbox SMS provider delivered (login codes included, so a new user can read theirs)."""
    phone = normalize_phone(query["phone"])
    items = [
        {
            "source": "sandbox",
            "template": message["template"],
            "text": template(message["template"]).render(message["params"]),
            "channel": "sms",
            "status": "sent",
            "at": datetime.fromtimestamp(message["sent_at"], UTC),
        }
        for message in SandboxSms.inbox(phone)
    ]
    resident = residents.find_by_phone(phone)
    if resident is not None:
        items += [
            {
                "source": "outbox",
                "template": row.template,
                "text": notify.text_of(row),
                "channel": row.channel,
                "status": row.status,
                "at": row.created_at,
            }
            for row in notify.outbox_of(resident.id)
        ]
    return {"items": sorted(items, key=lambda item: item["at"], reverse=True)}
