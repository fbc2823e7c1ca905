"""The client address behind proxies: a header is believed only from a trusted proxy."""

import pytest
from axes.models import AccessAttempt

from comments.models import Comment

from .comment_helpers import post
from .factories import JOURNALIST, make_article, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def behind_proxy(settings):
    settings.COMMENTS_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.1.0.0/16"]
    settings.COMMENTS_RATE_LIMIT = 2


def test_rotating_the_header_when_reaching_gunicorn_directly_does_not_lift_the_rate_limit(client, behind_proxy):
    article = make_article()
    statuses = [
        post(client, article, body=f"Bình luận số {n} gửi thẳng.", REMOTE_ADDR="198.51.100.20",
             HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(4)
    ]
    assert statuses == [303, 303, 429, 429]
    assert set(Comment.objects.values_list("ip_address", flat=True)) == {"198.51.100.20"}


def test_rotating_the_header_does_not_lift_the_login_lockout(client, behind_proxy, settings):
    make_user("phongvien", role=JOURNALIST, password="dung-mat-khau")
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "phongvien", "password": "sai"}, REMOTE_ADDR="198.51.100.20",
                    HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    response = client.post(LOGIN, {"username": "phongvien", "password": "dung-mat-khau"},
                           REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.20"}


def test_the_client_is_the_right_most_address_that_is_not_a_trusted_proxy(client, behind_proxy):
    article = make_article()
    # The reader forged "1.2.3.4"; the CDN (10.1.0.5) and the local proxy (127.0.0.1) appended theirs.
    post(client, article, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.50, 10.1.0.5")
    assert Comment.objects.get().ip_address == "203.0.113.50"


def test_a_header_of_only_proxies_or_garbage_falls_back_to_the_proxy(client, behind_proxy):
    article = make_article()
    post(client, article, body="Bình luận thứ nhất ở đây.", HTTP_X_FORWARDED_FOR="10.1.0.5")
    post(client, article, body="Bình luận thứ hai ở đây.", HTTP_X_FORWARDED_FOR="rác, 10.1.0.5")
    assert list(Comment.objects.values_list("ip_address", flat=True)) == ["127.0.0.1", "127.0.0.1"]


def test_a_login_with_a_foreign_next_lands_on_the_admin_index(client):
    make_user("phongvien", role=JOURNALIST, password="dung-mat-khau")
    for next_url in ("//evil.example/", "https://evil.example/admin/", "/\\evil.example"):
        client.logout()
        response = client.post(f"/admin/login/?next={next_url}", {"username": "phongvien", "password": "dung-mat-khau"})
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
