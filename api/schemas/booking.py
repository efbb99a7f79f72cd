"""Appointment bodies: availability of slots, and their administration (schedules, adjustments)."""

from __future__ import annotations

from flask import request
from marshmallow import Schema, fields, validate

from api.schemas.calendar import IsoDate, StrictBoolean
from api.schemas.catalog import ChecklistMaterialSchema
from api.schemas.fields import AsciiInteger, DomainCheckedSchema, Masked
from api.schemas.links import QrQuerySchema
from app.models.base import MAX_ID
from app.security.masking import mask_name, mask_phone
from app.services import appointments, slots
from app.services.checks import REASON_MAX, REASON_MIN

_HALL_TIME = "ISO 8601 in the hall's timezone, with its offset"


class AvailabilityQuerySchema(Schema):
    item = fields.String(
        required=True, validate=validate.Length(1, 64), metadata={"description": "The service item's code"}
    )
    date_from = IsoDate(
        data_key="from",
        metadata={"description": "First hall date (default: the hall's today)", "example": "2026-11-24"},
    )
    date_to = IsoDate(
        data_key="to",
        metadata={
            "description": f"Last hall date, at most {slots.MAX_RANGE_DAYS} days from `from` "
            "(default: the release horizon)",
            "example": "2026-11-30",
        },
    )


class SlotAvailabilitySchema(Schema):
    id = fields.Integer(required=True)
    starts_at = fields.String(required=True, metadata={"description": _HALL_TIME})
    ends_at = fields.String(required=True, metadata={"description": _HALL_TIME})
    capacity = fields.Integer(required=True)
    remaining = fields.Integer(required=True, metadata={"description": "Places left; 0 when the slot is closed"})
    bookable = fields.Boolean(
        required=True,
        metadata={"description": "Open for booking now: released, not closed or full, not closing within the hour"},
    )


class DayAvailabilitySchema(Schema):
    date = fields.String(required=True, metadata={"description": "Hall date, YYYY-MM-DD"})
    released = fields.Boolean(required=True, metadata={"description": "The day's slots are open for booking (放号)"})
    released_at = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": f"When the day's slots open for booking, {_HALL_TIME}; null if the line takes none"},
    )
    slots = fields.List(fields.Nested(SlotAvailabilitySchema), required=True)


class AvailabilitySchema(Schema):
    hall_id = fields.Integer(required=True)
    item = fields.String(required=True)
    category = fields.String(required=True, metadata={"description": "The queue category (line) taking the bookings"})
    category_name = fields.String(required=True)
    date_from = fields.Date(required=True, data_key="from")
    date_to = fields.Date(required=True, data_key="to")
    days = fields.List(fields.Nested(DayAvailabilitySchema), required=True)


def _number(name: str) -> fields.Integer:
    low, high, default = slots.SCHEDULE_NUMBERS[name]
    return fields.Integer(validate=validate.Range(low, high), metadata={"default": default})


class ScheduleRequestSchema(DomainCheckedSchema):
    window_minutes = _number("window_minutes")
    capacity = fields.Integer(
        allow_none=True,
        validate=validate.Range(1, slots.MAX_CAPACITY),
        metadata={"description": "Bookings per window; null: as many as windows serve the line"},
    )
    days_ahead = _number("days_ahead")
    release_time = fields.String(
        metadata={"pattern": "^(?:[01][0-9]|2[0-3]):[0-5][0-9]$", "default": slots.DEFAULT_RELEASE_TIME}
    )
    close_minutes_before = _number("close_minutes_before")
    walk_in_minutes_before = _number("walk_in_minutes_before")
    cancel_minutes_before = _number("cancel_minutes_before")


class ScheduleSchema(Schema):
    hall_id = fields.Integer(required=True)
    category = fields.Function(lambda schedule: schedule.category.prefix, required=True)
    window_minutes = fields.Integer(required=True)
    capacity = fields.Integer(required=True, allow_none=True)
    days_ahead = fields.Integer(required=True)
    release_time = fields.String(required=True)
    close_minutes_before = fields.Integer(required=True)
    walk_in_minutes_before = fields.Integer(required=True)
    cancel_minutes_before = fields.Integer(required=True)
    updated_at = fields.DateTime(required=True)


