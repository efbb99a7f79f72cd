"""电子监察: the alerts the supervision rules raise over applications, tickets, windows and 差评 work orders.

A rule raises at most one ``Alert`` per subject (the unique constraint): the three deadline rules of an
application share one alert whose level goes up (预警 -> 黄牌 -> 红牌) on the same row, and every change of
level or status is an append-only ``AlertEvent`` (who, what, from, to, and who would be told).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class Alert(db.Model):
    __tablename__ = "alerts"
    __table_args__ = (
        UniqueConstraint("rule", "subject_type", "subject_id"),
        Index("ix_alerts_department_status", "department_id", "status"),
        Index("ix_alerts_hall_status", "hall_id", "status"),
        Index("ix_alerts_status_level", "status", "level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rule: Mapped[str] = mapped_column(String(32))  # the rule's track: application_deadline, ticket_wait…
    level: Mapped[str] = mapped_column(String(8))  # warning (预警) | yellow (黄牌) | red (红牌); only goes up
    subject_type: Mapped[str] = mapped_column(String(12))  # application | ticket | window | work_order | complaint
    subject_id: Mapped[int]  # for a window: its session of the day (window_sessions.id)
    # Who answers: a department's alerts (applications, work orders) or a hall's (tickets, windows).
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    hall_id: Mapped[int | None] = mapped_column(ForeignKey("halls.id"))
    status: Mapped[str] = mapped_column(String(12), default="open")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # due dates, percent used, minutes…
    note: Mapped[str | None] = mapped_column(Text)  # the last person's note (resolution, appeal, decision)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    events: Mapped[list[AlertEvent]] = relationship(order_by="AlertEvent.id", viewonly=True)


class AlertEvent(db.Model):
    """One change of one alert, append-only: nothing updates or deletes these rows."""

    __tablename__ = "alert_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    action: Mapped[str] = mapped_column(String(16))  # raise, escalate, reopen, auto_resolve, acknowledge…
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    from_level: Mapped[str | None] = mapped_column(String(8))
    to_level: Mapped[str] = mapped_column(String(8))
    actor_kind: Mapped[str] = mapped_column(String(12))  # staff | system
    actor_id: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the values seen, who is to be told
