"""好差评: the residents' ratings of a visit or an application, and the work orders a bad rating opens.

A rating hangs on exactly one ticket (现场"一次一评") or one application (网上"一事一评") and copies the
chain behind it (department, hall, window, the staff member who served) so that statistics and a
supervisor can follow it back without joins through the queue. A 差评 (level 1 or 2) opens one
``WorkOrder`` for the responsible department; each step of it is an append-only ``WorkOrderEvent``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class Evaluation(db.Model):
    __tablename__ = "evaluations"
    __table_args__ = (
        CheckConstraint("(ticket_id IS NULL) <> (application_id IS NULL)", name="one_subject"),
        Index("ix_evaluations_resident_created", "resident_id", "created_at"),
        Index("ix_evaluations_department_created", "department_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), unique=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), unique=True)
    # The person served: the ticket's holder (none for an anonymous kiosk ticket) or the applicant.
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    rated_by_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))  # a relative acting (代办)
    channel: Mapped[str] = mapped_column(String(8))  # onsite | online
    level: Mapped[int]  # 5 非常满意 … 1 非常不满意
    indicators: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)  # indicator -> level 1-5
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    comment: Mapped[str] = mapped_column(Text, default="")
    # Who is answerable for the service rated (谁办理、谁负责).
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    hall_id: Mapped[int | None] = mapped_column(ForeignKey("halls.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_accounts.id"))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))  # an evaluator device submitted it
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    appeal: Mapped[str | None] = mapped_column(String(12))  # pending | upheld | rejected (申诉复核)
    excluded: Mapped[bool] = mapped_column(default=False)  # an upheld appeal: kept in history, out of statistics

    work_order: Mapped[WorkOrder | None] = relationship(back_populates="evaluation", viewonly=True)


class WorkOrder(db.Model):
    """The 差评 整改 work order: verify, rectify or explain, reply, and the resident's 回访 rating of it."""

    __tablename__ = "work_orders"
    __table_args__ = (Index("ix_work_orders_status_due", "status", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluations.id"), unique=True)
    # The department answerable; a rating of a ticket without an item falls to its hall instead.
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True)
    hall_id: Mapped[int | None] = mapped_column(ForeignKey("halls.id"))
    status: Mapped[str] = mapped_column(String(16), default="open")
    resumes_at: Mapped[str | None] = mapped_column(String(16))  # the status an appeal left, for a rejected one
    timezone: Mapped[str] = mapped_column(String(64))  # whose working days count
    due_on: Mapped[date]  # the hall-local day the reply is due
    verification: Mapped[str | None] = mapped_column(Text)
    handling: Mapped[str | None] = mapped_column(String(8))  # rectify | explain
    handling_text: Mapped[str | None] = mapped_column(Text)
    reply: Mapped[str | None] = mapped_column(Text)
    revisit_level: Mapped[int | None]  # 3 满意, 2 基本满意, 1 不满意
    appeal_reason: Mapped[str | None] = mapped_column(Text)
    appeal_decision: Mapped[str | None] = mapped_column(String(8))  # upheld | rejected
    appeal_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    evaluation: Mapped[Evaluation] = relationship(back_populates="work_order")
    events: Mapped[list[WorkOrderEvent]] = relationship(order_by="WorkOrderEvent.id", viewonly=True)


class WorkOrderEvent(db.Model):
    """One step of one work order, append-only: nothing updates or deletes these rows."""

    __tablename__ = "work_order_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    action: Mapped[str] = mapped_column(String(12))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    actor_kind: Mapped[str] = mapped_column(String(12))  # resident | staff | system
    actor_id: Mapped[int | None]
    text: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Complaint(db.Model):
    """投诉: a resident's complaint about a service, answered by the department (or hall) it concerns within
    ``COMPLAINT_REPLY_DAYS`` working days; the resident may rate the answer."""

    __tablename__ = "complaints"
    __table_args__ = (Index("ix_complaints_status_due", "status", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    category: Mapped[str] = mapped_column(String(16))  # attitude | efficiency | guide | platform | other
    text: Mapped[str] = mapped_column(Text)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))
    # Who answers: the department concerned, or for a visit without an item the hall that served it.
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True)
    hall_id: Mapped[int | None] = mapped_column(ForeignKey("halls.id"))
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | replied | closed
    timezone: Mapped[str] = mapped_column(String(64))
    due_on: Mapped[date]
    reply: Mapped[str | None] = mapped_column(Text)
    replied_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_accounts.id"))
    satisfaction: Mapped[int | None]  # the resident's rating of the answer: 3 满意, 2 基本满意, 1 不满意
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