class SlotAdjustRequestSchema(Schema):
    capacity = fields.Integer(strict=True, validate=validate.Range(0, slots.MAX_CAPACITY))
    closed = StrictBoolean(metadata={"description": "true closes the slot to new bookings; existing ones stand"})
    reason = fields.String(
        required=True,
        validate=validate.Length(REASON_MIN, REASON_MAX),
        metadata={"description": "Why, for the audit log", "example": "窗口设备检修，下午减少号源"},
    )


class SlotDayQuerySchema(Schema):
    date = IsoDate(metadata={"description": "Hall date (default: the hall's today)", "example": "2026-11-24"})


class StaffSlotSchema(Schema):
    id = fields.Integer(required=True)
    category = fields.String(required=True)
    day = fields.Date(required=True)
    starts_at = fields.DateTime(required=True, metadata={"description": _HALL_TIME})
    ends_at = fields.DateTime(required=True, metadata={"description": _HALL_TIME})
    capacity = fields.Integer(required=True)
    booked = fields.Integer(required=True)
    remaining = fields.Integer(required=True)
    closed = fields.Boolean(required=True)


class StaffSlotListSchema(Schema):
    items = fields.List(fields.Nested(StaffSlotSchema), required=True)
    total = fields.Integer(required=True)


# --- Appointments ------------------------------------------------------------------------------


class BookRequestSchema(Schema):
    item_code = fields.String(required=True, validate=validate.Length(1, 64), metadata={"example": "370100-JZZ-001"})
    slot_id = AsciiInteger(required=True, validate=validate.Range(1, MAX_ID), strict=True)
    acting_for = AsciiInteger(
        validate=validate.Range(1, MAX_ID),
        strict=True,
        metadata={"description": "Book for a relative who granted you proxy (代办); both are recorded"},
    )


class RescheduleRequestSchema(Schema):
    slot_id = AsciiInteger(required=True, validate=validate.Range(1, MAX_ID), strict=True)


def _query_flag(default: bool, description: str) -> fields.Boolean:
    """``true`` or ``false`` in a query string, where every value is text (StrictBoolean takes JSON's only)."""
    return fields.Boolean(truthy={"true"}, falsy={"false"}, load_default=default, metadata={"description": description})


class AppointmentListQuerySchema(Schema):
    active = _query_flag(False, "Only those still booked (not checked in, cancelled or no-show)")


class CheckInQrQuerySchema(QrQuerySchema):
    token = fields.String(required=True, validate=validate.Length(1, 32))


class CheckInRequestSchema(Schema):
    token = fields.String(
        required=True, validate=validate.Length(1, 32), metadata={"description": "The scanned check-in code"}
    )


class _ItemRefSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)


class _HallRefSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    address = fields.String(required=True)


class CheckInCodeSchema(Schema):
    token = fields.String(required=True, metadata={"description": "What the kiosk scans; at most 24 characters"})
    qr_url = fields.String(required=True, metadata={"description": "A QR code of the token (PNG)"})
    valid_from = fields.DateTime(required=True, metadata={"description": _HALL_TIME})
    valid_until = fields.DateTime(required=True, metadata={"description": _HALL_TIME})


def _check_in_code(view: appointments.AppointmentView) -> dict | None:
    if view.check_in_token is None:
        return None
    return {
        "token": view.check_in_token,
        "qr_url": f"{request.script_root}/api/v1/appointments/check-in-qr?token={view.check_in_token}",
        "valid_from": view.check_in_from.isoformat(),
        "valid_until": view.check_in_until.isoformat(),
    }


