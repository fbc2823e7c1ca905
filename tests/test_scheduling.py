"""An article scheduled for 08:00 is public at 08:00, on every page, with no cron job."""

import datetime

import pytest
import time_machine
from django.contrib.admin.models import LogEntry

from articles import workflow
from articles.models import Article

from .admin_forms import local
from .factories import EDITOR, make_article, make_author, make_section, make_user

pytestmark = pytest.mark.django_db

EIGHT = local("08:00:00 05/04/2024")
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def scheduled():
    with time_machine.travel(EIGHT - datetime.timedelta(days=1), tick=False):
        section = make_section(name="Hà Nội")
        author = make_author(name="Huyền Anh")
        make_article(title="Bài cũ hơn", section=section, tags=["Phố cổ"])
        article = make_article(
            title="Bài hẹn giờ tám giờ", section=section, authors=[author], tags=["Phố cổ"],
            status=Article.Status.DRAFT, published_at=None,
        )
        workflow.schedule(article, make_user(role=EDITOR), EIGHT)
    return article


def public_pages(article):
    return [
        "/", article.section.get_absolute_url(), article.tags.get().get_absolute_url(),
        article.byline_authors()[0].get_absolute_url(),
    ]


def test_a_scheduled_article_is_hidden_one_second_before_its_time(client, scheduled):
    with time_machine.travel(EIGHT - SECOND, tick=False):
        assert client.get(scheduled.get_absolute_url()).status_code == 404
        for url in public_pages(scheduled):
            response = client.get(url)
            assert response.status_code == 200, url
            assert "Bài hẹn giờ tám giờ" not in response.content.decode(), url


def test_a_scheduled_article_is_everywhere_one_second_after_its_time(client, scheduled):
    with time_machine.travel(EIGHT + SECOND, tick=False):
        assert client.get(scheduled.get_absolute_url()).status_code == 200
        for url in public_pages(scheduled):
            assert "Bài hẹn giờ tám giờ" in client.get(url).content.decode(), url


def test_a_scheduled_article_is_public_at_the_exact_second(client, scheduled):
    with time_machine.travel(EIGHT, tick=False):
        assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_the_schedule_is_logged_in_local_time(scheduled):
    assert LogEntry.objects.get(object_id=str(scheduled.pk)).get_change_message() == "Hẹn giờ 08:00 05/04/2024"
