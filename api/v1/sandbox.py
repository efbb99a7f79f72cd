"""Development-only endpoints for the sandbox providers (never registered in production).

- Read the SMS a sandbox "sent" to a phone (the login code).
- Finish a sandbox face session as passed or failed, as the liveness SDK would.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.blueprint import Blueprint
from api.schemas.auth import PHONE_DOC
from app.errors import NotFound
from app.providers.sandbox import SandboxFace, SandboxSms
from app.validators import normalize_phone

blp = Blueprint("sandbox", __name__, url_prefix="/api/v1/_sandbox", description="Sandbox providers (development only)")


class InboxRequestSchema(Schema):
    phone = fields.String(required=True, validate=validate.Length(max=20), metadata=PHONE_DOC)


class SmsMessageSchema(Schema):
    template = fields.String(required=True)
    params = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    sent_at = fields.Integer(required=True)


class InboxSchema(Schema):
    items = fields.List(fields.Nested(SmsMessageSchema), required=True)


class FaceResultSchema(Schema):
    result = fields.String(required=True, validate=validate.OneOf(SandboxFace.RESULTS))


@blp.post("/sms-inbox")
@blp.arguments(InboxRequestSchema)
@blp.response(200, InboxSchema)
@blp.errors(503)
def sms_inbox(data: dict) -> dict:
    """The last messages the sandbox SMS provider 'sent' to a phone, newest first."""
    return {"items": SandboxSms.inbox(normalize_phone(data["phone"]))}


@blp.post("/face/<string:ref>")
@blp.arguments(FaceResultSchema)
@blp.response(204)
@blp.errors(404, 503)
def finish_face(data: dict, ref: str) -> tuple[str, int]:
    """Play the resident's side of a sandbox face check: it passed or failed."""
    if not SandboxFace.finish(ref, data["result"]):
        raise NotFound()
    return "", 204
