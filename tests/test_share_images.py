"""Every page shares with a picture and its size; articles without a cover fall back (issue 13, point 4)."""

import json
import re

import pytest
from django.core.management import call_command
from django.test import Client

from articles.models import Article

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
