"""The hall queue (取号/叫号): tickets and every change to them.

The database holds each ticket and each event before an answer goes out; Redis holds the live lines
and counters, rebuilt from these rows whenever it lost them. A ticket's number is unique per hall
line per hall day, whatever Redis did; a transferred ticket keeps it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow
from app.models.catalog import Hall, QueueCategory, ServiceItem, Window


class Ticket(db.Model):
    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("hall_id", "day", "issued_in_id", "number"),
        Index("ix_tickets_hall_day_status", "hall_id", "day", "status"),
        Index("ix_tickets_resident_status", "resident_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("queue_categories.id"))  # the line it waits in now
    issued_in_id: Mapped[int] = mapped_column(ForeignKey("queue_categories.id"))  # the line that numbered it
    day: Mapped[date]  # the hall's day
    number: Mapped[int]  # the day's sequence in the line: 17
    label: Mapped[str] = mapped_column(String(8))  # what the board shows and the voice reads: A017
    source: Mapped[str] = mapped_column(String(12))  # kiosk | phone | appointment
    priority: Mapped[str] = mapped_column(String(12), default="normal")  # appointment | green | normal
    status: Mapped[str] = mapped_column(String(12), default="waiting")
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointments.id"), unique=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("service_items.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)  # kept when transferred
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    hall: Mapped[Hall] = relationship()
    category: Mapped[QueueCategory] = relationship(foreign_keys=[category_id])
    item: Mapped[ServiceItem | None] = relationship()
    window: Mapped[Window | None] = relationship()  # once called, or transferred to one window


class TicketEvent(db.Model):
    """One change of one ticket (issued, called, recalled, skipped, transferred, completed…), append-only."""

    __tablename__ = "ticket_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    kind: Mapped[str] = mapped_column(String(16))
    actor_kind: Mapped[str] = mapped_column(String(12))  # resident | staff | device | system
    actor_id: Mapped[int | None]
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class WindowSession(db.Model):
    """A window at work on one hall day: who opened it, the lines it serves today, and whether it is paused."""

    __tablename__ = "window_sessions"
    __table_args__ = (Index("ix_window_sessions_window_day", "window_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    window_id: Mapped[int] = mapped_column(ForeignKey("windows.id"))
    day: Mapped[date]  # the hall's day
    opened_by: Mapped[int]  # the staff member (an id as in ticket events)
    category_ids: Mapped[list[int]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(8), default="open")  # open | paused | closed
    pause_reason: Mapped[str | None] = mapped_column(String(200))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
