"""The rendering work of issue 12 (cached cards, paged comments, fewer queries) changes no page a
reader sees: the demo pages keep the same elements, text and links as the snapshot taken before it.

Set UPDATE_RENDER_SNAPSHOT=1 to write the snapshot again after a change meant to be seen.
"""

import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from articles.demo import content
from articles.models import Article, Section, Tag
from authors.models import Author
from vietnamese import slugify_vi

pytestmark = pytest.mark.django_db

SNAPSHOT = Path(__file__).parent / "snapshots" / "demo_pages.json"
# What a reader sees or follows; not what changes per request (nonces, form tokens, times of the run).
KEPT_ATTRIBUTES = ("id", "class", "href", "rel", "alt", "aria-label", "aria-labelledby", "role", "datetime", "type")


class Outline(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        shown = " ".join(f"{name}={value}" for name, value in attrs if name in KEPT_ATTRIBUTES and value)
        self.lines.append(f"<{tag} {shown}".rstrip() + ">")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        text = re.sub(r"\s+", " ", data).strip()
        if text and not self.skip:
            self.lines.append(text)


def outline(html):
    parser = Outline()
    parser.feed(html)
    # Database ids change from run to run; the slug before them names the article.
    return [re.sub(r"-\d+\.html", "-ID.html", line) for line in parser.lines]


def demo_urls():
    reference = Article.objects.get(slug=slugify_vi(content.REFERENCE["title"]))
    return {
        "home": "/",
        "article": reference.get_absolute_url(),
        "section": Section.objects.get(slug="ha-noi").get_absolute_url(),
        "tag": Tag.objects.filter(tagged_articles__isnull=False).order_by("slug").first().get_absolute_url(),
        "author": Author.objects.filter(bylines__isnull=False).order_by("slug").first().get_absolute_url(),
        "search": "/tim-kiem/?q=ha+noi",
    }


def restart_ids():
    """Ids (corrections, comments) as in a fresh database: sequences are not rolled back with a test."""
    with connection.cursor() as cursor:
        for app in apps.get_app_configs():
            sql = io.StringIO()
            call_command("sqlsequencereset", app.label, stdout=sql, no_color=True)
            statements = [line for line in sql.getvalue().splitlines() if line not in ("BEGIN;", "COMMIT;")]
            if statements:
                cursor.execute("\n".join(statements))


def test_demo_pages_show_the_same_elements_text_and_links_as_before(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    restart_ids()
    call_command("load_demo", verbosity=0)
    pages = {}
    for name, url in demo_urls().items():
        response = client.get(url)
        assert response.status_code == 200, name
        pages[name] = {"url": re.sub(r"-\d+\.html", "-ID.html", url), "outline": outline(response.content.decode())}
    if os.environ.get("UPDATE_RENDER_SNAPSHOT") == "1":
        SNAPSHOT.write_text(json.dumps(pages, ensure_ascii=False, indent=0) + "\n")
    expected = json.loads(SNAPSHOT.read_text())
    for name, page in expected.items():
        assert pages[name]["url"] == page["url"]
        assert pages[name]["outline"] == page["outline"], name
