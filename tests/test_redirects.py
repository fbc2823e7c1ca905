"""Old addresses answer 301 to the canonical URL, looked up only where a page would be a 404;
editors keep the table in the admin, where loops and unpublished targets are refused."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from redirects.models import Redirect, add_redirects, normalize_path
from tests.factories import EDITOR, JOURNALIST, make_article, make_section, make_user
from tests.wordpress_helpers import EXPORT, make_uploads, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(tmp_path):
    run_import(EXPORT, "--media-dir", make_uploads(tmp_path / "uploads"))
    from articles.models import Article

    return Article.objects.get(slug="pho-ha-noi-huong-vi-pho-co")


def redirect_queries(queries):
    return [q["sql"] for q in queries if "redirects_redirect" in q["sql"]]


@pytest.mark.parametrize("old", [
    "/2019/05/pho-ha-noi-huong-vi-pho-co/",
    "/2019/05/pho-ha-noi-huong-vi-pho-co",
    "/2019/05/pho-ha-noi-huong-vi-pho-co/?utm_source=facebook&fbclid=abc",
    "/?p=100",
    "/?p=100&replytocom=501",
])
def test_an_old_wordpress_url_answers_301_to_the_canonical_url(client, imported, old):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == imported.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_category_archives_go_to_their_section_and_percent_encoded_paths_match(client, imported):
    response = client.get("/category/%c4%91o%cc%82-thi-xua-nay/am-thuc/page/2/")
    assert response.status_code == 404  # only the archive itself is mapped
    response = client.get("/category/%c4%91o%cc%82-thi-xua-nay/am-thuc/")
    assert (response.status_code, response["Location"]) == (301, "/am-thuc/")
    assert client.get("/category/uncategorized/")["Location"] == "/chua-phan-loai/"
    assert client.get("/?cat=4")["Location"] == "/am-thuc/"
    assert client.get("/?tag=pho-co")["Location"] == "/tag/pho-co/"  # same slug: only the query form


def test_drafts_and_scheduled_posts_get_no_redirect(client, imported):
    assert client.get("/?p=102").status_code == 200  # the home page: nothing mapped
    assert client.get("/?p=103").status_code == 200
    assert not Redirect.objects.filter(old_path__in=["/?p=102", "/?p=103", "/?p=104"]).exists()


def test_a_redirect_to_an_article_unpublished_later_is_not_followed(client, imported):
    imported.status = "draft"
    imported.save()
    assert client.get("/2019/05/pho-ha-noi-huong-vi-pho-co/").status_code == 404


def test_normal_pages_cost_no_redirect_query_and_a_404_costs_one(client, imported):
    for url in ("/", imported.get_absolute_url(), "/am-thuc/", "/tag/pho-co/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert redirect_queries(queries) == [], url
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/2020/khong-co-bai-nay/").status_code == 404
    assert len(redirect_queries(queries)) == 1


def test_the_301_is_kept_by_the_page_cache_and_a_changed_table_is_seen_at_once(client, imported):
    other = make_article("Một bài khác")
    assert client.get("/bai-cu-cua-toa-soan/").status_code == 404
    assert client.get("/bai-cu-cua-toa-soan/").status_code == 404  # cached 404
    Redirect.objects.create(old_path="/bai-cu-cua-toa-soan/", article=other)
    first = client.get("/bai-cu-cua-toa-soan/")
    assert (first.status_code, first["Location"]) == (301, other.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/bai-cu-cua-toa-soan/")
    assert again.status_code == 301 and again["X-Page-Cache"] == "hit" and redirect_queries(queries) == []


def test_normalize_path_keeps_only_what_identifies_an_old_page():
    assert normalize_path("https://cu.example/2019/05/pho/?utm=1") == "/2019/05/pho"
    assert normalize_path("/?p=12&replytocom=3") == "/?p=12"
    assert normalize_path("/?page_id=2") == "/?page_id=2"
    assert normalize_path("/?s=tim") == "/"
    assert normalize_path("/?cat=3&paged=2") == "/?cat=3"
    assert normalize_path("/ha-no%CC%A3i/") == "/ha-n\u1ecdi"  # decomposed in the URL, NFC stored
    assert normalize_path("/%E1%BB%99/") == "/ộ"


def test_add_redirects_refuses_loops_and_unpublished_targets_and_keeps_editors_choices():
    article = make_article("Bài đã xuất bản")
    draft = make_article("Bản nháp", status="draft", published_at=None)
    scheduled = make_article("Hẹn giờ", published_at=timezone.now() + datetime.timedelta(days=1))
    editors = make_article("Bài biên tập viên chọn")
    Redirect.objects.create(old_path="/da-chon/", article=editors)
    created = add_redirects([
        ("/cu/", article), (article.get_absolute_url(), article), ("/nhap/", draft),
        ("/hen-gio/", scheduled), ("/da-chon/", article),
    ])
    assert created == 1
    assert dict(Redirect.objects.values_list("old_path", "article")) == {"/cu": article.pk, "/da-chon": editors.pk}


@pytest.fixture
def editor(client):
    user = make_user(role=EDITOR)
    client.force_login(user)
    return user


def add_form(client, **data):
    fields = {"old_path": "", "article": "", "section": "", "tag": ""}
    return client.post("/admin/redirects/redirect/add/", {**fields, **data})


def test_an_editor_adds_a_redirect_in_the_admin_and_readers_follow_it(client, editor):
    article = make_article("Hồ Tây mùa sen")
    response = add_form(client, old_path="https://cu.nguoihanoi.example/2018/06/ho-tay-mua-sen/",
                        article=article.pk)
    assert response.status_code == 302
    redirect = Redirect.objects.get()
    assert (redirect.old_path, redirect.source) == ("/2018/06/ho-tay-mua-sen", "manual")
    client.logout()
    assert client.get("/2018/06/ho-tay-mua-sen/")["Location"] == article.get_absolute_url()


def test_the_admin_refuses_a_redirect_to_an_unpublished_article_a_loop_or_no_target(client, editor):
    draft = make_article("Bản nháp", status="draft", published_at=None)
    article = make_article("Đã xuất bản")
    section = make_section("Văn hóa", slug="van-hoa")
    refused = {
        "chưa xuất bản": {"old_path": "/cu/", "article": draft.pk},
        "vòng lặp": {"old_path": article.get_absolute_url(), "article": article.pk},
        "vòng lặp ": {"old_path": "/van-hoa/", "section": section.pk},
        "Chọn đúng một đích": {"old_path": "/cu/"},
        "Chọn đúng một đích ": {"old_path": "/cu/", "article": article.pk, "section": section.pk},
    }
    for message, data in refused.items():
        response = add_form(client, **data)
        assert response.status_code == 200 and message.strip() in response.content.decode(), message
    assert not Redirect.objects.exists()


def test_the_admin_list_is_in_vietnamese_and_journalists_cannot_edit_redirects(client, editor):
    article = make_article("Phố Hàng Mã")
    Redirect.objects.create(old_path="/hang-ma/", article=article)
    page = client.get("/admin/redirects/redirect/").content.decode()
    assert "Chọn chuyển hướng để thay đổi" in page and "đường dẫn cũ" in page.lower() and "/hang-ma" in page
    client.force_login(make_user(role=JOURNALIST))
    assert client.get("/admin/redirects/redirect/").status_code == 403


def test_a_wordpress_query_on_the_home_page_never_replaces_the_cached_home_page(client, imported, settings):
    settings.PAGE_CACHE_ENABLED = True
    assert client.get("/?cat=4")["Location"] == "/am-thuc/"
    home = client.get("/")
    assert home.status_code == 200
    assert client.get("/").status_code == 200
    assert client.get("/?p=100").status_code == 301
    assert client.get("/")["X-Page-Cache"] == "hit"
