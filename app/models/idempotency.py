"""Idempotency keys: a retried write (same ``Idempotency-Key``) finds the result of the first one.

A key row is written in the same transaction as what it created, so it exists exactly when that
did; a concurrent duplicate waits on the unique constraint and then finds it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class IdempotencyKey(db.Model):
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("owner", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String(40))  # who sent it: "resident:12", "device:3"
    key: Mapped[str] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(40))  # the use case: "appointments.book"
    fingerprint: Mapped[str] = mapped_column(String(64))  # sha256 of the request body
    resource_id: Mapped[int]  # what the first request created
    status_code: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
