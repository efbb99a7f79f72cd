"""Administration of appointment slots: a hall line's schedule (sys_admin), a day's slots (staff of the hall)
and per-slot adjustments (dept_admin or sys_admin), all scoped to the hall; out of scope answers 404."""

from __future__ import annotations

from api.auth import current_staff
from api.blueprint import Blueprint
from api.schemas.booking import (
    ScheduleRequestSchema,
    ScheduleSchema,
    SlotAdjustRequestSchema,
    SlotDayQuerySchema,
    StaffSlotListSchema,
    StaffSlotSchema,
)
from app.models.booking import SlotSchedule
from app.services import slots
from app.services.scopes import DEPT_ADMIN, SYS_ADMIN

blp = Blueprint("admin_slots", __name__, url_prefix="/api/v1/admin", description="Appointment slots (staff)")


@blp.put("/halls/<id:hall_id>/categories/<prefix>/schedule")
@blp.staff_required(SYS_ADMIN)
@blp.arguments(ScheduleRequestSchema)
@blp.response(200, ScheduleSchema)
@blp.errors(400, 404)
def set_schedule(data: dict, hall_id: int, prefix: str) -> SlotSchedule:
    """Create or replace how a hall line takes bookings (a field left out takes its default). Existing slots
    stay as they are; missing ones are generated at once."""
    return slots.set_schedule(hall_id, prefix, data, admin=current_staff())


@blp.get("/halls/<id:hall_id>/slots")
@blp.staff_required()
@blp.arguments(SlotDayQuerySchema, location="query")
@blp.response(200, StaffSlotListSchema)
@blp.errors(400, 404)
def list_slots(query: dict, hall_id: int) -> dict:
    """A day's slots of every line of the hall, with how many are booked."""
    items = slots.day_slots(hall_id, query.get("date"), viewer=current_staff())
    return {"items": items, "total": len(items)}


@blp.patch("/slots/<id:slot_id>")
@blp.staff_required(DEPT_ADMIN, SYS_ADMIN)
@blp.arguments(SlotAdjustRequestSchema)
@blp.response(200, StaffSlotSchema)
@blp.errors(400, 404, 422)
def adjust_slot(data: dict, slot_id: int) -> slots.StaffSlot:
    """Change a slot's capacity (never below what is booked: `422 CAPACITY_BELOW_BOOKED`) or close it, with a
    reason (audited)."""
    return slots.adjust_slot(
        slot_id, capacity=data.get("capacity"), closed=data.get("closed"), reason=data["reason"], admin=current_staff()
    )
