"""The Redis-backed tests run wherever a Redis answers on 127.0.0.1:6379 (issue 13, point 21)."""

import socket

import pytest
import redis

from .services import LOCAL_REDIS, redis_test_url


def local_redis_answers():
    try:
        return redis.Redis.from_url(LOCAL_REDIS, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


def test_redis_test_url_wins_when_it_is_set(monkeypatch):
    monkeypatch.setenv("REDIS_TEST_URL", "redis://127.0.0.1:6379/9")
    assert redis_test_url() == "redis://127.0.0.1:6379/9"


def test_without_redis_test_url_the_local_redis_is_used_when_it_answers(monkeypatch):
    monkeypatch.delenv("REDIS_TEST_URL", raising=False)
    if not local_redis_answers():
        pytest.skip("no Redis on 127.0.0.1:6379 on this machine")
    assert redis_test_url() == LOCAL_REDIS


def test_without_redis_test_url_and_without_redis_the_redis_tests_skip(monkeypatch):
    monkeypatch.delenv("REDIS_TEST_URL", raising=False)
    # A closed port stands for a machine without Redis.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"redis://127.0.0.1:{probe.getsockname()[1]}/0"
    monkeypatch.setattr("tests.services.LOCAL_REDIS", closed)
    assert redis_test_url() is None
