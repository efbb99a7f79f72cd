"""Login sessions: the database row is the truth, Redis a cache of it.

Access tokens carry the session's ``public_id`` and are checked on every
request: Redis answers fast; on a miss or a Redis failure the database decides;
if neither can answer the check fails (``AuthUnavailable``), never passes.
Refresh tokens carry a generation number; presenting an older generation than
the session's means a stolen token was used, and the whole session ends.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import cast

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError

from app.errors import AuthUnavailable, NotFound, RedisUnavailable, SessionEnded, TokenInvalid
from app.extensions import db
from app.models.base import utcnow
from app.models.identity import AuthSession
from app.redis_store import get_redis, redis_errors
from app.services import audit

log = logging.getLogger(__name__)
CACHE_SECONDS = 300
_REVOKED = "x"


@dataclass(frozen=True)
class Principal:
    """Who a session belongs to: ``kind`` is "resident" or "staff"."""

    kind: str
    id: int
    session_id: str

    @property
    def actor(self) -> audit.Actor:
        return audit.Actor(self.kind, self.id)


def _cache_key(public_id: str) -> str:
    return f"sess:{{{public_id}}}"


def _principal(row: AuthSession) -> Principal:
    if row.staff_id is not None:
        return Principal("staff", row.staff_id, row.public_id)
    return Principal("resident", cast(int, row.resident_id), row.public_id)  # the table's check: one owner


def open_session(
    *,
    resident_id: int | None = None,
    staff_id: int | None = None,
    method: str,
    client: str,
    ip: str,
    lifetime: timedelta,
) -> AuthSession:
    """Add a session to the caller's transaction."""
    now = utcnow()
    row = AuthSession(
        resident_id=resident_id,
        staff_id=staff_id,
        method=method,
        client=client[:120],
        ip=ip,
        created_at=now,
        last_used_at=now,
        expires_at=now + lifetime,
    )
    db.session.add(row)
    db.session.flush()
    return row


def check(public_id: str) -> Principal:
    """The principal of a live session, or SessionEnded; AuthUnavailable if it cannot be known."""
    now = utcnow()
    cache_up = True
    try:
        with redis_errors():
            cached = get_redis().get(_cache_key(public_id))
    except RedisUnavailable:
        # The database answers alone; writing the cache back would cost the request another timeout.
        cached, cache_up = None, False
    if cached == _REVOKED:
        raise SessionEnded()
    if cached:
        kind, principal_id, expires = cached.split(":")
        if float(expires) <= now.timestamp():
            raise SessionEnded()
        return Principal(kind, int(principal_id), public_id)
    try:
        row = db.session.scalar(select(AuthSession).where(AuthSession.public_id == public_id))
    except SQLAlchemyError as exc:
        db.session.rollback()
        raise AuthUnavailable() from exc
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        if cache_up:
            _cache(public_id, _REVOKED)
        raise SessionEnded()
    principal = _principal(row)
    if cache_up:
        _cache(public_id, f"{principal.kind}:{principal.id}:{row.expires_at.timestamp()}")
    return principal


def rotate(public_id: str, generation: int) -> AuthSession:
    """Use a refresh token of ``generation``: the session moves to the next generation.

    An older generation is a replayed token: the session ends for everyone holding it.
    """
    now = utcnow()
    result = db.session.execute(
        update(AuthSession)
        .where(
            AuthSession.public_id == public_id,
            AuthSession.refresh_generation == generation,
            AuthSession.revoked_at.is_(None),
            AuthSession.expires_at > now,
        )
        .values(refresh_generation=generation + 1, last_used_at=now)
    )
    row = db.session.scalar(select(AuthSession).where(AuthSession.public_id == public_id))
    if result.rowcount == 1 and row is not None:
        db.session.commit()
        return row
    if row is None:
        raise TokenInvalid()
    if row.revoked_at is None and row.expires_at > now and generation < row.refresh_generation:
        _revoke_rows([row], "refresh_reuse")
        audit.record(
            "session.refresh_reuse", _principal(row).actor, result="denied", object_type="session", object_id=row.id
        )
        db.session.commit()
        forget([row.public_id])
    raise SessionEnded()


def end(principal: Principal, public_id: str, reason: str = "logout") -> None:
    """End one of the principal's own sessions (logout, or "sign out that phone")."""
    owner = AuthSession.staff_id if principal.kind == "staff" else AuthSession.resident_id
    row = db.session.scalar(
        select(AuthSession).where(
            AuthSession.public_id == public_id, owner == principal.id, AuthSession.revoked_at.is_(None)
        )
    )
    if row is None:
        raise NotFound()
    _revoke_rows([row], reason)
    audit.record("session.end", principal.actor, object_type="session", object_id=row.id, details={"reason": reason})
    db.session.commit()
    forget([public_id])


def active_sessions(principal: Principal) -> list[AuthSession]:
    owner = AuthSession.staff_id if principal.kind == "staff" else AuthSession.resident_id
    return list(
        db.session.scalars(
            select(AuthSession)
            .where(owner == principal.id, AuthSession.revoked_at.is_(None), AuthSession.expires_at > utcnow())
            .order_by(AuthSession.last_used_at.desc())
        )
    )


def revoke_all(*, resident_id: int | None = None, staff_id: int | None = None, reason: str) -> list[str]:
    """End every session of an account in the caller's transaction; pass the result to ``forget`` after commit."""
    owner = AuthSession.staff_id == staff_id if staff_id is not None else AuthSession.resident_id == resident_id
    rows = list(db.session.scalars(select(AuthSession).where(owner, AuthSession.revoked_at.is_(None))))
    _revoke_rows(rows, reason)
    return [row.public_id for row in rows]


def _revoke_rows(rows: list[AuthSession], reason: str) -> None:
    now = utcnow()
    for row in rows:
        row.revoked_at, row.revoke_reason = now, reason


def forget(public_ids: Iterable[str]) -> None:
    """Mark ended sessions in the cache, after the transaction that ended them committed."""
    for public_id in public_ids:
        _cache(public_id, _REVOKED)


def _cache(public_id: str, value: str) -> None:
    """Best effort: the database already holds the truth; a stale entry lives CACHE_SECONDS at most."""
    try:
        with redis_errors():
            get_redis().set(_cache_key(public_id), value, ex=CACHE_SECONDS)
    except RedisUnavailable:
        log.warning("session cache not updated (Redis unavailable)")
