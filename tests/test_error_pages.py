from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_lost_database_gives_a_503_with_retry_after_and_no_database_needed_for_the_page():
    client = Client(raise_request_exception=False)
    with mock.patch("articles.views.Article.objects.published", side_effect=OperationalError("server closed")):
        response = client.get("/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "10"
    page = response.content.decode()
    assert "Xin lỗi, trang đang gặp sự cố" in page
    assert "<style" not in page and "<script" not in page  # the CSP allows neither inline


def test_other_errors_stay_a_500():
    client = Client(raise_request_exception=False)
    with mock.patch("articles.views.Article.objects.published", side_effect=RuntimeError("bug")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response.headers
