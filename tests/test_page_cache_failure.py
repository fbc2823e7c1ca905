"""Readers and the shared cache's Redis: a private redis-server that the tests stop, pause and
count. With Redis down or slow, pages are made and served uncached (200, never 500), comments
still post, /healthz names the degraded cache; a hit costs one Redis command.
"""

import os
import signal
import socket
import subprocess
import time
from unittest import mock

import pytest
import redis
from django.db import OperationalError
from redis.backoff import NoBackoff
from redis.retry import Retry

from comments.models import Comment
from pagecache import store

from .comment_helpers import post
from .factories import make_article, make_section

pytestmark = pytest.mark.django_db


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def private_redis(tmp_path):
    """A redis-server of this test alone, on a free loopback port; stopped at the end."""
    port = _free_port()
    process = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=1)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield process, client, f"redis://127.0.0.1:{port}/0"
    if process.poll() is None:
        os.kill(process.pid, signal.SIGCONT)
        process.kill()
    process.wait(timeout=10)


@pytest.fixture
def on_private_redis(private_redis, settings):
    process, client, url = private_redis
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            # As in magazine/settings.py: milliseconds, no retries.
            "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.2, "retry": Retry(NoBackoff(), 0)},
        },
        "counters": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    settings.PAGE_CACHE_ENABLED = True
    store._down_until = 0.0
    yield process, client
    store._down_until = 0.0


@pytest.fixture
def article():
    return make_article(title="Hồ Gươm mùa thu", section=make_section(name="Hà Nội", slug="ha-noi"))


def test_with_redis_down_pages_are_served_uncached_and_healthz_names_the_cache(client, on_private_redis, article):
    process, _ = on_private_redis
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    process.kill()
    process.wait(timeout=10)
    for url in ("/", "/ha-noi/", article.get_absolute_url(), "/khong-co/"):
        response = client.get(url)
        assert response.status_code in (200, 404) and response["X-Page-Cache"] == "off", url
    assert "Hồ Gươm mùa thu" in client.get("/ha-noi/").content.decode()
    store._down_until = 0.0
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.content.decode() == "database: ok\ncache: degraded (pages served uncached)\n"


def test_a_paused_redis_costs_a_timeout_not_an_error(client, on_private_redis, article):
    process, _ = on_private_redis
    client.get("/ha-noi/")
    os.kill(process.pid, signal.SIGSTOP)
    try:
        response = client.get("/ha-noi/")
    finally:
        os.kill(process.pid, signal.SIGCONT)
    assert response.status_code == 200 and response["X-Page-Cache"] == "off"
    assert "Hồ Gươm mùa thu" in response.content.decode()


def test_pages_are_cached_again_once_redis_answers(client, on_private_redis, article):
    process, client_redis = on_private_redis
    os.kill(process.pid, signal.SIGSTOP)
    try:
        assert client.get("/")["X-Page-Cache"] == "off"
    finally:
        os.kill(process.pid, signal.SIGCONT)
    store._down_until = 0.0  # the retry delay has passed
    assert [client.get("/")["X-Page-Cache"] for _ in range(2)] == ["miss", "hit"]


@pytest.mark.parametrize("moderated", [True, False])
def test_comments_still_post_with_redis_down(client, settings, on_private_redis, article, moderated):
    settings.COMMENTS_MODERATION = moderated  # unmoderated: published at once, its page invalidated
    process, _ = on_private_redis
    process.kill()
    process.wait(timeout=10)
    response = post(client, article)
    assert response.status_code == 303
    assert Comment.objects.filter(article=article).count() == 1
    assert client.get(article.get_absolute_url()).status_code == 200


def test_healthz_is_503_without_the_database(client):
    with mock.patch("magazine.urls.connection.cursor", side_effect=OperationalError("server closed")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content.decode().startswith("database: unavailable\n")


def _commands(client_redis):
    stats = client_redis.info("commandstats")
    return {name: value["calls"] for name, value in stats.items() if name != "cmdstat_info"}


def test_a_hit_costs_one_redis_command(client, on_private_redis, article):
    _, client_redis = on_private_redis
    for url in ("/", "/ha-noi/", article.get_absolute_url()):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
        before = _commands(client_redis)
        assert client.get(url)["X-Page-Cache"] == "hit"
        after = _commands(client_redis)
        spent = {name: after[name] - before.get(name, 0) for name in after if after[name] != before.get(name, 0)}
        assert spent == {"cmdstat_mget": 1}, url
