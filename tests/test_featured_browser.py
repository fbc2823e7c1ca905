import pytest
from playwright.sync_api import expect

from featured.models import FeaturedList

from .factories import EDITOR, make_article, make_user
from .featured_factories import add_items, get_list

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_editor_reorders_noi_bat_by_drag_and_drop_and_home_shows_it(live_server, page):
    noi_bat = get_list("noi-bat", fill=FeaturedList.Fill.NONE)
    add_items(noi_bat, *(make_article(title=f"Tin nổi bật {n}") for n in ("một", "hai", "ba")))
    make_user("bientap", role=EDITOR, password="mat-khau-bien-tap")

    page.goto(f"{live_server.url}/admin/featured/featuredlist/{noi_bat.pk}/change/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "mat-khau-bien-tap")
    page.click("input[type=submit]")
    rows = page.locator("#items-group tr.has_original")
    expect(rows).to_have_count(3)

    # Drag the last story onto the first one's place by its row caption (the sortable handle),
    # once the page's scripts have made the rows sortable.
    page.wait_for_load_state("networkidle")
    rows.nth(2).locator("td.original p").drag_to(rows.nth(0).locator("td.original p"))
    expect(rows.nth(0).locator("td.original p")).to_have_text("Tin nổi bật ba")
    page.click("input[name=_save]")
    expect(page.locator("ul.messagelist")).to_contain_text("thành công")

    page.goto(live_server.url + "/")
    titles = page.locator(".featured-noi-bat .featured-title")
    expect(titles).to_have_text(["Tin nổi bật ba", "Tin nổi bật một", "Tin nổi bật hai"])
