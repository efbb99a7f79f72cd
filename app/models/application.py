"""Online applications (办件): the case, every step of it, and the files the resident uploaded.

An application starts as the resident's draft and gets its 办件编号 when submitted. Every change of state
is an append-only ``ApplicationEvent`` (who, when, from, to, the national code, the comment); the
deadline clock is computed from those events, and the due dates are stored on the application only so
that staff lists can filter and sort by them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow
from app.models.catalog import Department, ServiceItem


class Application(db.Model):
    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("region_code", "number_day", "sequence"),
        Index("ix_applications_department_status_due", "department_id", "status", "promised_due"),
        Index("ix_applications_resident_created", "resident_id", "created_at"),
        # The staff work list's order (application_steps.staff_list): a department's page without sorting them all.
        Index("ix_applications_work_list", "department_id", "promised_due", "submitted_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(32), unique=True)  # 办件编号, once submitted
    region_code: Mapped[str] = mapped_column(String(12))  # the department's region: the number's first part
    number_day: Mapped[date | None]  # the hall-local day the number was given
    sequence: Mapped[int | None]  # that region's count that day
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))  # the applicant
    created_by_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))  # another resident acting for them (代办)
    item_id: Mapped[int] = mapped_column(ForeignKey("service_items.id"))  # the published version applied for
    item_code: Mapped[str] = mapped_column(String(64))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))  # the hall visit it came from
    status: Mapped[str] = mapped_column(String(20), default="draft")
    form_enc: Mapped[str] = mapped_column(Text)  # the answers, JSON, encrypted: they name people
    # The item's time limits as they were when the application was submitted.
    processing_type: Mapped[str] = mapped_column(String(10))
    promised_days: Mapped[int] = mapped_column(default=0)
    legal_days: Mapped[int] = mapped_column(default=0)
    timezone: Mapped[str] = mapped_column(String(64))  # whose working days count
    promised_due: Mapped[date | None]
    legal_due: Mapped[date | None]
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # delivery method, tracking, file
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    concluded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    item: Mapped[ServiceItem] = relationship()
    department: Mapped[Department] = relationship()
    events: Mapped[list[ApplicationEvent]] = relationship(order_by="ApplicationEvent.id", viewonly=True)
    files: Mapped[list[ApplicationFile]] = relationship(order_by="ApplicationFile.id", viewonly=True)


class ApplicationEvent(db.Model):
    """One step of one application, append-only: nothing updates or deletes these rows."""

    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    action: Mapped[str] = mapped_column(String(24))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    code: Mapped[int | None]  # the national 办件 status code of the step (1-15)
    clock: Mapped[str] = mapped_column(String(8), default="none")  # start | pause | resume | stop | none
    actor_kind: Mapped[str] = mapped_column(String(12))  # resident | staff | system
    actor_id: Mapped[int | None]
    acting_for_id: Mapped[int | None]  # the applicant, when another resident acted for them
    comment: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # reason, missing materials, basis…


class ApplicationFile(db.Model):
    """A file uploaded for one material of the checklist; stored under ``key`` by ``app.storage``."""

    __tablename__ = "application_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    material: Mapped[str] = mapped_column(String(128))  # the checklist line's name (item versions renumber rows)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    media_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(128))  # as the resident named it, for display only
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # kept for the record, not shown
