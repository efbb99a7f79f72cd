"""Queue bodies: taking a ticket (phone or kiosk), a ticket as its holder sees it, a window's call."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.schemas.auth import PHONE_DOC
from api.schemas.fields import AsciiInteger, Masked
from app.models.base import MAX_ID
from app.models.queue import WindowSession
from app.security.masking import mask_name, mask_phone
from app.services import window_sessions, windows
from app.services.checks import REASON_MAX, REASON_MIN


class PhoneTicketRequestSchema(Schema):
    item_code = fields.String(required=True, validate=validate.Length(1, 64))
    acting_for = AsciiInteger(
        validate=validate.Range(1, MAX_ID), strict=True, metadata={"description": "For a relative (代办)"}
    )


class KioskTicketRequestSchema(Schema):
    item_code = fields.String(validate=validate.Length(1, 64), metadata={"description": "The item chosen, or:"})
    prefix = fields.String(
        validate=validate.Regexp(r"^[A-Z]\Z"), metadata={"description": "the line's letter, for an anonymous ticket"}
    )
    phone = fields.String(validate=validate.Length(max=20), metadata=PHONE_DOC)
    id_number = fields.String(
        validate=validate.Length(equal=18), metadata={"description": "Entered, or read from the ID card"}
    )
    green = fields.Boolean(
        load_default=False, metadata={"description": "绿色通道 (disability, pregnancy); 70+ is automatic"}
    )


class WaitSchema(Schema):
    minutes = fields.Integer(required=True, metadata={"description": "Estimated minutes until called"})
    low = fields.Integer(required=True, metadata={"description": "The range: one standard deviation below"})
    high = fields.Integer(required=True)


class TicketSchema(Schema):
    id = fields.Integer(attribute="ticket.id", required=True)
    number = fields.String(attribute="ticket.label", required=True, metadata={"example": "A017"})
    status = fields.String(
        attribute="ticket.status",
        required=True,
        metadata={"description": "waiting | called | serving | held | skipped | done | no_show | cancelled"},
    )
    priority = fields.String(
        attribute="ticket.priority", required=True, metadata={"description": "appointment | green | normal"}
    )
    hall_id = fields.Integer(attribute="ticket.hall_id", required=True)
    category = fields.String(attribute="ticket.category.prefix", required=True)
    category_name = fields.String(attribute="ticket.category.name", required=True)
    day = fields.Date(attribute="ticket.day", required=True)
    queued_at = fields.DateTime(attribute="ticket.queued_at", required=True)
    ahead = fields.Integer(
        required=True, allow_none=True, metadata={"description": "Tickets of the line before yours; null once called"}
    )
    window = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Go to this window once called; while waiting, the window it was transferred to"},
    )
    wait = fields.Nested(
        WaitSchema, required=True, allow_none=True, metadata={"description": "Estimated wait while waiting"}
    )


class TicketListSchema(Schema):
    items = fields.List(fields.Nested(TicketSchema), required=True)
    total = fields.Integer(required=True)


class CalledSchema(Schema):
    """A window's call: the ticket and, now that it is called, whom it is for (masked)."""

    ticket = fields.Nested(TicketSchema, required=True, allow_none=True)
    name = Masked(mask_name, required=True)
    phone = Masked(mask_phone, required=True)


class TransferRequestSchema(Schema):
    category = fields.String(
        validate=validate.Regexp(r"^[A-Z]\Z"), metadata={"description": "The other line's letter (or give `window`)"}
    )
    window = fields.String(
        validate=validate.Length(min=1, max=8),
        metadata={"description": "Another window's number: the ticket waits in that window's own line"},
    )


class CompleteRequestSchema(Schema):
    outcome = fields.String(
        required=True,
        validate=validate.OneOf(windows.OUTCOMES),
        metadata={"description": "done (办结) | referred (转办) | incomplete (材料不全, told what is missing)"},
    )
    application_id = fields.Integer(
        validate=validate.Range(min=1, max=MAX_ID),
        metadata={"description": "The holder's application (办件) the visit was about: links ticket and case"},
    )


class OpenWindowRequestSchema(Schema):
    categories = fields.List(
        fields.String(validate=validate.Regexp(r"^[A-Z]\Z")),
        validate=validate.Length(1, 26),
        metadata={"description": "The lines served today, by letter (default: those the window is set up for)"},
    )


class PauseRequestSchema(Schema):
    reason = fields.String(
        required=True,
        validate=validate.Length(REASON_MIN, REASON_MAX),
        metadata={"description": "Why, for supervisors", "example": "系统故障，等待恢复"},
    )


class WindowSessionSchema(Schema):
    window_id = fields.Integer(required=True)
    day = fields.Date(required=True)
    status = fields.String(required=True, metadata={"description": "open | paused | closed"})
    categories = fields.Method("_prefixes", required=True, metadata={"description": "The lines it serves today"})
    pause_reason = fields.String(required=True, allow_none=True)
    opened_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)

    def _prefixes(self, session: WindowSession) -> list[str]:
        return window_sessions.prefixes(session)


class TicketAtWindowSchema(Schema):
    id = fields.Integer(required=True)
    number = fields.String(attribute="label", required=True, metadata={"example": "A017"})
    status = fields.String(required=True, metadata={"description": "called | serving | held"})


class WindowAtWorkSchema(Schema):
    id = fields.Integer(attribute="window.id", required=True, metadata={"description": "What the window actions take"})
    number = fields.String(attribute="window.number", required=True, metadata={"example": "03"})
    categories = fields.Function(
        lambda at_work: [category.prefix for category in at_work.window.categories],
        required=True,
        metadata={"description": "The lines it is set up for"},
    )
    session = fields.Nested(
        WindowSessionSchema, required=True, allow_none=True, metadata={"description": "Today's, once opened"}
    )
    ticket = fields.Nested(
        TicketAtWindowSchema, required=True, allow_none=True, metadata={"description": "The ticket at the window now"}
    )


class HallWindowsSchema(Schema):
    items = fields.List(fields.Nested(WindowAtWorkSchema), required=True)


class HallWindowsQuerySchema(Schema):
    hall_id = fields.Integer(required=True, validate=validate.Range(min=1))
