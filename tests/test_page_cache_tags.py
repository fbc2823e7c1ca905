"""The page cache by tags (pagecache.tags): each change invalidates exactly what readers see
change, a changed page is served stale to others while one request makes it again, removals
never are, keys ignore what a view does not read, entries are compressed and bounded.

Each test runs against the in-process cache and, when REDIS_TEST_URL is set, against Redis.
"""

import datetime
import gzip
import http.server
import os
import random
import string
import threading
import time
import uuid

import brotli
import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.db.models.signals import post_save
from django.test import RequestFactory
from django.utils import timezone
from reversion.models import Version

from articles import workflow
from articles.models import Article
from authors.models import Author
from comments import moderation
from comments.models import Comment
from featured.models import FeaturedList
from pagecache import store, tags
from pagecache.middleware import view_params
from roles.newsroom import JOURNALIST

from .admin_forms import article_data, change_url
from .comment_helpers import make_comment
from .factories import EDITOR, make_article, make_author, make_section, make_user
from .featured_factories import add_items, get_list, hand_filled_lists

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["locmem", "redis"], autouse=True)
def shared_cache(request, settings):
    if request.param == "redis":
        url = os.environ.get("REDIS_TEST_URL")
        if not url:
            pytest.skip("REDIS_TEST_URL is not set")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            },
            "counters": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }
    settings.PAGE_CACHE_ENABLED = True
    yield request.param
    cache.clear()


@pytest.fixture
def world():
    """Two sections, each with articles; the first article has an author and a tag. The featured
    lists are hand-filled, so section pages show only their own articles."""
    hand_filled_lists()
    hanoi = make_section(name="Hà Nội", slug="ha-noi")
    culture = make_section(name="Văn hoá", slug="van-hoa")
    author = make_author(name="Huyền Anh")
    main = make_article(title="Hồ Gươm mùa thu", section=hanoi, authors=[author], tags=["Phố cổ"])
    elsewhere = make_article(title="Chèo cổ", section=culture, authors=[make_author(name="Thu Hà")])
    return {"hanoi": hanoi, "culture": culture, "author": author, "main": main, "elsewhere": elsewhere}


def warm(client, *urls):
    for url in urls:
        client.get(url)
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def states(client, *urls):
    return [client.get(url)["X-Page-Cache"] for url in urls]


# What each change invalidates (the list).

def test_saving_a_draft_or_submitting_it_changes_no_page(client, world):
    urls = ["/", "/ha-noi/", world["main"].get_absolute_url()]
    warm(client, *urls)
    alice = make_user("alice", JOURNALIST)
    draft = make_article(title="Nháp", section=world["hanoi"], status=Article.Status.DRAFT, published_at=None,
                         created_by=alice, authors=[world["author"]], tags=["Phố cổ"])
    draft.title = "Nháp sửa lại"
    draft.save()
    workflow.submit(draft, alice)
    assert states(client, *urls) == ["hit", "hit", "hit"]


def test_editing_a_published_article_refreshes_exactly_the_pages_showing_it(client, world):
    urls = ["/", "/ha-noi/", "/van-hoa/", world["main"].get_absolute_url(), "/tac-gia/huyen-anh/",
            "/tac-gia/thu-ha/", world["elsewhere"].get_absolute_url(), "/tag/pho-co/", "/rss/"]
    warm(client, *urls)
    showing = {url for url in urls if "Hồ Gươm mùa thu" in client.get(url).content.decode()}
    assert "/van-hoa/" not in showing and "/ha-noi/" in showing
    world["main"].title = "Hồ Gươm vào đông"
    world["main"].save()
    for url in urls:
        response = client.get(url)
        expected = "miss" if url in showing else "hit"
        assert response["X-Page-Cache"] == expected, url
        assert ("Hồ Gươm vào đông" in response.content.decode()) == (url in showing), url


