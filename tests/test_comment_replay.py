"""One form token posted again and again, and bodies far bigger than the form allows."""

import time

import pytest
import time_machine

from comments.forms import MAX_POST_BYTES
from comments.models import Comment

from .comment_helpers import form_data, post
from .factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(title="Phố cổ Hà Nội")


def test_the_same_text_posted_again_with_the_same_token_is_stored_once(client, article):
    data = form_data(article, body="Bài viết hay, cảm ơn tác giả nhiều.")
    responses = [client.post(f"/binh-luan/{article.pk}/", data) for _ in range(3)]
    assert [r.status_code for r in responses] == [303, 303, 303]
    assert len({r["Location"] for r in responses}) == 1  # answered like a success every time
    assert Comment.objects.count() == 1


def test_a_repeat_is_a_duplicate_only_for_the_same_article_address_and_time(client, article, settings):
    body = "Bài viết hay, cảm ơn tác giả nhiều."
    assert post(client, article, body=body).status_code == 303
    assert post(client, article, body=body, REMOTE_ADDR="198.51.100.7").status_code == 303  # another reader
    other = make_article()
    assert post(client, other, body=body).status_code == 303  # another article
    with time_machine.travel(time.time() + settings.COMMENTS_TOKEN_MAX_AGE + 60):
        assert post(client, article, body=body).status_code == 303  # a day later: a new comment
    assert Comment.objects.count() == 4


def test_a_huge_body_gets_a_short_413_without_being_read_or_echoed(client, article):
    huge = "x" * (19 * 1024 * 1024)
    response = client.post(f"/binh-luan/{article.pk}/", form_data(article, body=huge))
    assert response.status_code == 413
    page = response.content.decode()
    assert len(page) < 2000 and "Nội dung gửi lên quá lớn" in page and "xxxx" not in page
    assert not Comment.objects.exists()


def test_the_limit_leaves_room_for_a_full_comment_in_vietnamese(client, article):
    body = ("Hà Nội mùa thu đẹp lắm. " * 200)[:3000]
    name = "Nguyễn Thị Ngọc Ánh"
    data = form_data(article, body=body, name=name)
    assert len("&".join(f"{k}={v}" for k, v in data.items()).encode()) * 3 < MAX_POST_BYTES
    assert client.post(f"/binh-luan/{article.pk}/", data).status_code == 303
    too_long = client.post(f"/binh-luan/{article.pk}/", form_data(article, body=body + "ạ" * 500))
    assert too_long.status_code == 400  # over the form's limit but within the POST limit: the form says so
    assert "Bình luận dài tối đa 3.000 ký tự" in too_long.content.decode()
