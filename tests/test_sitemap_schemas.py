"""Every sitemap the site serves validates against the sitemap XSDs (issue 13, point 3).

The schemas: tests/schemas/README.md. Content is made as the newsroom makes it
(tests/normal_use.py), and one name is used for the site everywhere.
"""

import datetime
import json
import os
import re
from pathlib import Path

import feedparser
import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from lxml import etree

from articles.models import Article

from .factories import make_article, make_section
from .normal_use import publish_through_admin

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).with_name("schemas")
SITEMAP_XSD = Path(settings.BASE_DIR) / "node_modules" / "sitemap" / "schema" / "sitemap.xsd"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def schemas(tmp_path_factory):
    if not SITEMAP_XSD.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{SITEMAP_XSD} is missing: run make test (npm ci)")
        pytest.skip("npm test tools are not installed (npm ci)")
    # One schema for <urlset> with the News extension: sitemap.xsd accepts other
    # namespaces' elements only when their schema is known (processContents="strict").
    both = tmp_path_factory.mktemp("xsd") / "urlset-with-news.xsd"
    both.write_text(
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        f'<xsd:import namespace="{NS["sm"]}" schemaLocation="{SITEMAP_XSD.as_uri()}"/>'
        '<xsd:import namespace="http://www.google.com/schemas/sitemap-news/0.9" '
        f'schemaLocation="{(SCHEMAS / "sitemap-news.xsd").as_uri()}"/>'
        "</xsd:schema>"
    )
    return {
        "urlset": etree.XMLSchema(etree.parse(str(both))),
        "sitemapindex": etree.XMLSchema(etree.parse(str(SCHEMAS / "siteindex.xsd"))),
    }


def valid(schemas, client, url):
    response = client.get(url.removeprefix(settings.SITE_URL))
    assert response.status_code == 200, url
    document = etree.fromstring(response.content)
    schema = schemas[etree.QName(document).localname]
    assert schema.validate(document), (url, str(schema.error_log))
    return document


def test_the_schemas_refuse_an_empty_urlset_and_a_news_entry_without_title(schemas):
    assert not schemas["urlset"].validate(etree.fromstring(f'<urlset xmlns="{NS["sm"]}"/>'))
    broken = (
        f'<urlset xmlns="{NS["sm"]}" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        "<url><loc>https://example.org/a.html</loc><news:news><news:publication><news:name>X</news:name>"
        "<news:language>vi</news:language></news:publication>"
        "<news:publication_date>2024-04-04T15:43:00+07:00</news:publication_date></news:news></url></urlset>"
    )
    assert not schemas["urlset"].validate(etree.fromstring(broken))


def test_every_sitemap_of_a_site_made_through_the_admin_is_valid(client, schemas):
    publish_through_admin()
    make_article(title="Bài cũ & <hay>", published_at=timezone.now() - datetime.timedelta(days=5), tags=["Phố cổ"])
    index = valid(schemas, client, "/sitemap.xml")
    locations = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert settings.SITE_URL + "/sitemap-news.xml" in locations
    for location in locations:
        valid(schemas, client, location)
    lastmods = [lastmod.text for lastmod in index.iterfind(".//sm:lastmod", NS)]
    articles = valid(schemas, client, "/sitemap-articles.xml")
    lastmods += [lastmod.text for lastmod in articles.iterfind(".//sm:lastmod", NS)]
    assert lastmods and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", x) for x in lastmods), lastmods


def test_without_news_of_the_last_48_hours_the_news_sitemap_is_left_out(client, schemas):
    make_article(title="Tin tuần trước", published_at=timezone.now() - datetime.timedelta(days=7))
    index = valid(schemas, client, "/sitemap.xml")
    locations = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert settings.SITE_URL + "/sitemap-news.xml" not in locations
    for location in locations:
        valid(schemas, client, location)
    assert client.get("/sitemap-news.xml").status_code == 404


@override_settings(SITE_NAME="Tên Thử Nghiệm")
def test_one_setting_names_the_site_in_news_json_ld_open_graph_and_feeds(client):
    section = make_section(name="Hà Nội", slug="ha-noi")
    article = make_article(title="Một bài mới", section=section)
    assert Article.objects.published().count() == 1
    news = etree.fromstring(client.get("/sitemap-news.xml").content)
    names = {news.findtext(".//{http://www.google.com/schemas/sitemap-news/0.9}name")}
    page = client.get(article.get_absolute_url()).content.decode()
    names.add(re.search(r'<meta property="og:site_name" content="([^"]*)"', page)[1])
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
        data = json.loads(block)
        if data.get("@type") == "NewsArticle":
            names.add(data["publisher"]["name"])
    for url in ("/rss/", "/ha-noi/rss/"):
        feed = feedparser.parse(client.get(url).content)
        names.add(feed.feed.title.rsplit(" - ", 1)[-1])
        assert "Tên Thử Nghiệm" in feed.feed.subtitle
    assert names == {"Tên Thử Nghiệm"}
