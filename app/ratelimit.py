"""Fixed-window rate limits kept in Redis, checked and counted atomically.

A hit either passes every limit and counts against all of them, or is refused
by the first one it would exceed and counts against none. All keys of one hit
share the subject's hash tag, so the script touches a single Redis Cluster slot.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

import redis

from app.errors import RateLimited
from app.redis_store import redis_errors

_HIT_SCRIPT = """
for i, key in ipairs(KEYS) do
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= tonumber(ARGV[2 * i - 1]) then
    return {i, redis.call('PTTL', key)}
  end
end
for i, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then
    redis.call('PEXPIRE', key, tonumber(ARGV[2 * i]) * 1000)
  end
end
return {0, 0}
"""


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    window_seconds: int


def hit(client: redis.Redis, subject: str, limits: Sequence[Limit]) -> None:
    """Count one action by ``subject``; raise ``RateLimited`` if a limit is already used up.

    Raises ``RedisUnavailable`` when Redis cannot be asked: callers decide
    whether that refuses the action (security) or falls back (plain reads).
    """
    keys = [f"rl:{{{subject}}}:{limit.name}:{limit.window_seconds}" for limit in limits]
    args = [value for limit in limits for value in (limit.count, limit.window_seconds)]
    with redis_errors():
        refused, ttl_ms = client.register_script(_HIT_SCRIPT)(keys=keys, args=args)
    if refused:
        limit = limits[refused - 1]
        retry_after = -(-int(ttl_ms) // 1000) if int(ttl_ms) > 0 else limit.window_seconds
        raise RateLimited(retry_after, details={"limit": limit.name})


class LocalWindowCounter:
    """In-process fallback for soft limits while Redis is down (one count per process)."""

    def __init__(self) -> None:
        self._windows: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def hit(self, subject: str, limit: Limit) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._windows) > 10_000:
                self._windows = {k: v for k, v in self._windows.items() if v[0] > now}
            ends, count = self._windows.get(subject, (0.0, 0))
            if ends <= now:
                ends, count = now + limit.window_seconds, 0
            if count >= limit.count:
                raise RateLimited(int(ends - now) + 1, details={"limit": limit.name})
            self._windows[subject] = (ends, count + 1)
