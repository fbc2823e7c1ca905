"""Body images in the admin: the formats offered, alt text from the caption, the tag hint (issue 13, point 14)."""

import pytest
from playwright.sync_api import expect

from articles.models import Article

from .factories import EDITOR, JOURNALIST, make_article, make_user

CAPTION = 'Hồ Gươm "mùa thu" & lá vàng'


@pytest.mark.django_db
def test_an_image_without_alt_gets_its_caption_as_alt():
    article = make_article(body=(
        f'<figure class="image"><img src="https://example.org/a.jpg"><figcaption>{CAPTION}</figcaption></figure>'
        '<figure class="image"><img src="https://example.org/b.jpg" alt="Có sẵn">'
        "<figcaption>Chú thích khác</figcaption></figure>"
        '<figure class="image"><img src="https://example.org/c.jpg" alt=""><figcaption><em>Nghiêng</em></figcaption>'
        "</figure>"
    ))
    body = Article.objects.get(pk=article.pk).body
    assert 'alt="Hồ Gươm &quot;mùa thu&quot; &amp; lá vàng"' in body
    assert 'alt="Có sẵn"' in body and 'alt="Chú thích khác"' not in body
    assert 'alt="Nghiêng"' in body


@pytest.mark.django_db
def test_the_tag_hint_names_the_button_that_creates_a_tag(client):
    client.force_login(make_user(role=JOURNALIST))
    page = client.get("/admin/articles/article/add/").content.decode()
    assert "dùng dấu +" not in page
    assert "bấm nút “+” bên cạnh ô để tạo" in page
    assert 'id="add_id_tagged_items-0-tag"' in page, "the + button the hint names is there"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_upload_dialog_offers_only_the_formats_the_server_accepts(live_server, page):
    make_user("bientap", role=EDITOR, password="mat-khau-bien-tap")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "mat-khau-bien-tap")
    page.click("input[type=submit]")
    file_input = page.locator(".ck-file-dialog-button input[type=file]").first
    expect(file_input).to_have_count(1)
    accept = file_input.get_attribute("accept")
    assert set(accept.split(",")) == {"image/jpeg", "image/png", "image/gif", "image/webp"}, accept
