"""Cover images and author photos keep the promise body images keep; big images in bounded work."""

import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from articles.models import Article
from authors.models import Author
from images import renditions as images
from images.renditions import MAX_EDGE, image_job

from .factories import EDITOR, JOURNALIST, make_article, make_author, make_section, make_user
from .test_admin import article_form
from .test_images import assert_no_metadata, photo_with_gps
from .test_uploads import png_header_only

pytestmark = pytest.mark.django_db


def truncated_jpeg():
    data = photo_with_gps("hong.jpg").read()
    return SimpleUploadedFile("Ảnh hỏng.jpg", data[: int(len(data) * 0.8)], content_type="image/jpeg")


def gif_with_a_script():
    frames = [Image.new("RGB", (60, 40), color) for color in ((200, 30, 30), (30, 200, 30), (30, 30, 200))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=120, loop=0,
                   comment=b"GPS 21.0285 N")
    return buffer.getvalue() + b"<script>alert(document.cookie)</script>"


def test_a_truncated_jpeg_cover_is_refused_by_the_admin_form(client):
    client.force_login(make_user(role=JOURNALIST))
    data = article_form(make_section(), make_author(), cover_image=truncated_jpeg())
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    assert "Không đọc được ảnh này" in response.content.decode()
    assert not Article.objects.exists()


def test_a_truncated_jpeg_author_photo_is_refused_by_the_admin_form(client):
    client.force_login(make_user(role=EDITOR))
    data = {"name": "Huyền Anh", "slug": "", "title": "", "user": "", "bio": "", "photo": truncated_jpeg()}
    response = client.post("/admin/authors/author/add/", data)
    assert response.status_code == 200 and "Không đọc được ảnh này" in response.content.decode()
    assert not Author.objects.exists()


def test_a_truncated_jpeg_is_never_stored_as_sent_whatever_the_way_in():
    with pytest.raises(ValidationError, match="Không đọc được ảnh này"):
        make_article(cover_image=truncated_jpeg())
    with pytest.raises(ValidationError):
        Author.objects.create(name="Huyền Anh", photo=truncated_jpeg())
    assert not Article.objects.exists() and not Author.objects.exists()


@pytest.mark.parametrize("way", ["cover", "body"])
def test_a_gif_is_re_encoded_without_its_comment_or_anything_appended(client, way):
    gif = SimpleUploadedFile("Ảnh động.gif", gif_with_a_script(), content_type="image/gif")
    if way == "cover":
        name = make_article(cover_image=gif).cover_image.name
    else:
        client.force_login(make_user(role=EDITOR))
        name = client.post("/admin/tai-anh/", {"upload": gif}).json()["url"].removeprefix("/media/")
    data = default_storage.open(name).read()
    assert name.endswith(".gif") and b"<script>" not in data and b"GPS" not in data
    image = Image.open(io.BytesIO(data))
    assert image.n_frames == 3 and image.size == (60, 40) and "comment" not in image.info


def big_png(size=(7990, 4990)):
    """A small file of many pixels, like the one of the security review (a 155 KB PNG)."""
    image = Image.new("RGB", size, (240, 236, 228))
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], 400):
        draw.line([(x, 0), (size[0] - x, size[1])], fill=(20, 60, 120), width=9)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_a_big_image_is_stored_reduced_to_the_largest_edge_with_renditions():
    article = make_article(cover_image=SimpleUploadedFile("ban-do-lon.png", big_png()))
    stored = assert_no_metadata(article.cover_image.name)
    assert max(stored.size) <= MAX_EDGE and stored.size == (2664, 1664)
    assert (article.cover_width, article.cover_height) == stored.size


def test_a_big_jpeg_is_decoded_at_a_reduced_size_and_turned_upright():
    photo = photo_with_gps("rong.jpg", size=(7200, 4000), orientation=6)
    article = make_article(cover_image=photo)
    stored = Image.open(default_storage.open(article.cover_image.name))
    assert stored.size == (1000, 1800) and max(stored.size) <= MAX_EDGE


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_nothing_above_the_pixel_limit_is_decoded_even_when_already_stored():
    name = default_storage.save("covers/cu/bom.png", io.BytesIO(png_header_only(9000, 6000)))
    with pytest.raises(Image.DecompressionBombError):
        images.make_renditions(name)


def test_uploads_beyond_the_image_jobs_of_a_process_get_a_vietnamese_message(client, settings):
    settings.IMAGE_JOB_WAIT_SECONDS = 0
    holding, release = threading.Event(), threading.Event()

    def busy_worker():
        with image_job():
            holding.set()
            release.wait(10)

    worker = threading.Thread(target=busy_worker)
    worker.start()
    try:
        assert holding.wait(10)
        client.force_login(make_user(role=EDITOR))
        response = client.post("/admin/tai-anh/", {"upload": photo_with_gps("cho-xu-ly.jpg")})
        assert response.status_code == 503
        assert "Máy chủ đang xử lý nhiều ảnh" in response.json()["error"]["message"]
        data = article_form(make_section(), make_author(), cover_image=photo_with_gps("bia-cho.jpg"))
        response = client.post("/admin/articles/article/add/", data)
        assert response.status_code == 200 and "Máy chủ đang xử lý nhiều ảnh" in response.content.decode()
    finally:
        release.set()
        worker.join()
    assert client.post("/admin/tai-anh/", {"upload": photo_with_gps("cho-xu-ly.jpg")}).status_code == 200
