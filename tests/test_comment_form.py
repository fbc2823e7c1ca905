import datetime
import time
import unicodedata

import pytest
import time_machine
from django.utils import timezone

from comments.models import Comment
from comments.protection import make_token

from .comment_helpers import VALID_BODY, aged_token, make_comment, post
from .factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(title="Phố cổ Hà Nội")


def _errors_page(response):
    assert response["Cache-Control"].find("no-store") >= 0
    return response.content.decode()


def test_valid_comment_is_stored_pending_and_reader_is_told_it_awaits_approval(client, article):
    response = post(client, article, HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux) Reader")
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}?binh-luan=cho-duyet#binh-luan"
    comment = Comment.objects.get()
    assert (comment.article, comment.name, comment.email, comment.body) == (
        article, "Nguyễn Văn An", "an@example.com", VALID_BODY,
    )
    assert comment.status == Comment.Status.PENDING
    assert comment.ip_address == "127.0.0.1"
    assert comment.user_agent == "Mozilla/5.0 (X11; Linux) Reader"
    page = client.get(response["Location"]).content.decode()
    assert "Bình luận đã được gửi và đang chờ ban biên tập duyệt" in page


def test_with_moderation_off_a_comment_is_published_at_once(client, article, settings):
    settings.COMMENTS_MODERATION = False
    response = post(client, article)
    assert response["Location"].endswith("?binh-luan=da-dang#binh-luan")
    assert Comment.objects.get().status == Comment.Status.APPROVED
    page = client.get(response["Location"]).content.decode()
    assert "Bình luận của bạn đã được đăng" in page
    assert VALID_BODY in page


def test_errors_come_back_in_vietnamese_next_to_fields_with_input_intact(client, article):
    response = post(client, article, name="", email="khong-phai-email", body="Ngắn <b>")
    assert response.status_code == 400
    page = _errors_page(response)
    assert 'id="loi-ten">Vui lòng nhập họ tên.</p>' in page
    assert 'id="loi-email">Email chưa đúng, ví dụ: ten@example.com.</p>' in page
    assert 'id="loi-noi-dung">Bình luận cần ít nhất 10 ký tự (hiện có 8).</p>' in page
    assert 'value="khong-phai-email"' in page
    assert ">Ngắn &lt;b&gt;</textarea>" in page
    assert not Comment.objects.exists()


def test_too_long_name_and_text_are_refused_with_their_length(client, article):
    response = post(client, article, name="A" * 81, body="x" * 3001)
    page = _errors_page(response)
    assert "Họ tên dài tối đa 80 ký tự (hiện có 81)." in page
    assert "Bình luận dài tối đa 3.000 ký tự (hiện có 3.001)." in page
    assert post(client, article, name="A" * 80, body="x" * 3000).status_code == 303


def test_text_is_stored_trimmed_and_nfc_and_measured_as_readers_see_it(client, article):
    name = unicodedata.normalize("NFD", "Đặng Thị Hồng")
    body = unicodedata.normalize("NFD", "  Cảm ơn bài viết về Đống Đa!\r\nDòng hai.  ")
    assert post(client, article, name=name, body=body).status_code == 303
    comment = Comment.objects.get()
    assert comment.name == "Đặng Thị Hồng"
    assert comment.body == "Cảm ơn bài viết về Đống Đa!\nDòng hai."
    assert unicodedata.is_normalized("NFC", comment.body)
    # 80 composed letters are allowed even though their NFD form is 160 code points long.
    long_name = unicodedata.normalize("NFD", "Ế" * 80)
    assert len(long_name) > 80
    assert post(client, article, name=long_name, REMOTE_ADDR="10.0.0.2").status_code == 303


