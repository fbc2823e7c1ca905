"""Số báo: print issues with their PDF, cover, contents and pages."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from printissues.demo import make_pdf
from printissues.models import PrintIssue, TocEntry

from .factories import EDITOR, JOURNALIST, make_article, make_user
from .featured_factories import hand_filled_lists

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/printissues/printissue/add/"


@pytest.fixture(scope="module")
def pdf_bytes():
    return make_pdf(45, 2024, "civic", pages=3)


def make_issue(number=45, year=2024, pdf=None, **fields):
    issue = PrintIssue(number=number, year=year, date=fields.pop("date", datetime.date(year, 4, 5)), **fields)
    issue.pdf.save("so.pdf", ContentFile(pdf or make_pdf(number, year, "civic", pages=2)), save=False)
    issue.save()
    return issue


def form(pdf, name="so-45.pdf", **overrides):
    data = {
        "number": "45", "year": "2024", "date": "05/04/2024", "description": "Số tháng Tư.",
        "pdf": SimpleUploadedFile(name, pdf, content_type="application/pdf"),
        "entries-TOTAL_FORMS": "0", "entries-INITIAL_FORMS": "0",
        "entries-MIN_NUM_FORMS": "0", "entries-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_editor_uploads_a_pdf_and_the_cover_is_drawn_from_its_first_page(client, pdf_bytes):
    article = make_article(title="Hồ Gươm mùa thu")
    client.force_login(make_user("eve", EDITOR))
    data = form(pdf_bytes, **{
        "entries-TOTAL_FORMS": "2",
        "entries-0-article": str(article.pk), "entries-0-title": "", "entries-0-page": "4", "entries-0-position": "1",
        "entries-1-article": "", "entries-1-title": "Thư toà soạn", "entries-1-page": "2", "entries-1-position": "2",
    })
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    issue = PrintIssue.objects.get()
    assert str(issue) == "Số 45 – 2024"
    assert issue.pdf.name.endswith(".pdf") and issue.pdf.read(5) == b"%PDF-"
    with Image.open(issue.cover_image.path) as cover:
        assert cover.format == "JPEG" and cover.width == 1200 and cover.height > cover.width
    assert (issue.cover_width, issue.cover_height) == (1200, cover.height)
    assert [entry.display_title() for entry in issue.entries.all()] == ["Hồ Gươm mùa thu", "Thư toà soạn"]


@pytest.mark.parametrize("content, message", [
    (b"%PDF-1.7 not really a pdf at all", "không phải là PDF hợp lệ"),
    (b"<html>hello</html>", "không phải là PDF hợp lệ"),
    (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "không phải là PDF hợp lệ"),
])
def test_anything_but_a_pdf_is_refused_with_a_vietnamese_message(client, content, message):
    client.force_login(make_user("eve", EDITOR))
    response = client.post(ADD_URL, form(content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PrintIssue.objects.exists()


def test_a_pdf_over_the_size_limit_is_refused(client, settings, pdf_bytes):
    settings.MAX_PDF_UPLOAD_BYTES = 1024 * 1024
    client.force_login(make_user("eve", EDITOR))
    response = client.post(ADD_URL, form(pdf_bytes + b"%" + b"0" * (1024 * 1024)))
    assert "Tệp PDF quá lớn: tối đa 1 MB." in response.content.decode()
    assert not PrintIssue.objects.exists()


def test_a_contents_line_needs_an_article_or_a_title(client, pdf_bytes):
    client.force_login(make_user("eve", EDITOR))
    data = form(pdf_bytes, **{
        "entries-TOTAL_FORMS": "1",
        "entries-0-article": "", "entries-0-title": "", "entries-0-page": "3", "entries-0-position": "1",
    })
    response = client.post(ADD_URL, data)
    assert "Hãy chọn một bài viết hoặc ghi tiêu đề cho dòng mục lục." in response.content.decode()


def test_journalists_see_issues_read_only(client):
    issue = make_issue()
    client.force_login(make_user("jo", JOURNALIST))
    assert client.get("/admin/printissues/printissue/").status_code == 200
    page = client.get(f"/admin/printissues/printissue/{issue.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(f"/admin/printissues/printissue/{issue.pk}/change/", {"number": "99"}).status_code == 403
    assert client.get(ADD_URL).status_code == 403


def test_archive_shows_covers_by_year_newest_first_and_is_paged(client):
    for number in range(1, 27):
        make_issue(number=number, year=2023 if number < 20 else 2024, date=datetime.date(2023, 1, 1))
    response = client.get("/so-bao/")
    assert response.status_code == 200 and not response.cookies
    html = response.content.decode()
    assert html.index("Năm 2024") < html.index("Năm 2023")
    assert html.index("Số 26 – 2024") < html.index("Số 20 – 2024") < html.index("Số 19 – 2023")
    assert "Số 2 – 2023" not in html and 'href="?page=2"' in html
    assert "Số 2 – 2023" in client.get("/so-bao/?page=2").content.decode()


def test_issue_page_shows_cover_contents_and_pdf_and_the_article_says_where_it_was_printed(client):
    article = make_article(title="Hồ Gươm mùa thu")
    draft = make_article(title="Bản nháp bí mật", status="draft")
    issue = make_issue(description="Số tháng Tư.")
    TocEntry.objects.create(issue=issue, title="Thư toà soạn", page=2, position=1)
    TocEntry.objects.create(issue=issue, article=article, page=4, position=2)
    TocEntry.objects.create(issue=issue, article=draft, page=8, position=3)
    html = client.get("/so-bao/45-2024/").content.decode()
    assert html.index("Thư toà soạn") < html.index("Hồ Gươm mùa thu")
    assert f'<a href="{article.get_absolute_url()}">Hồ Gươm mùa thu</a>' in html
    assert "tr. 4" in html and 'href="/so-bao/45-2024/pdf/#page=4"' in html
    assert "Bản nháp bí mật" not in html
    assert '<meta property="og:title" content="Tạp chí Người Hà Nội Số 45 – 2024">' in html
    assert '<meta property="og:image" content="http' in html and 'alt="Bìa Số 45 – 2024"' in html
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'Đăng trên <a href="/so-bao/45-2024/">Số 45 – 2024</a>, ngày' in page and "05/04/2024" in page
    assert "Đăng trên" not in client.get(make_article().get_absolute_url()).content.decode()
    assert client.get("/so-bao/99-2024/").status_code == 404
    assert client.get("/so-bao/9999999999-2024/").status_code == 404


def test_the_pdf_is_served_inline_with_its_name_and_byte_ranges(client, pdf_bytes):
    make_issue(pdf=pdf_bytes)
    whole = client.get("/so-bao/45-2024/pdf/")
    assert whole.status_code == 200 and whole["Content-Type"] == "application/pdf"
    assert whole["Content-Disposition"] == 'inline; filename="nguoi-ha-noi-so-45-2024.pdf"'
    assert whole["Accept-Ranges"] == "bytes" and b"".join(whole.streaming_content) == pdf_bytes
    part = client.get("/so-bao/45-2024/pdf/", HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206 and part["Content-Range"] == f"bytes 100-199/{len(pdf_bytes)}"
    assert b"".join(part.streaming_content) == pdf_bytes[100:200]
    tail = client.get("/so-bao/45-2024/pdf/", HTTP_RANGE="bytes=-10")
    assert b"".join(tail.streaming_content) == pdf_bytes[-10:]
    beyond = client.get("/so-bao/45-2024/pdf/", HTTP_RANGE=f"bytes={len(pdf_bytes) + 5}-")
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{len(pdf_bytes)}"
    assert client.get("/so-bao/45-2024/pdf/", HTTP_RANGE="bytes=abc").status_code == 200


def test_issues_are_in_the_sitemap(client):
    make_issue()
    assert "sitemap-so-bao.xml" in client.get("/sitemap.xml").content.decode()
    assert "/so-bao/45-2024/</loc>" in client.get("/sitemap-so-bao.xml").content.decode()


def test_cover_from_a_huge_page_stays_bounded():
    # A page of 14,400 × 14,400 points (the PDF maximum) is drawn 1200 px wide, not at full size.
    out = io.BytesIO()
    Image.new("RGB", (200, 200), "white").save(out, "PDF", resolution=1)
    issue = make_issue(pdf=out.getvalue())
    assert (issue.cover_width, issue.cover_height) == (1200, 1200)


def test_changing_an_issue_refreshes_only_the_pages_that_show_it(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    hand_filled_lists()
    printed, moved_to, other = make_article(), make_article(), make_article()
    issue = make_issue()
    entry = TocEntry.objects.create(issue=issue, article=printed, page=4, position=1)
    # Another section's page shows none of them (article pages may: their sidebars fill with the newest).
    urls = [
        printed.get_absolute_url(), moved_to.get_absolute_url(), other.section.get_absolute_url(),
        "/so-bao/45-2024/", "/dinh-chinh/",
    ]
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "miss"
    entry.article = moved_to
    entry.save()
    assert [client.get(url)["X-Page-Cache"] for url in urls] == ["miss", "miss", "hit", "miss", "hit"]
    assert "Đăng trên" in client.get(moved_to.get_absolute_url()).content.decode()
    assert "Đăng trên" not in client.get(printed.get_absolute_url()).content.decode()
    issue.date = datetime.date(2024, 4, 6)
    issue.save()
    assert [client.get(url)["X-Page-Cache"] for url in urls] == ["hit", "miss", "hit", "miss", "hit"]
    assert client.get("/so-bao/")["X-Page-Cache"] == "miss"
