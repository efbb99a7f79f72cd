"""Appointments (预约): when a hall has places for a service item. Booking joins this blueprint."""

from __future__ import annotations

from api.blueprint import Blueprint
from api.schemas.booking import AvailabilityQuerySchema, AvailabilitySchema
from app.services import slots

blp = Blueprint("appointments", __name__, url_prefix="/api/v1", description="Appointments (预约)")


@blp.get("/halls/<id:hall_id>/availability")
@blp.arguments(AvailabilityQuerySchema, location="query")
@blp.response(200, AvailabilitySchema)
@blp.errors(400, 404, 422)
def get_availability(query: dict, hall_id: int) -> slots.Availability:
    """The item's slots at the hall, day by day (at most 31 days), with places left and whether each can be
    booked now. Days not released yet (放号) say when they will be. Public; cached for up to 2 seconds."""
    return slots.availability(hall_id, query["item"], query.get("date_from"), query.get("date_to"))
