import datetime
import io
import re

import feedparser
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from PIL import Image

from articles.models import Article

from .factories import make_article, make_author, make_section

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

SITE = "https://nguoihanoi.example"


@pytest.fixture
def site_url():
    with override_settings(SITE_URL=SITE):
        yield


def jpeg(name="anh.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (120, 40, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert not response.cookies
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


def test_site_feed_has_the_newest_articles_with_all_their_fields(client):
    section = make_section(name="Hà Nội", slug="ha-noi")
    author = make_author(name="Huyền Anh")
    article = make_article(
        title="Quận Đống Đa dẫn đầu <cải cách>", sapo="Sapo & mô tả “ngắn”.", section=section, authors=[author],
        cover_image=jpeg(), published_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    feed = parse(client, "/rss/")
    assert feed.feed.title == "Tạp chí Người Hà Nội"
    assert feed.feed.link == f"{SITE}/"
    assert feed.feed.language == "vi"
    entry = feed.entries[0]
    assert entry.title == "Quận Đống Đa dẫn đầu <cải cách>"
    assert entry.link == f"{SITE}{article.get_absolute_url()}"
    assert entry.description == "Sapo & mô tả “ngắn”."
    assert entry.author == "Huyền Anh"
    assert [tag.term for tag in entry.tags] == ["Hà Nội"]
    assert datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC) == article.published_at.replace(
        microsecond=0
    )
    enclosure = entry.enclosures[0]
    assert enclosure.href == f"{SITE}{article.cover_image.url}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == article.cover_image.size


def test_feed_keeps_only_the_newest_30_published_articles(client):
    section = make_section()
    now = timezone.now()
    for i in range(32):
        make_article(title=f"Tin số {i:02d}", section=section, published_at=now - datetime.timedelta(hours=i + 1))
    make_article(title="Bản nháp", section=section, status=Article.Status.DRAFT)
    make_article(title="Hẹn giờ", section=section, published_at=now + datetime.timedelta(hours=1))
    titles = [entry.title for entry in parse(client, "/rss/").entries]
    assert titles == [f"Tin số {i:02d}" for i in range(30)]


def test_section_feed_lists_only_that_section(client):
    hanoi = make_section(name="Hà Nội", slug="ha-noi")
    make_article(title="Tin Hà Nội", section=hanoi)
    make_article(title="Tin nơi khác")
    feed = parse(client, "/ha-noi/rss/")
    assert [entry.title for entry in feed.entries] == ["Tin Hà Nội"]
    assert feed.feed.title == "Hà Nội - Tạp chí Người Hà Nội"
    assert feed.feed.link == f"{SITE}/ha-noi/"


def test_feed_of_an_unknown_section_is_404(client):
    assert client.get("/khong-co/rss/").status_code == 404


def test_a_missing_cover_file_leaves_the_item_without_enclosure(client):
    article = make_article(title="Ảnh đã mất", cover_image=jpeg())
    article.cover_image.storage.delete(article.cover_image.name)
    entry = parse(client, "/rss/").entries[0]
    assert entry.title == "Ảnh đã mất"
    assert entry.enclosures == []


def test_feed_query_count_is_fixed(client, django_assert_max_num_queries):
    for _ in range(10):
        make_article(authors=[make_author()])
    with django_assert_max_num_queries(3):
        client.get("/rss/")


def test_pages_announce_the_site_feed(client):
    page = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml" title="Tạp chí Người Hà Nội" href="/rss/">' in page


@pytest.mark.django_db
def test_a_section_page_advertises_its_own_feed_and_the_sites(client):
    section = make_section(name="Văn hoá", slug="van-hoa")
    make_article(section=section)
    page = client.get("/van-hoa/").content.decode()
    feeds = re.findall(r'<link rel="alternate" type="application/rss\+xml" title="([^"]*)" href="([^"]*)">', page)
    assert (f"Văn hoá - {settings.SITE_NAME}", "/van-hoa/rss/") in feeds
    assert (settings.SITE_NAME, "/rss/") in feeds
    assert feedparser.parse(client.get("/van-hoa/rss/").content).feed.title == f"Văn hoá - {settings.SITE_NAME}"
