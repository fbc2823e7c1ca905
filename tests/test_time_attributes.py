"""<time datetime> values are valid HTML: to the second, with the +07:00 offset (issue 13, point 1)."""

import re

import pytest
from django.test import Client

from .normal_use import comment_and_approve, publish_through_admin

pytestmark = pytest.mark.django_db

VALID = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00")


def datetimes(html):
    return re.findall(r'<time datetime="([^"]*)"', html)


def test_xuat_ban_ngay_stores_the_publication_time_to_the_second():
    article, _ = publish_through_admin()
    assert article.published_at.microsecond == 0


def test_bylines_cards_and_comments_write_datetime_to_the_second_with_the_offset():
    article, editor = publish_through_admin()
    comment_and_approve(article, editor)
    client = Client()
    pages = [article.get_absolute_url(), article.section.get_absolute_url(), "/", "/tim-kiem/?q=hang+dao"]
    found = {url: datetimes(client.get(url).content.decode()) for url in pages}
    article_times = found[article.get_absolute_url()]
    assert len(article_times) >= 2, "the byline and the comment carry a time"
    for url, values in found.items():
        assert values, url
        for value in values:
            assert VALID.fullmatch(value), (url, value)
