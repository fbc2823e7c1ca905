import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client

from comments.models import BlockedWord, Comment

from .comment_helpers import form_data, post
from .factories import make_article


@pytest.fixture
def article(db):
    return make_article()


@pytest.mark.django_db
def test_sixth_comment_in_ten_minutes_from_one_ip_gets_429_in_vietnamese(client, article):
    for n in range(5):
        assert post(client, article, body=f"Bình luận thứ {n + 1} của tôi.").status_code == 303
    response = post(client, article, body="Bình luận thứ sáu của tôi.")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Bạn đã gửi nhiều bình luận trong thời gian ngắn" in page
    assert "Bình luận thứ sáu của tôi." in page  # nothing typed is lost
    assert Comment.objects.count() == 5
    # Another address is not affected.
    assert post(client, article, REMOTE_ADDR="198.51.100.7").status_code == 303


@pytest.mark.django_db
def test_rate_limit_window_ends(client, article):
    import time

    import time_machine

    with time_machine.travel(time.time(), tick=False) as traveller:
        for _ in range(5):
            assert post(client, article).status_code == 303
        assert post(client, article).status_code == 429
        traveller.shift(601)
        assert post(client, article).status_code == 303


@pytest.mark.django_db
def test_rate_limit_comes_from_settings(client, article, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    assert post(client, article).status_code == 303
    assert post(client, article).status_code == 429


@pytest.mark.django_db
def test_forwarded_header_is_ignored_unless_trusted(client, article, settings):
    post(client, article, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert Comment.objects.get().ip_address == "10.0.0.1"
    settings.COMMENTS_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The proxy appends the address it saw; earlier entries are whatever the client sent.
    post(client, article, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.50")
    assert Comment.objects.latest("pk").ip_address == "203.0.113.50"
    post(client, article, body="Một bình luận khác hẳn.", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="rác")
    assert Comment.objects.latest("pk").ip_address == "10.0.0.1"


@pytest.mark.django_db
def test_trusted_proxy_address_is_what_the_rate_limit_counts(client, article, settings):
    settings.COMMENTS_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.COMMENTS_RATE_LIMIT = 2
    for _ in range(2):
        assert post(client, article, HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 303
    assert post(client, article, HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429
    assert post(client, article, HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 303


@pytest.mark.django_db
def test_two_links_are_held_for_moderation_even_when_approval_is_off(client, article, settings):
    settings.COMMENTS_MODERATION = False
    post(client, article, body="Xem thêm tại https://a.example/1 nhé.")
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED
    response = post(client, article, body="Xem https://a.example/1 và www.b.example nữa.")
    assert response["Location"].endswith("?binh-luan=cho-duyet#binh-luan")
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING


@pytest.mark.django_db
def test_blocked_word_marks_comment_as_spam_never_shown(client, article, settings):
    settings.COMMENTS_MODERATION = False
    BlockedWord.objects.create(word="Cá Độ")
    response = post(client, article, body="Mời vào chơi CÁ ĐỘ bóng đá ngay.")
    assert response["Location"].endswith("?binh-luan=cho-duyet#binh-luan")  # the spammer learns nothing
    assert Comment.objects.get().status == Comment.Status.SPAM
    page = client.get(article.get_absolute_url()).content.decode()
    assert "bóng đá ngay" not in page
    assert "(0) Bình luận" in page


@pytest.mark.django_db
def test_blocked_word_matches_whole_words_in_name_and_email_too(client, article, settings):
    settings.COMMENTS_MODERATION = False
    BlockedWord.objects.create(word="casino")
    post(client, article, body="Tôi thích bài về casinofree? Không, bài về phố cổ.")
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED
    post(client, article, name="Casino Online")
    assert Comment.objects.latest("pk").status == Comment.Status.SPAM
    post(client, article, email="ban@casino.example")
    assert Comment.objects.latest("pk").status == Comment.Status.SPAM


@pytest.mark.django_db
def test_blocked_word_written_in_decomposed_form_still_matches(client, article):
    import unicodedata

    BlockedWord.objects.create(word="lừa đảo")
    post(client, article, body=unicodedata.normalize("NFD", "Trang này Lừa Đảo mọi người."))
    assert Comment.objects.get().status == Comment.Status.SPAM


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_readers_posting_at_once_are_each_stored_exactly_once(article, settings):
    """20 threads, 4 addresses: every accepted POST is stored once, no address beyond the limit.

    SQLite's in-memory test database refuses concurrent writers ("table is locked", answered 503);
    PostgreSQL must accept every POST the rate limit lets through."""
    settings.COMMENTS_RATE_LIMIT = 4
    start = threading.Barrier(20)
    results = {}

    def reader(n):
        client = Client(REMOTE_ADDR=f"192.0.2.{n % 4 + 1}", raise_request_exception=False)
        data = form_data(article, body=f"Bình luận đồng thời số {n:02d}.")
        start.wait()
        try:
            results[n] = client.post(f"/binh-luan/{article.pk}/", data).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    stored = list(Comment.objects.values_list("body", "ip_address"))
    bodies = [body for body, _ in stored]
    assert len(bodies) == len(set(bodies)), "a POST was stored twice"
    accepted = {f"Bình luận đồng thời số {n:02d}." for n, status in results.items() if status == 303}
    assert accepted <= set(bodies), "an accepted POST was not stored"
    assert accepted
    per_ip = Counter(ip for _, ip in stored)
    assert max(per_ip.values()) <= 4
    if connection.vendor == "sqlite":
        assert set(results.values()) <= {303, 429, 503}
    else:
        assert sorted(results.values()) == [303] * 16 + [429] * 4
        assert set(bodies) == accepted
