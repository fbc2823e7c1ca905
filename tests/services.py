"""The real services the tests use when this machine has them."""

import os

import redis

LOCAL_REDIS = "redis://127.0.0.1:6379/15"


def redis_test_url():
    """REDIS_TEST_URL, else database 15 of the Redis on 127.0.0.1:6379 when it answers; None without Redis.

    The Redis-backed tests empty that database (cache.clear() is FLUSHDB): point
    REDIS_TEST_URL at another database when 15 holds anything of value.
    """
    url = os.environ.get("REDIS_TEST_URL")
    if url:
        return url
    try:
        redis.Redis.from_url(LOCAL_REDIS, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return None
    return LOCAL_REDIS
