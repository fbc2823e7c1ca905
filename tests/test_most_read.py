"""Đọc nhiều: reads counted by a beacon, kept in Redis, written to the database, listed."""

import datetime
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time

import pytest
import redis
import time_machine
from django.utils import timezone

from mostread import counter
from mostread.models import HourlyReads, ReadCount
from mostread.ranking import recompute, top_articles

from .factories import EDITOR, JOURNALIST, make_article, make_user

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def _clear(client):
    for key in client.scan_iter("mostread:*"):
        client.delete(key)


@pytest.fixture
def reads_redis(settings):
    """Counting in the test Redis (REDIS_TEST_URL), its mostread keys emptied before and after."""
    url = os.environ.get("REDIS_TEST_URL")
    if not url:
        pytest.skip("REDIS_TEST_URL is not set")
    settings.READS_REDIS_URL = url
    counter.reset_client()
    _clear(counter.client())
    yield counter.client()
    _clear(counter.client())
    counter.reset_client()


def beacon(client, article, address="203.0.113.7", agent=BROWSER, body="doc"):
    return client.post(
        f"/doc/{article.pk}/", body, content_type="text/plain;charset=UTF-8",
        HTTP_USER_AGENT=agent, REMOTE_ADDR=address,
    )


def stored(article):
    return sum(HourlyReads.objects.filter(article=article).values_list("count", flat=True))


def test_a_read_counts_once_per_address_and_day_and_no_address_is_stored(client, reads_redis):
    article = make_article()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        response = beacon(client, article)
        assert response.status_code == 204 and not response.cookies and not response.content
        beacon(client, article)  # the same reader again: not counted
        beacon(client, article, address="198.51.100.9")
        assert stored(article) == 1  # the first read flushed at once (nothing flushed before)
        assert counter.pending_counts() == {(counter.hour_of(timezone.now()), article.pk): 1}
        clock.shift(datetime.timedelta(seconds=61))
        beacon(client, article, address="192.0.2.1")
    assert stored(article) == 3 and ReadCount.objects.get(article=article).total == 3
    everything = b" ".join(redis_contents(reads_redis))
    for address in (b"203.0.113.7", b"198.51.100.9", b"192.0.2.1"):
        assert address not in everything


def redis_contents(client):
    """Every key, string value and hash field of the mostread keys."""
    for key in client.scan_iter("mostread:*"):
        yield key
        if client.type(key) == b"string":
            yield client.get(key)
        elif client.type(key) == b"hash":
            yield from client.hkeys(key)


def test_bots_requests_without_the_script_and_gets_are_not_counted(client, reads_redis):
    article = make_article()
    assert beacon(client, article, agent="Googlebot/2.1 (+http://www.google.com/bot.html)").status_code == 204
    assert beacon(client, article, agent="Mozilla/5.0 HeadlessChrome/131.0").status_code == 204
    assert beacon(client, article, agent="curl/8.5.0").status_code == 204
    assert beacon(client, article, agent="").status_code == 204
    assert beacon(client, article, body="").status_code == 204
    assert client.get(f"/doc/{article.pk}/", HTTP_USER_AGENT=BROWSER).status_code == 405
    assert counter.pending_counts() == {} and stored(article) == 0
    assert client.post("/doc/abc/").status_code == 404


def test_reads_of_unknown_articles_are_dropped_at_the_flush(client, reads_redis):
    article = make_article()
    # Mid-hour, so that the minute that passes stays within one hour bucket.
    with time_machine.travel(timezone.now().replace(minute=20), tick=False) as clock:
        beacon(client, article)
        client.post("/doc/999999/", "doc", content_type="text/plain", HTTP_USER_AGENT=BROWSER)
        clock.shift(datetime.timedelta(seconds=61))
        beacon(client, article, address="198.51.100.9")
    assert HourlyReads.objects.count() == 1 and stored(article) == 2


def test_a_flush_in_progress_elsewhere_is_left_alone(client, reads_redis):
    article = make_article()
    reads_redis.set(counter.FLUSH_LOCK, "1", ex=30)
    beacon(client, article)
    assert stored(article) == 0 and sum(counter.pending_counts().values()) == 1
    reads_redis.delete(counter.FLUSH_LOCK)
    beacon(client, article, address="198.51.100.9")
    assert stored(article) == 2 and counter.pending_counts() == {}


