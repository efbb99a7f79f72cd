"""The live queue in Redis: ticket numbers and waiting lines, changed only by Lua scripts.

Every key of one hall shares the hash tag ``{hall:<id>}``, so each script touches one Redis Cluster
slot. Nothing here is the truth: the database is, and ``rebuild`` puts the numbers and lines back
from it (after Redis lost its data, at start-up, ``flask rebuild-queues``). A hall day that Redis
does not know (its ``built`` mark is missing) is rebuilt before it is used.

Keys, for hall 12 on 2026-11-23 (hall time):
- ``q:{hall:12}:20261123:built``: the day's lines were loaded from the database
- ``q:{hall:12}:20261123:seq:<category>``: the last number given in a line
- ``q:{hall:12}:20261123:line:<line>``: waiting tickets, scored by call order (lowest first)
- ``q:{hall:12}:20261123:normal:<line>``: the normal-class tickets among them, by queue time

A line is a queue category (``<line>`` is its id) or one window's own line (``w<window id>``: tickets staff
transferred to that window); a window calls from its own line and its categories' lines together.
- ``q:{hall:12}:20261123:streak``: priority calls in a row (for the interleave rule)
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime

from app.redis_store import get_redis, redis_errors

DAY_SECONDS = 86400
KEY_TTL = 2 * DAY_SECONDS  # a day's keys outlive the day, then go
PRIORITIES = ("appointment", "green", "normal")

# Lua scripts: each reads and writes the keys of one hall day only.
_NEXT_NUMBER = """
-- KEYS[1] the line's counter; ARGV[1] the highest number in the database; ARGV[2] ttl
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local floor = tonumber(ARGV[1])
if current < floor then
  redis.call('SET', KEYS[1], floor)
end
local number = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return number
"""

_JOIN = """
-- KEYS[1] line, KEYS[2] normal-class line; ARGV[1] ticket id, ARGV[2] score, ARGV[3] queue time,
-- ARGV[4] '1' if normal class, ARGV[5] ttl
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[5])
if ARGV[4] == '1' then
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
  redis.call('EXPIRE', KEYS[2], ARGV[5])
end
return 1
"""

_LEAVE = """
-- KEYS[1] line, KEYS[2] normal-class line; ARGV[1] ticket id
redis.call('ZREM', KEYS[2], ARGV[1])
return redis.call('ZREM', KEYS[1], ARGV[1])
"""

_CALL_NEXT = """
-- KEYS[1] streak; then for each line the line and its normal-class line.
-- ARGV[1] interleave (0: off; N: after N priority calls in a row a waiting normal ticket goes next);
-- ARGV[2] ttl; ARGV[3] K: also answer who now has K tickets ahead in the popped line.
-- Answers {ticket id, index of its line, the ticket K places away or false} or an empty list.
local interleave = tonumber(ARGV[1])
local streak = tonumber(redis.call('GET', KEYS[1]) or '0')
local best, best_score, best_index = nil, nil, nil
local lines = (#KEYS - 1) / 2
if interleave > 0 and streak >= interleave then
  for i = 1, lines do
    local top = redis.call('ZRANGE', KEYS[1 + 2 * i], 0, 0, 'WITHSCORES')
    if top[1] and (best_score == nil or tonumber(top[2]) < best_score) then
      best, best_score, best_index = top[1], tonumber(top[2]), i
    end
  end
end
if best == nil then
  for i = 1, lines do
    local top = redis.call('ZRANGE', KEYS[2 * i], 0, 0, 'WITHSCORES')
    if top[1] and (best_score == nil or tonumber(top[2]) < best_score) then
      best, best_score, best_index = top[1], tonumber(top[2]), i
    end
  end
end
if best == nil then
  return {}
end
redis.call('ZREM', KEYS[2 * best_index], best)
local was_normal = redis.call('ZREM', KEYS[1 + 2 * best_index], best)
if was_normal == 1 then
  redis.call('SET', KEYS[1], 0, 'EX', ARGV[2])
else
  redis.call('SET', KEYS[1], streak + 1, 'EX', ARGV[2])
end
local near = redis.call('ZRANGE', KEYS[2 * best_index], ARGV[3], ARGV[3])
return {best, best_index, near[1] or false}
"""


def _run(source: str, keys: list[str], args: list[object]) -> object:
    """Run a script (EVALSHA, loading it once per server) as one atomic step."""
    with redis_errors():
        return get_redis().register_script(source)(keys=keys, args=args)


@dataclass(frozen=True)
class HallDay:
    hall_id: int
    day: date

    def key(self, *parts: object) -> str:
        return ":".join([f"q:{{hall:{self.hall_id}}}", self.day.strftime("%Y%m%d"), *map(str, parts)])


def _member(ticket_id: int) -> str:
    """A line member: the id zero-padded, so tickets with equal scores go in id order (Redis breaks ties by text)."""
    return f"{ticket_id:010d}"


def window_line(window_id: int) -> str:
    """The line of tickets transferred to one window."""
    return f"w{window_id}"


def category_line(category_id: int) -> str:
    return str(category_id)


@dataclass(frozen=True)
class Waiting:
    """A ticket as a line holds it."""

    ticket_id: int
    line: str
    priority: str
    queued_at: datetime


def score(waiting: Waiting, boost_seconds: dict[str, int]) -> float:
    """The call order: queue time, brought forward by the class's boost (aging: a normal ticket that
    has waited longer than the boost goes before a priority ticket that just arrived)."""
    return waiting.queued_at.timestamp() - boost_seconds.get(waiting.priority, 0)


def next_number(hall_day: HallDay, category_id: int, database_max: int) -> int:
    """The line's next number: never below what the database already gave (Redis may have lost it)."""
    return int(_run(_NEXT_NUMBER, [hall_day.key("seq", category_id)], [database_max, KEY_TTL]))


