"""SMS one-time codes: 6 digits, stored as a keyed hash in Redis, 5 minutes, single use, 5 tries.

Sending is limited per phone (one per 60 s, 5 an hour, 10 a day) and per IP,
counted atomically in Redis so every gunicorn worker shares the same counts.
If Redis cannot be asked, no code is sent (503): the limiter never fails open.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from flask import current_app

from app import metrics, providers
from app.errors import (
    OtpAttemptsExceeded,
    OtpExpired,
    OtpInvalid,
    RateLimited,
    RateLimitUnavailable,
    RedisUnavailable,
    SmsTooFrequent,
    SmsUnavailable,
)
from app.providers.base import ProviderError
from app.ratelimit import Limit, hit
from app.redis_store import get_redis, redis_errors
from app.services.residents import phone_index

PURPOSES = ("login", "link_phone")
CODE_SECONDS = 300
MAX_ATTEMPTS = 5
# The record outlives the code so that a late try says "expired", not "wrong".
RECORD_SECONDS = 900
PHONE_LIMITS = (Limit("sms_gap", 1, 60), Limit("sms_hour", 5, 3600), Limit("sms_day", 10, 86400))
IP_LIMITS = (Limit("sms_ip_minute", 10, 60), Limit("sms_ip_day", 200, 86400))

# Returns "ok", "used", "expired", "burned", "missing", or "wrong:<attempts left>".
_CHECK_SCRIPT = """
local record = redis.call('HMGET', KEYS[1], 'hash', 'expires', 'attempts', 'state')
if not record[1] then return 'missing' end
if record[4] == 'used' then return 'used' end
if record[4] == 'burned' then return 'burned' end
if tonumber(ARGV[2]) > tonumber(record[2]) then return 'expired' end
if record[1] == ARGV[1] then
  redis.call('HSET', KEYS[1], 'state', 'used')
  return 'ok'
end
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
if attempts >= tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], 'state', 'burned')
  return 'burned'
end
return 'wrong:' .. (tonumber(ARGV[3]) - attempts)
"""


def _record_key(index: str, purpose: str) -> str:
    return f"otp:{{{index}}}:{purpose}"


def _code_hash(index: str, purpose: str, code: str) -> str:
    key = hashlib.sha256(b"palmgov otp\x00" + current_app.config["SECRET_KEY"].encode()).digest()
    return hmac.new(key, f"{index}\x00{purpose}\x00{code}".encode(), hashlib.sha256).hexdigest()


def send_code(phone: str, purpose: str, ip: str) -> None:
    """Send a fresh code to an already normalised phone, or raise why not."""
    index = phone_index(phone)
    client = get_redis()
    try:
        hit(client, f"sms-ip:{ip}", IP_LIMITS)
        hit(client, f"sms-phone:{index}", PHONE_LIMITS)
    except RedisUnavailable as exc:
        raise RateLimitUnavailable() from exc
    except RateLimited as exc:
        raise SmsTooFrequent(exc.retry_after, details=exc.details) from exc

    code = f"{secrets.randbelow(10**6):06d}"
    key = _record_key(index, purpose)
    record = {"hash": _code_hash(index, purpose, code), "expires": int(time.time()) + CODE_SECONDS, "attempts": 0}
    try:
        with redis_errors():
            pipe = client.pipeline(transaction=True)  # one key, so one slot: atomic on a Redis Cluster too
            pipe.delete(key)  # not chained: a cluster pipeline's delete() returns None (redis-py 8)
            pipe.hset(key, mapping=record).expire(key, RECORD_SECONDS).execute()
    except RedisUnavailable as exc:
        raise RateLimitUnavailable() from exc
    try:
        providers.sms_sender().send(phone, "otp", {"code": code}, idempotency_key=secrets.token_hex(16))
    except ProviderError as exc:
        current_app.logger.warning("sms send failed: %s %s", exc.provider, exc.code)
        metrics.provider_failed("sms", exc.provider)
        with redis_errors():
            client.delete(key)
        raise SmsUnavailable() from exc


def check_code(phone: str, purpose: str, code: str) -> None:
    """Accept the code once, or raise OtpInvalid / OtpExpired / OtpAttemptsExceeded."""
    index = phone_index(phone)
    key = _record_key(index, purpose)
    client = get_redis()
    with redis_errors():
        outcome = client.register_script(_CHECK_SCRIPT)(
            keys=[key], args=[_code_hash(index, purpose, code), int(time.time()), MAX_ATTEMPTS]
        )
    if outcome == "ok":
        return
    if outcome == "expired":
        raise OtpExpired()
    if outcome == "burned":
        with redis_errors():
            ttl = client.ttl(key)
        raise OtpAttemptsExceeded(ttl if ttl > 0 else RECORD_SECONDS)
    if outcome.startswith("wrong:"):
        raise OtpInvalid(details={"attempts_left": int(outcome.removeprefix("wrong:"))})
    raise OtpInvalid()
