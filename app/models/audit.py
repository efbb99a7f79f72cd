"""The audit log: append-only rows, each sealed with the hash of the one before it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, event
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow

GENESIS_HASH = "0" * 64


class AuditImmutable(RuntimeError):
    """Audit rows are never updated or deleted by the application."""


class AuditEvent(db.Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_kind: Mapped[str] = mapped_column(String(12))  # resident | staff | device | system | anonymous
    actor_id: Mapped[int | None]
    actor_role: Mapped[str | None] = mapped_column(String(20))
    acting_for_id: Mapped[int | None]  # the resident a proxy acted for
    action: Mapped[str] = mapped_column(String(48), index=True)
    object_type: Mapped[str | None] = mapped_column(String(32))
    object_id: Mapped[str | None] = mapped_column(String(64))
    result: Mapped[str] = mapped_column(String(12))  # success | failure | denied
    ip: Mapped[str | None] = mapped_column(String(45))
    request_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # A unique previous hash means the chain can never fork, even under concurrent writers.
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64))


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_change(*_args: object) -> None:
    raise AuditImmutable("audit rows cannot be changed")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_change(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete) and any(mapper.class_ is AuditEvent for mapper in state.all_mappers):
        raise AuditImmutable("audit rows cannot be changed")
