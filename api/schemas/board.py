"""A hall's live board: what a display board or a phone shows; no personal data."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class BoardCallSchema(Schema):
    number = fields.String(required=True, metadata={"example": "A001"})
    category = fields.String(required=True, metadata={"example": "A"})
    window = fields.String(required=True, metadata={"example": "3"})
    called_at = fields.DateTime(required=True)
    announcement = fields.String(required=True, metadata={"example": "请A001号到3号窗口办理"})


class BoardLineSchema(Schema):
    prefix = fields.String(required=True, metadata={"example": "A"})
    name = fields.String(required=True)
    waiting = fields.Integer(required=True, metadata={"description": "Tickets of this line waiting now"})


class BoardSchema(Schema):
    hall_id = fields.Integer(required=True)
    hall_name = fields.String(required=True)
    day = fields.Date(required=True, metadata={"description": "The hall's today"})
    open_now = fields.Boolean(required=True)
    now_calling = fields.List(
        fields.Nested(BoardCallSchema),
        required=True,
        metadata={"description": "Called or being served, latest first (at most 5)"},
    )
    recent_calls = fields.List(
        fields.Nested(BoardCallSchema), required=True, metadata={"description": "The day's 10 latest calls"}
    )
    waiting = fields.List(fields.Nested(BoardLineSchema), required=True, metadata={"description": "Every line"})


class BoardStreamQuerySchema(Schema):
    last_event_id = fields.String(
        validate=validate.Regexp(r"^[0-9]{1,20}-[0-9]{1,20}\Z"),
        metadata={"description": "For clients that cannot send `Last-Event-ID`; the header wins"},
    )
