"""Appointment bodies: availability of slots, and their administration (schedules, adjustments)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.schemas.calendar import IsoDate, StrictBoolean
from api.schemas.fields import DomainCheckedSchema
from app.services import slots

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


class ScheduleSchema(Schema):
    hall_id = fields.Integer(required=True)
    category = fields.Function(lambda schedule: schedule.category.prefix, required=True)
    window_minutes = fields.Integer(required=True)
    capacity = fields.Integer(required=True, allow_none=True)
    days_ahead = fields.Integer(required=True)
    release_time = fields.String(required=True)
    close_minutes_before = fields.Integer(required=True)
    walk_in_minutes_before = fields.Integer(required=True)
    updated_at = fields.DateTime(required=True)


class SlotAdjustRequestSchema(Schema):
    capacity = fields.Integer(strict=True, validate=validate.Range(0, slots.MAX_CAPACITY))
    closed = StrictBoolean(metadata={"description": "true closes the slot to new bookings; existing ones stand"})
    reason = fields.String(
        required=True,
        validate=validate.Length(slots.REASON_MIN, slots.REASON_MAX),
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
