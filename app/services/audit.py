"""Write and verify the audit log.

``record()`` adds a row to the caller's transaction: the row commits with the
business change it describes, or neither does. Each row's hash covers its
content and the previous row's hash, so an edited or deleted row breaks the
chain that ``verify_chain()`` (``flask audit-verify``) walks.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

from app.errors import AuditUnavailable
from app.extensions import db
from app.logs import client_ip_var, request_id_var
from app.models.audit import GENESIS_HASH, AuditEvent
from app.models.base import utcnow

RETENTION_ACTION = "audit.retention"
_CHAIN_LOCK = 0x70616C6D  # PostgreSQL advisory lock id ("palm"): one chain writer at a time


@dataclass(frozen=True)
class Actor:
    """Who acts: ``kind`` is resident, staff, device, system or anonymous."""

    kind: str
    id: int | None = None
    role: str | None = None


SYSTEM = Actor("system")
ANONYMOUS = Actor("anonymous")


def seal(prev_hash: str, event: AuditEvent) -> str:
    content = [
        prev_hash,
        event.at.isoformat(timespec="microseconds"),
        event.actor_kind,
        event.actor_id,
        event.actor_role,
        event.acting_for_id,
        event.action,
        event.object_type,
        event.object_id,
        event.result,
        event.ip,
        event.request_id,
        event.details,
    ]
    encoded = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()


def record(
    action: str,
    actor: Actor,
    *,
    result: str = "success",
    object_type: str | None = None,
    object_id: object = None,
    acting_for_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit row to the current transaction. ``details`` must hold no personal data."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": _CHAIN_LOCK})
    prev_hash = db.session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)) or GENESIS_HASH
    event = AuditEvent(
        at=utcnow(),
        actor_kind=actor.kind,
        actor_id=actor.id,
        actor_role=actor.role,
        acting_for_id=acting_for_id,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        result=result,
        ip=client_ip_var.get(),
        request_id=request_id_var.get(),
        details=details or {},
        prev_hash=prev_hash,
    )
    event.hash = seal(prev_hash, event)
    db.session.add(event)
    db.session.flush()
    return event


@dataclass(frozen=True)
class ChainReport:
    rows: int
    broken_at: int | None  # id of the first row that does not follow from the one before


def verify_chain(batch: int = 1000) -> ChainReport:
    """Walk the chain from its oldest row: the genesis hash, or after a retention purge the start a later
    ``audit.retention`` row vouches for (so rows removed from the head by anyone else still break it)."""
    oldest = db.session.scalar(select(AuditEvent).order_by(AuditEvent.id).limit(1))
    if oldest is None:
        return ChainReport(0, None)
    expected_prev = GENESIS_HASH if oldest.prev_hash == GENESIS_HASH else _vouched_start(oldest)
    rows, last_id = 0, 0
    while True:
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).all()
        if not events:
            return ChainReport(rows, None)
        for event in events:
            if event.prev_hash != expected_prev or seal(event.prev_hash, event) != event.hash:
                return ChainReport(rows, event.id)
            expected_prev, last_id, rows = event.hash, event.id, rows + 1


def _vouched_start(oldest: AuditEvent) -> str:
    anchors = db.session.scalars(select(AuditEvent.details).where(AuditEvent.action == RETENTION_ACTION))
    vouched = any(
        anchor.get("kept_from") == oldest.id and anchor.get("kept_from_prev_hash") == oldest.prev_hash
        for anchor in anchors
    )
    return oldest.prev_hash if vouched else GENESIS_HASH


def purge_before(cutoff: datetime) -> int:
    """Delete the rows older than ``cutoff`` (retention), in the caller's transaction.

    The only deletion of audit rows, and only from the head of the chain: first an ``audit.retention``
    row records where the kept chain now starts, so ``verify_chain`` still proves every kept row.
    """
    first_kept_id = db.session.scalar(select(func.min(AuditEvent.id)).where(AuditEvent.at >= cutoff))
    if first_kept_id is None:  # every row is older: the newest stays, it carries the chain on
        first_kept_id = db.session.scalar(select(func.max(AuditEvent.id)))
    if first_kept_id is None:
        return 0
    removed = db.session.scalar(select(func.count()).where(AuditEvent.id < first_kept_id)) or 0
    if removed:
        first_kept = db.session.get_one(AuditEvent, first_kept_id)
        details = {"kept_from": first_kept.id, "kept_from_prev_hash": first_kept.prev_hash, "deleted": removed}
        record(RETENTION_ACTION, SYSTEM, details=details)
        # Core, not the ORM: the model refuses every change on purpose (app/models/audit.py).
        table = AuditEvent.__table__
        db.session.connection().execute(table.delete().where(table.c.id < first_kept_id))
    return removed


def record_access(action: str, actor: Actor, object_type: str, object_id: object, details: dict[str, Any]) -> None:
    """Commit the audit row of an access to personal data, or refuse the access (no row, no data):
    503 ``AUDIT_UNAVAILABLE``."""
    try:
        record(action, actor, object_type=object_type, object_id=object_id, details=details)
        db.session.commit()
    except SQLAlchemyError as exc:
        db.session.rollback()
        raise AuditUnavailable() from exc
