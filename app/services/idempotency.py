"""Idempotent writes (draft-ietf-httpapi-idempotency-key-header): a retry finds what the first try made.

The use case calls ``earlier`` before it acts and ``remember`` in its own transaction, so the key
exists exactly when the thing it created does. The same key with another body (or for another
action) is refused with ``IDEMPOTENCY_KEY_REUSED``. Keys are kept for ``TTL``; ``purge_expired``
runs in the sweep.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from redis.exceptions import RedisError
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from app import jobs
from app.errors import IdempotencyKeyRequired, IdempotencyKeyReused
from app.extensions import db
from app.models.base import utcnow
from app.models.idempotency import IdempotencyKey
from app.redis_store import get_redis, redis_errors

TTL = timedelta(hours=24)
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
_KEY = re.compile(r"[\x21-\x7e]{1,255}", re.ASCII)  # printable ASCII, no spaces


@dataclass(frozen=True)
class IdempotentRequest:
    owner: str  # "resident:12"
    key: str
    action: str  # "appointments.book"
    fingerprint: str

    @classmethod
    def of(cls, owner: str, key: str | None, action: str, payload: Mapping[str, object]) -> IdempotentRequest:
        """IDEMPOTENCY_KEY_REQUIRED unless ``key`` is 1-255 printable ASCII characters."""
        if key is None or not _KEY.fullmatch(key):
            raise IdempotencyKeyRequired()
        body = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
        return cls(owner, key, action, hashlib.sha256(body.encode()).hexdigest())


def earlier(request: IdempotentRequest) -> IdempotencyKey | None:
    """The stored result of an earlier request with this key, if it is still kept."""
    row = db.session.scalar(
        select(IdempotencyKey).where(
            IdempotencyKey.owner == request.owner,
            IdempotencyKey.key == request.key,
            IdempotencyKey.expires_at > utcnow(),
        )
    )
    if row is not None and (row.action, row.fingerprint) != (request.action, request.fingerprint):
        raise IdempotencyKeyReused()
    return row


def _seen_key(request: IdempotentRequest) -> str:
    return f"idem:{request.owner}:{request.key}"


def maybe_seen(request: IdempotentRequest) -> bool:
    """False only if this key surely made nothing yet (Redis holds every key from before its commit)."""
    try:
        return bool(get_redis().exists(_seen_key(request)))
    except RedisError:
        return True


def remember(request: IdempotentRequest, resource_id: int, status_code: int) -> None:
    """Store the result in the caller's transaction, and mark the key seen in Redis before the commit: a
    shortcut that turns requests away without SQL (``maybe_seen``) never turns away a retry. No Redis, no
    commit: REDIS_UNAVAILABLE. One upsert: an expired row with the same key is replaced; a live one (a
    concurrent duplicate committed first) is an IntegrityError, as the unique constraint would raise."""
    with redis_errors():
        get_redis().set(_seen_key(request), 1, ex=int(TTL.total_seconds()))
    now = utcnow()
    values = {"action": request.action, "fingerprint": request.fingerprint, "resource_id": resource_id,
              "status_code": status_code, "created_at": now, "expires_at": now + TTL}  # fmt: skip
    insert = _INSERTS[db.session.get_bind().dialect.name](IdempotencyKey).values(
        owner=request.owner, key=request.key, **values
    )
    upsert = insert.on_conflict_do_update(
        index_elements=["owner", "key"], set_=values, where=IdempotencyKey.expires_at <= now
    )
    if db.session.scalar(upsert.returning(IdempotencyKey.id)) is None:
        raise IntegrityError(str(upsert), None, ValueError(f"idempotency key {request.key!r} is taken"))


def purge_expired() -> int:
    deleted = db.session.execute(delete(IdempotencyKey).where(IdempotencyKey.expires_at <= utcnow())).rowcount
    db.session.commit()
    return deleted


jobs.SWEEPERS.append(purge_expired)
