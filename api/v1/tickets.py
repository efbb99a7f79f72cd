"""The hall queue (取号): tickets from phones, kiosks and appointment check-ins; the holder's view."""

from __future__ import annotations

from api.auth import current_device, current_principal
from api.blueprint import Blueprint
from api.idempotency import DOC as IDEMPOTENCY_DOC
from api.idempotency import idempotent_request, replay_headers
from api.schemas.booking import CheckInRequestSchema
from api.schemas.queue import (
    KioskTicketRequestSchema,
    KioskTicketSchema,
    PhoneTicketRequestSchema,
    TicketListSchema,
    TicketSchema,
)
from app.errors import Forbidden
from app.services import tickets, windows

blp = Blueprint("tickets", __name__, url_prefix="/api/v1", description="Queue tickets (取号/叫号)")
# What a resident can do next with a ticket they hold (OpenAPI links on the answers that hand one out).
TICKET_ACTIONS = (
    "GET /api/v1/tickets/{ticket_id}",
    "DELETE /api/v1/tickets/{ticket_id}",
    "POST /api/v1/tickets/{ticket_id}/rejoin",
)


@blp.post("/halls/<id:hall_id>/tickets")
@blp.login_required("resident")
@blp.doc(**IDEMPOTENCY_DOC)
@blp.arguments(PhoneTicketRequestSchema)
@blp.response(201, TicketSchema)
@blp.links(201, *TICKET_ACTIONS, ticket_id="$response.body#/id")
@blp.links(201, "GET /api/v1/halls/{hall_id}/board", hall_id="$response.body#/hall_id")
@blp.errors(400, 404, 409, 422, 503)
def take_by_phone(data: dict, hall_id: int) -> tuple[tickets.TicketView, int, dict[str, str]]:
    """Take a ticket for an item from your phone while the hall is open (422 `HALL_CLOSED` otherwise); one
    active ticket per resident per hall (409 `ALREADY_QUEUED`)."""
    actor = current_principal().id
    request = idempotent_request(f"resident:{actor}", tickets.TAKE, {**data, "hall_id": hall_id})
    wanted = tickets.Wanted("phone", item_code=data["item_code"], resident_id=data.get("acting_for", actor))
    taken = tickets.take(hall_id, wanted, actor=tickets.Actor("resident", actor), request=request)
    return tickets.view(taken.ticket), 201, replay_headers(taken.replayed)


@blp.post("/kiosk/tickets")
@blp.device_required
@blp.doc(**IDEMPOTENCY_DOC)
@blp.arguments(KioskTicketRequestSchema)
@blp.response(201, KioskTicketSchema)
@blp.links(201, "GET /api/v1/halls/{hall_id}/board", hall_id="$response.body#/hall_id")
@blp.errors(400, 404, 409, 422, 503)
def take_at_kiosk(data: dict) -> tuple[tickets.PrintedView, int, dict[str, str]]:
    """A walk-in ticket printed at the kiosk's hall: for an item or a line letter, anonymous or for the resident
    whose phone or ID number was entered (then one active ticket per resident, and 70+ is green). `follow_url`
    is the page its QR code opens."""
    device = current_device()
    request = idempotent_request(f"device:{device.id}", tickets.TAKE, data)
    wanted = tickets.Wanted(
        "kiosk",
        item_code=data.get("item_code"),
        prefix=data.get("prefix"),
        resident_id=tickets.resident_at_kiosk(data.get("phone"), data.get("id_number")),
        green=data["green"],
    )
    taken = tickets.take(device.hall_id, wanted, actor=tickets.Actor("device", device.id), request=request)
    return tickets.printed(taken.ticket), 201, replay_headers(taken.replayed)


@blp.post("/check-ins")
@blp.device_required
@blp.arguments(CheckInRequestSchema)
@blp.response(201, KioskTicketSchema)
@blp.errors(400, 403, 409, 410, 422, 503)
def check_in(data: dict) -> tuple[tickets.PrintedView, int, dict[str, str]]:
    """A kiosk scanned an appointment's code: the appointment is checked in at the kiosk's hall and its ticket
    printed (a display board may not: 403). A second scan gives the same ticket. 422 `CHECK_IN_TOO_EARLY`
    (with `opens_at`) or `CHECK_IN_WRONG_HALL`, 410 `CHECK_IN_EXPIRED`, 409 `APPOINTMENT_NOT_ACTIVE`."""
    device = current_device()
    if device.kind != "kiosk":
        raise Forbidden()
    taken = tickets.check_in(data["token"], hall_id=device.hall_id, actor=tickets.Actor("device", device.id))
    return tickets.printed(taken.ticket), 201, replay_headers(taken.replayed)


@blp.post("/appointments/<id:appointment_id>/check-in")
@blp.login_required("resident")
@blp.response(201, TicketSchema)
@blp.links(201, *TICKET_ACTIONS, ticket_id="$response.body#/id")
@blp.links(201, "GET /api/v1/halls/{hall_id}/board", hall_id="$response.body#/hall_id")
@blp.errors(404, 409, 410, 422, 503)
def arrive(appointment_id: int) -> tuple[tickets.TicketView, int, dict[str, str]]:
    """ "I'm here": check your appointment in from the app within its check-in window (from an hour before the
    slot to 15 minutes after it) and get its ticket; again gives the same ticket."""
    taken = tickets.arrive(current_principal().id, appointment_id)
    return tickets.view(taken.ticket), 201, replay_headers(taken.replayed)


@blp.get("/tickets")
@blp.login_required("resident")
@blp.response(200, TicketListSchema)
@blp.errors(503)
def my_tickets() -> dict:
    """Your tickets still in play today (waiting, called, serving or held), newest first, at most 20: what the
    app shows as your current ticket."""
    items = [tickets.view(ticket) for ticket in tickets.live_of(current_principal().id)]
    return {"items": items, "total": len(items)}


@blp.get("/tickets/<id:ticket_id>")
@blp.login_required("resident")
@blp.response(200, TicketSchema)
@blp.errors(404)
def get_ticket(ticket_id: int) -> tickets.TicketView:
    """Your ticket: its state, how many are ahead, and the window once called."""
    return tickets.view(tickets.mine(current_principal().id, ticket_id))


@blp.get("/tickets/by-token/<token:token>")
@blp.response(200, TicketSchema)
@blp.errors(404, 410)
def ticket_by_token(token: str) -> tickets.TicketView:
    """A kiosk ticket followed from its printed QR code, without login (`follow_url`): its state, how many are
    ahead, and the window once called. 410 `LINK_EXPIRED` once its hall day is over."""
    return tickets.view(tickets.by_token(token))


@blp.delete("/tickets/<id:ticket_id>")
@blp.login_required("resident")
@blp.response(200, TicketSchema)
@blp.errors(404, 409)
def cancel_ticket(ticket_id: int) -> tickets.TicketView:
    """Leave the line (only while waiting: 409 `TICKET_NOT_WAITING` after the call)."""
    return tickets.view(tickets.cancel(current_principal().id, ticket_id))


@blp.post("/tickets/<id:ticket_id>/rejoin")
@blp.login_required("resident")
@blp.response(200, TicketSchema)
@blp.errors(404, 409)
def rejoin(ticket_id: int) -> tickets.TicketView:
    """Missed your call (过号)? Rejoin once within 10 minutes, at the back of the line."""
    return tickets.view(windows.rejoin(current_principal().id, ticket_id))
