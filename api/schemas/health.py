from marshmallow import Schema, fields

from api.errors import localized
from app.services.health import CALENDAR_NOT_COVERED


class HealthSchema(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})


class ReadinessWarningSchema(Schema):
    code = fields.String(required=True, metadata={"example": CALENDAR_NOT_COVERED})
    year = fields.Integer(allow_none=True, metadata={"description": "The year concerned, for calendar warnings"})
    message = fields.Function(
        lambda warning: localized(warning.message_zh, warning.message_en),
        required=True,
        metadata={"type": "string", "description": "What to do about it"},
    )


class ReadinessSchema(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})
    checks = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        required=True,
        metadata={"example": {"database": "ok", "redis": "ok"}},
    )
    warnings = fields.List(
        fields.Nested(ReadinessWarningSchema),
        required=True,
        metadata={"description": "Things to fix soon; the instance is still ready. Empty when there are none"},
    )
