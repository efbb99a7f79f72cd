"""Appointment slots (预约号源): when a hall's queue category takes bookings, and how many.

A ``SlotSchedule`` says how a hall line is cut into bookable windows; slots are generated
from it for the working days ahead, and each ``Slot`` counts its bookings against its
capacity. The count is only ever changed by a conditional UPDATE (``booked < capacity``)
in the booking's transaction, so the database decides, across every worker and host.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow
from app.models.catalog import Hall, QueueCategory, ServiceItem


class SlotSchedule(db.Model):
    """How one hall line (queue category) takes bookings; one per line that takes any."""

    __tablename__ = "slot_schedules"
    __table_args__ = (UniqueConstraint("category_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("queue_categories.id", ondelete="CASCADE"))
    window_minutes: Mapped[int] = mapped_column(default=30)
    # None: as many bookings per window as windows serve the line.
    capacity: Mapped[int | None]
    days_ahead: Mapped[int] = mapped_column(default=7)  # 放号: D-7 ...
    release_time: Mapped[str] = mapped_column(String(5), default="08:00")  # ... at 08:00 hall time
    close_minutes_before: Mapped[int] = mapped_column(default=60)  # booking closes 1 hour before the slot
    walk_in_minutes_before: Mapped[int] = mapped_column(default=30)  # unbooked places go to walk-ins
    cancel_minutes_before: Mapped[int] = mapped_column(default=120)  # residents cancel until 2 hours before
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    hall: Mapped[Hall] = relationship()
    category: Mapped[QueueCategory] = relationship()


class Slot(db.Model):
    """One bookable window of one hall line on one day."""

    __tablename__ = "slots"
    __table_args__ = (
        UniqueConstraint("category_id", "starts_at"),
        CheckConstraint("booked >= 0", name="booked_not_negative"),
        Index("ix_slots_hall_day", "hall_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("queue_categories.id", ondelete="CASCADE"))
    day: Mapped[date]  # in the hall's timezone
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    capacity: Mapped[int]
    booked: Mapped[int] = mapped_column(default=0)
    closed: Mapped[bool] = mapped_column(default=False)  # closed by an admin for this day
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    category: Mapped[QueueCategory] = relationship()


class Appointment(db.Model):
    """A resident's booking of one slot for one service item. It keeps its reference when rescheduled."""

    __tablename__ = "appointments"
    __table_args__ = (
        Index("ix_appointments_resident_status", "resident_id", "status"),
        Index("ix_appointments_hall_day", "hall_id", "day"),
        Index("ix_appointments_status_ends", "status", "ends_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)  # what the resident reads out: Y7K3M9Q2
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))  # whom it is for
    booked_by_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))  # a proxy (代办) when not the resident
    item_id: Mapped[int] = mapped_column(ForeignKey("service_items.id"))
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    slot_id: Mapped[int] = mapped_column(ForeignKey("slots.id"), index=True)
    day: Mapped[date]  # the slot's, in the hall's timezone
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(12), default="booked")  # booked | checked_in | cancelled | no_show
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_by: Mapped[str | None] = mapped_column(String(10))  # resident | staff
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reschedules: Mapped[int] = mapped_column(default=0)

    item: Mapped[ServiceItem] = relationship()
    hall: Mapped[Hall] = relationship()
    slot: Mapped[Slot] = relationship()


class BookingBan(db.Model):
    """A resident may not book until ``ends_at`` (no-shows, or cancellations above the limit), unless lifted."""

    __tablename__ = "booking_bans"

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))  # of the appointment that tipped it: who may lift it
    reason: Mapped[str] = mapped_column(String(16))  # no_shows | cancellations
    strikes: Mapped[int]
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lifted_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_accounts.id"))
    lift_reason: Mapped[str | None] = mapped_column(String(200))

    hall: Mapped[Hall] = relationship()
