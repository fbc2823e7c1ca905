import datetime
import io
import json
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from PIL import Image

from .factories import make_article, make_author, make_section

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

SITE = "https://nguoihanoi.example"
# 15:43 on 4 April 2024 in Hà Nội.
PUBLISHED = datetime.datetime(2024, 4, 4, 8, 43, tzinfo=datetime.UTC)


@pytest.fixture
def site_url():
    with override_settings(SITE_URL=SITE):
        yield


class Head(HTMLParser):
    """The <title>, <meta>, <link> and JSON-LD scripts of a page."""

    def __init__(self, html):
        super().__init__()
        self.title, self.meta, self.links, self.json_ld = "", {}, {}, []
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta[attrs.get("name") or attrs["property"]] = attrs["content"]
        elif tag == "link":
            self.links.setdefault(attrs["rel"], attrs["href"])
        elif tag == "title" or (tag == "script" and attrs.get("type") == "application/ld+json"):
            self._in, self._text = tag, ""

    def handle_data(self, data):
        if self._in:
            self._text += data

    def handle_endtag(self, tag):
        if tag == self._in == "title":
            self.title = self._text
        elif tag == self._in == "script":
            self.json_ld.append(json.loads(self._text))
        if tag == self._in:
            self._in = None


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 80, 120)).save(buffer, "JPEG")
    return SimpleUploadedFile("cover.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def article():
    section = make_section(name="Hà Nội", slug="ha-noi")
    authors = [make_author(name="Huyền Anh"), make_author(name="Minh Châu")]
    return make_article(
        title="Quận Đống Đa </script><b>dẫn đầu</b> & “cải cách”", sapo="Sapo của bài về Đống Đa.",
        section=section, authors=authors, cover_image=jpeg(), cover_alt="Hội nghị", published_at=PUBLISHED,
    )


def article_head(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return Head(response.content.decode())


def test_article_json_ld_is_a_news_article_checked_field_by_field(client, article):
    head = article_head(client, article)
    news = next(item for item in head.json_ld if item["@type"] == "NewsArticle")
    url = f"{SITE}{article.get_absolute_url()}"
    assert news["@context"] == "https://schema.org"
    assert news["headline"] == article.title
    assert news["url"] == url
    assert news["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert news["description"] == "Sapo của bài về Đống Đa."
    assert news["datePublished"] == "2024-04-04T15:43:00+07:00"
    article.refresh_from_db()
    assert news["dateModified"] == timezone.localtime(article.updated_at).replace(microsecond=0).isoformat()
    assert news["dateModified"].endswith("+07:00")
    assert news["author"] == [
        {"@type": "Person", "name": "Huyền Anh", "url": f"{SITE}/tac-gia/huyen-anh/"},
        {"@type": "Person", "name": "Minh Châu", "url": f"{SITE}/tac-gia/minh-chau/"},
    ]
    assert news["image"] == [f"{SITE}{article.cover_image.url}"]
    assert news["publisher"]["@type"] == "Organization"
    assert news["publisher"]["name"] == "Tạp chí Người Hà Nội"
    assert news["publisher"]["logo"]["url"] == f"{SITE}/static/img/logo.png"
    assert client.get("/static/img/logo.png").status_code == 200


def test_article_json_ld_has_the_breadcrumb_trail(client, article):
    head = article_head(client, article)
    crumbs = next(item for item in head.json_ld if item["@type"] == "BreadcrumbList")
    assert crumbs["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": f"{SITE}/"},
        {"@type": "ListItem", "position": 2, "name": "Hà Nội", "item": f"{SITE}/ha-noi/"},
        {"@type": "ListItem", "position": 3, "name": article.title, "item": f"{SITE}{article.get_absolute_url()}"},
    ]


def test_json_ld_cannot_close_its_script_element(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    scripts = page.split('<script type="application/ld+json">')[1:]
    assert len(scripts) == 2
    for script in scripts:
        body = script.split("</script>")[0]
        assert "<" not in body and ">" not in body and "&" not in body
        assert "\\u003C/script\\u003E" in body


def test_article_has_open_graph_and_twitter_card_with_the_cover(client, article):
    head = article_head(client, article)
    url = f"{SITE}{article.get_absolute_url()}"
    cover = f"{SITE}{article.cover_image.url}"
    assert head.links["canonical"] == url
    assert head.meta["og:type"] == "article"
    assert head.meta["og:title"] == article.title
    assert head.meta["og:url"] == url
    assert head.meta["og:image"] == cover
    assert head.meta["og:image:alt"] == "Hội nghị"
    assert head.meta["og:description"] == "Sapo của bài về Đống Đa."
    assert head.meta["article:published_time"] == "2024-04-04T15:43:00+07:00"
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["twitter:image"] == cover
    assert head.meta["twitter:title"] == article.title


def test_article_without_cover_still_shares_a_picture(client):
    # Issue 13, point 4: the site's picture (tests/test_share_images.py covers the fallbacks).
    article = make_article(title="Không ảnh")
    head = article_head(client, article)
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["og:image"].endswith("/static/img/share.png")
    assert next(item for item in head.json_ld if item["@type"] == "NewsArticle")["image"] == [head.meta["og:image"]]


def test_every_public_page_has_a_title_description_and_canonical_link(client, article):
    author = article.byline_authors()[0]
    article.tags.add("Phố cổ")
    pages = {
        "/": (f"{SITE}/", "Tạp chí Người Hà Nội - Tin tức, văn hoá, đời sống Thủ đô"),
        "/ha-noi/": (f"{SITE}/ha-noi/", "Hà Nội - Tạp chí Người Hà Nội"),
        article.get_absolute_url(): (f"{SITE}{article.get_absolute_url()}", f"{article.title} - Tạp chí Người Hà Nội"),
        "/tag/pho-co/": (f"{SITE}/tag/pho-co/", "Thẻ: Phố cổ - Tạp chí Người Hà Nội"),
        author.get_absolute_url(): (f"{SITE}{author.get_absolute_url()}", "Huyền Anh - Tạp chí Người Hà Nội"),
        "/tim-kiem/?q=đống+đa": (
            f"{SITE}/tim-kiem/?q=%C4%91%E1%BB%91ng+%C4%91a", "Tìm kiếm: đống đa - Tạp chí Người Hà Nội"
        ),
    }
    for path, (canonical, title) in pages.items():
        head = Head(client.get(path).content.decode())
        assert head.title == title, path
        assert len(head.meta["description"]) > 20, path
        assert head.links["canonical"] == canonical, path
