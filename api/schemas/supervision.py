"""电子监察 bodies: an alert with its events and the actions that fit, the list, and the staff actions."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.schemas.calendar import StrictBoolean
from api.schemas.paging import PageQuerySchema, page_schema
from app.services import supervision
from app.services import supervision_rules as rules

_NOTE = validate.Length(1, supervision.NOTE_MAX)


class AlertSummarySchema(Schema):
    id = fields.Integer(required=True)
    rule = fields.String(required=True, metadata={"description": "The rule's track, e.g. application_deadline"})
    level = fields.String(required=True, metadata={"enum": list(rules.LEVELS), "description": "预警, 黄牌, 红牌"})
    subject_type = fields.String(required=True, metadata={"enum": list(rules.SUBJECTS)})
    subject_id = fields.Integer(required=True, metadata={"description": "For a window: its session of the day"})
    department_id = fields.Integer(required=True, allow_none=True)
    hall_id = fields.Integer(required=True, allow_none=True)
    status = fields.String(required=True, metadata={"enum": list(supervision.STATUSES)})
    details = fields.Dict(required=True, metadata={"description": "Due dates, percent used, minutes waited…"})
    note = fields.String(required=True, allow_none=True)
    opened_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


AlertPageSchema = page_schema(AlertSummarySchema, "AlertPage")


class AlertEventSchema(Schema):
    at = fields.DateTime(required=True)
    action = fields.String(required=True)
    from_status = fields.String(required=True, allow_none=True)
    to_status = fields.String(required=True)
    from_level = fields.String(required=True, allow_none=True)
    to_level = fields.String(required=True)
    actor = fields.String(attribute="actor_kind", required=True, metadata={"description": "staff | system"})
    actor_id = fields.Integer(required=True, allow_none=True)
    note = fields.String(required=True)
    details = fields.Dict(required=True, metadata={"description": "The rule and who is to be told (notify.roles)"})


class AlertSchema(AlertSummarySchema):
    allowed = fields.Function(
        supervision.allowed, required=True,
        metadata={"type": "array", "items": {"type": "string"}, "description": "The actions that fit now"},
    )  # fmt: skip
    events = fields.List(fields.Nested(AlertEventSchema), required=True)


class AlertListQuerySchema(PageQuerySchema):
    level = fields.String(validate=validate.OneOf(rules.LEVELS))
    state = fields.String(validate=validate.OneOf(supervision.STATUSES))
    department = fields.String(validate=validate.Length(1, 64), metadata={"description": "A department code"})


class AlertAcknowledgeSchema(Schema):
    note = fields.String(validate=_NOTE)


class AlertNoteSchema(Schema):
    note = fields.String(required=True, validate=_NOTE)


class AlertAppealSchema(Schema):
    reason = fields.String(required=True, validate=_NOTE, metadata={"description": "Why the alert is wrong"})


class AlertDecideSchema(Schema):
    upheld = StrictBoolean(required=True)
    note = fields.String(required=True, validate=_NOTE)