def join(hall_day: HallDay, waiting: Waiting, boost_seconds: dict[str, int]) -> None:
    keys = [hall_day.key("line", waiting.line), hall_day.key("normal", waiting.line)]
    args = [_member(waiting.ticket_id), score(waiting, boost_seconds), waiting.queued_at.timestamp(),
            "1" if waiting.priority == "normal" else "0", KEY_TTL]  # fmt: skip
    _run(_JOIN, keys, args)


def leave(hall_day: HallDay, ticket_id: int, line: str) -> bool:
    """Take a ticket out of its line (cancelled, or put back by a failed call); whether it was there."""
    keys = [hall_day.key("line", line), hall_day.key("normal", line)]
    return bool(_run(_LEAVE, keys, [_member(ticket_id)]))


@dataclass(frozen=True)
class Popped:
    ticket_id: int
    line: str
    near_id: int | None  # the ticket that now has ``near`` tickets ahead of it in that line


def call_next(hall_day: HallDay, lines: list[str], interleave: int, near: int) -> Popped | None:
    """Atomically take the best waiting ticket across ``lines``, or None when nobody waits."""
    keys = [hall_day.key("streak")]
    for line in lines:
        keys += [hall_day.key("line", line), hall_day.key("normal", line)]
    found = _run(_CALL_NEXT, keys, [interleave, KEY_TTL, near])
    if not found:
        return None
    ticket_id, index, near_id = found
    return Popped(int(ticket_id), lines[int(index) - 1], int(near_id) if near_id else None)


def position(hall_day: HallDay, ticket_id: int, line: str) -> int | None:
    """How many tickets of the line go before this one (None if it is not waiting)."""
    with redis_errors():
        rank = get_redis().zrank(hall_day.key("line", line), _member(ticket_id))
    return None if rank is None else int(rank)


def is_built(hall_day: HallDay) -> bool:
    with redis_errors():
        return bool(get_redis().exists(hall_day.key("built")))


def load(hall_day: HallDay, lines: set[str], waiting: list[Waiting], boost_seconds: dict[str, int]) -> None:
    """Put a hall day's lines back from the database (numbers need nothing: ``next_number`` never goes
    below the database's highest). ``lines`` are emptied first."""
    with redis_errors():
        pipe = get_redis().pipeline(transaction=True)
        for line in lines | {row.line for row in waiting}:
            pipe.delete(hall_day.key("line", line), hall_day.key("normal", line))
        for row in waiting:
            pipe.zadd(hall_day.key("line", row.line), {_member(row.ticket_id): score(row, boost_seconds)})
            pipe.expire(hall_day.key("line", row.line), KEY_TTL)
            if row.priority == "normal":
                pipe.zadd(hall_day.key("normal", row.line), {_member(row.ticket_id): row.queued_at.timestamp()})
                pipe.expire(hall_day.key("normal", row.line), KEY_TTL)
        pipe.set(hall_day.key("built"), int(time.time()), ex=KEY_TTL)
        pipe.execute()