@pytest.fixture
def private_redis(settings):
    """A Redis server of our own on a free port, which a test may stop and start again."""
    directory = tempfile.mkdtemp(prefix="nhn-redis-")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
               "--dir", directory]
    servers = []

    def start():
        servers.append(subprocess.Popen(command, stdout=subprocess.DEVNULL))
        probe = redis.Redis(port=port)
        for _ in range(100):
            try:
                probe.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop():
        servers[-1].kill()
        servers[-1].wait()

    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    start()
    settings.READS_REDIS_URL = f"redis://127.0.0.1:{port}/0"
    counter.reset_client()
    yield start, stop
    if servers[-1].poll() is None:
        stop()
    counter.reset_client()
    shutil.rmtree(directory, ignore_errors=True)


def test_a_redis_restart_loses_at_most_the_reads_since_the_last_flush(client, private_redis):
    start, stop = private_redis
    article = make_article()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for n in range(5):
            beacon(client, article, address=f"203.0.113.{n}")
        assert stored(article) == 1  # flushed by the first read
        clock.shift(datetime.timedelta(seconds=61))
        beacon(client, article, address="198.51.100.1")  # a minute later: flushes the five and itself
        assert stored(article) == 6
        clock.shift(datetime.timedelta(seconds=30))
        for n in range(3):
            beacon(client, article, address=f"192.0.2.{n}")  # within the minute: pending in Redis
        assert stored(article) == 6
        stop()
        response = beacon(client, article, address="192.0.2.200")  # Redis is down: still a 204
        assert response.status_code == 204
        start()
        clock.shift(datetime.timedelta(seconds=5))
        beacon(client, article, address="192.0.2.201")  # Redis is back, empty: flushes at once
    # Lost: the three reads of the last half minute and the one made while Redis was down.
    assert stored(article) == 7


def test_without_redis_reads_go_straight_to_the_database(client, settings):
    settings.READS_REDIS_URL = ""
    counter.reset_client()
    article = make_article()
    beacon(client, article)
    beacon(client, article)
    beacon(client, article, address="198.51.100.9")
    assert stored(article) == 2


def reads(article, hours_ago, count, now):
    HourlyReads.objects.create(
        article=article, hour=counter.hour_of(now - datetime.timedelta(hours=hours_ago)), count=count,
    )


def test_the_list_is_the_top_five_of_24_hours_falling_back_to_7_days(settings):
    now = timezone.now()
    old = [make_article(title=f"Bài tuần trước {n}") for n in range(6)]
    for n, article in enumerate(old):
        reads(article, 48, 100 + n, now)
    recompute(now)
    # A new site: no five articles read in a day yet, so the week decides.
    assert [a.title for a in top_articles()] == [f"Bài tuần trước {n}" for n in (5, 4, 3, 2, 1)]
    today = [make_article(title=f"Bài hôm nay {n}") for n in range(6)]
    for n, article in enumerate(today):
        reads(article, 1, 10 + n, now)
    hidden = make_article(title="Bài đã gỡ")
    reads(hidden, 1, 1000, now)
    hidden.status = "archived"
    hidden.save()
    recompute(now)
    assert [a.title for a in top_articles()] == [f"Bài hôm nay {n}" for n in (5, 4, 3, 2, 1)]
    counts = ReadCount.objects.get(article=today[5])
    assert (counts.last_24h, counts.last_7d) == (15, 15)
    assert ReadCount.objects.get(article=old[0]).last_24h == 0


