"""Saving keeps an article's invariants; derived work (image markup and renditions, search text)
is one explicit step, articles.derived.derive(), that the admin and the bulk paths call (the
WordPress import: tests/test_wordpress_import.py checks its <picture> markup)."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from articles import workflow
from articles.models import Article
from images.renditions import store_upload

from .admin_forms import ARTICLE_URL, article_data
from .factories import EDITOR, make_article, make_section, make_user

pytestmark = pytest.mark.django_db


def stored_image_url():
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), "teal").save(buffer, "JPEG")
    upload = ContentFile(buffer.getvalue(), name="pho-co.jpg")
    return f"/media/{store_upload(upload, 'uploads/test')}"


def body_with_image():
    return f'<p>Phố cổ.</p><figure class="image"><img src="{stored_image_url()}" alt="Phố"></figure><script>x</script>'


def test_save_keeps_the_invariants_and_derives_nothing():
    article = Article.objects.create(
        title="Phố Cổ", section=make_section(), body=body_with_image(), sapo="Ha\u0300 No\u0302\u0323i",
    )
    assert article.slug == "pho-co" and article.sapo == "Hà Nội"  # a slug, NFC
    assert "<script>" not in article.body  # sanitized
    assert "<picture>" not in article.body and article.search_title == ""  # nothing derived


def test_the_admin_derives_image_markup_and_search_text(client):
    client.force_login(make_user(role=EDITOR))
    section = make_section()
    data = article_data(section=section, title="Phố Hàng Mã", body=body_with_image())
    assert client.post(f"{ARTICLE_URL}add/", data).status_code == 302
    article = Article.objects.get(title="Phố Hàng Mã")
    assert "<picture>" in article.body and 'width="900"' in article.body
    assert article.search_title == " pho hang ma "


def test_generate_content_derives_the_search_text():
    call_command("generate_content", articles=3, authors=2, tags=3, stdout=io.StringIO(), stderr=io.StringIO())
    assert not Article.objects.filter(search_title="").exists()


def test_publishing_is_one_save_and_derives_nothing():
    article = make_article(status=Article.Status.REVIEW, published_at=None, body=body_with_image())
    with CaptureQueriesContext(connection) as queries:
        workflow.publish(article, make_user(role=EDITOR))
    writes = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "articles_article"')]
    assert len(writes) == 1, writes
