"""pagecache.cdn: purges leave after commit, from the background, and are retried when they fail.

A real HTTP server on loopback receives the PURGE requests (see test_varnish_vcl.py for the
same purges obeyed by a real Varnish).
"""

import datetime
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.utils import timezone

from pagecache import cdn
from tests.factories import make_article
from tests.varnish_server import free_port


class PurgeReceiver:
    """Answers PURGE with the statuses in `answers` first (then 200), after `delay` seconds."""

    def __init__(self, answers=(), delay=0.0):
        self.answers = list(answers)
        self.delay = delay
        self.received = []
        self.arrived = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):  # noqa: N802 (http.server's naming)
                time.sleep(receiver.delay)
                status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()
                with receiver.arrived:
                    receiver.received.append(
                        (self.path, self.headers["xkey-purge"], self.headers["xkey-soft"], status)
                    )
                    receiver.arrived.notify_all()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count, timeout=10):
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.received) >= count, timeout)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receivers():
    made = []

    def make(*args, **kwargs):
        made.append(PurgeReceiver(*args, **kwargs))
        return made[-1]

    yield make
    cdn.wait_until_sent(5)
    for receiver in made:
        receiver.close()


@pytest.fixture
def purge(django_capture_on_commit_callbacks):
    """cdn.purge as called at the end of a save: its transaction commits (the test's own
    transaction never does, so the callbacks run as if it had)."""

    def call(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            cdn.purge(*args, **kwargs)

    return call


@pytest.fixture(autouse=True)
def quick_retries(settings):
    settings.CDN_PURGE_BACKOFF = 0.05
    settings.CDN_PURGE_RETRIES = 2
    settings.CDN_PURGE_TIMEOUT = 0.5
    settings.CDN_PURGE_WAIT = 0.5


@pytest.mark.django_db
def test_purge_is_sent_to_every_url_only_after_the_transaction_commits(
    settings, receivers, django_capture_on_commit_callbacks
):
    first, second = receivers(), receivers()
    settings.CDN_PURGE_URLS = [first.url, second.url]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        cdn.purge(["article:7", "section:2", "article:7"])
        time.sleep(0.2)
        assert first.received == [] and second.received == []
    assert first.wait_for(1) and second.wait_for(1)
    assert first.received == [("/", "article:7 section:2", "1", 200)]
    assert second.received == [("/", "article:7 section:2", "1", 200)]


@pytest.mark.django_db
def test_nothing_is_sent_when_the_transaction_rolls_back(settings, receivers, purge):
    receiver = receivers()
    settings.CDN_PURGE_URLS = [receiver.url]
    with pytest.raises(RuntimeError), transaction.atomic():
        cdn.purge(["article:7"], soft=False)
        raise RuntimeError("the save failed")
    purge(["article:8"], soft=False)
    assert receiver.wait_for(1)
    time.sleep(0.2)
    assert receiver.received == [("/", "article:8", "0", 200)]


@pytest.mark.django_db
def test_a_failed_purge_is_logged_and_retried(settings, receivers, caplog, purge):
    receiver = receivers(answers=[503, 500])
    settings.CDN_PURGE_URLS = [receiver.url]
    with caplog.at_level(logging.WARNING, logger="pagecache.cdn"):
        purge(["article:3"])
        assert receiver.wait_for(3)
        assert cdn.wait_until_sent(5)
    assert [status for *_, status in receiver.received] == [503, 500, 200]
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 2 and all("article:3" in line and "retrying" in line for line in warnings)


@pytest.mark.django_db
def test_a_purge_that_keeps_failing_ends_as_an_error_line(settings, caplog, purge):
    settings.CDN_PURGE_URLS = [f"http://127.0.0.1:{free_port()}/"]  # nobody listens there
    with caplog.at_level(logging.WARNING, logger="pagecache.cdn"):
        purge(["article:4"])
        assert cdn.wait_until_sent(5)
    errors = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert len(errors) == 1 and "failed 3 times, giving up" in errors[0].getMessage()


@pytest.mark.django_db
def test_a_refused_purge_is_logged_and_not_retried(settings, receivers, caplog, purge):
    receiver = receivers(answers=[403])
    settings.CDN_PURGE_URLS = [receiver.url]
    with caplog.at_level(logging.WARNING, logger="pagecache.cdn"):
        purge(["article:5"])
        assert cdn.wait_until_sent(5)
    assert len(receiver.received) == 1
    assert "refused" in caplog.records[-1].getMessage()


@pytest.mark.django_db
def test_a_hanging_cdn_does_not_hold_the_caller_nor_the_other_cdn(settings, receivers, purge):
    slow, quick = receivers(delay=3), receivers()
    settings.CDN_PURGE_URLS = [slow.url, quick.url]
    settings.CDN_PURGE_RETRIES = 0
    started = time.monotonic()
    purge(["article:6"])
    # The caller waits CDN_PURGE_WAIT (0.5 s) at most, not the slow server's 3 s.
    assert time.monotonic() - started < 2
    assert quick.wait_for(1, timeout=2)


# With purges in place the CDN keeps pages a day; browsers keep their minute.

def _cache_control(client, url):
    return dict(
        (part.split("=") + [""])[:2] for part in client.get(url)["Cache-Control"].replace(" ", "").split(",")
    )


@pytest.mark.django_db
def test_with_a_cdn_pages_say_a_day_to_it_and_a_minute_to_browsers(client, settings, receivers):
    settings.PAGE_CACHE_ENABLED = True
    settings.CDN_PURGE_URLS = [receivers().url]
    article = make_article()
    for _ in ("miss", "hit"):
        answer = _cache_control(client, article.get_absolute_url())
        assert (answer["max-age"], answer["s-maxage"]) == ("60", "86400")
    settings.CDN_PURGE_URLS = []
    assert "s-maxage" not in _cache_control(client, "/")


@pytest.mark.django_db
def test_the_cdn_keeps_no_page_past_the_next_scheduled_publication(client, settings, receivers):
    settings.PAGE_CACHE_ENABLED = True
    settings.CDN_PURGE_URLS = [receivers().url]
    make_article(published_at=timezone.now() + datetime.timedelta(minutes=30))
    assert 1700 < int(_cache_control(client, "/")["s-maxage"]) <= 1800
