"""Uploaded images: upright, without metadata, in renditions; pages use srcset, sizes and lazy loading."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, PngImagePlugin

from articles import derived
from articles.models import Article
from authors.models import Author
from images.renditions import rendition_name

from .factories import EDITOR, make_article, make_section, make_user

pytestmark = pytest.mark.django_db


def photo_with_gps(name="Ảnh phố cổ.jpg", size=(1800, 1000), orientation=6):
    """A JPEG as a phone writes it: sideways pixels, an orientation tag, GPS, camera and a comment."""
    image = Image.new("RGB", size, (30, 90, 160))
    image.paste((220, 40, 40), (0, 0, size[0] // 3, size[1]))  # a red band on the left
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 12"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (21.0, 1.0, 42.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (105.0, 51.0, 12.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"Hoan Kiem", quality=90)
    data = buffer.getvalue()
    check = Image.open(io.BytesIO(data)).getexif()
    assert check.get_ifd(ExifTags.IFD.GPSInfo) and check[ExifTags.Base.Orientation] == orientation
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def assert_no_metadata(name):
    data = default_storage.open(name).read()
    image = Image.open(io.BytesIO(data))
    assert not image.getexif(), f"{name} keeps EXIF"
    assert b"Exif" not in data and b"PhoneMaker" not in data and b"Hoan Kiem" not in data
    assert "icc_profile" not in image.info and "comment" not in image.info and "xmp" not in image.info
    return image


def assert_upright_and_clean_with_renditions(name, width=1000, height=1800):
    original = assert_no_metadata(name)
    assert original.size == (width, height), "EXIF orientation 6 turns the photo upright"
    # The red band was on the left of the sideways photo: upright, it runs along the top.
    assert original.convert("RGB").getpixel((width // 2, 10))[0] > 150
    for w in (320, 640):
        for extension in ("jpg", "webp"):
            rendition = assert_no_metadata(rendition_name(name, w, extension))
            assert rendition.size == (w, round(height * w / width))
    assert not default_storage.exists(rendition_name(name, 1024)), "never enlarged"
    assert assert_no_metadata(rendition_name(name, width, "webp")).size == (width, height)


def test_body_image_upload_is_upright_without_gps_and_in_renditions(client):
    client.force_login(make_user(role=EDITOR))
    response = client.post("/admin/tai-anh/", {"upload": photo_with_gps()})
    assert response.status_code == 200, response.content
    url = response.json()["url"]
    assert re.fullmatch(r"/media/uploads/\d{4}/\d\d/\d\d/anh-pho-co\.jpg", url)
    assert_upright_and_clean_with_renditions(url.removeprefix("/media/"))


def test_cover_image_upload_is_cleaned_with_renditions():
    article = make_article(cover_image=photo_with_gps("bìa.jpg"))
    assert article.cover_image.name.startswith("covers/") and article.cover_image.name.endswith("/bia.jpg")
    assert (article.cover_width, article.cover_height) == (1000, 1800)
    assert_upright_and_clean_with_renditions(article.cover_image.name)


def test_author_photo_upload_is_cleaned_with_renditions():
    author = Author.objects.create(name="Huyền Anh", photo=photo_with_gps("chan dung.jpg", size=(900, 700)))
    assert (author.photo_width, author.photo_height) == (700, 900)
    assert_upright_and_clean_with_renditions(author.photo.name, 700, 900)


def test_png_text_chunks_are_dropped():
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "21.0285 N, 105.8542 E")
    buffer = io.BytesIO()
    Image.new("RGB", (700, 400), (10, 120, 60)).save(buffer, "PNG", pnginfo=info)
    article = make_article(cover_image=SimpleUploadedFile("so-do.png", buffer.getvalue()))
    image = assert_no_metadata(article.cover_image.name)
    assert not image.text
    assert default_storage.exists(rendition_name(article.cover_image.name, 640, "png"))


def test_broken_image_upload_is_refused_with_a_message(client):
    client.force_login(make_user(role=EDITOR))
    data = photo_with_gps().read()
    broken = SimpleUploadedFile("hong.jpg", data[: len(data) // 2], content_type="image/jpeg")
    response = client.post("/admin/tai-anh/", {"upload": broken})
    assert response.status_code == 400
    assert "Không đọc được ảnh" in response.json()["error"]["message"] or "không phải là ảnh" in (
        response.json()["error"]["message"]
    )


def uploaded_body_image(client, name="Ảnh phố cổ.jpg"):
    client.force_login(make_user(role=EDITOR))
    return client.post("/admin/tai-anh/", {"upload": photo_with_gps(name)}).json()["url"]


def test_body_images_get_picture_srcset_sizes_dimensions_and_lazy_loading(client):
    first, second = uploaded_body_image(client, "mot.jpg"), uploaded_body_image(client, "hai.jpg")
    body = (
        f'<p>Mở đầu.</p><figure class="image"><img src="{first}" alt="Phố cổ"><figcaption>Một</figcaption></figure>'
        f'<figure class="image"><img src="{second}" alt="Hồ Gươm" srcset="javascript:alert(1) 1w"></figure>'
        '<p><img src="https://example.com/ngoai.jpg" alt="Ảnh ngoài" sizes="1px"></p>'
    )
    article = make_article(body=body)
    stem = first.removesuffix(".jpg")
    assert (
        f'<picture><source type="image/webp" srcset="{stem}.w320.webp 320w, {stem}.w640.webp 640w, '
        f'{stem}.w1000.webp 1000w" sizes="(min-width: 48rem) 42rem, 100vw">'
        f'<img src="{first}" srcset="{stem}.w320.jpg 320w, {stem}.w640.jpg 640w, {first} 1000w" '
        f'sizes="(min-width: 48rem) 42rem, 100vw" alt="Phố cổ" width="1000" height="1800">'
        "</picture>"
    ) in article.body
    second_img = re.search(r'<img src="' + re.escape(second) + '"[^>]*>', article.body).group(0)
    assert 'loading="lazy"' in second_img and 'width="1000"' in second_img and "javascript" not in article.body
    assert '<img src="https://example.com/ngoai.jpg" alt="Ảnh ngoài" loading="lazy">' in article.body

    article.save()
    resaved = Article.objects.get(pk=article.pk)
    resaved.save()
    assert resaved.body == article.body, "saving again changes nothing"


def test_body_images_keep_working_when_the_editor_sends_plain_img_again(client):
    url = uploaded_body_image(client)
    article = make_article(body=f'<figure class="image"><img src="{url}" alt="Phố"></figure>')
    with_picture = article.body
    article.body = f'<figure class="image"><img src="{url}" alt="Phố"></figure>'  # CKEditor drops <picture>
    derived.save(article)
    assert article.body == with_picture


def test_images_from_before_renditions_get_them_when_the_body_is_saved():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (90, 90, 90)).save(buffer, "JPEG")
    name = default_storage.save("uploads/cu/anh-cu.jpg", io.BytesIO(buffer.getvalue()))
    make_article(body=f'<p><img src="/media/{name}" alt="Cũ"></p>')
    assert default_storage.exists(rendition_name(name, 640, "webp"))


def test_article_page_cover_is_responsive_and_not_lazy(client):
    article = make_article(title="Bài có ảnh bìa", cover_image=photo_with_gps("bia.jpg"), cover_alt="Phố cổ")
    page = client.get(article.get_absolute_url()).content.decode()
    cover = re.search(r'<figure class="cover">(.*?)</figure>', page, re.S).group(1)
    assert 'type="image/webp"' in cover and "srcset=" in cover and 'sizes="' in cover
    assert 'width="1000" height="1800"' in cover and 'alt="Phố cổ"' in cover
    assert 'loading="lazy"' not in cover


def test_list_pages_load_only_the_first_card_image_at_once(client):
    section = make_section(slug="ha-noi")
    for i in range(3):
        make_article(title=f"Bài {i}", section=section, cover_image=photo_with_gps(f"anh-{i}.jpg", size=(700, 500)))
    page = client.get("/ha-noi/").content.decode()
    images = re.findall(r"<img [^>]*>", page[:page.index('<aside class="sidebar"')])  # the list, not the sidebar
    assert len(images) == 3
    assert 'loading="lazy"' not in images[0]
    assert all('loading="lazy"' in img and 'width="500" height="700"' in img for img in images[1:])
    assert all('sizes="(min-width: 48rem) 14rem, 100vw"' in img for img in images)


def test_author_page_photo_has_renditions(client):
    author = Author.objects.create(name="Minh Châu", photo=photo_with_gps("mc.jpg", size=(900, 700)))
    page = client.get(author.get_absolute_url()).content.decode()
    assert '<picture class="author-photo">' in page and 'sizes="120px"' in page


def test_demo_content_has_sizes_and_renditions():
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    assert not Author.objects.exclude(photo="").filter(photo_width__isnull=True).exists()
    assert not Article.objects.exclude(cover_image="").filter(cover_width__isnull=True).exists()
    reference = Article.objects.get(slug__startswith="chi-so-cai-cach-hanh-chinh")
    assert reference.body.count("<picture>") >= 2
    assert default_storage.exists(rendition_name(reference.cover_image.name, 640, "webp"))
