import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.wordpress_helpers import EXPORT, make_uploads, run_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_reader_following_an_old_wordpress_link_lands_on_the_imported_article_with_its_images(
    live_server, page, tmp_path
):
    run_import(EXPORT, "--media-dir", make_uploads(tmp_path / "uploads"))
    article = Article.objects.get(slug="pho-ha-noi-huong-vi-pho-co")
    response = page.goto(live_server.url + "/2019/05/pho-ha-noi-huong-vi-pho-co/?utm_source=facebook")
    assert response.url == live_server.url + article.get_absolute_url()
    assert response.request.redirected_from.response().status == 301
    expect(page.locator("h1.article-title")).to_have_text("Phở Hà Nội – hương vị của phố cổ")
    figure = page.locator("figure:has(figcaption:has-text('Hồ Gươm buổi sáng'))")
    expect(figure.locator("img")).to_be_visible()
    figure.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('img')].filter(i => i.src.includes('/media/wordpress/'))"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    sources = page.eval_on_selector_all("img", "images => images.map(i => i.currentSrc)")
    assert any("/media/wordpress/2019/05/" in src for src in sources)
    expect(page.get_by_text("Phở Bát Đàn là ngon nhất!")).to_be_visible()  # the imported comment thread
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/?p=100")
    assert page.url == live_server.url + article.get_absolute_url()
