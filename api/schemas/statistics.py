"""Supervisor statistics: the query (grouping and hall-date range) and the report body."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.schemas.calendar import IsoDate
from app.services import statistics

_MINUTES = {"description": "Minutes, 2 decimals; null when no ticket counts"}
_RATE = {"description": "0-1, 4 decimals; null when the denominator is 0"}


class OverviewQuerySchema(Schema):
    by = fields.String(
        required=True, validate=validate.OneOf(statistics.GROUPINGS),
        metadata={"description": "One row per department, hall, window, item (by code) or hall date"},
    )  # fmt: skip
    date_from = IsoDate(
        data_key="from",
        metadata={"description": f"First hall date (default: {statistics.DEFAULT_RANGE_DAYS} days up to `to`)"},
    )
    date_to = IsoDate(
        data_key="to",
        metadata={
            "description": f"Last hall date (default: today), at most {statistics.MAX_RANGE_DAYS} days from `from`"
        },
    )


class TicketStatsSchema(Schema):
    issued = fields.Integer(required=True)
    served = fields.Integer(required=True, metadata={"description": "Finished at a window (done)"})
    no_show = fields.Integer(required=True)
    avg_wait_minutes = fields.Float(required=True, allow_none=True, metadata=_MINUTES)
    p90_wait_minutes = fields.Float(required=True, allow_none=True, metadata=_MINUTES)
    avg_service_minutes = fields.Float(required=True, allow_none=True, metadata=_MINUTES)


class ApplicationStatsSchema(Schema):
    submitted = fields.Integer(required=True)
    concluded = fields.Integer(required=True)
    on_time = fields.Integer(required=True, metadata={"description": "Concluded within the promised time"})
    on_time_rate = fields.Float(required=True, allow_none=True, metadata=_RATE)


class RatingStatsSchema(Schema):
    count = fields.Integer(required=True, metadata={"description": "Ratings, upheld appeals excluded"})
    satisfied = fields.Integer(required=True, metadata={"description": "Levels 3-5 (基本满意 and better)"})
    satisfaction_rate = fields.Float(required=True, allow_none=True, metadata=_RATE)
    bad = fields.Integer(required=True, metadata={"description": "Levels 1-2 (差评)"})
    bad_closed = fields.Integer(required=True, metadata={"description": "差评 whose work order is closed"})
    bad_closure_rate = fields.Float(required=True, allow_none=True, metadata=_RATE)


class StatsRowSchema(Schema):
    key = fields.String(required=True, metadata={"description": "The id, item code or hall date grouped by"})
    label = fields.String(required=True)
    tickets = fields.Nested(TicketStatsSchema, required=True)
    applications = fields.Nested(
        ApplicationStatsSchema, required=True, allow_none=True, metadata={"description": "null by hall or window"}
    )
    ratings = fields.Nested(RatingStatsSchema, required=True)


class OverviewSchema(Schema):
    by = fields.String(required=True)
    date_from = fields.Date(required=True, data_key="from")
    date_to = fields.Date(required=True, data_key="to")
    rows = fields.List(fields.Nested(StatsRowSchema), required=True)
