"""Every page shares with a picture and its size; articles without a cover fall back (issue 13, point 4)."""

import io
import json
import re

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from PIL import Image

from articles import derived
from articles.models import Article
from images.renditions import share_crops

from .factories import EDITOR, make_article, make_user
from .normal_use import publish_through_admin
from .test_images import uploaded_body_image

pytestmark = pytest.mark.django_db


def metas(page):
    found = dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)">', page))
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
        data = json.loads(block)
        if data.get("@type") == "NewsArticle":
            found["json-ld:image"] = data["image"]
    return found


def test_an_article_without_cover_or_body_image_shares_the_sites_picture():
    article, _ = publish_through_admin()
    found = metas(Client().get(article.get_absolute_url()).content.decode())
    assert found["og:image"].endswith("/static/img/share.png")
    assert (found["og:image:width"], found["og:image:height"]) == ("1200", "630")
    assert found["twitter:image"] == found["og:image"] and found["twitter:card"] == "summary_large_image"
    assert found["json-ld:image"] == [found["og:image"]]


def test_an_article_without_cover_shares_its_first_body_image(client):
    url = uploaded_body_image(client, "chia-se-than-bai.jpg")
    body = f'<p>Mở đầu.</p><figure class="image"><img src="{url}" alt="Phố"><figcaption>Phố</figcaption></figure>'
    article, _ = publish_through_admin(body=body)
    found = metas(Client().get(article.get_absolute_url()).content.decode())
    assert found["og:image"].endswith(url)
    assert (found["og:image:width"], found["og:image:height"]) == ("1000", "1800")
    assert found["twitter:image"] == found["og:image"] and found["json-ld:image"] == [found["og:image"]]


def test_list_pages_carry_open_graph_and_twitter_tags():
    call_command("load_demo", verbosity=0)
    article = Article.objects.published().filter(tags__isnull=False).first()
    pages = {
        "/": "Tạp chí Người Hà Nội",
        article.section.get_absolute_url(): article.section.name,
        article.tags.first().get_absolute_url(): article.tags.first().name,
        article.authors.first().get_absolute_url(): article.authors.first().name,
        "/tim-kiem/?q=ha+noi": "Tìm kiếm",
    }
    for url, title in pages.items():
        found = metas(Client().get(url).content.decode())
        assert title in found["og:title"], url
        assert found["og:image"].endswith("/static/img/share.png"), url
        assert found["og:image:width"] == "1200" and found["twitter:image"] == found["og:image"], url
        assert found["og:url"].endswith(url.split("?")[0]), url


def big_jpeg(size, name="anh-lon.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def json_ld_images(article):
    return metas(Client().get(article.get_absolute_url()).content.decode())["json-ld:image"]


def stored_size(url):
    with default_storage.open(url.split(settings.MEDIA_URL, 1)[1]) as file, Image.open(file) as image:
        return image.size


def test_a_large_cover_is_offered_in_16_9_4_3_and_1_1_at_1200_px_wide():
    article = make_article(cover_image=big_jpeg((2400, 1600)), cover_alt="Phố")
    images = json_ld_images(article)
    assert [stored_size(url) for url in images] == [(1200, 675), (1200, 900), (1200, 1200)]
    assert all(url.startswith(settings.SITE_URL + settings.MEDIA_URL) for url in images)
    # og:image stays the cover itself, with its own size.
    found = metas(Client().get(article.get_absolute_url()).content.decode())
    assert found["og:image"].endswith(article.cover_image.url) and found["og:image:width"] == "2400"


def test_only_the_ratios_the_source_is_large_enough_for_are_offered():
    article = make_article(cover_image=big_jpeg((1300, 800)))
    images = json_ld_images(article)
    assert len(images) == 1 and images[0].endswith(".r16x9.jpg") and stored_size(images[0]) == (1200, 675)
    small = make_article(cover_image=big_jpeg((1000, 1800)))
    assert json_ld_images(small) == [f"{settings.SITE_URL}{small.cover_image.url}"]


def test_a_large_first_body_image_is_offered_in_the_three_ratios(client):
    client.force_login(make_user(role=EDITOR))
    url = client.post("/admin/tai-anh/", {"upload": big_jpeg((1600, 1600), "than-bai.jpg")}).json()["url"]
    article, _ = publish_through_admin(body=f'<p>Mở đầu.</p><figure class="image"><img src="{url}" alt="Phố"></figure>')
    assert [stored_size(image) for image in json_ld_images(article)] == [(1200, 675), (1200, 900), (1200, 1200)]


def test_a_cover_stored_before_crops_existed_gets_them_when_its_derived_work_next_runs():
    article = make_article(cover_image=big_jpeg((2000, 1500)))
    crops = share_crops(article.cover_image.name, 2000, 1500)
    for name in crops.values():
        default_storage.delete(name)
    assert json_ld_images(article) == [f"{settings.SITE_URL}{article.cover_image.url}"]
    derived.save(Article.objects.get(pk=article.pk))
    assert [stored_size(url) for url in json_ld_images(article)] == [(1200, 675), (1200, 900), (1200, 1200)]
