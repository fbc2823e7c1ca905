"""The whole newsroom flow in Chromium: a journalist writes and submits, an editor schedules, readers see it on time."""

import datetime
import time

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article

from .factories import EDITOR, JOURNALIST, make_author, make_section, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LEAD = datetime.timedelta(seconds=20)


def log_in(page, base, username, password):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(username)


def log_out(page):
    page.click("#logout-form button[type=submit]")


def test_journalist_writes_editor_schedules_and_the_article_appears_on_time(live_server, page, browser):
    base = live_server.url
    make_section(name="Hà Nội", slug="ha-noi")
    journalist = make_user("phongvien", JOURNALIST, password="pv-mat-khau")
    make_author("Huyền Anh", user=journalist)
    make_author("Thu Hà")
    make_user("bientapvien", EDITOR, password="btv-mat-khau")

    # The journalist writes in CKEditor 5 and submits for review.
    log_in(page, base, "phongvien", "pv-mat-khau")
    page.goto(f"{base}/admin/articles/article/add/")
    page.fill("#id_title", "Hồ Gươm mùa thu")
    page.select_option("#id_section", label="Hà Nội")
    page.fill("#id_sapo", "Mùa thu về trên phố cổ.")
    page.locator(".ck-editor__editable").first.click()
    page.keyboard.type("Lá vàng rơi trên mặt hồ.")
    expect(page.locator("#bylines-0 .select2-selection__rendered")).to_have_text("Huyền Anh")
    page.locator("#bylines-1 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Thu")
    page.locator(".select2-results__option", has_text="Thu Hà").click()
    page.click("input[name=_submit]")
    expect(page.locator(".messagelist")).to_be_visible()
    article = Article.objects.get(title="Hồ Gươm mùa thu")
    assert article.status == Article.Status.REVIEW
    assert "Lá vàng rơi trên mặt hồ." in article.body
    assert [a.name for a in article.byline_authors()] == ["Huyền Anh", "Thu Hà"]
    log_out(page)

    # The editor opens it from the review queue and schedules it a few seconds ahead.
    log_in(page, base, "bientapvien", "btv-mat-khau")
    page.goto(f"{base}/admin/")
    page.click("text=Hàng chờ duyệt →")
    page.click("a:has-text('Hồ Gươm mùa thu')")
    at = timezone.localtime(timezone.now() + LEAD).replace(microsecond=0)
    page.fill("#id_published_at_0", at.strftime("%d/%m/%Y"))
    page.fill("#id_published_at_1", at.strftime("%H:%M:%S"))
    page.click("input[name=_schedule]")
    expect(page.locator(".messagelist")).to_be_visible()
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.PUBLISHED, at)
    assert LogEntry.objects.filter(change_message=f"Hẹn giờ {at:%H:%M %d/%m/%Y}").exists()

    # A reader: 404 before the time, the article from its time on.
    reader = browser.new_context().new_page()
    url = f"{base}{article.get_absolute_url()}"
    if timezone.now() < at - datetime.timedelta(seconds=1):
        assert reader.goto(url).status == 404
    while timezone.now() < at:
        time.sleep(0.2)
    assert reader.goto(url).status == 200
    expect(reader.locator("h1.article-title")).to_have_text("Hồ Gươm mùa thu")
    expect(reader.locator(".draft-banner")).to_have_count(0)
    reader.goto(f"{base}/ha-noi/")
    expect(reader.locator("main")).to_contain_text("Hồ Gươm mùa thu")
    reader.context.close()
