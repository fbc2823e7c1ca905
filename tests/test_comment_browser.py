import time

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from comments.protection import make_token

from .factories import EDITOR, make_article, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _write_comment(page, body):
    page.fill("#binh-luan-ten", "Phạm Thu Hà")
    page.fill("#binh-luan-email", "ha@example.com")
    page.fill("#binh-luan-noi-dung", body)
    page.click("button:has-text('Gửi bình luận')")


def test_reader_posts_editor_approves_reader_sees_it(live_server, page, settings):
    settings.COMMENTS_TOKEN_MIN_AGE = 0  # the browser fills the form faster than a person
    article = make_article(title="Hồ Gươm sau cơn mưa")
    make_user("bientap", role=EDITOR, password="mat-khau-bien-tap")
    url = live_server.url + article.get_absolute_url()

    page.goto(url)
    expect(page.locator("#binh-luan-tieu-de")).to_have_text("(0) Bình luận")
    _write_comment(page, "Ảnh Hồ Gươm sau mưa đẹp quá!\nCảm ơn toà soạn.")
    expect(page.locator(".comment-notice")).to_contain_text("đang chờ ban biên tập duyệt")
    expect(page.locator("#binh-luan-tieu-de")).to_have_text("(0) Bình luận")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING

    page.goto(live_server.url + "/admin/login/?next=/admin/comments/comment/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "mat-khau-bien-tap")
    page.click("input[type=submit]")
    row = page.locator("#result_list tr", has_text="Ảnh Hồ Gươm sau mưa")
    row.locator("input[name=_selected_action]").check()
    page.select_option("select[name=action]", "approve_selected")
    page.click("button[name=index]")
    expect(page.locator("ul.messagelist")).to_contain_text("Đã duyệt 1 bình luận")

    reader = page.context.browser.new_context(locale="vi-VN")
    try:
        reader_page = reader.new_page()
        reader_page.goto(url)
        expect(reader_page.locator("#binh-luan-tieu-de")).to_have_text("(1) Bình luận")
        body = reader_page.locator(f"#binh-luan-{comment.pk} .comment-body")
        expect(body).to_have_text("Ảnh Hồ Gươm sau mưa đẹp quá!Cảm ơn toà soạn.")
        assert body.inner_html() == "Ảnh Hồ Gươm sau mưa đẹp quá!<br>Cảm ơn toà soạn."
        expect(reader_page.locator(f"#binh-luan-{comment.pk} .comment-name")).to_have_text("Phạm Thu Hà")
        assert reader.cookies() == []
    finally:
        reader.close()


def test_page_served_from_a_cache_a_day_ago_still_takes_the_comment(live_server, page, settings):
    settings.COMMENTS_TOKEN_MIN_AGE = 1
    article = make_article(title="Phố cổ vào đông")
    page.goto(live_server.url + article.get_absolute_url())
    # What a day-old cached copy of the page carries: an expired token issued a day ago.
    day_ago = time.time() - 25 * 3600
    page.evaluate(
        "([token, issued]) => { const f = document.querySelector('form.comment-form');"
        " f.elements.token.value = token; f.dataset.issued = issued; }",
        [make_token(article, now=day_ago), int(day_ago)],
    )
    _write_comment(page, "Bài viết từ trang mở đã lâu vẫn gửi được.")
    expect(page.locator(".comment-notice")).to_contain_text("đang chờ ban biên tập duyệt")
    assert Comment.objects.get().body == "Bài viết từ trang mở đã lâu vẫn gửi được."
