import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from roles.newsroom import EDITOR

from .factories import make_article, make_user

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def articles():
    now = timezone.now()
    return {
        "published": make_article(status=Article.Status.PUBLISHED, published_at=now - HOUR),
        "draft": make_article(status=Article.Status.DRAFT, published_at=now - HOUR),
        "review": make_article(status=Article.Status.REVIEW, published_at=now - HOUR),
        "scheduled": make_article(status=Article.Status.PUBLISHED, published_at=now + HOUR),
        "archived": make_article(status=Article.Status.ARCHIVED, published_at=now - HOUR),
    }


def test_published_returns_only_published_articles_whose_time_has_come(articles):
    assert list(Article.objects.published()) == [articles["published"]]


@pytest.mark.parametrize("name", ["draft", "review", "scheduled", "archived"])
def test_unpublished_article_is_404_to_readers_on_every_public_page(client, articles, name):
    article = articles[name]
    assert client.get(article.get_absolute_url()).status_code == 404
    for url in ("/", article.section.get_absolute_url()):
        assert article.title not in client.get(url).content.decode()


@pytest.mark.parametrize("name", ["draft", "review", "scheduled", "archived"])
def test_is_published_agrees_with_the_queryset(articles, name):
    assert not articles[name].is_published()
    assert articles["published"].is_published()


def test_scheduled_article_appears_when_its_time_comes(articles):
    scheduled = articles["scheduled"]
    later = timezone.now() + 2 * HOUR
    assert scheduled in Article.objects.published(now=later)
    assert scheduled.is_published(now=later)


def test_publishing_without_a_time_stamps_the_current_time():
    article = make_article(status=Article.Status.PUBLISHED, published_at=None)
    assert article.published_at is not None
    assert article.is_published()


def test_editors_see_a_draft_with_a_banner_at_its_public_url(client, articles):
    client.force_login(make_user(role=EDITOR))
    response = client.get(articles["draft"].get_absolute_url())
    assert response.status_code == 200
    assert "Bản nháp" in response.content.decode()


def test_published_article_has_no_draft_banner_for_staff(client, articles):
    client.force_login(make_user(role=EDITOR))
    response = client.get(articles["published"].get_absolute_url())
    assert "Bản nháp" not in response.content.decode()


def test_logged_in_reader_without_staff_rights_gets_404_for_a_draft(client, articles):
    client.force_login(make_user())
    assert client.get(articles["draft"].get_absolute_url()).status_code == 404
