import io
import unicodedata

import pytest
from django.core.management import call_command

from articles.models import Article, ArticleAuthor, Section, Tag

pytestmark = pytest.mark.django_db


def _generate(**options):
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_content", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_generate_content_makes_vietnamese_articles_with_authors_tags_and_progress():
    out, err = _generate(articles=120, authors=8, tags=30, batch=50)
    assert Article.objects.count() == 120
    assert Section.objects.filter(slug="ha-noi").exists()
    assert "100.0% 120/120" in err
    published = Article.objects.published()
    assert published.count() >= 100
    assert not published.filter(bylines__isnull=True).exists()
    assert ArticleAuthor.objects.count() >= 120 and Tag.objects.count() == 30
    article = published.first()
    assert unicodedata.is_normalized("NFC", article.title + article.body)
    assert any(ch in article.title + article.sapo for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệ")
    assert article.body.startswith("<p>") and article.cover_width == 1200


def test_generate_content_twice_keeps_slugs_unique():
    _generate(articles=60, authors=3, tags=5, seed=7)
    _generate(articles=60, authors=3, tags=5, seed=7)
    assert Article.objects.count() == 120
    assert Article.objects.values("slug").distinct().count() == 120


def test_generated_articles_show_on_the_public_pages(client):
    _generate(articles=40, authors=3, tags=5)
    article = Article.objects.published().newest().first()
    assert article.title in client.get("/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_comments_are_bulk_made_for_published_articles():
    from comments.models import Comment

    _, err = _generate(articles=30, comments=500, authors=2, tags=3, batch=40)
    assert Comment.objects.count() == 500
    assert "100.0% 500/500" in err
    assert set(Comment.objects.values_list("status", flat=True)) <= set(Comment.Status.values)
    assert Comment.objects.filter(status=Comment.Status.APPROVED).count() > 300
    published = set(Article.objects.published().values_list("pk", flat=True))
    assert set(Comment.objects.values_list("article_id", flat=True)) <= published
    assert Comment.objects.dates("created_at", "year").count() > 1, "times spread over years, not all now"
