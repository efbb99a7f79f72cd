"""Appointments (预约): availability, booking, the resident's appointments, kiosk check-in, a hall's day list."""

from __future__ import annotations

from flask import Response

from api.auth import current_principal, current_staff
from api.blueprint import Blueprint
from api.idempotency import DOC as IDEMPOTENCY_DOC
from api.idempotency import idempotent_request, replay_headers
from api.schemas.booking import (
    AppointmentListQuerySchema,
    AppointmentListSchema,
    AppointmentSchema,
    AvailabilityQuerySchema,
    AvailabilitySchema,
    BookRequestSchema,
    CheckInQrQuerySchema,
    HallDayQuerySchema,
    RescheduleRequestSchema,
    StaffAppointmentListSchema,
    StaffAppointmentSchema,
)
from api.v1.links import image_doc
from app.services import appointments, csv_export, qr, slots

blp = Blueprint("appointments", __name__, url_prefix="/api/v1", description="Appointments (预约)")


@blp.get("/halls/<id:hall_id>/availability")
@blp.cached_publicly(max_age=slots.CACHE_SECONDS)
@blp.arguments(AvailabilityQuerySchema, location="query")
@blp.response(200, AvailabilitySchema)
@blp.errors(400, 404, 422)
def get_availability(query: dict, hall_id: int) -> slots.Availability:
    """The item's slots at the hall, day by day (at most 31 days), with places left and whether each can be
    booked now. Days not released yet (放号) say when they will be. Public: computed at most every 2 seconds, and
    any cache may keep it 2 seconds more."""
    return slots.availability(hall_id, query["item"], query.get("date_from"), query.get("date_to"))


@blp.post("/appointments")
@blp.login_required("resident")
@blp.doc(**IDEMPOTENCY_DOC)
@blp.arguments(BookRequestSchema)
@blp.response(201, AppointmentSchema)
@blp.links(
    201,
    "GET /api/v1/appointments/{appointment_id}",
    "POST /api/v1/appointments/{appointment_id}/cancel",
    "POST /api/v1/appointments/{appointment_id}/reschedule",
    "POST /api/v1/appointments/{appointment_id}/check-in",
    appointment_id="$response.body#/id",
)
@blp.errors(400, 404, 409, 422)
def book(data: dict) -> tuple[appointments.AppointmentView, int, dict[str, str]]:
    """Book a slot for an item (or, with `acting_for`, for a relative). The rules, each with its own code and
    when to try again: 409 `SLOT_FULL`, `SLOT_CLOSED`, `ALREADY_BOOKED`, `BOOKING_OVERLAP`; 422
    `SLOT_NOT_RELEASED`, `BOOKING_CLOSED`, `NOT_A_WORKING_DAY`, `TOO_MANY_BOOKINGS`, `ITEM_NOT_BOOKABLE`;
    403 `BOOKING_BANNED`, `ASSURANCE_REQUIRED`. See docs/appointments.md."""
    actor = current_principal().id
    request = idempotent_request(f"resident:{actor}", appointments.BOOK, data)
    booking = appointments.book(
        actor, data["item_code"], data["slot_id"], acting_for=data.get("acting_for"), request=request
    )
    return booking.view(), 201, replay_headers(booking.replayed)


@blp.get("/appointments")
@blp.login_required("resident")
@blp.arguments(AppointmentListQuerySchema, location="query")
@blp.response(200, AppointmentListSchema)
def list_mine(query: dict) -> dict:
    """Your appointments and those you made for relatives, latest first (at most 100)."""
    items = appointments.list_mine(current_principal().id, active_only=query["active"])
    return {"items": items, "total": len(items)}


@blp.get("/appointments/<id:appointment_id>")
@blp.login_required("resident")
@blp.response(200, AppointmentSchema)
@blp.errors(404)
def get_mine(appointment_id: int) -> appointments.AppointmentView:
    """One appointment with its checklist of materials and, while booked, its check-in code."""
    return appointments.get_mine(current_principal().id, appointment_id)


@blp.post("/appointments/<id:appointment_id>/cancel")
@blp.login_required("resident")
@blp.response(200, AppointmentSchema)
@blp.errors(404, 409, 422)
def cancel(appointment_id: int) -> appointments.AppointmentView:
    """Cancel until `change_until` (2 hours before by default; 422 `CHANGE_TOO_LATE` after). The place is free
    at once. Cancellations above the monthly limit count toward a booking ban."""
    return appointments.view(appointments.cancel(current_principal().id, appointment_id))


@blp.post("/appointments/<id:appointment_id>/reschedule")
@blp.login_required("resident")
@blp.arguments(RescheduleRequestSchema)
@blp.response(200, AppointmentSchema)
@blp.errors(400, 404, 409, 422)
def reschedule(data: dict, appointment_id: int) -> appointments.AppointmentView:
    """Move to another slot of the same item (any hall that takes it), until `change_until`. The new place is
    taken first: if it fails, the appointment stays as it was."""
    return appointments.view(appointments.reschedule(current_principal().id, appointment_id, data["slot_id"]))


@blp.get("/appointments/check-in-qr")
@blp.arguments(CheckInQrQuerySchema, location="query")
@blp.doc(**image_doc("The check-in token as a QR code", tuple(qr.MIMETYPES.values())))
@blp.errors(400, 404)
def check_in_qr(query: dict) -> Response:
    """The QR code of a check-in token, for the resident's phone to show at the kiosk; 404 for a token that is
    not genuine."""
    image = appointments.check_in_qr(query["token"], query["format"])
    # The token is a credential: the image is the resident's own, never kept by a shared cache.
    return Response(image.data, mimetype=image.mimetype, headers={"Cache-Control": "private, no-store"})


@blp.get("/halls/<id:hall_id>/appointments")
@blp.staff_required()
@blp.arguments(HallDayQuerySchema, location="query")
@blp.response(200, StaffAppointmentListSchema)
@blp.errors(400, 404)
def hall_day(query: dict, hall_id: int) -> dict | Response:
    """A day's appointments at the hall (today by default), names and phones masked. `format=csv` answers the
    same list as a `text/csv` download (UTF-8 with BOM, for Excel)."""
    items = appointments.day_list(hall_id, query.get("date"), viewer=current_staff())
    if query["format"] == "csv":
        return _csv(items, f"appointments-{hall_id}-{query.get('date') or 'today'}.csv")
    return {"items": items, "total": len(items)}


CSV_COLUMNS = ("reference", "status", "category", "item_code", "item_name", "starts_at", "ends_at", "name", "phone",
               "by_proxy", "checked_in_at")  # fmt: skip


def _csv(items: list[appointments.StaffAppointment], filename: str) -> Response:
    rows = StaffAppointmentSchema(many=True).dump(items)
    return Response(
        csv_export.csv_text(CSV_COLUMNS, ([row.get(name) for name in CSV_COLUMNS] for row in rows)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )
