"""Image uploads: the CKEditor body upload and the admin's image fields follow one set of rules."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article
from authors.models import Author
from images.uploads import MAX_PIXELS

from .factories import EDITOR, JOURNALIST, make_author, make_section, make_user
from .test_admin import article_form

pytestmark = pytest.mark.django_db


def image_bytes(fmt="PNG", size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(buffer, fmt)
    return buffer.getvalue()


def png_header_only(width, height):
    """A tiny PNG that claims width × height pixels: what a decompression bomb looks like to Pillow."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def upload(name, content, content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


# name -> (file name, content, expected message); a fresh upload is made for every test.
BAD_UPLOADS = {
    "text pretending to be a jpeg": ("bai.jpg", b"<script>alert(1)</script>", "không phải là ảnh"),
    "a pdf": ("tai-lieu.png", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj", "không phải là ảnh"),
    "a truncated png": ("hong.png", image_bytes()[:60], "không phải là ảnh"),
    "a bmp": ("anh.bmp", image_bytes("BMP"), "không được hỗ trợ"),
    "a tiff": ("anh.tif", image_bytes("TIFF"), "không được hỗ trợ"),
    "too many pixels": ("lon.png", png_header_only(8000, 6000), "quá nhiều điểm ảnh"),
    "a decompression bomb": ("bom.png", png_header_only(30000, 30000), "quá nhiều điểm ảnh"),
    "an empty file": ("rong.png", b"", "không phải là ảnh"),
}


def bad_upload(case):
    name, content, message = BAD_UPLOADS[case]
    return upload(name, content), message


@pytest.mark.parametrize("case", BAD_UPLOADS)
def test_body_image_upload_refuses_bad_files_with_a_clear_message(client, case):
    file, message = bad_upload(case)
    client.force_login(make_user(role=JOURNALIST))
    response = client.post("/admin/tai-anh/", {"upload": file})
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]


def test_the_bomb_is_refused_before_any_pixel_is_decoded():
    assert 30000 * 30000 > 2 * Image.MAX_IMAGE_PIXELS > MAX_PIXELS  # Pillow itself would raise


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd.jpg", "..\\..\\windows\\win.ini.jpg", "/etc/cron.d/x.jpg", "a\x00b.jpg", "....jpg"],
)
def test_body_image_names_cannot_leave_the_upload_folder(client, settings, name):
    client.force_login(make_user(role=JOURNALIST))
    response = client.post("/admin/tai-anh/", {"upload": upload(name, image_bytes("JPEG"), "image/jpeg")})
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith("/media/uploads/")
    assert ".." not in url and "\\" not in url and "%00" not in url
    stored = Path(settings.MEDIA_ROOT, url.removeprefix("/media/")).resolve()
    assert stored.is_file()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT, "uploads").resolve())


def test_the_extension_comes_from_the_content_not_the_name(client):
    client.force_login(make_user(role=JOURNALIST))
    response = client.post("/admin/tai-anh/", {"upload": upload("Ảnh Hồ Gươm.gif", image_bytes("WEBP"), "image/gif")})
    assert response.json()["url"].endswith("/anh-ho-guom.webp")


@pytest.mark.parametrize("case", BAD_UPLOADS)
def test_cover_image_refuses_bad_files_with_a_form_error_and_keeps_the_typing(client, case):
    file, message = bad_upload(case)
    client.force_login(make_user(role=JOURNALIST))
    data = article_form(make_section(), make_author(), cover_image=file, sapo="Sapo đã gõ rất dài.")
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Sapo đã gõ rất dài." in page
    assert not Article.objects.exists()


def test_cover_image_is_stored_under_a_slug_name_inside_media(client, settings):
    client.force_login(make_user(role=JOURNALIST))
    cover = upload("../../etc/Ảnh bìa Hồ Gươm.PNG", image_bytes("JPEG"), "image/png")
    data = article_form(make_section(), make_author(), cover_image=cover)
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.cover_image.name.startswith("covers/")
    assert article.cover_image.name.endswith("/anh-bia-ho-guom.jpg")
    assert Path(article.cover_image.path).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_author_photo_goes_through_the_same_checks(client):
    client.force_login(make_user(role=EDITOR))
    data = {"name": "Huyền Anh", "slug": "", "title": "Nhà báo", "user": "", "bio": ""}
    response = client.post(
        "/admin/authors/author/add/", {**data, "photo": upload("bom.png", png_header_only(30000, 30000))}
    )
    assert response.status_code == 200
    assert "quá nhiều điểm ảnh" in response.content.decode()
    assert not Author.objects.exists()
    response = client.post(
        "/admin/authors/author/add/", {**data, "photo": upload("Chân dung.webp", image_bytes("WEBP"), "image/webp")}
    )
    assert response.status_code == 302
    assert Author.objects.get().photo.name.endswith("/chan-dung.webp")


def test_an_oversized_cover_image_is_refused_with_the_limit(client, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1024 * 1024
    client.force_login(make_user(role=JOURNALIST))
    big = upload("to.png", image_bytes("PNG", (1200, 1200)) + b"\0" * (1024 * 1024))
    data = article_form(make_section(), make_author(), cover_image=big)
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    assert "Ảnh quá lớn: tối đa 1 MB." in response.content.decode()
