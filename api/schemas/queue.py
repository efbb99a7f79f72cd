"""Queue bodies: taking a ticket (phone or kiosk), a ticket as its holder sees it, a window's call."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.schemas.auth import PHONE_DOC
from api.schemas.fields import AsciiInteger, Masked
from app.models.base import MAX_ID
from app.models.queue import Ticket, WindowSession
from app.security.masking import mask_name, mask_phone
from app.services import tickets, window_sessions, windows
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


class KioskTicketSchema(TicketSchema):
    """A ticket printed at a kiosk: what the holder sees, and the page its QR code opens."""

    follow_url = fields.String(
        required=True,
        metadata={
            "description": "The H5 ticket page with a token (`?t=`): follows the ticket on a phone without login, "
            "until the hall day ends"
        },
    )


class TicketListSchema(Schema):
    items = fields.List(fields.Nested(TicketSchema), required=True)
    total = fields.Integer(required=True)


def _ticket_of(called: tickets.Called) -> Ticket | None:
    return called.ticket.ticket if called.ticket else None


class CalledSchema(Schema):
    """A window's call: the ticket and, now that it is called, whom it is for (masked) and what for."""

    ticket = fields.Nested(TicketSchema, required=True, allow_none=True)
    name = Masked(mask_name, required=True)
    phone = Masked(mask_phone, required=True)
    resident_id = fields.Method(
        "_resident_id",
        required=True,
        allow_none=True,
        metadata={
            "type": "integer",
            "description": "The holder, for the audited reveal (`POST /api/v1/staff/residents/{id}/reveal`); "
            "null for an anonymous ticket",
        },
    )
    item_code = fields.Method(
        "_item_code",
        required=True,
        allow_none=True,
        metadata={
            "type": "string",
            "description": "The service item the ticket is for, for its materials checklist "
            "(`GET /api/v1/items/{code}/checklist`); null for a ticket taken for a line",
        },
    )
    item_name = fields.Method("_item_name", required=True, allow_none=True, metadata={"type": "string"})
    source = fields.Method(
        "_source",
        required=True,
        allow_none=True,
        metadata={"type": "string", "description": "kiosk | phone | appointment (checked in for an appointment)"},
    )
    appointment_id = fields.Method(
        "_appointment_id",
        required=True,
        allow_none=True,
        metadata={"type": "integer", "description": "The appointment this ticket was checked in for"},
    )

    def _resident_id(self, called: tickets.Called) -> int | None:
        ticket = _ticket_of(called)
        return ticket.resident_id if ticket else None

    def _item_code(self, called: tickets.Called) -> str | None:
        ticket = _ticket_of(called)
        return ticket.item.code if ticket and ticket.item else None

    def _item_name(self, called: tickets.Called) -> str | None:
        ticket = _ticket_of(called)
        return ticket.item.name if ticket and ticket.item else None

    def _source(self, called: tickets.Called) -> str | None:
        ticket = _ticket_of(called)
        return ticket.source if ticket else None

    def _appointment_id(self, called: tickets.Called) -> int | None:
        ticket = _ticket_of(called)
        return ticket.appointment_id if ticket else None


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


class AtWindowSchema(CalledSchema):
    """The ticket the window works on now, as its call showed it, and the others still at the window."""

    others = fields.List(
        fields.Nested(TicketAtWindowSchema),
        required=True,
        metadata={"description": "Other tickets at the window: one held while its resident fetches papers…"},
    )


class HallWindowsSchema(Schema):
    items = fields.List(fields.Nested(WindowAtWorkSchema), required=True)


class HallWindowsQuerySchema(Schema):
    hall_id = fields.Integer(required=True, validate=validate.Range(min=1))


class OutcomeCountsSchema(Schema):
    done = fields.Integer(required=True, metadata={"description": "办结"})
    referred = fields.Integer(required=True, metadata={"description": "转办"})
    incomplete = fields.Integer(required=True, metadata={"description": "材料不全"})


class WindowTodaySchema(Schema):
    window_id = fields.Integer(required=True)
    day = fields.Date(required=True, metadata={"description": "The hall's today"})
    called = fields.Integer(required=True, metadata={"description": "Tickets called here (recalls not counted)"})
    served = fields.Integer(required=True, metadata={"description": "Tickets completed here, whatever the outcome"})
    outcomes = fields.Nested(OutcomeCountsSchema, required=True)
    average_service_seconds = fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "Mean time from the (last) call to the completion; null before the first"},
    )
    skipped = fields.Integer(required=True, metadata={"description": "过号"})
    no_show = fields.Integer(required=True, metadata={"description": "Recalled too often"})
    transferred = fields.Integer(required=True, metadata={"description": "Sent to another line or window"})