class AppointmentSummarySchema(Schema):
    id = fields.Integer(attribute="appointment.id", required=True)
    reference = fields.String(
        attribute="appointment.reference",
        required=True,
        metadata={"description": "What to tell the window, e.g. Y7K3M9Q2"},
    )
    status = fields.String(
        attribute="appointment.status",
        required=True,
        metadata={"description": "booked | checked_in | cancelled | no_show"},
    )
    item = fields.Nested(_ItemRefSchema, attribute="appointment.item", required=True)
    hall = fields.Nested(_HallRefSchema, attribute="appointment.hall", required=True)
    category = fields.String(required=True, metadata={"description": "The queue category (line) of the slot"})
    slot_id = fields.Integer(attribute="appointment.slot_id", required=True)
    starts_at = fields.DateTime(required=True, metadata={"description": _HALL_TIME})
    ends_at = fields.DateTime(required=True, metadata={"description": _HALL_TIME})
    change_until = fields.DateTime(
        required=True, metadata={"description": f"Cancel or reschedule until then, {_HALL_TIME}"}
    )
    for_resident = fields.Integer(
        attribute="appointment.resident_id",
        required=True,
        metadata={"description": "Whom it is for (your id, or the relative you booked for)"},
    )
    booked_by_proxy = fields.Function(
        lambda view: view.appointment.booked_by_id != view.appointment.resident_id, required=True
    )
    created_at = fields.DateTime(attribute="appointment.created_at", required=True)
    check_in = fields.Function(
        _check_in_code, required=True, allow_none=True, metadata={"description": "While booked; null otherwise"}
    )


class AppointmentSchema(AppointmentSummarySchema):
    required_materials = fields.Function(
        lambda view: ChecklistMaterialSchema(many=True).dump(view.checklist.required_materials),
        required=True,
        metadata={"description": "What to bring (一次性告知)"},
    )
    conditional_materials = fields.Function(
        lambda view: ChecklistMaterialSchema(many=True).dump(view.checklist.conditional_materials), required=True
    )
    checklist_url = fields.Function(
        lambda view: f"{request.script_root}/api/v1/items/{view.appointment.item.code}/checklist?format=html",
        required=True,
        metadata={"description": "The printable checklist"},
    )


class AppointmentListSchema(Schema):
    items = fields.List(fields.Nested(AppointmentSummarySchema), required=True)
    total = fields.Integer(required=True)


class HallDayQuerySchema(SlotDayQuerySchema):
    format = fields.String(load_default="json", validate=validate.OneOf(("json", "csv")))


class StaffAppointmentSchema(Schema):
    id = fields.Integer(attribute="appointment.id", required=True)
    reference = fields.String(attribute="appointment.reference", required=True)
    status = fields.String(attribute="appointment.status", required=True)
    category = fields.String(required=True)
    item_code = fields.String(required=True)
    item_name = fields.String(required=True)
    starts_at = fields.DateTime(required=True, metadata={"description": _HALL_TIME})
    ends_at = fields.DateTime(required=True, metadata={"description": _HALL_TIME})
    name = Masked(mask_name, required=True)
    phone = Masked(mask_phone, required=True)
    by_proxy = fields.Boolean(required=True)
    checked_in_at = fields.DateTime(attribute="appointment.checked_in_at", required=True)


class StaffAppointmentListSchema(Schema):
    items = fields.List(fields.Nested(StaffAppointmentSchema), required=True)
    total = fields.Integer(required=True)


# --- Booking bans ------------------------------------------------------------------------------


class BanQuerySchema(Schema):
    phone = fields.String(validate=validate.Regexp(r"^1[3-9][0-9]{9}$"), metadata={"description": "One resident's"})
    active = _query_flag(True, "false includes ended and lifted bans")


class BanLiftRequestSchema(Schema):
    reason = fields.String(
        required=True,
        validate=validate.Length(REASON_MIN, REASON_MAX),
        metadata={"description": "Why, for the audit log", "example": "申诉核实：当日因病就医"},
    )


class BanSchema(Schema):
    id = fields.Integer(attribute="ban.id", required=True)
    resident_id = fields.Integer(attribute="ban.resident_id", required=True)
    phone = Masked(mask_phone, required=True)
    name = Masked(mask_name, required=True)
    hall_id = fields.Integer(attribute="ban.hall_id", required=True)
    reason = fields.String(attribute="ban.reason", required=True, metadata={"description": "no_shows | cancellations"})
    strikes = fields.Integer(attribute="ban.strikes", required=True)
    starts_at = fields.DateTime(attribute="ban.starts_at", required=True)
    ends_at = fields.DateTime(attribute="ban.ends_at", required=True)
    lifted_at = fields.DateTime(attribute="ban.lifted_at", required=True)
    lift_reason = fields.String(attribute="ban.lift_reason", required=True)


class BanListSchema(Schema):
    items = fields.List(fields.Nested(BanSchema), required=True)
    total = fields.Integer(required=True)
