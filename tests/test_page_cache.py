"""The page cache for anonymous readers (pagecache/): headers, 304s, invalidation, schedules.

Each test runs against the in-process cache of the test settings and, when REDIS_TEST_URL is
set (CI), against Redis as well.
"""

import datetime
import uuid

import pytest
import time_machine
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Article, ArticleAuthor, Section, Tag
from authors.models import Author
from pagecache import tags
from pagecache.middleware import PageCacheMiddleware

from .factories import EDITOR, make_article, make_author, make_section, make_user
from .services import redis_test_url

pytestmark = pytest.mark.django_db

BACKENDS = ["locmem", "redis"]


@pytest.fixture(params=BACKENDS, autouse=True)
def shared_cache(request, settings):
    """The cache the page cache lives in, once per backend."""
    if request.param == "redis":
        url = redis_test_url()
        if not url:
            pytest.skip("no Redis: REDIS_TEST_URL is not set and 127.0.0.1:6379 does not answer")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            }
        }
        settings.CACHES["counters"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    settings.PAGE_CACHE_ENABLED = True
    yield request.param
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def article():
    return make_article(
        title="Hồ Gươm mùa thu", section=make_section(name="Hà Nội", slug="ha-noi"),
        authors=[make_author(name="Huyền Anh")], tags=["Phố cổ"],
    )


def test_reader_gets_a_public_page_with_validators_and_no_cookie(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["ETag"].startswith('"') and response["Last-Modified"].endswith("GMT")
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_second_reader_is_served_from_the_cache_without_queries(client, article, django_assert_num_queries):
    first = client.get(article.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == "text/html; charset=utf-8"


def test_matching_etag_is_answered_with_304(client, article):
    etag = client.get(article.get_absolute_url())["ETag"]
    response = client.get(article.get_absolute_url(), headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"].startswith("public")
    assert client.get(article.get_absolute_url(), headers={"If-None-Match": '"other"'}).status_code == 200


def test_unchanged_since_last_modified_is_answered_with_304(client, article):
    last_modified = client.get("/")["Last-Modified"]
    assert client.get("/", headers={"If-Modified-Since": last_modified}).status_code == 304
    assert client.get("/", headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code == 200


def test_first_request_with_a_matching_etag_elsewhere_still_gets_the_page(client, article):
    response = client.get("/ha-noi/", headers={"If-None-Match": '"abc"'})
    assert response.status_code == 200 and "Hồ Gươm mùa thu" in response.content.decode()


def test_staff_get_fresh_private_pages(client, article):
    client.get(article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(title="Tiêu đề sửa không qua tín hiệu")
    client.force_login(make_user(role=EDITOR))
    response = client.get(article.get_absolute_url())
    assert response["Cache-Control"] == "private, no-store"
    assert "X-Page-Cache" not in response and "ETag" not in response
    assert "Tiêu đề sửa không qua tín hiệu" in response.content.decode()


def test_staff_see_a_scheduled_draft_that_readers_are_refused(client):
    scheduled = make_article(title="Bài hẹn giờ", published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    client.force_login(make_user(role=EDITOR))
    response = client.get(scheduled.get_absolute_url())
    assert response.status_code == 200 and "Bản nháp" in response.content.decode()


def test_not_found_and_redirects_are_cached_too(client, article):
    wrong = f"/sai-duong-dan-{article.pk}.html"
    assert client.get(wrong).status_code == 301
    redirect = client.get(wrong)
    assert redirect.status_code == 301 and redirect["X-Page-Cache"] == "hit"
    assert redirect["Location"] == article.get_absolute_url()
    client.get("/khong-co-chuyen-muc/")
    missing = client.get("/khong-co-chuyen-muc/")
    assert missing.status_code == 404 and missing["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("path", ["/healthz", "/admin/login/"])
def test_newsroom_and_health_check_are_never_cached(client, path):
    response = client.get(path)
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_responses_that_set_cookies_or_fail_are_not_kept():
    calls = []

    def view(request):
        calls.append(request.path)
        response = HttpResponse("xin chào", status=200 if request.path == "/cookie/" else 500)
        if request.path == "/cookie/":
            response.set_cookie("theo-doi", "1")
        return response

    middleware = PageCacheMiddleware(view)
    for path in ("/cookie/", "/cookie/", "/loi/", "/loi/"):
        response = middleware(RequestFactory().get(path))
        assert "public" not in response.get("Cache-Control", "")
    assert calls == ["/cookie/", "/cookie/", "/loi/", "/loi/"]


def test_views_that_say_private_are_not_kept():
    def view(request):
        response = HttpResponse("riêng")
        response["Cache-Control"] = "private"
        return response

    response = PageCacheMiddleware(view)(RequestFactory().get("/rieng/"))
    assert response["Cache-Control"] == "private" and "X-Page-Cache" not in response


def test_page_cache_can_be_turned_off(client, settings, article):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")
    response = client.get("/")
    assert "X-Page-Cache" not in response and "Cache-Control" not in response


# Invalidation: each kind of content change shows on the very next request.

def _rename_article(article):
    article.title = "Tiêu đề mới sau khi sửa"
    article.save()
    return "Tiêu đề mới sau khi sửa"


def _rename_section(article):
    section = Section.objects.get(pk=article.section_id)
    section.name = "Thủ đô"
    section.save()
    return "Thủ đô"


def _rename_author(article):
    author = Author.objects.get(name="Huyền Anh")
    author.name = "Huyền Anh Nguyễn"
    author.save()
    return "Huyền Anh Nguyễn"


def _add_byline(article):
    ArticleAuthor.objects.create(article=article, author=make_author(name="Thu Hà"), position=1)
    return "Thu Hà"


def _add_tag(article):
    article.tags.add("Mùa thu Hà Nội")
    return "Mùa thu Hà Nội"


def _rename_tag(article):
    tag = Tag.objects.get(name="Phố cổ")
    tag.name = "Phố cổ Hà Nội"
    tag.save()
    return "Phố cổ Hà Nội"


def _relate_an_article(article):
    other = make_article(title="Bài liên quan chọn tay", section=make_section(name="Du lịch"))
    article.related.add(other)
    return "Bài liên quan chọn tay"


def _publish_new_article(article):
    make_article(title="Tin mới vừa xuất bản", section=article.section)
    return "Tin mới vừa xuất bản"


@pytest.mark.parametrize("change", [
    _rename_article, _rename_section, _rename_author, _add_byline, _add_tag, _rename_tag,
    _relate_an_article,
])
def test_every_content_change_shows_on_the_next_request(client, article, change):
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    expected = change(article)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert expected in response.content.decode()


def test_a_new_article_shows_at_once_on_its_section_and_on_other_articles_at_the_top_up(client, article):
    """Related articles and sidebars follow at the next refresh (see test_page_cache_tags)."""
    url = article.get_absolute_url()
    client.get(url), client.get("/ha-noi/")
    expected = _publish_new_article(article)
    response = client.get("/ha-noi/")
    assert response["X-Page-Cache"] == "miss" and expected in response.content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_deleting_an_article_removes_it_from_cached_lists(client, article):
    assert "Hồ Gươm mùa thu" in client.get("/ha-noi/").content.decode()
    article.delete()
    assert "Hồ Gươm mùa thu" not in client.get("/ha-noi/").content.decode()


def test_unpublishing_returns_404_on_the_next_request(client, article):
    assert client.get(article.get_absolute_url()).status_code == 200
    article.status = Article.Status.ARCHIVED
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_invalidate_reaches_changes_made_without_signals(client, article):
    client.get("/")
    Article.objects.filter(pk=article.pk).update(title="Sửa hàng loạt")
    assert "Sửa hàng loạt" not in client.get("/").content.decode()
    tags.invalidate(tags.of(article))
    assert "Sửa hàng loạt" in client.get("/").content.decode()


# Time: pages never outlive PAGE_CACHE_SECONDS, nor the next scheduled publication.

def test_a_scheduled_article_appears_on_time_through_the_cache(client, article):
    at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=2)
    make_article(title="Bài hẹn giờ đăng", section=article.section, published_at=at)
    scheduled_url = Article.objects.get(title="Bài hẹn giờ đăng").get_absolute_url()
    with time_machine.travel(at - datetime.timedelta(minutes=2), tick=False) as traveller:
        for url in ("/", "/ha-noi/", scheduled_url):
            client.get(url)
        traveller.move_to(at - datetime.timedelta(seconds=1))
        home = client.get("/")
        assert home["X-Page-Cache"] == "hit"
        assert "Bài hẹn giờ đăng" not in home.content.decode()
        assert int(home["Cache-Control"].rsplit("=", 1)[1]) <= 1
        assert client.get(scheduled_url).status_code == 404
        traveller.move_to(at + datetime.timedelta(seconds=1))
        assert "Bài hẹn giờ đăng" in client.get("/").content.decode()
        assert "Bài hẹn giờ đăng" in client.get("/ha-noi/").content.decode()
        assert client.get(scheduled_url).status_code == 200


def test_two_scheduled_articles_each_appear_on_time(client, article):
    first_at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)
    second_at = first_at + datetime.timedelta(minutes=3)
    make_article(title="Hẹn giờ thứ nhất", section=article.section, published_at=first_at)
    make_article(title="Hẹn giờ thứ hai", section=article.section, published_at=second_at)
    with time_machine.travel(first_at + datetime.timedelta(seconds=1), tick=False) as traveller:
        page = client.get("/").content.decode()
        assert "Hẹn giờ thứ nhất" in page and "Hẹn giờ thứ hai" not in page
        traveller.move_to(second_at - datetime.timedelta(seconds=1))
        assert "Hẹn giờ thứ hai" not in client.get("/").content.decode()
        traveller.move_to(second_at + datetime.timedelta(seconds=1))
        assert "Hẹn giờ thứ hai" in client.get("/").content.decode()


def test_pages_live_at_most_page_cache_seconds(client, settings, article):
    settings.PAGE_CACHE_SECONDS = 300
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.get("/")
        Article.objects.filter(pk=article.pk).update(title="Sửa không qua tín hiệu")
        traveller.shift(datetime.timedelta(seconds=299))
        assert "Sửa không qua tín hiệu" not in client.get("/").content.decode()
        traveller.shift(datetime.timedelta(seconds=2))
        assert "Sửa không qua tín hiệu" in client.get("/").content.decode()


def test_head_requests_are_answered_from_the_same_entry(client, article):
    client.get(article.get_absolute_url())
    response = client.head(article.get_absolute_url())
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
    assert response.content == b""


def test_a_process_local_cache_is_reported_by_the_system_checks():
    from django.test import override_settings

    from pagecache.checks import shared_cache

    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
        assert [warning.id for warning in shared_cache(None)] == ["pagecache.W001"]
    db_cache = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}}
    with override_settings(CACHES=db_cache):
        assert shared_cache(None) == []


def test_a_pending_comment_changes_no_page_and_its_approval_only_its_article(client, article):
    from comments import moderation
    from comments.models import Comment

    from .comment_helpers import make_comment

    other = make_article(title="Bài khác", section=article.section)
    for url in ("/", article.get_absolute_url(), other.get_absolute_url()):
        client.get(url)
    comment = make_comment(article, body="Một ý kiến chờ duyệt.", status=Comment.Status.PENDING)
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    moderation.approve([comment], make_user(role=EDITOR))
    response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss" and "Một ý kiến chờ duyệt." in response.content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert client.get(other.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_featured_item_window_opening_refreshes_the_pages_showing_the_list(client, article):
    from featured.models import FeaturedItem, FeaturedList

    at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=3)
    featured = FeaturedList.objects.get(key="noi-bat")
    story = make_article(title="Bài nổi bật hẹn giờ hiện", section=make_section(name="Văn hoá"))
    FeaturedItem.objects.create(featured_list=featured, article=story, starts_at=at)
    with time_machine.travel(at - datetime.timedelta(seconds=90), tick=False) as traveller:
        client.get(article.get_absolute_url())
        traveller.move_to(at - datetime.timedelta(seconds=1))
        assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
        traveller.move_to(at + datetime.timedelta(seconds=1))
        response = client.get(article.get_absolute_url())
        assert response["X-Page-Cache"] == "miss"
        assert "Bài nổi bật hẹn giờ hiện" in response.content.decode()


def test_next_change_found_later_on_the_clock_is_not_trusted_for_an_earlier_time(client, article):
    at = timezone.now().replace(microsecond=0) - datetime.timedelta(days=30)
    make_article(title="Bài đăng tháng trước", section=article.section, published_at=at)
    with time_machine.travel(at - datetime.timedelta(seconds=1), tick=False) as traveller:
        assert "Bài đăng tháng trước" not in client.get("/").content.decode()
        traveller.move_to(at + datetime.timedelta(seconds=1))
        assert "Bài đăng tháng trước" in client.get("/").content.decode()


def test_creating_a_draft_keeps_cached_pages_but_publishing_it_does_not(client, article):
    client.get("/")
    draft = make_article(title="Nháp mới", section=article.section, status=Article.Status.DRAFT, published_at=None)
    assert client.get("/")["X-Page-Cache"] == "hit"
    draft.status = Article.Status.PUBLISHED
    draft.save()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss" and "Nháp mới" in response.content.decode()
