import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article

from .factories import EDITOR, JOURNALIST, make_article, make_author, make_section, make_user

pytestmark = pytest.mark.django_db


def image_file(name="anh.jpg", fmt="JPEG", size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def article_form(section, author, **overrides):
    data = {
        "title": "Hồ Gươm mùa thu",
        "slug": "",
        "section": section.pk,
        "sapo": "Sapo bài viết.",
        "body": (
            '<p>Nội dung</p><script>alert(1)</script><figure class="image">'
            '<img src="/media/uploads/a.jpg" alt="Hồ"><figcaption>Hồ Gươm</figcaption></figure>'
        ),
        "cover_caption": "", "cover_alt": "", "cover_credit": "",
        "status": "draft", "published_at_0": "", "published_at_1": "",
        "allow_comments": "on",
        "bylines-TOTAL_FORMS": "1", "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "1", "bylines-MAX_NUM_FORMS": "1000",
        "bylines-0-author": author.pk, "bylines-0-position": "0",
        "tagged_items-TOTAL_FORMS": "0", "tagged_items-INITIAL_FORMS": "0",
        "tagged_items-MIN_NUM_FORMS": "0", "tagged_items-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_journalist_writes_an_article_in_the_admin(client):
    journalist = make_user(role=JOURNALIST)
    section, author = make_section(), make_author(name="Huyền Anh")
    client.force_login(journalist)
    response = client.post("/admin/articles/article/add/", article_form(section, author))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title="Hồ Gươm mùa thu")
    assert article.slug == "ho-guom-mua-thu"
    assert article.created_by == journalist
    assert article.byline_authors() == [author]
    assert "<script" not in article.body
    assert "<figcaption>Hồ Gươm</figcaption>" in article.body


def test_admin_form_errors_are_in_vietnamese_and_keep_what_was_typed(client):
    client.force_login(make_user(role=JOURNALIST))
    data = article_form(make_section(), make_author(), slug="admin")
    response = client.post("/admin/articles/article/add/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "trùng với một địa chỉ cố định" in page
    assert "Hồ Gươm mùa thu" in page


def test_admin_article_list_filters_and_searches(client, django_assert_max_num_queries):
    client.force_login(make_user(role=EDITOR))
    section = make_section(name="Văn hóa")
    make_article(title="Bài du lịch", section=make_section(name="Du lịch"))
    # Flower names, not digits: generated author names ("Tác giả 13") hold digits too,
    # and search also looks in slugs, so no name may be part of another or of "bai-van-hoa".
    flowers = ["sen", "đào", "mai", "cúc", "lan", "huệ", "hồng", "súng", "quỳnh", "trà"]
    for flower in flowers:
        make_article(title=f"Bài văn hóa hoa {flower}", section=section, authors=[make_author(), make_author()])
    with django_assert_max_num_queries(20):
        response = client.get("/admin/articles/article/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bài văn hóa hoa trà" in page
    for label in ("trạng thái", "chuyên mục", "tác giả", "thời gian xuất bản"):
        assert f'data-filter-title="{label}"' in page
    searched = client.get("/admin/articles/article/", {"q": "văn hóa quỳnh"}).content.decode()
    assert "Bài văn hóa hoa quỳnh" in searched and "Bài văn hóa hoa lan" not in searched


def test_admin_autocompletes_tags_authors_and_related(client):
    client.force_login(make_user(role=EDITOR))
    make_author(name="Nguyễn Văn Đông")
    make_article(title="Phố cổ vào đông", tags=["Phố cổ"])
    for model, field, term, expected in (
        ("articles.articleauthor", "author", "Đông", "Nguyễn Văn Đông"),
        ("articles.taggedarticle", "tag", "Phố", "Phố cổ"),
        ("articles.article", "related", "Phố cổ", "Phố cổ vào đông"),
    ):
        app_label, model_name = model.split(".")
        response = client.get("/admin/autocomplete/", {
            "term": term, "app_label": app_label, "model_name": model_name, "field_name": field,
        })
        assert response.status_code == 200, (model, response.content)
        assert expected in [r["text"] for r in response.json()["results"]]


def test_journalist_uploads_an_image_into_the_body(client, settings):
    client.force_login(make_user(role=JOURNALIST))
    response = client.post("/admin/tai-anh/", {"upload": image_file("Ảnh Hồ Gươm.jpg")})
    assert response.status_code == 200
    url = json.loads(response.content)["url"]
    assert url.startswith("/media/uploads/") and url.endswith("/anh-ho-guom.jpg")
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("x.jpg", b"<script>alert(1)</script>", content_type="image/jpeg"), "không phải là ảnh"),
        (SimpleUploadedFile("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/svg+xml"),
         "không phải là ảnh"),
    ],
)
def test_upload_refuses_what_is_not_an_image(client, upload, message):
    client.force_login(make_user(role=JOURNALIST))
    response = client.post("/admin/tai-anh/", {"upload": upload})
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]


def test_upload_refuses_other_image_formats_and_big_files(client, settings):
    client.force_login(make_user(role=JOURNALIST))
    response = client.post("/admin/tai-anh/", {"upload": image_file("a.bmp", "BMP")})
    assert response.status_code == 400
    settings.MAX_IMAGE_UPLOAD_BYTES = 100
    response = client.post("/admin/tai-anh/", {"upload": image_file()})
    assert response.status_code == 400
    assert "quá lớn" in response.json()["error"]["message"]


def test_upload_is_refused_to_readers_and_staff_without_article_rights(client):
    assert client.post("/admin/tai-anh/", {"upload": image_file()}).status_code == 403
    client.force_login(make_user())
    assert client.post("/admin/tai-anh/", {"upload": image_file()}).status_code == 403
    staff = make_user()
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    assert client.post("/admin/tai-anh/", {"upload": image_file()}).status_code == 403


def test_admin_is_in_vietnamese(client):
    client.force_login(make_user(superuser=True))
    page = client.get("/admin/").content.decode()
    assert "Quản trị nội dung" in page and "Bài viết" in page
