"""Pages use their width, pictureless cards are laid out on purpose, the menu shows all its sections
(issue 13, points 8 and 16)."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article

from .normal_use import publish_through_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def list_pages():
    call_command("load_demo", verbosity=0)
    reference = Article.objects.published().filter(tags__isnull=False).first()
    made, _ = publish_through_admin(section=reference.section)
    return made, {
        "section": reference.section.get_absolute_url(),
        "tag": reference.tags.first().get_absolute_url(),
        "author": reference.authors.first().get_absolute_url(),
        "search": "/tim-kiem/?q=ha+noi",
    }


def box(locator):
    return locator.bounding_box()


def test_list_pages_fill_the_width_and_pictureless_cards_take_it_whole(live_server, page):
    made, pages = list_pages()
    for name, url in pages.items():
        page.goto(live_server.url + url)
        sidebar = page.locator("aside.sidebar")
        expect(sidebar.locator(".featured-noi-bat")).to_be_visible()
        expect(sidebar.locator(".featured-dung-bo-lo")).to_be_visible()
        assert box(sidebar)["x"] > 800 and box(sidebar)["width"] > 250, name
    page.goto(live_server.url + made.section.get_absolute_url())
    card = page.locator("article.card", has_text=made.title)
    expect(card.locator(".card-image")).to_have_count(0)
    assert box(card.locator(".card-text"))["width"] > 0.9 * box(card)["width"]
    page.goto(live_server.url + "/")
    expect(page.locator(".featured-thumb:empty")).to_have_count(0)


def test_at_390_px_the_section_menu_shows_every_section(live_server, browser):
    list_pages()
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/")
    links = page.locator(".section-nav a")
    assert links.count() >= 6
    for i in range(links.count()):
        link = box(links.nth(i))
        assert link["x"] >= 0 and link["x"] + link["width"] <= 390, links.nth(i).inner_text()
    context.close()
