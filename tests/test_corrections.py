"""Đính chính: editors correct published articles in the open; readers see it everywhere."""

import datetime
import json
import re

import feedparser
import pytest
from django.utils import timezone
from reversion.models import Version

from articles.metadata import local_iso
from corrections.models import Correction

from .factories import EDITOR, JOURNALIST, make_article, make_user
from .featured_factories import hand_filled_lists

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/corrections/correction/add/"


def local(text):
    return timezone.make_aware(datetime.datetime.strptime(text, "%H:%M %d/%m/%Y"))


def correct(article, text, at):
    return Correction.objects.create(article=article, text=text, corrected_at=local(at))


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_editor_adds_a_correction_in_the_admin_and_it_is_in_the_articles_history(client):
    article = make_article(title="Hồ Gươm mùa thu")
    editor = make_user("eve", EDITOR)
    client.force_login(editor)
    response = client.post(ADD_URL, {
        "article": article.pk, "text": "Ảnh chụp năm 2023, không phải 2022.",
        "corrected_at_0": "05/04/2024", "corrected_at_1": "10:20:00",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    correction = Correction.objects.get()
    assert correction.created_by == editor and correction.corrected_at == local("10:20 05/04/2024")
    [version] = Version.objects.get_for_object(article)
    assert version.revision.user == editor
    assert version.revision.get_comment() == "Đính chính lúc 10:20 05/04/2024: Ảnh chụp năm 2023, không phải 2022."
    history = client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    assert "Đính chính lúc 10:20 05/04/2024" in history


def test_journalist_cannot_add_a_correction_even_by_a_forged_post(client):
    article = make_article()
    client.force_login(make_user("jo", JOURNALIST))
    assert client.get(ADD_URL).status_code == 403
    response = client.post(ADD_URL, {
        "article": article.pk, "text": "Sửa lén.", "corrected_at_0": "05/04/2024", "corrected_at_1": "10:20:00",
    })
    assert response.status_code == 403
    assert not Correction.objects.exists()
    # Journalists read them.
    assert client.get("/admin/corrections/correction/").status_code == 200


def test_a_draft_cannot_be_corrected_and_the_message_is_vietnamese(client):
    draft = make_article(status="draft")
    client.force_login(make_user("eve", EDITOR))
    response = client.post(ADD_URL, {
        "article": draft.pk, "text": "Sai.", "corrected_at_0": "05/04/2024", "corrected_at_1": "10:20:00",
    })
    assert response.status_code == 200
    assert "Chỉ đính chính" in response.content.decode()
    assert not Correction.objects.exists()


def test_the_article_shows_its_corrections_newest_first_and_its_json_ld_carries_them(client):
    article = make_article()
    correct(article, "Sai tên phường.", "09:00 04/04/2024")
    correct(article, "Sai số liệu.", "10:20 05/04/2024")
    html = client.get(article.get_absolute_url()).content.decode()
    first = html.index("Đính chính lúc <time datetime=\"2024-04-05T10:20:00+07:00\">10:20 05/04/2024</time>:")
    second = html.index("09:00 04/04/2024")
    assert first < second and "Sai số liệu." in html and "Sai tên phường." in html
    [news] = [block for block in json_ld(html) if block.get("@type") == "NewsArticle"]
    assert news["correction"] == [
        {"@type": "CorrectionComment", "text": "Sai số liệu.", "datePublished": "2024-04-05T10:20:00+07:00"},
        {"@type": "CorrectionComment", "text": "Sai tên phường.", "datePublished": "2024-04-04T09:00:00+07:00"},
    ]


def test_a_correction_changes_the_modification_time_the_feed_and_the_cached_page(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    article = make_article(published_at=timezone.now() - datetime.timedelta(days=2))
    type(article).objects.filter(pk=article.pk).update(updated_at=article.published_at)
    before = client.get(article.get_absolute_url())
    assert "Đính chính" not in before.content.decode()
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    correct(article, "Sai số liệu.", "10:20 05/04/2024")
    article.refresh_from_db()
    assert timezone.now() - article.updated_at < datetime.timedelta(minutes=1)
    after = client.get(article.get_absolute_url())
    assert after["X-Page-Cache"] == "miss" and "Sai số liệu." in after.content.decode()
    assert f'content="{local_iso(article.updated_at)}"' in after.content.decode()
    [item] = feedparser.parse(client.get("/rss/").content).entries
    assert item.updated_parsed > item.published_parsed


def test_corrections_of_an_unpublished_article_are_never_shown(client):
    article = make_article(title="Bài bị gỡ")
    correct(article, "Lời đính chính bí mật.", "10:20 05/04/2024")
    article.status = "archived"
    article.save()
    for url in ("/dinh-chinh/", "/dinh-chinh/rss/"):
        body = client.get(url).content.decode()
        assert "Lời đính chính bí mật." not in body and "Bài bị gỡ" not in body
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "/dinh-chinh/" not in client.get("/sitemap.xml").content.decode() + client.get(
        "/sitemap-dinh-chinh.xml").content.decode()


def test_the_corrections_page_lists_every_correction_newest_first_paged_with_feed_and_sitemap(client):
    article = make_article(title="Phố cổ về đêm")
    for n in range(25):
        correct(article, f"Đính chính thứ {n}.", f"10:{n:02d} 05/04/2024")
    first = client.get("/dinh-chinh/")
    assert first.status_code == 200 and not first.cookies
    html = first.content.decode()
    assert html.index("Đính chính thứ 24.") < html.index("Đính chính thứ 23.")
    assert "Đính chính thứ 4." not in html and 'href="?page=2"' in html
    assert f'href="{article.get_absolute_url()}#dinh-chinh-' in html
    assert "Đính chính thứ 4." in client.get("/dinh-chinh/?page=2").content.decode()
    assert client.get("/dinh-chinh/?page=abc").status_code == 200
    feed = feedparser.parse(client.get("/dinh-chinh/rss/").content)
    assert feed.feed.title.startswith("Đính chính") and len(feed.entries) == 25
    assert feed.entries[0].title == "Đính chính: Phố cổ về đêm"
    assert feed.entries[0].description == "Đính chính lúc 10:24 05/04/2024: Đính chính thứ 24."
    assert "/dinh-chinh/</loc>" in client.get("/sitemap-dinh-chinh.xml").content.decode()
    assert "sitemap-dinh-chinh.xml" in client.get("/sitemap.xml").content.decode()


def test_a_correction_refreshes_only_the_pages_that_show_it(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    hand_filled_lists()
    corrected, other = make_article(title="Bài được đính chính"), make_article(title="Bài khác")
    # Another section's page does not show the corrected article (article pages may: their
    # sidebars fill with the newest).
    for url in (corrected.get_absolute_url(), other.section.get_absolute_url(), "/dinh-chinh/", "/so-bao/"):
        assert client.get(url)["X-Page-Cache"] == "miss"
    correct(corrected, "Sai số liệu.", "10:20 05/04/2024")
    assert client.get(corrected.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get("/dinh-chinh/")["X-Page-Cache"] == "miss"
    assert client.get(other.section.get_absolute_url())["X-Page-Cache"] == "hit"
    assert client.get("/so-bao/")["X-Page-Cache"] == "hit"
    Correction.objects.get().delete()
    page = client.get(corrected.get_absolute_url())
    assert page["X-Page-Cache"] == "miss" and "Sai số liệu." not in page.content.decode()
