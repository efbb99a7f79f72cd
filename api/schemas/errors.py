"""The one error body every failure answers with."""

from marshmallow import Schema, fields


class ErrorSchema(Schema):
    code = fields.String(
        required=True, metadata={"description": "Stable machine-readable code, e.g. SLOT_FULL", "example": "NOT_FOUND"}
    )
    message = fields.String(
        required=True, metadata={"description": "Human-readable message (Chinese, English or both per Accept-Language)"}
    )
    request_id = fields.String(required=True, metadata={"description": "Echo of X-Request-ID; quote it to support"})
    details = fields.Dict(required=True, metadata={"description": "Extra facts, e.g. per-field validation errors"})
