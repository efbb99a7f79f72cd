"""Is this instance able to serve? Checks each dependency once, quickly, and warns of what needs doing soon."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.calendar import hall_today
from app.errors import NotReady, RedisUnavailable
from app.extensions import db
from app.redis_store import get_redis, redis_errors
from app.replica import REPLICA
from app.services import holidays

log = logging.getLogger(__name__)

CALENDAR_NOT_COVERED = "CALENDAR_NOT_COVERED"
# The statutory calendar is published in Beijing time, whatever the server's clock zone.
CALENDAR_TIMEZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class ReadinessWarning:
    """Something an operator must fix before it breaks a use case; the instance still serves."""

    code: str
    message_zh: str
    message_en: str
    year: int | None = None


@dataclass(frozen=True)
class Readiness:
    checks: dict[str, str]
    warnings: list[ReadinessWarning] = field(default_factory=list)


def readiness() -> Readiness:
    """Checks ``{"database": "ok", "redis": "ok"}`` (and ``"replica"`` when one is configured) and warnings;
    raises ``NotReady`` naming what is down."""
    checks = {"database": _check_database(), "redis": _check_redis()}
    if REPLICA in db.engines:
        checks["replica"] = _check_replica()
    down = sorted(name for name, state in checks.items() if state != "ok")
    if down:
        raise NotReady(
            f"服务依赖不可用：{', '.join(down)}",
            f"Unavailable dependencies: {', '.join(down)}",
            details={"checks": checks},
        )
    return Readiness(checks, _calendar_warnings())


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


def _check_replica() -> str:
    try:
        with db.engines[REPLICA].connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        log.warning("readiness: replica check failed", exc_info=True)
        return "down"
    return "ok"


def _check_redis() -> str:
    try:
        with redis_errors():
            get_redis().ping()
    except RedisUnavailable:
        log.warning("readiness: redis check failed")
        return "down"
    return "ok"


def _calendar_warnings() -> list[ReadinessWarning]:
    """This year or the next that the working-day calendar cannot answer for (deadlines there would fail).

    A database failure here is not a readiness failure: the database check reports the database.
    """
    try:
        missing = holidays.coverage(hall_today(CALENDAR_TIMEZONE))
    except SQLAlchemyError:
        log.warning("readiness: calendar check failed", exc_info=True)
        db.session.rollback()
        return []
    finally:
        db.session.remove()
    return [
        ReadinessWarning(
            CALENDAR_NOT_COVERED,
            f"工作日历未覆盖 {year} 年：请通过 PUT /api/v1/admin/holiday-years/{year} 录入该年节假日和调休安排，"
            "或升级 chinese-calendar",
            f"The working-day calendar does not cover {year}: enter its holidays and make-up workdays with "
            f"PUT /api/v1/admin/holiday-years/{year}, or upgrade chinese-calendar",
            year,
        )
        for year in missing
    ]
