"""好差评 bodies: a rating, the resident's list, and the 差评 work order with its steps.

No answer names the resident: ratings and work orders carry ids of the service chain (ticket, application,
department, hall, window, staff), never a name or a phone number.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from api.schemas.calendar import StrictBoolean
from api.schemas.paging import PageQuerySchema, page_schema
from app.models.base import MAX_ID
from app.services import evaluations, work_orders

_ID = validate.Range(min=1, max=MAX_ID)
_TEXT = validate.Length(1, work_orders.TEXT_MAX)
_INDICATORS_DOC = (
    "Indicator -> level 1-5. Online (an application): overall, efficiency, guide_accuracy, convenience, usability; "
    "on site (a ticket): overall, efficiency, service_level, attitude"
)


class RatingBodySchema(Schema):
    level = fields.Integer(
        required=True, strict=True, validate=validate.Range(1, 5),
        metadata={"description": "5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意; 1-2 open a work order"},
    )  # fmt: skip
    indicators = fields.Dict(
        keys=fields.String(), values=fields.Integer(strict=True, validate=validate.Range(1, 5)),
        load_default=dict, metadata={"description": _INDICATORS_DOC},
    )  # fmt: skip
    tags = fields.List(
        fields.String(validate=validate.Length(1, evaluations.TAG_MAX)),
        load_default=list, validate=validate.Length(max=evaluations.TAGS_MAX),
    )  # fmt: skip
    comment = fields.String(load_default="", validate=validate.Length(max=evaluations.COMMENT_MAX))


class RateSchema(RatingBodySchema):
    ticket_id = fields.Integer(strict=True, validate=_ID, metadata={"description": "A hall visit (一次一评)"})
    application_id = fields.Integer(strict=True, validate=_ID, metadata={"description": "An application (一事一评)"})

    @validates_schema
    def _one_subject(self, data: dict[str, Any], **_kwargs: object) -> None:
        if ("ticket_id" in data) == ("application_id" in data):
            raise ValidationError("Give either ticket_id or application_id.", "_schema")


class DeviceRateSchema(RatingBodySchema):
    ticket_id = fields.Integer(required=True, strict=True, validate=_ID)


class WorkOrderBriefSchema(Schema):
    id = fields.Integer(required=True)
    status = fields.String(required=True, metadata={"enum": list(work_orders.STATUSES)})
    due_on = fields.Date(required=True, metadata={"description": "The hall-local day the reply is due"})
    reply = fields.String(required=True, allow_none=True)
    replied_at = fields.DateTime(required=True, allow_none=True)
    revisit_level = fields.Integer(required=True, allow_none=True, metadata={"description": "3 满意 … 1 不满意"})


class EvaluationSchema(Schema):
    id = fields.Integer(required=True)
    ticket_id = fields.Integer(required=True, allow_none=True)
    application_id = fields.Integer(required=True, allow_none=True)
    channel = fields.String(required=True, metadata={"enum": [evaluations.ONSITE, evaluations.ONLINE]})
    level = fields.Integer(required=True)
    level_text = fields.Function(
        lambda row: evaluations.LEVELS[row.level], required=True, metadata={"type": "string", "example": "满意"}
    )
    indicators = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    tags = fields.List(fields.String(), required=True)
    comment = fields.String(required=True)
    by_relative = fields.Function(
        lambda row: row.rated_by_id is not None, required=True,
        metadata={"type": "boolean", "description": "Given by a relative acting for the applicant (代办)"},
    )  # fmt: skip
    by_device = fields.Function(
        lambda row: row.device_id is not None, required=True,
        metadata={"type": "boolean", "description": "Given at the counter on an evaluator device"},
    )  # fmt: skip
    department_id = fields.Integer(required=True, allow_none=True)
    hall_id = fields.Integer(required=True, allow_none=True)
    window_id = fields.Integer(required=True, allow_none=True)
    staff_id = fields.Integer(required=True, allow_none=True, metadata={"description": "Who served"})
    created_at = fields.DateTime(required=True)
    appeal = fields.String(required=True, allow_none=True, metadata={"description": "pending | upheld | rejected"})
    excluded = fields.Boolean(required=True, metadata={"description": "An upheld appeal: out of the statistics"})


class MyEvaluationSchema(EvaluationSchema):
    work_order = fields.Nested(WorkOrderBriefSchema, required=True, allow_none=True)


EvaluationPageSchema = page_schema(MyEvaluationSchema, "EvaluationPage")


class WorkOrderEventSchema(Schema):
    at = fields.DateTime(required=True)
    action = fields.String(required=True)
    from_status = fields.String(required=True, allow_none=True)
    to_status = fields.String(required=True)
    actor = fields.String(attribute="actor_kind", required=True, metadata={"description": "resident | staff | system"})
    actor_id = fields.Function(
        lambda row: row.actor_id if row.actor_kind == "staff" else None,  # a resident's id is theirs alone
        required=True, allow_none=True, metadata={"type": "integer", "description": "Staff only"},
    )  # fmt: skip
    text = fields.String(required=True)


class WorkOrderSchema(WorkOrderBriefSchema):
    evaluation = fields.Nested(EvaluationSchema, required=True)
    department_id = fields.Integer(required=True, allow_none=True)
    hall_id = fields.Integer(required=True, allow_none=True, metadata={"description": "When no department answers"})
    verification = fields.String(required=True, allow_none=True)
    handling = fields.String(required=True, allow_none=True, metadata={"description": "rectify | explain"})
    handling_text = fields.String(required=True, allow_none=True)
    appeal_reason = fields.String(required=True, allow_none=True)
    appeal_decision = fields.String(required=True, allow_none=True, metadata={"description": "upheld | rejected"})
    appeal_note = fields.String(required=True, allow_none=True)
    created_at = fields.DateTime(required=True)
    closed_at = fields.DateTime(required=True, allow_none=True)
    allowed = fields.Function(
        work_orders.allowed, required=True,
        metadata={"type": "array", "items": {"type": "string"}, "description": "The steps that fit now"},
    )  # fmt: skip
    events = fields.List(fields.Nested(WorkOrderEventSchema), required=True)


class WorkOrderSummarySchema(WorkOrderBriefSchema):
    evaluation_id = fields.Integer(required=True)
    level = fields.Integer(attribute="evaluation.level", required=True)
    department_id = fields.Integer(required=True, allow_none=True)
    hall_id = fields.Integer(required=True, allow_none=True)
    created_at = fields.DateTime(required=True)


WorkOrderPageSchema = page_schema(WorkOrderSummarySchema, "WorkOrderPage")


class WorkOrderListQuerySchema(PageQuerySchema):
    status = fields.String(validate=validate.OneOf(work_orders.STATUSES))


class StepTextSchema(Schema):
    text = fields.String(required=True, validate=_TEXT)


class AppealSchema(Schema):
    reason = fields.String(required=True, validate=_TEXT, metadata={"description": "Why the rating is mistaken"})


class DecideSchema(Schema):
    upheld = StrictBoolean(required=True)
    note = fields.String(required=True, validate=_TEXT)


class RevisitSchema(Schema):
    level = fields.Integer(
        required=True, strict=True, validate=validate.Range(1, 3),
        metadata={"description": "The handling: 3 满意, 2 基本满意, 1 不满意"},
    )  # fmt: skip
