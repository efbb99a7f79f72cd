"""A window's work (叫号): call the next ticket, then start, recall, skip, hold, resume, transfer or complete it.
Staff of the window's hall only; a ticket in a state that does not allow the action is 409 `TICKET_STATE`."""

from __future__ import annotations

from api.auth import current_staff
from api.blueprint import Blueprint
from api.schemas.queue import (
    AtWindowSchema,
    CalledSchema,
    CompleteRequestSchema,
    HallWindowsQuerySchema,
    HallWindowsSchema,
    OpenWindowRequestSchema,
    PauseRequestSchema,
    TicketSchema,
    TransferRequestSchema,
    WindowSessionSchema,
    WindowTodaySchema,
)
from app.models.queue import WindowSession
from app.services import tickets, window_sessions, window_stats, windows

blp = Blueprint("windows", __name__, url_prefix="/api/v1/windows", description="Windows (叫号)")


@blp.get("")
@blp.staff_required()
@blp.arguments(HallWindowsQuerySchema, location="query")
@blp.response(200, HallWindowsSchema)
@blp.links(
    200,
    "POST /api/v1/windows/{window_id}/open",
    "POST /api/v1/windows/{window_id}/call-next",
    "GET /api/v1/windows/{window_id}/current",
    "GET /api/v1/windows/{window_id}/today",
    window_id="$response.body#/items/0/id",
)
@blp.errors(400, 404)
def hall_windows(query: dict) -> dict:
    """The windows of a hall (staff of the hall): today's session and the ticket at each, so a clerk finds
    the id of their window."""
    return {"items": window_sessions.of_hall(query["hall_id"], staff=current_staff())}


@blp.post("/<id:window_id>/open")
@blp.staff_required()
@blp.arguments(OpenWindowRequestSchema)
@blp.response(200, WindowSessionSchema)
@blp.errors(400, 404)
def open_window(data: dict, window_id: int) -> WindowSession:
    """Open the window for today, serving the given lines (default: those it is set up for); on an open
    window, change its lines. Calling next at a window not opened today opens it this way."""
    return window_sessions.open_window(window_id, staff=current_staff(), prefixes=data.get("categories"))


@blp.post("/<id:window_id>/pause")
@blp.staff_required()
@blp.arguments(PauseRequestSchema)
@blp.response(200, WindowSessionSchema)
@blp.errors(400, 404)
def pause_window(data: dict, window_id: int) -> WindowSession:
    """Pause calling, with the reason supervisors see; call-next answers 409 `WINDOW_PAUSED` until `resume`."""
    return window_sessions.pause(window_id, data["reason"], staff=current_staff())


@blp.post("/<id:window_id>/resume")
@blp.staff_required()
@blp.response(200, WindowSessionSchema)
@blp.errors(404)
def resume_window(window_id: int) -> WindowSession:
    """Calling again after a pause."""
    return window_sessions.resume(window_id, staff=current_staff())


@blp.post("/<id:window_id>/close")
@blp.staff_required()
@blp.response(200, WindowSessionSchema)
@blp.errors(404)
def close_window(window_id: int) -> WindowSession:
    """The window is done for the day (calling next opens it again)."""
    return window_sessions.close(window_id, staff=current_staff())


@blp.get("/<id:window_id>/current")
@blp.staff_required()
@blp.response(200, AtWindowSchema)
@blp.errors(404)
def current(window_id: int) -> window_stats.AtWindow:
    """The ticket the window works on now (called, serving, else held), its holder masked as the call showed
    them, and the others still at the window, so a console that reloads finds them again; `ticket` is null when
    none is."""
    return window_stats.at_window(window_id, staff=current_staff())


@blp.get("/<id:window_id>/today")
@blp.staff_required()
@blp.response(200, WindowTodaySchema)
@blp.errors(404)
def today(window_id: int) -> window_stats.WindowToday:
    """The window's work on the hall's today: tickets called and served, the average service time, 过号, no-shows
    and transfers."""
    return window_stats.today(window_id, staff=current_staff())


