import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_reader_opens_the_demo_article_in_chromium(live_server, page):
    call_command("load_demo", verbosity=0)
    article = Article.objects.get(slug__startswith="chi-so-cai-cach-hanh-chinh-cua-quan-dong-da")
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator("h1.article-title")).to_have_text(article.title)
    caption = page.locator("figcaption", has_text="Quang cảnh Hội nghị.")
    expect(caption).to_be_visible()
    image = page.locator("figure:has(figcaption:has-text('Quang cảnh Hội nghị.')) img")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.naturalWidth") > 0, "the body image loads"
    assert page.evaluate("getComputedStyle(document.querySelector('.article-title')).fontFamily").find("serif") >= 0
