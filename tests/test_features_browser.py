"""Đọc nhiều, Đính chính and Số báo end to end in Chromium, with screenshots at 390 and 1280 px
(screenshots/features/, git-ignored), the Nu HTML checker and axe-core."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article
from corrections.models import Correction
from mostread import counter
from mostread.models import HourlyReads
from printissues.models import PrintIssue

from .factories import EDITOR, make_user
from .test_valid_html import check, java  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path(settings.BASE_DIR) / "screenshots" / "features"
REFERENCE_SLUG = "chi-so-cai-cach-hanh-chinh-cua-quan-dong-da"
BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
# axe-core from npm: node_modules/axe-core (package.json of the standards branch) or AXE_JS.
AXE = Path(os.environ.get("AXE_JS") or Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js")


OUR_PARTS = {"article": ".corrections, .print-note, .most-read", "home": ".most-read"}


def feature_pages():
    reference = Article.objects.published().get(slug__startswith=REFERENCE_SLUG)
    return {
        "article": reference.get_absolute_url(),
        "home": "/",
        "corrections": "/dinh-chinh/",
        "print-issues": "/so-bao/",
        "print-issue": PrintIssue.objects.get(number=45, year=2024).get_absolute_url(),
    }


@pytest.fixture
def demo(settings):
    settings.READS_REDIS_URL = ""  # reads straight into the database: no Redis needed here
    settings.READS_BEACON_SECONDS = 1
    counter.reset_client()
    call_command("load_demo", verbosity=0)
    yield
    counter.reset_client()


def shoot(browser, base, pages, prefix=""):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((390, 844), (1280, 900)):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        page = context.new_page()
        for name, url in pages.items():
            page.goto(base + url)
            page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(SHOTS / f"{prefix}{name}-{width}.png"), full_page=True)
        context.close()


def test_a_read_is_counted_once_after_a_second_on_screen_and_pages_look_right(live_server, browser, demo):
    reference = Article.objects.published().get(slug__startswith=REFERENCE_SLUG)
    before = sum(HourlyReads.objects.filter(article=reference).values_list("count", flat=True))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", user_agent=BROWSER_AGENT)
    page = context.new_page()
    sent = []
    page.on("request", lambda request: sent.append(request.url) if "/doc/" in request.url else None)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(live_server.url + reference.get_absolute_url())
    expect(page.locator(".corrections")).to_contain_text("Đính chính lúc 10:43 05/04/2024:")
    expect(page.locator(".print-note")).to_contain_text("Đăng trên Số 45 – 2024, ngày 05/04/2024")
    expect(page.locator(".most-read .most-read-item")).to_have_count(5)
    page.wait_for_timeout(1800)
    assert sent == [f"{live_server.url}/doc/{reference.pk}/"]
    after = sum(HourlyReads.objects.filter(article=reference).values_list("count", flat=True))
    assert after == before + 1
    # Read again the same day: the browser's mark stops a second beacon.
    page.reload()
    page.wait_for_timeout(1800)
    assert len(sent) == 1 and errors == []
    context.close()
    shoot(browser, live_server.url, feature_pages())


def test_a_reader_goes_from_the_archive_to_an_issue_its_article_and_the_pdf(live_server, page, demo):
    page.goto(live_server.url + "/so-bao/")
    page.get_by_role("link", name="Số 45 – 2024").click()
    expect(page.locator("h1")).to_have_text("Số 45 – 2024")
    toc = page.locator(".issue-toc li")
    expect(toc.first).to_contain_text("Thư toà soạn")
    href = page.get_by_role("link", name="Đọc bản PDF").get_attribute("href")
    pdf = page.request.get(live_server.url + href, headers={"Range": "bytes=0-4"})
    assert pdf.status == 206 and pdf.body() == b"%PDF-"
    page.locator(".issue-toc a", has_text="Chỉ số cải cách hành chính").first.click()
    expect(page.locator(".print-note a")).to_have_text("Số 45 – 2024")


def test_editor_corrects_an_article_with_the_article_autocomplete(live_server, page, demo):
    make_user("bientap", role=EDITOR, password="mat-khau-bien-tap")
    page.goto(f"{live_server.url}/admin/corrections/correction/add/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "mat-khau-bien-tap")
    page.click("input[type=submit]")
    page.click(".field-article .select2-selection")
    page.keyboard.type("Lời hẹn")
    page.locator(".select2-results__option", has_text="Lời hẹn mùa xuân").first.click()
    page.fill("#id_text", "Ảnh minh hoạ chụp mùa thu năm 2023, không phải mùa xuân.")
    page.click("input[name=_save]")
    expect(page.locator("ul.messagelist")).to_contain_text("thành công")
    correction = Correction.objects.get(text__startswith="Ảnh minh hoạ")
    page.goto(live_server.url + correction.article.get_absolute_url())
    expect(page.locator(".corrections li").first).to_contain_text("Ảnh minh hoạ chụp mùa thu")
    page.goto(live_server.url + "/dinh-chinh/")
    expect(page.locator(".correction-entry").first).to_contain_text("Ảnh minh hoạ chụp mùa thu")


def test_the_newsroom_dashboard_draws_the_reads_chart(live_server, browser, demo):
    make_user("bientap", role=EDITOR, password="mat-khau-bien-tap")
    for width, height in ((390, 844), (1280, 900)):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        page = context.new_page()
        page.goto(f"{live_server.url}/admin/")
        page.fill("#id_username", "bientap")
        page.fill("#id_password", "mat-khau-bien-tap")
        page.click("input[type=submit]")
        expect(page.locator(".reads-chart rect")).to_have_count(30)
        box = page.locator(".reads-chart").bounding_box()
        assert box["width"] > 200 and box["height"] > 60
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"admin-dashboard-{width}.png"), full_page=True)
        page.goto(f"{live_server.url}/admin/mostread/readcount/")
        page.screenshot(path=str(SHOTS / f"admin-reads-{width}.png"), full_page=True)
        context.close()


def test_feature_pages_pass_the_nu_html_checker(client, java, tmp_path, demo):  # noqa: F811
    files = []
    for name, url in feature_pages().items():
        response = client.get(url)
        assert response.status_code == 200 and not response.cookies, url
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    assert check(java, files) == {}


def test_axe_finds_no_violation_on_the_feature_pages(live_server, browser, demo):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (node_modules/axe-core, or AXE_JS)")
    found = {}
    for width, height in ((1280, 900), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        # An init script reaches the page through the DevTools protocol, not through the CSP.
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        for name, url in feature_pages().items():
            page.goto(live_server.url + url)
            # Pages of other apps: only what this branch adds to them (their own test covers the rest).
            scope = OUR_PARTS.get(name, "html")
            result = page.evaluate(
                "scope => axe.run({include: [...document.querySelectorAll(scope)]}, {resultTypes: ['violations']})",
                scope,
            )
            problems = [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]
            if problems:
                found[f"{name} @{width}"] = problems
        context.close()
    assert found == {}, found
