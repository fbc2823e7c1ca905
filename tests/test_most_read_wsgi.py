"""The beacon as gunicorn serves it: answered by mostread.wsgi before Django's request handling."""

import io
import os

import pytest
from django.test import override_settings

from magazine import beacon_wsgi
from magazine.wsgi import application
from mostread import counter
from mostread.models import HourlyReads

from .factories import make_article

# Transactional: the middleware closes obsolete connections as Django does between requests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def call(path, method="POST", body=b"doc", agent=BROWSER, address="203.0.113.7", forwarded=None, app=application):
    environ = {
        "REQUEST_METHOD": method, "PATH_INFO": path, "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body),
        "CONTENT_LENGTH": str(len(body)), "HTTP_USER_AGENT": agent, "REMOTE_ADDR": address,
        "wsgi.errors": io.StringIO(), "SCRIPT_NAME": "",
    }
    if forwarded:
        environ["HTTP_X_FORWARDED_FOR"] = forwarded
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response))
    return answer["status"], answer["headers"], body


@pytest.fixture
def reads_redis(settings):
    url = os.environ.get("REDIS_TEST_URL")
    if not url:
        pytest.skip("REDIS_TEST_URL is not set")
    settings.READS_REDIS_URL = url
    counter.reset_client()
    for key in counter.client().scan_iter("mostread:*"):
        counter.client().delete(key)
    yield
    for key in counter.client().scan_iter("mostread:*"):
        counter.client().delete(key)
    counter.reset_client()


def stored(article):
    return sum(HourlyReads.objects.filter(article=article).values_list("count", flat=True))


def test_the_wsgi_beacon_counts_a_read_and_says_nothing(reads_redis):
    article = make_article()
    status, headers, body = call(f"/doc/{article.pk}/")
    assert status == "204 No Content" and body == b"" and "Set-Cookie" not in headers
    assert call(f"/doc/{article.pk}/")[0] == "204 No Content"  # the same reader: not counted again
    assert stored(article) == 1


def test_the_wsgi_beacon_ignores_bots_and_requests_without_the_script(reads_redis):
    article = make_article()
    for kwargs in ({"agent": "Googlebot/2.1"}, {"agent": ""}, {"body": b""}, {"body": b"x" * 100}):
        assert call(f"/doc/{article.pk}/", **kwargs)[0] == "204 No Content"
    assert stored(article) == 0 and counter.pending_counts() == {}


def test_behind_a_trusted_proxy_readers_are_told_apart_by_the_forwarded_address(reads_redis):
    article = make_article()
    with override_settings(COMMENTS_TRUSTED_PROXY_HEADER="HTTP_X_FORWARDED_FOR"):
        call(f"/doc/{article.pk}/", address="127.0.0.1", forwarded="198.51.100.1")
        call(f"/doc/{article.pk}/", address="127.0.0.1", forwarded="198.51.100.2")
    assert stored(article) + sum(counter.pending_counts().values()) == 2


def test_everything_else_goes_to_django(reads_redis):
    status, _, _ = call("/doc/1/", method="GET")
    assert status.startswith("405")
    status, headers, _ = call("/healthz", method="GET")
    assert status == "200 OK"


def test_the_beacon_server_counts_reads_and_answers_nothing_else(reads_redis):
    """magazine.beacon_wsgi: the app of the beacon's own gunicorn (deploy/gunicorn-beacon.conf.py)."""
    article = make_article()
    assert call(f"/doc/{article.pk}/", app=beacon_wsgi.application)[0] == "204 No Content"
    assert call(f"/doc/{article.pk}/", agent="Googlebot/2.1", address="203.0.113.8",
                app=beacon_wsgi.application)[0] == "204 No Content"
    assert stored(article) == 1
    assert call(article.get_absolute_url(), method="GET", app=beacon_wsgi.application)[0] == "404 Not Found"
    assert call(f"/doc/{article.pk}/", method="GET", app=beacon_wsgi.application)[0] == "404 Not Found"
    assert call("/healthz", method="GET", app=beacon_wsgi.application)[0] == "200 OK"