@blp.post("/<id:window_id>/call-next")
@blp.staff_required()
@blp.response(200, CalledSchema)
@blp.links(
    200,
    "POST /api/v1/windows/{window_id}/tickets/{ticket_id}/start",
    "POST /api/v1/windows/{window_id}/tickets/{ticket_id}/skip",
    "POST /api/v1/windows/{window_id}/tickets/{ticket_id}/hold",
    "POST /api/v1/windows/{window_id}/tickets/{ticket_id}/resume",
    "POST /api/v1/windows/{window_id}/tickets/{ticket_id}/recall",
    "POST /api/v1/windows/{window_id}/tickets/{ticket_id}/transfer",
    "POST /api/v1/windows/{window_id}/tickets/{ticket_id}/complete",
    window_id="$request.path.window_id",
    ticket_id="$response.body#/ticket/id",
)
@blp.errors(404, 409, 503)
def call_next(window_id: int) -> tickets.Called:
    """Call the best waiting ticket across the window's lines (`ticket` is null when nobody waits). The list
    shows no names; the called ticket's holder is shown masked."""
    return tickets.called(tickets.call_next(window_id, staff=current_staff()))


def _simple(action: str, summary: str) -> None:
    """``POST …/tickets/{ticket_id}/{action}`` for an action that takes no body."""

    def handler(window_id: int, ticket_id: int) -> tickets.TicketView:
        return tickets.view(windows.act(window_id, ticket_id, action, staff=current_staff()))

    handler.__name__ = handler.__qualname__ = action
    handler.__doc__ = summary
    for decorate in (blp.errors(404, 409), blp.response(200, TicketSchema), blp.staff_required()):
        handler = decorate(handler)
    blp.post(f"/<id:window_id>/tickets/<id:ticket_id>/{action}")(handler)


_simple("start", "The resident is at the window: serving starts (from `called`).")
_simple("skip", "The resident did not come (过号, from `called`); they may rejoin once within 10 minutes.")
_simple("hold", "The resident fetches papers (from `serving`); `resume` when they are back.")
_simple("resume", "Back from fetching papers (from `held`).")


@blp.post("/<id:window_id>/tickets/<id:ticket_id>/recall")
@blp.staff_required()
@blp.response(200, TicketSchema)
@blp.errors(404, 409)
def recall(window_id: int, ticket_id: int) -> tickets.TicketView:
    """Call the ticket again (from `called`); after two recalls (`QUEUE_MAX_RECALLS`) it is a no-show instead."""
    return tickets.view(windows.recall(window_id, ticket_id, staff=current_staff()))


@blp.post("/<id:window_id>/tickets/<id:ticket_id>/transfer")
@blp.staff_required()
@blp.arguments(TransferRequestSchema)
@blp.response(200, TicketSchema)
@blp.errors(400, 404, 409)
def transfer(data: dict, window_id: int, ticket_id: int) -> tickets.TicketView:
    """Send the ticket to another line of the hall (`category`) or to another window (`window`); it waits there
    with its original queue time."""
    ticket = windows.transfer(
        window_id, ticket_id, category=data.get("category"), to_window=data.get("window"), staff=current_staff()
    )
    return tickets.view(ticket)


@blp.post("/<id:window_id>/tickets/<id:ticket_id>/complete")
@blp.staff_required()
@blp.arguments(CompleteRequestSchema)
@blp.response(200, TicketSchema)
@blp.errors(400, 404, 409)
def complete(data: dict, window_id: int, ticket_id: int) -> tickets.TicketView:
    """The service is over (from `serving`), with its outcome."""
    done = windows.complete(
        window_id, ticket_id, data["outcome"], staff=current_staff(), application_id=data.get("application_id")
    )
    return tickets.view(done)
