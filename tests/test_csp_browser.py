import io

import pytest
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article

from .factories import EDITOR, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Records violations from the first moment of every page, before any page script runs.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def watch_csp(page):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(LISTEN)

    def violations():
        seen = page.evaluate("window.__cspViolations || []")
        return seen + [text for text in console if "Content Security Policy" in text]

    return violations


# The width once the image has loaded (0 if it failed), without racing the download.
LOADED_WIDTH = """img => img.complete ? img.naturalWidth : new Promise((resolve) => {
  img.addEventListener("load", () => resolve(img.naturalWidth));
  img.addEventListener("error", () => resolve(0));
})"""


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (20, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def test_the_public_article_page_runs_without_a_csp_violation(live_server, page):
    call_command("load_demo", verbosity=0)
    article = Article.objects.get(slug__startswith="chi-so-cai-cach-hanh-chinh-cua-quan-dong-da")
    violations = watch_csp(page)
    response = page.goto(live_server.url + article.get_absolute_url())
    assert "script-src 'self'" in response.headers["content-security-policy"]
    image = page.locator("figure:has(figcaption:has-text('Quang cảnh Hội nghị.')) img")
    expect(image).to_be_visible()
    assert image.evaluate(LOADED_WIDTH) > 0
    page.goto(live_server.url + "/")
    expect(page.locator("h1, h2").first).to_be_visible()
    assert violations() == []


def test_ckeditor_in_the_admin_works_under_the_csp(live_server, page):
    make_user("bientap", role=EDITOR, password="mat-khau-bien-tap")
    violations = watch_csp(page)
    page.goto(live_server.url + "/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "mat-khau-bien-tap")
    page.click("input[type=submit]")
    editable = page.locator(".ck-editor__editable")
    expect(editable).to_be_visible()
    editable.click()
    page.keyboard.type("Hồ Gươm mùa thu")
    expect(editable).to_contain_text("Hồ Gươm mùa thu")
    page.locator(".ck-file-dialog-button input[type=file]").first.set_input_files(
        {"name": "ho-guom.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    uploaded = editable.locator("img[src*='/media/uploads/']")
    expect(uploaded).to_be_visible()
    assert uploaded.evaluate(LOADED_WIDTH) == 120
    assert violations() == []
