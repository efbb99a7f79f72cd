"""Notification settings, preferences, send credits, and the development outbox."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.schemas.auth import PHONE_DOC
from app.notify_templates import ALIPAY, WECHAT
from app.services.notify import SETTING_CHANNELS


class NotificationSettingsSchema(Schema):
    channel = fields.String(
        required=True,
        validate=validate.OneOf(SETTING_CHANNELS),
        metadata={"description": "auto: a WeChat/Alipay message when you granted one, else SMS; sms: SMS only"},
    )
    reminders = fields.Boolean(required=True, metadata={"description": "Appointment and queue reminders"})
    progress = fields.Boolean(required=True, metadata={"description": "Application progress (办件进度)"})


class NotificationSettingsUpdateSchema(Schema):
    channel = fields.String(validate=validate.OneOf(SETTING_CHANNELS))
    reminders = fields.Boolean()
    progress = fields.Boolean()


class PreferencesSchema(Schema):
    elderly_mode = fields.Boolean(
        required=True, metadata={"description": "适老化: the mini-program shows its elderly-friendly mode"}
    )


class PreferencesUpdateSchema(Schema):
    elderly_mode = fields.Boolean(required=True)


class SubscriptionRequestSchema(Schema):
    channel = fields.String(required=True, validate=validate.OneOf((WECHAT, ALIPAY)))
    template_ids = fields.List(
        fields.String(validate=validate.Length(min=1, max=64)),
        required=True,
        validate=validate.Length(min=1, max=20),
        metadata={"description": "The template ids the resident accepted in wx/my.requestSubscribeMessage"},
    )


class CreditsSchema(Schema):
    channel = fields.String(required=True)
    credits = fields.Dict(
        keys=fields.String(), values=fields.Integer(), required=True, metadata={"example": {"appointment_reminder": 2}}
    )


class OutboxQuerySchema(Schema):
    phone = fields.String(required=True, validate=validate.Length(max=20), metadata=PHONE_DOC)


class OutboxEntrySchema(Schema):
    source = fields.String(
        required=True, metadata={"description": "outbox (a notification) or sandbox (what a sandbox provider sent)"}
    )
    template = fields.String(required=True)
    text = fields.String(required=True, metadata={"description": "The message as the resident reads it"})
    channel = fields.String(allow_none=True)
    status = fields.String(allow_none=True)
    at = fields.DateTime(required=True)


class OutboxSchema(Schema):
    items = fields.List(fields.Nested(OutboxEntrySchema), required=True)
