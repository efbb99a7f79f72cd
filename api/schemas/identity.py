"""Real name, consents, face verification and proxy bodies."""

from marshmallow import Schema, fields, validate

from api.schemas.auth import PHONE_DOC
from api.schemas.fields import AsciiInteger, Masked
from app.security.masking import mask_name, mask_phone
from app.services import consents, face, proxies


class RealNameRequestSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=2, max=30), metadata={"example": "张三"})
    id_number = fields.String(
        required=True,
        validate=validate.Length(equal=18),
        metadata={"example": "11010519491231002X", "description": "GB 11643; a trailing x is stored as X"},
    )


class ActingForQuerySchema(Schema):
    acting_for = AsciiInteger(
        validate=validate.Range(min=1),
        metadata={"description": "Read the profile of a relative who granted you a proxy (代办)"},
    )


class ConsentTextSchema(Schema):
    kind = fields.String(required=True)
    version = fields.String(required=True)
    text_zh = fields.String(required=True)
    text_en = fields.String(required=True)


class ConsentRequestSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(tuple(consents.TEXTS)))
    version = fields.String(required=True, validate=validate.Length(max=16))


class ConsentSchema(Schema):
    kind = fields.String(required=True)
    version = fields.String(required=True)
    granted_at = fields.DateTime(required=True)


class ConsentListSchema(Schema):
    items = fields.List(fields.Nested(ConsentSchema), required=True)
    total = fields.Integer(required=True)


class FaceStartRequestSchema(Schema):
    purpose = fields.String(required=True, validate=validate.OneOf(face.PURPOSES))


class FaceStartedSchema(Schema):
    id = fields.String(required=True, attribute="verification.public_id")
    provider = fields.String(required=True, attribute="verification.provider")
    purpose = fields.String(required=True, attribute="verification.purpose")
    client_payload = fields.Dict(required=True, metadata={"description": "What the mini-program passes to the SDK"})
    expires_at = fields.DateTime(required=True, attribute="verification.expires_at")


class FaceCompletedSchema(Schema):
    id = fields.String(required=True, attribute="verification.public_id")
    purpose = fields.String(required=True, attribute="verification.purpose")
    status = fields.String(
        required=True,
        attribute="verification.status",
        metadata={"description": "pending, passed, failed, cancelled or expired"},
    )
    face_ticket = fields.String(
        allow_none=True, attribute="ticket", metadata={"description": "Single-use proof for one action; given once"}
    )
    ticket_expires_at = fields.DateTime(allow_none=True, attribute="verification.ticket_expires_at")


class CallbackAckSchema(Schema):
    received = fields.Boolean(required=True)


class ProxyInviteSchema(Schema):
    grantor_phone = fields.String(required=True, validate=validate.Length(max=20), metadata=PHONE_DOC)
    relation = fields.String(required=True, validate=validate.OneOf(proxies.RELATIONS))


class ProxyAcceptSchema(Schema):
    face_ticket = fields.String(required=True, validate=validate.Length(min=1, max=64))


class ProxyPartySchema(Schema):
    id = fields.Integer(required=True, metadata={"description": "Pass as acting_for to act for this person"})
    phone = Masked(mask_phone)
    name = Masked(mask_name)


class ProxyGrantSchema(Schema):
    id = fields.Integer(required=True, attribute="grant.id")
    my_role = fields.String(required=True, metadata={"description": "grantee (acts) or grantor (is acted for)"})
    other = fields.Nested(ProxyPartySchema, allow_none=True, metadata={"description": "The other person, masked"})
    relation = fields.String(required=True, attribute="grant.relation")
    status = fields.String(
        required=True, attribute="grant.status", metadata={"description": "pending, active, declined or revoked"}
    )
    created_at = fields.DateTime(required=True, attribute="grant.created_at")
    invitation_expires_at = fields.DateTime(required=True, attribute="grant.invitation_expires_at")
    accepted_at = fields.DateTime(allow_none=True, attribute="grant.accepted_at")
    ended_at = fields.DateTime(allow_none=True, attribute="grant.ended_at")


class ProxyGrantListSchema(Schema):
    items = fields.List(fields.Nested(ProxyGrantSchema), required=True)
    total = fields.Integer(required=True)
