"""axe-core (npm, package-lock.json) finds no violation on any public page, at 1280 and 390 px (issue 13, point 5)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article
from authors.models import Author

from .normal_use import comment_and_approve, publish_through_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
REFERENCE_SLUG = "chi-so-cai-cach-hanh-chinh-cua-quan-dong-da"


@pytest.fixture
def axe():
    if not AXE.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{AXE} is missing: run make test (npm ci)")
        pytest.skip("axe-core is not installed (npm ci)")
    return AXE


def public_pages():
    call_command("load_demo", verbosity=0)
    reference = Article.objects.published().get(slug__startswith=REFERENCE_SLUG)
    made, editor = publish_through_admin(section=reference.section)
    comment_and_approve(made, editor)
    return {
        "home": "/",
        "section": reference.section.get_absolute_url(),
        "article": reference.get_absolute_url(),
        "published-through-admin": made.get_absolute_url(),
        "tag": reference.tags.first().get_absolute_url(),
        "author": Author.objects.filter(articles=reference).first().get_absolute_url(),
        "search": "/tim-kiem/?q=%C4%90%E1%BB%91ng+%C4%90a",
        "search-no-results": "/tim-kiem/?q=kh%C3%B4ng+c%C3%B3+g%C3%AC",
        "search-empty": "/tim-kiem/",
        "not-found": "/khong-co-trang-nay/",
    }


def violations(page):
    # target-size (WCAG 2.2: tap targets 24 px or spaced) is off by default in axe; Lighthouse runs it.
    result = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations'], rules: {'target-size': {enabled: true}}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def test_axe_finds_no_violation_on_any_public_page(live_server, browser, axe):
    pages = public_pages()
    found = {}
    for width, height in ((1280, 900), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        # An init script reaches the page through the DevTools protocol, not through the CSP.
        context.add_init_script(path=str(axe))
        page = context.new_page()
        for name, url in pages.items():
            page.goto(live_server.url + url)
            problems = violations(page)
            if problems:
                found[f"{name} @{width}"] = problems
        context.close()
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())
