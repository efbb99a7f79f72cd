"""Application (办件) bodies: drafts, uploads, steps, the timeline, the deadline and public progress."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from api.schemas.calendar import IsoDate
from api.schemas.fields import Masked
from api.schemas.paging import PageQuerySchema, page_schema
from app.models.base import MAX_ID
from app.security.masking import mask_id_number, mask_name, mask_phone
from app.services import application_lifecycle as lifecycle
from app.services import applications
from app.services.checks import REASON_MAX, REASON_MIN

_MASKS = {"phone": mask_phone, "id_number": mask_id_number}
_FORM_DOC = {"description": "Answers keyed by the item's form field names (see the item's `application_form`)"}


class CreateApplicationSchema(Schema):
    item_code = fields.String(required=True, validate=validate.Length(1, 64))
    form = fields.Dict(keys=fields.String(), load_default=dict, metadata=_FORM_DOC)
    acting_for = fields.Integer(
        validate=validate.Range(min=1, max=MAX_ID), metadata={"description": "Apply for a relative (代办)"}
    )


class UpdateApplicationSchema(Schema):
    form = fields.Dict(
        keys=fields.String(),
        required=True,
        metadata={"description": "The answers to change; a null removes one. Only while draft or in 补正"},
    )


class CommentSchema(Schema):
    comment = fields.String(validate=validate.Length(max=lifecycle.COMMENT_MAX))


class MaterialUploadSchema(Schema):
    material = fields.String(
        required=True,
        validate=validate.Length(1, 128),
        metadata={"description": "The checklist line's name (one whose `upload` is true)"},
    )


UPLOAD_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["material", "file"],
                    "properties": {
                        "material": {"type": "string", "description": "The checklist line's name"},
                        "file": {"type": "string", "format": "binary", "description": "PDF, JPEG or PNG"},
                    },
                }
            }
        },
    }
}


class TransitionSchema(Schema):
    action = fields.String(
        required=True,
        validate=validate.OneOf(sorted(lifecycle.ACTIONS)),
        metadata={"description": "The step; `allowed_actions` of the application lists those that fit now"},
    )
    comment = fields.String(metadata={"description": "For the resident and the record"})
    reason = fields.String(metadata={"description": "not_accept, refuse, special_start, revoke"})
    legal_basis = fields.String(metadata={"description": "special_start"})
    items = fields.List(fields.String(), metadata={"description": "request_correction: everything missing, at once"})
    materials = fields.List(fields.String(), metadata={"description": "approve_pending: the materials to follow"})
    method = fields.String(metadata={"description": "deliver: download | pickup | post"})


class ApplicationListQuerySchema(PageQuerySchema):
    status = fields.String(validate=validate.OneOf(lifecycle.STATES))


class StaffApplicationListQuerySchema(ApplicationListQuerySchema):
    due_before = IsoDate(metadata={"description": "Open cases whose promised deadline is before this hall date"})


class ClockSchema(Schema):
    started_on = fields.Date(required=True, allow_none=True, metadata={"description": "The count starts after it"})
    promised_due = fields.Date(required=True, allow_none=True)
    legal_due = fields.Date(required=True, allow_none=True)
    days_used = fields.Integer(required=True, metadata={"description": "Working days, paused days excluded"})
    paused_days = fields.Integer(required=True)
    promised_left = fields.Integer(required=True, allow_none=True)
    legal_left = fields.Integer(required=True, allow_none=True)
    percent_used = fields.Float(required=True, allow_none=True)
    paused = fields.Boolean(required=True, metadata={"description": "补正 or 特别程序: the clock stands still"})
    stopped = fields.Boolean(required=True)
    overdue = fields.Boolean(required=True)


class EventSchema(Schema):
    action = fields.String(required=True)
    from_status = fields.String(required=True)
    to_status = fields.String(required=True)
    code = fields.Integer(required=True, allow_none=True, metadata={"description": "National code of the step"})
    at = fields.DateTime(required=True)
    actor = fields.String(attribute="actor_kind", required=True, metadata={"description": "resident | staff"})
    comment = fields.String(required=True)
    details = fields.Dict(required=True, metadata={"description": "reason, items, legal_basis, materials, method"})


class FileSchema(Schema):
    id = fields.Integer(required=True)
    material = fields.String(required=True)
    filename = fields.String(required=True)
    media_type = fields.String(required=True)
    size = fields.Integer(required=True)
    uploaded_at = fields.DateTime(required=True)


class MaterialLineSchema(Schema):
    name = fields.String(required=True)
    required = fields.Boolean(required=True)
    upload = fields.Boolean(required=True)
    files = fields.Integer(required=True)


class ApplicationSchema(Schema):
    id = fields.Integer(attribute="application.id", required=True)
    number = fields.String(attribute="application.number", required=True, allow_none=True,
                           metadata={"description": "办件编号, once submitted"})  # fmt: skip
    item_code = fields.String(attribute="application.item_code", required=True)
    item_name = fields.String(attribute="application.item.name", required=True)
    department = fields.String(attribute="application.department.name", required=True)
    status = fields.String(attribute="application.status", required=True)
    status_code = fields.Integer(attribute="code", required=True, allow_none=True,
                                 metadata={"description": "The national 办件 status code (1-15)"})  # fmt: skip
    acting_for = fields.Method("_acting_for", required=True, allow_none=True)
    form = fields.Method("_form", required=True, metadata={"description": "Phone and ID numbers masked"})
    materials = fields.List(fields.Nested(MaterialLineSchema), required=True)
    files = fields.List(fields.Nested(FileSchema), required=True)
    correction = fields.List(fields.String(), required=True, allow_none=True,
                             metadata={"description": "While in 补正: everything missing"})  # fmt: skip
    deadline = fields.Nested(ClockSchema, attribute="clock", required=True)
    allowed_actions = fields.List(fields.String(), attribute="allowed", required=True)
    timeline = fields.List(fields.Nested(EventSchema), attribute="events", required=True)
    result = fields.Dict(attribute="application.result", required=True)
    created_at = fields.DateTime(attribute="application.created_at", required=True)
    submitted_at = fields.DateTime(attribute="application.submitted_at", required=True, allow_none=True)
    updated_at = fields.DateTime(attribute="application.updated_at", required=True)

    def _acting_for(self, view: applications.ApplicationView) -> int | None:
        application = view.application
        return application.resident_id if application.resident_id != application.created_by_id else None

    def _form(self, view: applications.ApplicationView) -> dict[str, Any]:
        types = {field["name"]: field["type"] for field in view.application.item.application_form}
        return {
            name: _MASKS[types[name]](value) if name in view.sensitive and isinstance(value, str) else value
            for name, value in view.form.items()
        }


class StaffApplicationSchema(ApplicationSchema):
    applicant_name = Masked(mask_name, attribute="applicant.name", required=True)
    applicant_phone = Masked(mask_phone, attribute="applicant.phone", required=True)


class ApplicationSummarySchema(Schema):
    id = fields.Integer(required=True)
    number = fields.String(required=True, allow_none=True)
    item_code = fields.String(required=True)
    item_name = fields.String(attribute="item.name", required=True)
    status = fields.String(required=True)
    status_code = fields.Function(applications.progress_code, required=True, allow_none=True)
    promised_due = fields.Date(required=True, allow_none=True)
    submitted_at = fields.DateTime(required=True, allow_none=True)
    updated_at = fields.DateTime(required=True)


ApplicationPageSchema = page_schema(ApplicationSummarySchema, "ApplicationPage")


# --- Public progress -------------------------------------------------------------------------------


class LookupSchema(Schema):
    number = fields.String(required=True, validate=validate.Length(1, 32), metadata={"description": "办件编号"})
    phone_last4 = fields.String(
        required=True, validate=validate.Regexp(r"^[0-9]{4}\Z"), metadata={"description": "申请人手机号后四位"}
    )


class PublicEventSchema(Schema):
    action = fields.String(required=True)
    to_status = fields.String(required=True)
    code = fields.Integer(required=True, allow_none=True)
    at = fields.DateTime(required=True)


class ProgressSchema(Schema):
    number = fields.String(attribute="application.number", required=True)
    item_name = fields.String(attribute="application.item.name", required=True)
    department = fields.String(attribute="application.department.name", required=True)
    applicant = Masked(mask_name, attribute="applicant_name", required=True)
    status = fields.String(attribute="application.status", required=True)
    status_code = fields.Integer(attribute="code", required=True, allow_none=True)
    submitted_at = fields.DateTime(attribute="application.submitted_at", required=True)
    deadline = fields.Nested(ClockSchema, attribute="clock", required=True)
    timeline = fields.List(fields.Nested(PublicEventSchema), attribute="events", required=True)


class RevealFormSchema(Schema):
    reason = fields.String(
        required=True,
        validate=validate.Length(REASON_MIN, REASON_MAX),
        metadata={"description": "Why you need the full answers; kept in the audit log", "example": "核验子女身份信息"},
    )


class RevealedFormSchema(Schema):
    form = fields.Dict(required=True, metadata={"description": "The answers, nothing masked"})
