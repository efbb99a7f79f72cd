"""Visits to rate: a ticket served to the end at a window by a real staff account, and a hall's evaluator
device (the pad at a window that asks for a rating)."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from app.extensions import db
from app.models import StaffAccount, Window
from app.services import devices, staff, tickets, windows
from app.services.idempotency import IdempotentRequest
from tests.booking_helpers import Line
from tests.staff_helpers import create_staff


def served(app, line: Line, resident_id: int | None, *, item: bool = True) -> tuple[int, int, int]:
    """A ticket of ITEM-1 (or, without ``item``, for line A only) taken, called, served and finished ``done``
    at the first window by a real staff account; (ticket id, window id, staff id)."""
    clerk = db.session.scalar(select(StaffAccount.id).where(StaffAccount.username == "clerk"))
    if clerk is None:
        clerk = create_staff(app, "clerk", ("window_staff", "hall", line.hall_id)).id
    rights = staff.rights(clerk)
    request = IdempotentRequest.of("device:1", str(uuid.uuid4()), tickets.TAKE, {})
    wanted = tickets.Wanted("kiosk", item_code="ITEM-1" if item else None, prefix=None if item else "A",
                            resident_id=resident_id)  # fmt: skip
    tickets.take(line.hall_id, wanted, actor=tickets.Actor("device", 1), request=request)
    window = db.session.scalar(select(Window.id).where(Window.hall_id == line.hall_id).order_by(Window.number))
    ticket = tickets.call_next(window, staff=rights)
    windows.act(window, ticket.id, "start", staff=rights)
    windows.complete(window, ticket.id, "done", staff=rights)
    return ticket.id, window, clerk


def evaluator(app, hall_id: int, kind: str = "evaluator"):
    admin = create_staff(app, f"installer-{kind}-{hall_id}", ("sys_admin", "all", None))
    return devices.register(hall_id, kind, "窗口评价器", admin=staff.rights(admin.id)).device
