"""Long comment threads come in pages of 50 threads: plain links, cacheable URLs, replies with their parent."""

import datetime
import re

import pytest
from django.utils import timezone

from comments.models import Comment

from .factories import make_article
from .test_query_budget_pages import BUDGET

pytestmark = pytest.mark.django_db


def _thread(article, count, replies_to=()):
    """`count` approved top-level comments, one minute apart, and a staff reply to each of `replies_to`."""
    start = timezone.now() - datetime.timedelta(days=3)
    tops = Comment.objects.bulk_create([
        Comment(article=article, name=f"Bạn đọc {n}", email="a@example.com", body=f"Ý kiến số {n}.",
                status="approved", created_at=start + datetime.timedelta(minutes=n))
        for n in range(count)
    ])
    Comment.objects.bulk_create([
        Comment(article=article, parent=tops[n], name="Ban biên tập", email="b@example.com",
                body=f"Trả lời ý kiến {n}.", status="approved", is_staff_reply=True,
                created_at=start + datetime.timedelta(days=2, minutes=n))
        for n in replies_to
    ])
    return tops


def _comments(html):
    return re.findall(r'<p class="comment-body">([^<]*)</p>', html)


@pytest.fixture
def article():
    return make_article(title="Hồ Gươm những ngày cuối năm")


def test_a_long_thread_shows_the_first_fifty_threads_and_links_to_the_rest(client, article):
    _thread(article, 120, replies_to=[3, 60])
    first = client.get(article.get_absolute_url()).content.decode()
    assert "(122) Bình luận" in first
    bodies = _comments(first)
    assert bodies[:4] == ["Ý kiến số 0.", "Ý kiến số 1.", "Ý kiến số 2.", "Ý kiến số 3."]
    assert bodies[4] == "Trả lời ý kiến 3."  # the reply stays under its parent, though written later
    assert len(bodies) == 51 and bodies[-1] == "Ý kiến số 49."
    assert '<span class="pagination-current">Trang 1 / 3</span>' in first
    assert 'rel="next" href="?trang-binh-luan=2#binh-luan"' in first
    assert 'rel="prev"' not in first.split("comment-pages")[1]

    second = client.get(article.get_absolute_url() + "?trang-binh-luan=2").content.decode()
    bodies = _comments(second)
    assert bodies[0] == "Ý kiến số 50." and "Trả lời ý kiến 60." in bodies and len(bodies) == 51
    # Page 1 is the article's own address (one cached copy), the others their own.
    assert f'rel="prev" href="{article.get_absolute_url()}#binh-luan"' in second
    assert 'rel="next" href="?trang-binh-luan=3#binh-luan"' in second

    third = client.get(article.get_absolute_url() + "?trang-binh-luan=3").content.decode()
    assert _comments(third)[-1] == "Ý kiến số 119." and len(_comments(third)) == 20
    assert 'rel="prev" href="?trang-binh-luan=2#binh-luan"' in third and "Bình luận sau" not in third


def test_reply_links_keep_the_comment_page(client, article):
    _thread(article, 60)
    second = client.get(article.get_absolute_url() + "?trang-binh-luan=2").content.decode()
    assert 'href="?trang-binh-luan=2&amp;tra-loi=' in second
    pk = Comment.objects.get(body="Ý kiến số 55.").pk
    replying = client.get(article.get_absolute_url() + f"?trang-binh-luan=2&tra-loi={pk}").content.decode()
    assert "Bạn đang trả lời bình luận của <strong>Bạn đọc 55</strong>" in replying


def test_a_short_thread_has_no_page_links(client, article):
    _thread(article, 50)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "(50) Bình luận" in page and "comment-pages" not in page


@pytest.mark.parametrize("value", ["abc", "0", "-1", "99999999999", "2.5"])
def test_a_wrong_or_past_the_end_comment_page_shows_a_real_page(client, article, value):
    _thread(article, 60)
    response = client.get(article.get_absolute_url() + f"?trang-binh-luan={value}")
    assert response.status_code == 200
    assert len(_comments(response.content.decode())) in (50, 10)


def test_a_page_past_the_end_shows_the_last(client, article):
    _thread(article, 60)
    page = client.get(article.get_absolute_url() + "?trang-binh-luan=7").content.decode()
    assert '<span class="pagination-current">Trang 2 / 2</span>' in page and _comments(page)[0] == "Ý kiến số 50."


def test_each_comment_page_is_cached_under_its_own_address(client, article, settings):
    settings.PAGE_CACHE_ENABLED = True
    _thread(article, 60)
    url = article.get_absolute_url()
    client.get(url), client.get(url + "?trang-binh-luan=2")
    first, second = client.get(url), client.get(url + "?trang-binh-luan=2")
    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "hit"
    assert "Ý kiến số 0." in first.content.decode() and "Ý kiến số 0." not in second.content.decode()
    assert "Ý kiến số 50." in second.content.decode()
    # An approved comment changes every page of the thread (here it becomes the 61st thread).
    from comments import moderation

    waiting = Comment.objects.create(article=article, name="Người mới", email="c@example.com", body="Ý kiến mới.")
    moderation.approve([waiting], None)
    assert "Ý kiến mới." in client.get(url + "?trang-binh-luan=2").content.decode()
    assert "(61) Bình luận" in client.get(url).content.decode()


def test_a_long_thread_costs_one_comment_query(client, article, django_assert_max_num_queries):
    _thread(article, 2000, replies_to=range(0, 2000, 10))
    with django_assert_max_num_queries(BUDGET["article"]):
        page = client.get(article.get_absolute_url()).content.decode()
    assert "(2200) Bình luận" in page and len(_comments(page)) == 55


def test_a_comments_address_is_on_its_page(article):
    tops = _thread(article, 60, replies_to=[55])
    reply = Comment.objects.get(parent=tops[55])
    assert tops[3].get_absolute_url() == f"{article.get_absolute_url()}#binh-luan-{tops[3].pk}"
    assert reply.get_absolute_url() == f"{article.get_absolute_url()}?trang-binh-luan=2#binh-luan-{reply.pk}"
