from __future__ import annotations

import pytest

from app.errors import RateLimited, RedisUnavailable
from app.ratelimit import Limit, LocalWindowCounter, hit
from app.redis_store import connect


@pytest.fixture
def redis_client(clean_redis):
    return connect(clean_redis)


def test_allows_up_to_the_limit_then_refuses_with_retry_after(redis_client):
    limit = Limit("send", 2, 60)
    hit(redis_client, "phone:1", [limit])
    hit(redis_client, "phone:1", [limit])
    with pytest.raises(RateLimited) as refused:
        hit(redis_client, "phone:1", [limit])
    assert 1 <= refused.value.retry_after <= 60
    assert refused.value.details["limit"] == "send"


def test_subjects_are_counted_apart(redis_client):
    limit = Limit("send", 1, 60)
    hit(redis_client, "phone:1", [limit])
    hit(redis_client, "phone:2", [limit])


def test_a_refused_hit_counts_against_no_limit(redis_client):
    per_minute, per_day = Limit("minute", 1, 60), Limit("day", 10, 86400)
    hit(redis_client, "phone:1", [per_minute, per_day])
    for _ in range(3):
        with pytest.raises(RateLimited):
            hit(redis_client, "phone:1", [per_minute, per_day])
    assert redis_client.get("rl:{phone:1}:day:86400") == "1"


def test_keys_of_one_subject_share_a_cluster_slot(redis_client):
    hit(redis_client, "hall:12", [Limit("a", 5, 60), Limit("b", 5, 3600)])
    keys = redis_client.keys("rl:*")
    assert len(keys) == 2
    assert all("{hall:12}" in key for key in keys)


def test_redis_down_is_reported_not_ignored():
    with pytest.raises(RedisUnavailable):
        hit(connect("redis://127.0.0.1:1/0"), "phone:1", [Limit("send", 1, 60)])


def test_local_counter():
    counter = LocalWindowCounter()
    limit = Limit("ip", 2, 60)
    counter.hit("ip:1", limit)
    counter.hit("ip:1", limit)
    with pytest.raises(RateLimited):
        counter.hit("ip:1", limit)
    counter.hit("ip:2", limit)
