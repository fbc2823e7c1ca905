"""Every admin page each role can reach says everything in Vietnamese (issue 13, point 13).

A crawler follows the admin's own links as each role, from the index, and
reads each page's text and screen-reader labels for common English admin words.
Not checked: "object", which Django writes in the names of auto-created link rows
("User_groups object (3)") on the superuser's delete summaries, not translatable.
"""

import html
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from articles.models import Article

from .factories import EDITOR, JOURNALIST, make_article, make_author, make_user

pytestmark = pytest.mark.django_db

ENGLISH = re.compile(
    r"\b(Please correct|errors? below|tagged with|Name|Slug|Recover|Show counts|Forbidden|Breadcrumbs|"
    r"Toggle|Select all|Select this|Add another|Delete|Change|History|View on site|Save|Filter|Search|"
    r"Action|Go|Home|Log out|Welcome|Today|Now|Choose|Clear|Remove|Show|Hide|Sort|Move|Skip to|"
    r"Close|Yes|No|Add|View|Password|Username|Documentation|Run|Select|None|Unknown|All|Recent|"
    r"My actions|Model|Apply|Count|Page|results?|total|first|last|previous|next|Date|Time|Currently|"
    r"Required|Optional|Midnight|Noon|Cancel|Back|Submit|True|False)\b"
)
TEXT_ATTRIBUTES = re.compile(r'\s(?:aria-label|title|placeholder|alt|value)="([^"]*)"')
SKIP = re.compile(r"/logout/|/password_change/|/jsi18n/|/tai-anh/|/autocomplete/|\.(?:js|css|svg|png|jpg)$")
# Taken apart, not followed: what a page says, not where its links lead.
NOT_TEXT = re.compile(r"<(script|style|svg|template)\b.*?</\1>|<!--.*?-->", re.S)


def english_words(page):
    """Common English admin words in a page's text and in its labels for readers and screen readers."""
    body = NOT_TEXT.sub(" ", page)
    texts = [re.sub(r"<[^>]+>", " ", body)]
    for tag in re.findall(r"<[a-z]+\b[^>]*>", body):
        for value in TEXT_ATTRIBUTES.findall(tag):
            if 'type="hidden"' not in tag:
                texts.append(value)
    words = set()
    for text in texts:
        text = html.unescape(text)
        words.update(match.group(0) for match in ENGLISH.finditer(text))
    return words


def crawl(client, start="/admin/", limit=400):
    """{url: English words} for every admin page reachable from `start` by GET (query strings dropped)."""
    seen, queue, found = set(), [start], {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (301, 302):
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        page = response.content.decode()
        words = english_words(page)
        if words:
            found[url] = sorted(words)
        for href in re.findall(r'href="([^"#]+)"', page):
            target = urljoin(url, html.unescape(href))
            parts = urlsplit(target)
            if parts.netloc or not parts.path.startswith("/admin/") or SKIP.search(parts.path):
                continue
            if parts.path not in seen:
                queue.append(parts.path)
    return found, seen


@pytest.fixture
def newsroom():
    call_command("load_demo", verbosity=0)
    journalist = make_user("lan", JOURNALIST)
    make_author("Nguyễn Thị Lan", user=journalist)
    editor = make_user("ha", EDITOR)
    superuser = make_user("root", superuser=True)
    draft = make_article(title="Bản nháp của người khác", status=Article.Status.DRAFT, authors=[make_author()])
    return {"journalist": journalist, "editor": editor, "superuser": superuser, "draft": draft}


@pytest.mark.parametrize("role", ["journalist", "editor", "superuser"])
def test_every_admin_page_a_role_reaches_is_in_vietnamese(client, newsroom, role):
    client.force_login(newsroom[role])
    found, seen = crawl(client)
    assert len(seen) > 10, seen
    extra = {
        "/admin/articles/tag/add/?_popup=1": client.get("/admin/articles/tag/add/?_popup=1"),
        "form with errors": client.post("/admin/articles/article/add/", {"title": ""}),
        "changelist": client.get("/admin/articles/article/?o=1"),
    }
    if role == "journalist":
        extra["403"] = client.get(f"/admin/articles/article/{newsroom['draft'].pk}/change/")
    for name, response in extra.items():
        words = english_words(response.content.decode())
        if words:
            found[name] = sorted(words)
    assert found == {}, "\n".join(f"{url}: {words}" for url, words in found.items())