def test_publishing_refreshes_its_listings_and_its_cached_404_but_not_other_sections(client, world):
    editor = make_user("eve", EDITOR)
    draft = make_article(title="Tin mới Hà Nội", section=world["hanoi"], status=Article.Status.DRAFT,
                         published_at=None, authors=[world["author"]])
    warm(client, "/", "/ha-noi/", "/van-hoa/", "/tac-gia/huyen-anh/", draft.get_absolute_url(), "/rss/")
    assert client.get(draft.get_absolute_url()).status_code == 404
    workflow.publish(draft, editor)
    for url in ("/", "/ha-noi/", "/tac-gia/huyen-anh/", "/rss/"):
        assert "Tin mới Hà Nội" in client.get(url).content.decode(), url
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert states(client, "/van-hoa/", world["elsewhere"].get_absolute_url()) == ["hit", "miss"]


def test_a_comment_approval_refreshes_its_article_page_only(client, world):
    main = world["main"]
    urls = ["/", "/ha-noi/", main.get_absolute_url()]
    warm(client, *urls)
    comment = make_comment(main, body="Ý kiến bạn đọc chờ duyệt.", status=Comment.Status.PENDING)
    assert states(client, *urls) == ["hit", "hit", "hit"]
    moderation.approve([comment], make_user("eve", EDITOR))
    page = client.get(main.get_absolute_url())
    assert page["X-Page-Cache"] == "miss" and "Ý kiến bạn đọc chờ duyệt." in page.content.decode()
    assert states(client, "/", "/ha-noi/") == ["hit", "hit"]


def test_editing_a_featured_list_refreshes_the_pages_showing_it(client, world):
    add_items(get_list("noi-bat"), world["elsewhere"])
    warm(client, "/", "/ha-noi/", "/rss/")
    featured = FeaturedList.objects.get(key="noi-bat")
    featured.title = "Đọc nhiều nhất"
    featured.save()
    home = client.get("/")
    assert home["X-Page-Cache"] == "miss" and "Đọc nhiều nhất" in home.content.decode()
    # Section pages show the list in their sidebar; the feed does not show it.
    assert "Đọc nhiều nhất" in client.get("/ha-noi/").content.decode()
    assert states(client, "/rss/") == ["hit"]


def test_editing_an_author_refreshes_the_pages_naming_them(client, world):
    warm(client, "/van-hoa/", world["main"].get_absolute_url(), "/tac-gia/huyen-anh/")
    author = Author.objects.get(pk=world["author"].pk)
    author.name = "Huyền Anh Nguyễn"
    author.save()
    assert "Huyền Anh Nguyễn" in client.get(world["main"].get_absolute_url()).content.decode()
    assert "Huyền Anh Nguyễn" in client.get("/tac-gia/huyen-anh/").content.decode()
    assert states(client, "/van-hoa/") == ["hit"]


# One "Xuất bản ngay" in the admin: one save, one log row, one revision, one invalidation.

