"""Page-cache hits answered before Django's request handling (pagecache/wsgi.py): the same
answer as the middleware's, in one Redis command; everything else is passed on to Django."""

import pytest
from django.test import RequestFactory

from pagecache import store
from pagecache.middleware import READ
from pagecache.wsgi import PageCacheApp

from . import test_page_cache_failure as failure
from .factories import make_article, make_section

pytestmark = pytest.mark.django_db


private_redis = failure.private_redis
on_private_redis = failure.on_private_redis


@pytest.fixture
def article():
    return make_article(title="Hồ Gươm mùa thu", section=make_section(name="Hà Nội", slug="ha-noi"))


def django(environ, start_response):
    """Stands for Django behind the fast path: says that the request reached it."""
    start_response("200 OK", [("X-Answered-By", "django")])
    return [b"django"]


def call(path, method="GET", **headers):
    environ = RequestFactory().generic(method, path, headers=headers).environ
    answer = {}

    def start_response(status, response_headers):
        answer.update(status=status, headers=dict(response_headers))

    answer["body"] = b"".join(PageCacheApp(django)(environ, start_response))
    answer["environ"] = environ
    return answer


@pytest.mark.parametrize("encoding", ["", "gzip", "br"])
def test_a_hit_gets_the_middlewares_answer_before_django(client, on_private_redis, article, encoding):
    url = article.get_absolute_url()
    client.get(url)
    expected = client.get(url, headers={"Accept-Encoding": encoding})
    assert expected["X-Page-Cache"] == "hit"
    answer = call(url, **{"Accept-Encoding": encoding})
    assert answer["status"] == "200 OK" and "X-Answered-By" not in answer["headers"]
    assert answer["body"] == expected.content
    assert answer["headers"] == dict(expected.items())
    head = call(url, "HEAD", **{"Accept-Encoding": encoding})
    assert head["body"] == b"" and head["headers"]["Content-Length"] == expected["Content-Length"]


def test_a_hit_costs_one_redis_command_and_a_matching_etag_a_304(client, on_private_redis, article):
    _, client_redis = on_private_redis
    url = article.get_absolute_url()
    client.get(url)
    etag = call(url)["headers"]["ETag"]
    before = failure._commands(client_redis)
    assert call(url)["headers"]["X-Page-Cache"] == "hit"
    after = failure._commands(client_redis)
    assert {name: after[name] - before.get(name, 0) for name in after if after[name] != before.get(name, 0)} == {
        "cmdstat_mget": 1
    }
    not_modified = call(url, **{"If-None-Match": etag})
    assert not_modified["status"] == "304 Not Modified" and not_modified["body"] == b""


def test_what_the_cache_may_not_answer_goes_to_django(client, on_private_redis, article):
    url = article.get_absolute_url()
    client.get(url)
    for path, method, headers in [
        (url + "?utm_source=zalo", "GET", {}),  # a query string: the middleware reads the view's parameters
        (url, "POST", {}),
        (url, "GET", {"Cookie": "sessionid=abc"}),  # staff
        ("/admin/", "GET", {}),
        ("/khong-co-trang-nay/", "GET", {}),  # nothing cached
    ]:
        assert call(path, method, **headers)["body"] == b"django", (path, method, headers)


def test_a_page_not_fresh_goes_to_django_with_what_was_read(client, on_private_redis, article):
    url = article.get_absolute_url()
    client.get(url)
    article.title = "Hồ Gươm vào đông"
    article.save()
    answer = call(url)
    assert answer["body"] == b"django"
    key, entry, found = answer["environ"][READ]
    assert entry is not None and store.judge(entry, found, entry["expires"] - 1) != "fresh"
    # The middleware uses it: the request reaches the view with no second read.
    response = client.get(url, **{READ: (key, entry, found)})
    assert response["X-Page-Cache"] == "miss" and "Hồ Gươm vào đông" in response.content.decode()


def test_with_redis_down_the_fast_path_steps_aside(client, on_private_redis, article):
    process, _ = on_private_redis
    url = article.get_absolute_url()
    client.get(url)
    process.kill()
    process.wait(timeout=10)
    assert call(url)["body"] == b"django"
    store._down_until = 0.0
