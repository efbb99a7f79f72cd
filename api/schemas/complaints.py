"""Complaint (投诉) bodies."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.schemas.paging import PageQuerySchema, page_schema
from app.models.base import MAX_ID
from app.services import complaints

_ID = {"validate": validate.Range(min=1, max=MAX_ID)}


class ComplaintRequestSchema(Schema):
    category = fields.String(
        required=True,
        validate=validate.OneOf(complaints.CATEGORIES),
        metadata={
            "description": "attitude 服务态度 | efficiency 办事效率 | guide 办事指南 | platform 平台使用 | other"
        },
    )
    text = fields.String(required=True, validate=validate.Length(1, complaints.TEXT_MAX))
    ticket_id = fields.Integer(**_ID, metadata={"description": "Your ticket it is about (or application_id, or "
                                                              "department_code)"})  # fmt: skip
    application_id = fields.Integer(**_ID)
    department_code = fields.String(validate=validate.Length(1, 64))


class ReplyRequestSchema(Schema):
    text = fields.String(required=True, validate=validate.Length(1, complaints.REPLY_MAX))


class RatingRequestSchema(Schema):
    level = fields.Integer(
        required=True, validate=validate.OneOf(sorted(complaints.SATISFACTION)),
        metadata={"description": "3 满意, 2 基本满意, 1 不满意"},
    )  # fmt: skip


class StatusQuerySchema(PageQuerySchema):
    status = fields.String(validate=validate.OneOf((complaints.OPEN, complaints.REPLIED, complaints.CLOSED)))


class ComplaintSchema(Schema):
    id = fields.Integer(required=True)
    category = fields.String(required=True)
    text = fields.String(required=True)
    ticket_id = fields.Integer(required=True, allow_none=True)
    application_id = fields.Integer(required=True, allow_none=True)
    status = fields.String(required=True, metadata={"description": "open | replied | closed"})
    due_on = fields.Date(required=True, metadata={"description": "The hall-local day the answer is due"})
    reply = fields.String(required=True, allow_none=True)
    replied_at = fields.DateTime(required=True, allow_none=True)
    satisfaction = fields.Integer(required=True, allow_none=True, metadata={"description": "Your rating of the answer"})
    created_at = fields.DateTime(required=True)
    closed_at = fields.DateTime(required=True, allow_none=True)


ComplaintPageSchema = page_schema(ComplaintSchema, "ComplaintPage")
