"""Data retention: personal data kept only as long as it is needed (PIPL Art. 19, 47).

``run()`` deletes what has outlived its ``RETENTION_*_DAYS`` period (``flask retention-run``, and the
sweep at most once an hour). Records the law requires (办件, ratings, complaints, tickets, appointments)
are not touched here; audit rows are kept at least six months (config.py refuses less) and removed
only from the head of the hash chain (``audit.purge_before``).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, or_

from app import jobs
from app.errors import RedisUnavailable
from app.extensions import db
from app.models.base import utcnow
from app.models.identity import AuthSession, FaceVerification
from app.models.notify import Notification
from app.redis_store import get_redis, redis_errors
from app.services import audit

log = logging.getLogger(__name__)

SWEEP_EVERY_SECONDS = 3600
_SWEEP_KEY = "retention:swept"
FINISHED_NOTIFICATIONS = ("sent", "failed", "skipped")


def run(now: datetime | None = None) -> dict[str, int]:
    """Delete everything past its retention period, in one transaction; the counts per kind."""
    now = now or utcnow()
    config = current_app.config

    def cutoff(setting: str) -> datetime:
        return now - timedelta(days=config[setting])

    sessions_before = cutoff("RETENTION_SESSIONS_DAYS")
    counts = {
        "sessions": _delete(
            AuthSession,
            or_(AuthSession.expires_at < sessions_before, AuthSession.revoked_at < sessions_before),
        ),
        "notifications": _delete(
            Notification,
            Notification.status.in_(FINISHED_NOTIFICATIONS),
            Notification.created_at < cutoff("RETENTION_NOTIFICATIONS_DAYS"),
        ),
        "face_checks": _delete(FaceVerification, FaceVerification.created_at < cutoff("RETENTION_FACE_CHECKS_DAYS")),
        "audit_events": audit.purge_before(cutoff("RETENTION_AUDIT_DAYS")),
    }
    deleted = {kind: count for kind, count in counts.items() if count}
    if deleted:
        audit.record("retention.run", audit.SYSTEM, details={"deleted": deleted})
    db.session.commit()
    return counts


def _delete(model: type, *conditions: object) -> int:
    return db.session.execute(delete(model).where(*conditions)).rowcount


def sweep() -> None:
    """The sweep's entry: ``run()`` at most once per ``SWEEP_EVERY_SECONDS`` across every worker."""
    try:
        with redis_errors():
            due = get_redis().set(_SWEEP_KEY, "1", nx=True, ex=SWEEP_EVERY_SECONDS)
    except RedisUnavailable:  # the next sweep tries again; retention can wait
        log.warning("retention: Redis unavailable, skipped this sweep")
        return
    if due:
        log.info("retention: %s", run())


jobs.SWEEPERS.append(sweep)