def test_recomputing_refreshes_only_the_pages_showing_the_list_and_only_when_it_changes(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    now = timezone.now()
    article = make_article(title="Phố cổ về đêm")
    other = make_article(title="Hồ Tây mùa sen")
    reads(article, 2, 50, now)
    recompute(now)
    home = client.get("/")
    assert "Đọc nhiều" in home.content.decode() and "Phố cổ về đêm" in home.content.decode()
    assert "most-read" in home["xkey"].split()
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get("/so-bao/")["X-Page-Cache"] == "miss"  # a page without the list
    recompute(now)  # the same list: cached pages stay
    assert client.get("/")["X-Page-Cache"] == "hit"
    reads(other, 1, 80, now)
    assert client.get("/")["X-Page-Cache"] == "hit"
    recompute(now)
    home = client.get("/")
    assert home["X-Page-Cache"] == "miss"
    html = home.content.decode()
    assert html.index("Hồ Tây mùa sen") < html.index("Phố cổ về đêm", html.index("Đọc nhiều"))
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get("/so-bao/")["X-Page-Cache"] == "hit"
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'id="doc-nhieu"' in page and 'data-beacon="/doc/' in page


def test_recompute_runs_at_most_every_few_minutes_whoever_asks(settings):
    settings.READS_RECOMPUTE_SECONDS = 300
    now = timezone.now()
    article = make_article()
    reads(article, 1, 5, now)
    counter.maybe_recompute(now)
    assert ReadCount.objects.get(article=article).last_24h == 5
    reads(article, 2, 5, now)
    counter.maybe_recompute(now)
    assert ReadCount.objects.get(article=article).last_24h == 5  # not yet


def result_list(response):
    html = response.content.decode()
    return html[html.index('id="result_list"'):]


def test_the_newsroom_sees_reads_sorted_and_a_30_day_chart(client):
    now = timezone.now()
    a, b = make_article(title="Bài A"), make_article(title="Bài B")
    reads(a, 1, 5, now)
    reads(b, 30, 9, now)
    reads(b, 24 * 20, 4, now)
    ReadCount.objects.create(article=a, total=5)
    ReadCount.objects.create(article=b, total=13)
    recompute(now)
    client.force_login(make_user("eve", EDITOR))
    by_week = result_list(client.get("/admin/mostread/readcount/?o=-2"))
    assert by_week.index("Bài B") < by_week.index("Bài A")
    by_day = result_list(client.get("/admin/mostread/readcount/?o=-1"))
    assert by_day.index("Bài A") < by_day.index("Bài B")
    assert "24 giờ" in by_day and "7 ngày" in by_day and "Tổng" in by_day
    dashboard = client.get("/admin/").content.decode()
    assert 'class="reads-chart"' in dashboard and dashboard.count("<rect ") == 30
    assert "Lượt đọc mỗi ngày, 30 ngày qua (18 lượt)" in dashboard
    assert "Đọc nhiều trong tuần" in dashboard
    client.force_login(make_user("jo", JOURNALIST))
    assert client.get("/admin/mostread/readcount/").status_code == 200
    assert client.get(f"/admin/mostread/readcount/{a.pk}/delete/").status_code == 403


def sort_link(html, column):
    """The href of a sortable column's header in an admin list."""
    header = re.search(rf'<th scope="col" class="[^"]*column-{column}[^"]*">.*?</th>', html, re.S)
    assert header, f"no sortable column {column}"
    return re.search(r'<a href="([^"]+)"', header.group(0)).group(1).replace("&amp;", "&")


def cell_values(html, column):
    return [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(rf'<td class="field-{column}">(.*?)</td>', html)]


def test_the_article_list_shows_reads_and_sorts_by_them(client):
    now = timezone.now()
    a, b, never = make_article(title="Bài A"), make_article(title="Bài B"), make_article(title="Bài chưa ai đọc")
    reads(a, 1, 5, now)
    reads(b, 30, 9, now)
    ReadCount.objects.create(article=a, total=1205)
    ReadCount.objects.create(article=b, total=9)
    recompute(now)
    client.force_login(make_user("eve", EDITOR))
    listing = client.get("/admin/articles/article/").content.decode()
    for label in ("Lượt đọc 24 giờ", "Lượt đọc 7 ngày", "Tổng lượt đọc"):
        assert label in listing
    titles = [a.title, b.title, never.title]

    def order(query):
        html = result_list(client.get("/admin/articles/article/" + query))
        return sorted((t for t in titles if t in html), key=html.index), html

    # Unsorted, an article never read shows 0.
    assert cell_values(listing, "reads_last_24h").count("0") == 2
    # Sorted by a count, the list holds the articles that have counts, going up; a second click
    # sorts down, most read first.
    link = sort_link(listing, "reads_last_24h")
    up, html = order(link)
    assert up == ["Bài B", "Bài A"]
    assert cell_values(html, "reads_last_24h") == ["0", "5"]
    down, _ = order(sort_link(html, "reads_last_24h"))
    assert down == ["Bài A", "Bài B"]
    by_week, html = order(sort_link(html, "reads_last_7d").replace("o=", "o=-", 1))
    assert by_week == ["Bài B", "Bài A"]
    assert cell_values(html, "reads_last_7d") == ["9", "5"]
    by_total, html = order(sort_link(listing, "reads_total").replace("o=", "o=-", 1))
    assert by_total == ["Bài A", "Bài B"]
    assert cell_values(html, "reads_total") == ["1.205", "9"]
    # The journalist sees the same columns.
    client.force_login(make_user("jo", JOURNALIST))
    assert cell_values(client.get("/admin/articles/article/" + link).content.decode(), "reads_last_24h") == ["0", "5"]
