import datetime
import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings
from django.utils import timezone

from articles.models import Article
from articles.sitemaps import ArticleSitemap

from .factories import make_article, make_author, make_section

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

SITE = "https://nguoihanoi.example"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


@pytest.fixture
def site_url():
    with override_settings(SITE_URL=SITE):
        yield


def fetch_xml(client, url):
    response = client.get(url.removeprefix(SITE))
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    assert not response.cookies
    return ET.fromstring(response.content)


def all_sitemap_urls(client):
    """Every <loc> of every sitemap the index lists."""
    index = fetch_xml(client, "/sitemap.xml")
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    urls = []
    for loc in index.findall("sm:sitemap/sm:loc", NS):
        assert loc.text.startswith(f"{SITE}/sitemap-")
        if loc.text == f"{SITE}/sitemap-news.xml":
            continue  # the news sitemap repeats the newest articles
        urls += [url.text for url in fetch_xml(client, loc.text).findall("sm:url/sm:loc", NS)]
    return urls


@pytest.fixture
def content():
    section = make_section(name="Hà Nội", slug="ha-noi")
    writer = make_author(name="Huyền Anh")
    hidden_writer = make_author(name="Chưa Xuất Bản")
    public = make_article(title="Đã xuất bản", section=section, authors=[writer], tags=["Phố cổ"])
    draft = make_article(
        title="Bản nháp", section=section, authors=[hidden_writer], tags=["Bí mật"], status=Article.Status.DRAFT
    )
    scheduled = make_article(
        title="Hẹn giờ", section=section, authors=[hidden_writer], tags=["Bí mật"],
        published_at=timezone.now() + datetime.timedelta(hours=3),
    )
    old = make_article(title="Bài cũ", section=section, published_at=timezone.now() - datetime.timedelta(days=3))
    return {"public": public, "draft": draft, "scheduled": scheduled, "old": old, "writer": writer}


def test_sitemap_lists_sections_published_articles_tags_and_authors(client, content):
    urls = all_sitemap_urls(client)
    expected = {
        f"{SITE}/ha-noi/",
        f"{SITE}{content['public'].get_absolute_url()}",
        f"{SITE}{content['old'].get_absolute_url()}",
        f"{SITE}/tag/pho-co/",
        f"{SITE}/tac-gia/{content['writer'].slug}/",
    }
    assert set(urls) == expected
    assert len(urls) == len(expected)


def test_scheduled_and_draft_articles_their_tags_and_authors_are_absent(client, content):
    urls = "\n".join(all_sitemap_urls(client))
    for key in ("draft", "scheduled"):
        assert content[key].get_absolute_url() not in urls
    assert "/tag/bi-mat/" not in urls
    assert "/tac-gia/chua-xuat-ban/" not in urls


def test_article_urls_carry_their_last_modification_time(client, content):
    page = fetch_xml(client, "/sitemap-articles.xml")
    lastmods = {
        url.find("sm:loc", NS).text: url.find("sm:lastmod", NS).text for url in page.findall("sm:url", NS)
    }
    public = content["public"]
    expected = timezone.localtime(public.updated_at).replace(microsecond=0).isoformat()
    assert lastmods[f"{SITE}{public.get_absolute_url()}"] == expected


def test_a_big_sitemap_is_split_into_pages_the_index_lists(client, content, monkeypatch):
    for _ in range(3):
        make_article()
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    index = fetch_xml(client, "/sitemap.xml")
    locs = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert [loc for loc in locs if "articles" in loc] == [
        f"{SITE}/sitemap-articles.xml", f"{SITE}/sitemap-articles.xml?p=2", f"{SITE}/sitemap-articles.xml?p=3",
    ]
    # 5 URLs of the fixture, and each new article brings its own section.
    assert len(all_sitemap_urls(client)) == 5 + 3 + 3


def test_the_real_page_size_is_the_protocol_limit_of_50000():
    assert ArticleSitemap.limit == 50000


def test_news_sitemap_lists_the_articles_of_the_last_48_hours(client, content):
    root = fetch_xml(client, "/sitemap-news.xml")
    urls = root.findall("sm:url", NS)
    assert [url.find("sm:loc", NS).text for url in urls] == [f"{SITE}{content['public'].get_absolute_url()}"]
    news = urls[0].find("news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "Tạp chí Người Hà Nội"
    assert news.find("news:publication/news:language", NS).text == "vi"
    assert news.find("news:title", NS).text == "Đã xuất bản"
    published = news.find("news:publication_date", NS).text
    assert published.endswith("+07:00")
    assert datetime.datetime.fromisoformat(published) == content["public"].published_at


def test_news_sitemap_escapes_titles(client):
    make_article(title="Tôm & cua <ngon>")
    root = fetch_xml(client, "/sitemap-news.xml")
    assert root.find("sm:url/news:news/news:title", NS).text == "Tôm & cua <ngon>"


def test_robots_txt_names_the_sitemap_index_and_keeps_crawlers_out_of_admin_and_search_results(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /tim-kiem/?" in lines and "Disallow: /tim-kiem/" not in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    # The index lists the news sitemap while it has articles (an empty one would be invalid).
    assert f"Sitemap: {SITE}/sitemap-news.xml" not in lines
