"""Is this instance able to serve? Checks each dependency once, quickly."""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.errors import NotReady, RedisUnavailable
from app.extensions import db
from app.redis_store import get_redis, redis_errors

log = logging.getLogger(__name__)


def readiness() -> dict[str, str]:
    """``{"database": "ok", "redis": "ok"}``; raises ``NotReady`` naming what is down."""
    checks = {"database": _check_database(), "redis": _check_redis()}
    down = sorted(name for name, state in checks.items() if state != "ok")
    if down:
        raise NotReady(
            f"服务依赖不可用：{', '.join(down)}",
            f"Unavailable dependencies: {', '.join(down)}",
            details={"checks": checks},
        )
    return checks


def _check_database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        log.warning("readiness: database check failed", exc_info=True)
        db.session.rollback()
        return "down"
    finally:
        db.session.remove()
    return "ok"


def _check_redis() -> str:
    try:
        with redis_errors():
            get_redis().ping()
    except RedisUnavailable:
        log.warning("readiness: redis check failed")
        return "down"
    return "ok"
