"""Telling residents things: the notification outbox, their settings and send credits, and short links.

Every notification is a row written in the transaction of the change that caused it, then
sent (by a job, or by the sweep that picks up anything a lost job left behind).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow

NOTIFICATION_STATES = ("queued", "sending", "sent", "failed", "skipped")


class Notification(db.Model):
    """One message to one resident, through the channel chosen when it is sent."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_due", "status", "not_before"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    template: Mapped[str] = mapped_column(String(48))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    link: Mapped[str | None] = mapped_column(String(255))  # a page of the app, e.g. "pages/appointment/index?t=…"
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    channel: Mapped[str | None] = mapped_column(String(10))  # sms | wechat | alipay, once chosen
    attempts: Mapped[int] = mapped_column(default=0)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)  # quiet hours, backoff
    provider: Mapped[str | None] = mapped_column(String(16))
    provider_code: Mapped[str | None] = mapped_column(String(64))
    provider_msg_id: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class NotificationSettings(db.Model):
    """What a resident wants to hear about, and how."""

    __tablename__ = "notification_settings"

    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(12), default="auto")  # auto (mini-program message if possible) | sms
    reminders: Mapped[bool] = mapped_column(default=True)  # appointment and document reminders
    progress: Mapped[bool] = mapped_column(default=True)  # application progress (办件进度)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SubscriptionCredit(db.Model):
    """Send credits a resident granted in a mini-program (each accepted request is one message)."""

    __tablename__ = "subscription_credits"
    __table_args__ = (UniqueConstraint("resident_id", "channel", "template"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))  # wechat | alipay
    template: Mapped[str] = mapped_column(String(48))  # our template key
    credits: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ShortLink(db.Model):
    """``/l/{code}``: a short, expiring, revocable link to a page of the app (carrying a signed token)."""

    __tablename__ = "short_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    page: Mapped[str] = mapped_column(String(128))  # "pages/appointment/index"
    query: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # opaque values only, never personal data
    purpose: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    clicks: Mapped[int] = mapped_column(default=0)
    last_click_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
