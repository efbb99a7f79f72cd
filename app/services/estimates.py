"""Wait estimates: how long until a waiting ticket is called, with a range.

Each completed ticket's service time (from its call to its completion: what a window spends on it)
updates a decayed average and variance per hall line in Redis (weight ``ALPHA`` for the newest).
A waiting ticket's estimate is the people ahead of it times that average, divided by the windows
open today serving the line (at least one); the range is one standard deviation either side. A line
Redis knows nothing about is seeded from the database's last completed tickets, or from
``QUEUE_DEFAULT_SERVICE_MINUTES``.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from redis.exceptions import RedisError
from sqlalchemy import select

from app.extensions import db
from app.models.base import utcnow
from app.models.queue import Ticket
from app.redis_store import get_redis
from app.services import window_sessions

log = logging.getLogger(__name__)

ALPHA = 0.2
SEED_TICKETS = 50
STATS_TTL = 30 * 86400

_UPDATE = """
-- KEYS[1] the line's stats hash; ARGV[1] a service time in seconds, ARGV[2] alpha, ARGV[3] ttl
local x, a = tonumber(ARGV[1]), tonumber(ARGV[2])
local mean = tonumber(redis.call('HGET', KEYS[1], 'mean') or x)
local var = tonumber(redis.call('HGET', KEYS[1], 'var') or 0)
local diff = x - mean
redis.call('HSET', KEYS[1], 'mean', mean + a * diff, 'var', (1 - a) * (var + a * diff * diff))
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
"""


@dataclass(frozen=True)
class Estimate:
    minutes: int
    low: int
    high: int


def _key(hall_id: int, category_id: int) -> str:
    return f"q:{{hall:{hall_id}}}:stats:{category_id}"


def record(ticket: Ticket) -> None:
    """A completed ticket's service time joins its line's averages (best effort: Redis may be down)."""
    if ticket.called_at is None or ticket.finished_at is None:
        return
    seconds = (ticket.finished_at - ticket.called_at).total_seconds()
    try:
        get_redis().register_script(_UPDATE)(keys=[_key(ticket.hall_id, ticket.category_id)],
                                             args=[seconds, ALPHA, STATS_TTL])  # fmt: skip
    except RedisError:
        log.warning("ticket %s: service time not recorded (Redis unavailable)", ticket.id)


def _seed(hall_id: int, category_id: int) -> tuple[float, float]:
    """Mean and variance of the line's last completed tickets, or the configured default."""
    rows = db.session.execute(
        select(Ticket.called_at, Ticket.finished_at)
        .where(Ticket.hall_id == hall_id, Ticket.category_id == category_id, Ticket.status == "done")
        .order_by(Ticket.finished_at.desc())
        .limit(SEED_TICKETS)
    ).all()
    times = [(finished - called).total_seconds() for called, finished in rows if called and finished]
    if not times:
        return current_app.config["QUEUE_DEFAULT_SERVICE_MINUTES"] * 60.0, 0.0
    mean = sum(times) / len(times)
    return mean, sum((t - mean) ** 2 for t in times) / len(times)


def _stats(hall_id: int, category_id: int) -> tuple[float, float]:
    try:
        found = get_redis().hgetall(_key(hall_id, category_id))
    except RedisError:
        found = {}
    if found:
        return float(found["mean"]), float(found["var"])
    mean, var = _seed(hall_id, category_id)
    try:
        get_redis().hset(_key(hall_id, category_id), mapping={"mean": mean, "var": var})
        get_redis().expire(_key(hall_id, category_id), STATS_TTL)
    except RedisError:
        pass
    return mean, var


def estimate(ticket: Ticket, ahead: int, now: datetime | None = None) -> Estimate:
    """The wait of a ticket with ``ahead`` tickets before it in its line, in whole minutes."""
    now = now or utcnow()
    mean, var = _stats(ticket.hall_id, ticket.category_id)
    if ticket.window_id is not None:  # transferred to one window: only it calls the ticket
        windows = 1
    else:
        windows = max(1, window_sessions.open_windows_serving(ticket.hall_id, ticket.category_id, ticket.day))
    people = ahead + 0.5  # those ahead, and what is left of the service under way, on average half
    spread = math.sqrt(var)
    minutes = people * mean / windows / 60
    return Estimate(
        round(minutes),
        math.floor(people * max(mean - spread, 0) / windows / 60),
        math.ceil(people * (mean + spread) / windows / 60),
    )