def test_honeypot_filled_is_dropped_silently(client, article):
    response = post(client, article, website="http://spam.example")
    assert response.status_code == 303
    assert response["Location"].endswith("?binh-luan=cho-duyet#binh-luan")
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "token, message, again_at_once",
    [
        ("", "Biểu mẫu không hợp lệ", False),
        ("gia-mao:abc", "Biểu mẫu không hợp lệ", False),
        ("FORGED", "Biểu mẫu không hợp lệ", False),
        ("OTHER", "Biểu mẫu không thuộc bài viết này", False),
        ("YOUNG", "Bạn gửi nhanh quá", False),
        # A page open (or cached) for over a day: one more click sends it.
        ("EXPIRED", "Trang đã mở quá lâu nên biểu mẫu hết hạn", True),
    ],
)
def test_bad_tokens_are_refused_and_the_form_comes_back_with_a_fresh_one(
    client, article, token, message, again_at_once
):
    good = aged_token(article)
    tokens = {
        "FORGED": good[:-3] + ("aaa" if not good.endswith("aaa") else "bbb"),
        "OTHER": aged_token(make_article()),
        "YOUNG": make_token(article, now=time.time() - 1),
        "EXPIRED": aged_token(article, seconds=24 * 3600 + 5),
    }
    response = post(client, article, token=tokens.get(token, token), body="Nội dung tôi đã gõ rất lâu.")
    assert response.status_code == 400
    page = _errors_page(response)
    assert message in page
    assert "Nội dung tôi đã gõ rất lâu." in page
    assert not Comment.objects.exists()
    fresh = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    assert fresh != tokens.get(token, token)
    now = time.time()
    with time_machine.travel(now, tick=False):
        assert (post(client, article, token=fresh).status_code == 303) is again_at_once
    with time_machine.travel(now + 4, tick=False):
        assert post(client, article, token=fresh, REMOTE_ADDR="10.0.0.9").status_code == 303


def test_a_form_sent_back_for_field_errors_can_be_sent_again_at_once(client, article):
    page = post(client, article, body="ngắn").content.decode()
    fresh = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    assert post(client, article, token=fresh).status_code == 303


def test_token_endpoint_gives_a_fresh_token_without_cookie_or_caching(client, article):
    response = client.get(f"/binh-luan/{article.pk}/token/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    data = response.json()
    assert data["min_age"] == 3
    # A page served from a cache a day ago carries an expired token; the fresh one works.
    stale = aged_token(article, seconds=25 * 3600)
    assert post(client, article, token=stale).status_code == 400
    with time_machine.travel(time.time() + 4, tick=False):
        assert post(client, article, token=data["token"]).status_code == 303


def test_token_endpoint_refuses_closed_and_unknown_articles(client):
    closed = make_article(allow_comments=False)
    assert client.get(f"/binh-luan/{closed.pk}/token/").status_code == 403
    draft = make_article(status="draft")
    assert client.get(f"/binh-luan/{draft.pk}/token/").status_code == 404


def test_article_page_form_links_the_token_endpoint_and_script(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'data-token-url="/binh-luan/{article.pk}/token/"' in page
    assert "/static/js/comments.js" in page


def test_comments_close_when_the_article_disallows_them(client):
    article = make_article(allow_comments=False)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Bình luận đã đóng" in page
    assert 'class="comment-form"' not in page
    response = post(client, article)
    assert response.status_code == 403
    assert "Bình luận đã đóng" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_close_n_days_after_publication(client, settings):
    old = make_article(published_at=timezone.now() - datetime.timedelta(days=31))
    recent = make_article(published_at=timezone.now() - datetime.timedelta(days=29))
    assert post(client, old).status_code == 403
    assert "Bình luận đã đóng" in client.get(old.get_absolute_url()).content.decode()
    assert post(client, recent).status_code == 303
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    assert post(client, old, REMOTE_ADDR="10.0.0.3").status_code == 303


def test_unpublished_articles_take_no_comments(client):
    draft = make_article(status="draft")
    assert post(client, draft).status_code == 404
    assert not Comment.objects.exists()


def test_get_of_the_post_url_leads_back_to_the_article(client, article):
    response = client.get(f"/binh-luan/{article.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#binh-luan"


def test_reader_reply_joins_the_thread_of_an_approved_comment(client, article):
    parent = make_comment(article)
    reply_to_reply = make_comment(article, parent=parent)
    assert post(client, article, parent=reply_to_reply.pk).status_code == 303
    assert Comment.objects.latest("pk").parent == parent
    hidden = make_comment(article, status=Comment.Status.PENDING)
    response = post(client, article, parent=hidden.pk)
    assert response.status_code == 400
    assert "Bình luận bạn muốn trả lời không còn hiển thị." in response.content.decode()

