"""A resident's copy of their own data (``GET /me/export``) and the answer to account deletion.

The export shows the resident's own phone, name and ID number in full (PIPL Art. 45: it is their data);
login subjects stay masked, and keyed hashes and tokens are never part of it.
"""

from __future__ import annotations

from marshmallow import Schema, fields

from api.schemas.fields import Masked
from app.security.masking import mask_id_number

_Time = fields.DateTime


class OwnProfileSchema(Schema):
    id = fields.Integer(required=True)
    phone = fields.String(allow_none=True, metadata={"description": "In full: the resident's own data"})
    name = fields.String(allow_none=True)
    id_number = fields.String(allow_none=True)
    assurance_level = fields.Integer(required=True)
    real_name_at = fields.DateTime(allow_none=True)
    elderly_mode = fields.Boolean(required=True)


class AccountSchema(Schema):
    created_at = _Time(required=True)
    elderly_mode = fields.Boolean(required=True)


class IdentityExportSchema(Schema):
    provider = fields.String(required=True)
    subject = Masked(mask_id_number, metadata={"description": "The WeChat/Alipay user id, masked"})
    created_at = _Time(required=True)


class SessionExportSchema(Schema):
    id = fields.String(required=True, attribute="public_id")
    method = fields.String(required=True)
    client = fields.String(required=True)
    ip = fields.String(required=True)
    created_at = _Time(required=True)
    last_used_at = _Time(required=True)
    expires_at = _Time(required=True)
    revoked_at = fields.DateTime(allow_none=True)
    revoke_reason = fields.String(allow_none=True)


class ConsentExportSchema(Schema):
    kind = fields.String(required=True)
    version = fields.String(required=True)
    granted_at = _Time(required=True)
    withdrawn_at = fields.DateTime(allow_none=True)


class FaceCheckExportSchema(Schema):
    """No image is stored, only the outcome."""

    id = fields.String(required=True, attribute="public_id")
    purpose = fields.String(required=True)
    provider = fields.String(required=True)
    status = fields.String(required=True)
    score = fields.Float(allow_none=True)
    created_at = _Time(required=True)
    completed_at = fields.DateTime(allow_none=True)


class ProxyExportSchema(Schema):
    id = fields.Integer(required=True)
    grantee_id = fields.Integer(required=True)
    grantor_id = fields.Integer(allow_none=True)
    relation = fields.String(required=True)
    status = fields.String(required=True)
    created_at = _Time(required=True)
    accepted_at = fields.DateTime(allow_none=True)
    ended_at = fields.DateTime(allow_none=True)


class AppointmentExportSchema(Schema):
    reference = fields.String(required=True, attribute="appointment.reference")
    item_code = fields.String(required=True)
    item_name = fields.String(required=True)
    hall_name = fields.String(required=True)
    day = fields.Date(required=True, attribute="appointment.day")
    starts_at = _Time(required=True, attribute="appointment.starts_at")
    status = fields.String(required=True, attribute="appointment.status")
    booked_by_id = fields.Integer(required=True, attribute="appointment.booked_by_id")
    created_at = _Time(required=True, attribute="appointment.created_at")
    cancelled_at = fields.DateTime(allow_none=True, attribute="appointment.cancelled_at")
    checked_in_at = fields.DateTime(allow_none=True, attribute="appointment.checked_in_at")


class TicketExportSchema(Schema):
    id = fields.Integer(required=True)
    hall_id = fields.Integer(required=True)
    day = fields.Date(required=True)
    label = fields.String(required=True)
    source = fields.String(required=True)
    status = fields.String(required=True)
    queued_at = _Time(required=True)
    called_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)


class FileExportSchema(Schema):
    """A material's metadata; the file itself is downloaded from the application."""

    id = fields.Integer(required=True)
    material = fields.String(required=True)
    filename = fields.String(required=True)
    media_type = fields.String(required=True)
    size = fields.Integer(required=True)
    sha256 = fields.String(required=True)
    uploaded_at = _Time(required=True)
    removed_at = fields.DateTime(allow_none=True)


class ApplicationExportSchema(Schema):
    id = fields.Integer(required=True, attribute="application.id")
    number = fields.String(allow_none=True, attribute="application.number", metadata={"description": "办件编号"})
    item_code = fields.String(required=True, attribute="application.item_code")
    status = fields.String(required=True, attribute="application.status")
    created_by_id = fields.Integer(required=True, attribute="application.created_by_id")
    created_at = _Time(required=True, attribute="application.created_at")
    submitted_at = fields.DateTime(allow_none=True, attribute="application.submitted_at")
    concluded_at = fields.DateTime(allow_none=True, attribute="application.concluded_at")
    form = fields.Dict(required=True, metadata={"description": "The answers as given, in full"})
    files = fields.List(fields.Nested(FileExportSchema), required=True)


class EvaluationExportSchema(Schema):
    id = fields.Integer(required=True)
    ticket_id = fields.Integer(allow_none=True)
    application_id = fields.Integer(allow_none=True)
    channel = fields.String(required=True)
    level = fields.Integer(required=True)
    indicators = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    tags = fields.List(fields.String(), required=True)
    comment = fields.String(required=True)
    created_at = _Time(required=True)


class ComplaintExportSchema(Schema):
    id = fields.Integer(required=True)
    category = fields.String(required=True)
    text = fields.String(required=True)
    status = fields.String(required=True)
    reply = fields.String(allow_none=True)
    satisfaction = fields.Integer(allow_none=True)
    created_at = _Time(required=True)
    replied_at = fields.DateTime(allow_none=True)


class NotificationExportSchema(Schema):
    id = fields.Integer(required=True)
    template = fields.String(required=True)
    data = fields.Dict(required=True)
    channel = fields.String(allow_none=True)
    status = fields.String(required=True)
    created_at = _Time(required=True)
    sent_at = fields.DateTime(allow_none=True)


class CreditExportSchema(Schema):
    channel = fields.String(required=True)
    template = fields.String(required=True)
    credits = fields.Integer(required=True)


class ExportSchema(Schema):
    """Everything PalmGov holds about you (docs/privacy.md)."""

    exported_at = _Time(required=True)
    profile = fields.Nested(OwnProfileSchema, required=True)
    account = fields.Nested(AccountSchema, required=True)
    identities = fields.List(fields.Nested(IdentityExportSchema), required=True)
    sessions = fields.List(fields.Nested(SessionExportSchema), required=True)
    consents = fields.List(fields.Nested(ConsentExportSchema), required=True)
    face_checks = fields.List(fields.Nested(FaceCheckExportSchema), required=True)
    proxies = fields.List(fields.Nested(ProxyExportSchema), required=True)
    appointments = fields.List(fields.Nested(AppointmentExportSchema), required=True)
    tickets = fields.List(fields.Nested(TicketExportSchema), required=True)
    applications = fields.List(fields.Nested(ApplicationExportSchema), required=True)
    evaluations = fields.List(fields.Nested(EvaluationExportSchema), required=True)
    complaints = fields.List(fields.Nested(ComplaintExportSchema), required=True)
    notifications = fields.List(fields.Nested(NotificationExportSchema), required=True)
    subscription_credits = fields.List(fields.Nested(CreditExportSchema), required=True)


class DeletedSchema(Schema):
    deleted_at = _Time(required=True)
    appointments_cancelled = fields.Integer(required=True)
    tickets_cancelled = fields.Integer(required=True)
    drafts_withdrawn = fields.Integer(required=True)
    records_kept = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        required=True,
        metadata={"description": "Kept without personal data because the law requires it (docs/privacy.md)"},
    )