class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method)
        PurgeRecorder.received.append((self.headers["xkey-purge"], self.headers["xkey-soft"]))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn(settings):
    """A CDN stand-in on loopback that records the purges it is sent."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    PurgeRecorder.received = []
    settings.CDN_PURGE_URLS = [f"http://127.0.0.1:{server.server_port}/"]
    yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_publish_now_in_the_admin_is_one_save_one_log_one_revision_one_purge(
    client, world, cdn, django_capture_on_commit_callbacks
):
    editor = make_user("eve", EDITOR)
    draft = make_article(title="Bài chờ xuất bản", section=world["hanoi"], status=Article.Status.REVIEW,
                         published_at=None, authors=[world["author"]])
    saves = []

    def count(sender, instance, **kwargs):
        saves.append(instance.pk)

    post_save.connect(count, sender=Article)
    client.force_login(editor)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(change_url(draft), article_data(draft, _publish="1"))
    finally:
        post_save.disconnect(count, sender=Article)
    assert response.status_code == 302
    assert saves == [draft.pk]
    assert [e.get_change_message() for e in LogEntry.objects.filter(object_id=str(draft.pk))] == ["Xuất bản"]
    assert Version.objects.get_for_object(draft).count() == 1
    assert len(cdn) == 1
    purged, soft = cdn[0]
    assert soft == "1"
    expected = {tags.of(draft), "new", tags.listing(world["hanoi"]), tags.listing(world["author"])}
    assert set(purged.split()) == expected


def test_unpublishing_purges_hard(world, cdn, django_capture_on_commit_callbacks):
    editor = make_user("eve", EDITOR)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(world["main"], editor)
    assert len(cdn) == 1 and cdn[0][1] == "0"
    assert tags.of(world["main"]) in cdn[0][0].split()


# Grace and stampede.

def _key(url, **headers):
    request = RequestFactory().get(url, headers=headers)
    return store.page_key(request, view_params(request))


def test_a_changed_page_is_stale_for_others_while_one_request_makes_it_again(client, world, settings):
    url = "/ha-noi/"
    warm(client, url)
    world["main"].title = "Tiêu đề mới"
    world["main"].save()
    assert store.lock(_key(url))  # another process is making it again
    stale = client.get(url)
    assert stale["X-Page-Cache"] == "stale" and "Hồ Gươm mùa thu" in stale.content.decode()
    assert stale["Cache-Control"] == "public, max-age=0"
    store.unlock(_key(url))
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss" and "Tiêu đề mới" in fresh.content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_stale_copies_end_with_the_grace_period(client, world, settings):
    settings.PAGE_CACHE_GRACE = 10
    url = "/ha-noi/"
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        warm(client, url)
        world["main"].title = "Tiêu đề mới"
        world["main"].save()
        store.lock(_key(url))
        traveller.shift(datetime.timedelta(seconds=9))
        assert client.get(url)["X-Page-Cache"] == "stale"
        traveller.shift(datetime.timedelta(seconds=2))
        assert "Tiêu đề mới" in client.get(url).content.decode()


def test_a_removal_is_never_served_stale(client, world):
    article = world["main"]
    warm(client, article.get_absolute_url(), "/ha-noi/")
    for url in (article.get_absolute_url(), "/ha-noi/"):
        store.lock(_key(url))  # even while another process is making it again
    workflow.archive(article, make_user("eve", EDITOR))
    assert client.get(article.get_absolute_url()).status_code == 404
    listing = client.get("/ha-noi/")
    assert listing["X-Page-Cache"] == "miss" and "Hồ Gươm mùa thu" not in listing.content.decode()


# Keys.

def test_tracking_and_unknown_parameters_find_the_same_entry(client, world):
    warm(client, "/", "/ha-noi/")
    for url in ("/?utm_source=facebook&utm_medium=social", "/?fbclid=abc", "/?gclid=1&zarsrc=30",
                "/?khong-biet=1", "/ha-noi/?utm_campaign=x"):
        assert client.get(url)["X-Page-Cache"] == "hit", url
    assert states(client, "/ha-noi/?page=2", "/ha-noi/?page=2&utm_source=x") == ["miss", "hit"]


def _page_entries(backend):
    """(count, bytes) of the page entries in the shared cache."""
    if backend == "locmem":
        found = [value for key, value in cache._cache.items() if ":pc:p:" in key]
        return len(found), sum(len(value) for value in found)
    client = cache._cache.get_client()
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*:pc:p:*"))
    return len(keys), sum(client.strlen(key) for key in keys)


def test_a_flood_of_random_query_strings_adds_no_entry_and_stays_on_the_hit_path(
    client, world, shared_cache, django_assert_num_queries
):
    warm(client, "/", "/ha-noi/")
    before = _page_entries(shared_cache)
    rng = random.Random(11)
    with django_assert_num_queries(0):
        for _ in range(1000):
            name = "".join(rng.choices(string.ascii_lowercase, k=6))
            url = rng.choice(["/", "/ha-noi/"]) + f"?{name}={rng.randrange(10**9)}"
            assert client.get(url)["X-Page-Cache"] == "hit"
    assert _page_entries(shared_cache) == before
    assert before[0] == 2


def test_script_name_cannot_change_the_page_readers_get(client, world):
    client.get("/", SCRIPT_NAME="/gia-mao")
    page = client.get("/").content.decode()
    assert "/gia-mao/" not in page


def test_pages_larger_than_the_bound_are_served_but_not_kept(client, world, settings):
    settings.PAGE_CACHE_MAX_BYTES = 200
    assert states(client, "/", "/") == ["miss", "miss"]


# Headers: tags, encodings, validators.

def test_every_cacheable_answer_carries_its_tags_for_the_cdn(client, world):
    miss = client.get("/ha-noi/")
    hit = client.get("/ha-noi/")
    assert miss["xkey"] == hit["xkey"] == hit["Surrogate-Key"]
    words = hit["xkey"].split()
    assert {tags.of(world["main"]), tags.of(world["hanoi"]), tags.listing(world["hanoi"]), "menu"} <= set(words)
    assert all(word.isascii() and word.isprintable() for word in words)


def test_a_page_with_hundreds_of_articles_keeps_its_tag_header_bounded(client, world):
    from pagecache.middleware import MAX_TAG_HEADER, tag_header

    header = tag_header({"new", "new-section1", *(f"article{n}" for n in range(2000))})
    assert len(header) <= MAX_TAG_HEADER
    assert header.startswith("new new-section1 ")


def test_hits_carry_the_same_security_headers_as_misses(client, world):
    names = ["Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "X-Content-Type-Options",
             "Referrer-Policy", "Cross-Origin-Opener-Policy", "Content-Type"]
    for url in ("/", world["main"].get_absolute_url(), "/khong-co-trang-nay/"):
        miss, hit = client.get(url), client.get(url)
        assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
        assert [miss.get(name) for name in names] == [hit.get(name) for name in names]
        assert all(miss.get(name) for name in names)


def test_pages_are_served_compressed_to_clients_that_accept_it(client, world):
    plain = client.get("/")
    gzipped = client.get("/", headers={"Accept-Encoding": "gzip, deflate"})
    brotlied = client.get("/", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain
    assert gzipped["Content-Encoding"] == "gzip" and brotlied["Content-Encoding"] == "br"
    assert gzip.decompress(gzipped.content) == plain.content == brotli.decompress(brotlied.content)
    assert len({plain["ETag"], gzipped["ETag"], brotlied["ETag"]}) == 3
    for response in (plain, gzipped, brotlied):
        assert "Accept-Encoding" in response["Vary"] and "Accept-Language" not in response["Vary"]
    again = client.get("/", headers={"Accept-Encoding": "gzip", "If-None-Match": gzipped["ETag"]})
    assert again.status_code == 304
    other = client.get("/", headers={"Accept-Encoding": "br", "If-None-Match": gzipped["ETag"]})
    assert other.status_code == 200


def test_last_modified_is_when_the_content_changed_not_when_the_page_was_made(client, world, settings):
    url = world["main"].get_absolute_url()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        first = client.get(url)["Last-Modified"]
        traveller.shift(datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS + 5))
        remade = client.get(url)
        assert remade["X-Page-Cache"] == "miss" and remade["Last-Modified"] == first
        traveller.shift(datetime.timedelta(seconds=30))
        world["main"].title = "Đổi tiêu đề"
        world["main"].save()
        changed = client.get(url)["Last-Modified"]
    assert changed != first


def test_head_answers_have_no_body_but_the_length_of_the_page(client, world):
    page = client.get("/ha-noi/")
    head = client.head("/ha-noi/")
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Length"] == str(len(page.content))


def test_the_site_does_not_vary_by_language_and_the_admin_stays_vietnamese(client, world):
    response = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "Accept-Language" not in response.get("Vary", "")
    assert "Content-Language" not in response
    login = client.get("/admin/login/", headers={"Accept-Language": "en-US"}).content.decode()
    assert "Tên đăng nhập" in login or "Mật khẩu" in login


def test_related_articles_and_sidebars_top_up_at_the_next_refresh_served_stale_meanwhile(client, settings):
    settings.PAGE_CACHE_SECONDS = 3600
    section = make_section(name="Hà Nội", slug="ha-noi")
    alone = make_article(title="Bài không thẻ", section=section)
    url = alone.get_absolute_url()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        warm(client, url, "/ha-noi/")
        draft = make_article(title="Tin mới cùng chuyên mục", section=section, status=Article.Status.DRAFT,
                             published_at=None)
        workflow.publish(draft, make_user("eve", EDITOR))
        # The section lists it at once; related articles and sidebars elsewhere at the next refresh.
        assert "Tin mới cùng chuyên mục" in client.get("/ha-noi/").content.decode()
        assert states(client, url) == ["hit"]
        traveller.shift(datetime.timedelta(seconds=settings.PAGE_CACHE_TOPUP_SECONDS))
        store.lock(_key(url))  # another process is making it again
        stale = client.get(url)
        assert stale["X-Page-Cache"] == "stale" and "Tin mới cùng chuyên mục" not in stale.content.decode()
        store.unlock(_key(url))
        fresh = client.get(url)
        assert fresh["X-Page-Cache"] == "miss" and "Tin mới cùng chuyên mục" in fresh.content.decode()
        assert states(client, url) == ["hit"]


def test_a_reader_waits_for_the_process_making_a_page_it_may_not_have_stale(client, world, settings):
    settings.PAGE_CACHE_WAIT_MS = 5000
    url = world["main"].get_absolute_url()
    warm(client, url)
    key = _key(url)
    old, _ = store.read(key)
    assert store.lock(key)  # another process starts making it after an approval
    moderation.shown_on_pages([make_comment(world["main"])])

    def other_process():
        time.sleep(0.3)
        start = store.started(store.read(key)[1])
        store.put(key, {**old, "tags": store.versions(list(old["tags"]), start)})
        store.unlock(key)

    thread = threading.Thread(target=other_process)
    began = time.monotonic()
    thread.start()
    response = client.get(url)
    thread.join()
    assert response["X-Page-Cache"] == "hit" and 0.25 < time.monotonic() - began < 4


def test_a_reader_makes_the_page_itself_when_the_wait_is_over(client, world, settings):
    settings.PAGE_CACHE_WAIT_MS = 200
    url = world["main"].get_absolute_url()
    warm(client, url)
    assert store.lock(_key(url))  # a process that never finishes
    tags.invalidate(tags.of(world["main"]), at_once=True)
    began = time.monotonic()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert time.monotonic() - began > 0.15


def test_a_page_reads_its_shared_fragments_in_one_round_trip(client, world, settings, monkeypatch):
    """Rendered without the page cache, an article page's fragments (related articles, menu,
    sidebar lists, "Đọc nhiều") come in one read of the shared cache, once the process has seen
    the view; a change to one of them is still seen at once."""
    settings.PAGE_CACHE_ENABLED = False
    url = world["main"].get_absolute_url()
    client.get(url)
    first = client.get(url).content.decode()
    reads = []
    real = store._get_many

    def counting(keys):
        reads.append(keys)
        return real(keys)

    monkeypatch.setattr(store, "_get_many", counting)
    assert client.get(url).content.decode() == first
    assert len(reads) == 1, reads
    assert {"pc:f:menu", "pc:f:most-read-html", f"pc:f:related-{world['main'].pk}"} <= set(reads[0])
    world["hanoi"].name = "Hà Nội mới"
    world["hanoi"].save()
    assert "Hà Nội mới" in client.get(url).content.decode()
