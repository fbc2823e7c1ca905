import datetime
import re

import pytest
from django.contrib.auth import get_user_model

from comments import moderation
from comments.models import Comment

from .comment_helpers import make_comment, post
from .factories import make_article, make_author, make_section
from .test_query_budget_pages import BUDGET

pytestmark = pytest.mark.django_db

XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'><a href="javascript:alert(3)">x</a>'


@pytest.fixture
def article():
    return make_article(title="Hồ Tây mùa thu")


def _section(client, article, query=""):
    page = client.get(article.get_absolute_url() + query).content.decode()
    return page.split('id="binh-luan"', 1)[1].split("</section>", 1)[0]


def test_count_and_approved_comments_oldest_first_with_time_format(client, article):
    first = make_comment(article, name="Người thứ nhất", body="Bình luận cũ hơn.")
    first.created_at = datetime.datetime(2024, 4, 4, 8, 43, tzinfo=datetime.UTC)
    first.save()
    make_comment(article, name="Người thứ hai", body="Bình luận mới hơn.")
    section = _section(client, article)
    assert "(2) Bình luận" in section
    assert section.index("Bình luận cũ hơn.") < section.index("Bình luận mới hơn.")
    assert ">15:43 04/04/2024</time>" in section


def test_pending_rejected_and_spam_are_never_shown_or_counted(client, article):
    for status in ("pending", "rejected", "spam"):
        make_comment(article, body=f"Bình luận trạng thái {status}.", status=status)
    section = _section(client, article)
    assert "(0) Bình luận" in section
    assert "trạng thái" not in section


def test_count_follows_approve_and_reject(client, article, admin_user):
    comment = make_comment(article, status="pending", body="Chờ duyệt rồi mới hiện.")
    assert "(0) Bình luận" in _section(client, article)
    moderation.approve(Comment.objects.filter(pk=comment.pk), admin_user)
    section = _section(client, article)
    assert "(1) Bình luận" in section and "Chờ duyệt rồi mới hiện." in section
    moderation.reject(Comment.objects.filter(pk=comment.pk), admin_user)
    section = _section(client, article)
    assert "(0) Bình luận" in section and "Chờ duyệt rồi mới hiện." not in section


def test_replies_are_one_level_and_staff_replies_are_marked(client, article):
    parent = make_comment(article, name="Bạn đọc A", body="Câu hỏi của bạn đọc A?")
    staff = get_user_model().objects.create_user("bientap", is_staff=True)
    moderation.publish_staff_reply(Comment(body="Cảm ơn bạn, toà soạn trả lời."), parent, staff)
    make_comment(article, parent=parent, name="Bạn đọc B", body="Tôi cũng thắc mắc.")
    make_comment(article, parent=parent, name="Bạn đọc C", body="Trả lời chưa duyệt.", status="pending")
    section = _section(client, article)
    assert "(3) Bình luận" in section
    replies = section.split('class="comment-replies"', 1)[1]
    staff_reply = replies.split('class="comment comment-staff"', 1)[1].split("</article>", 1)[0]
    assert '<span class="comment-badge">Ban biên tập</span>' in staff_reply
    assert "Cảm ơn bạn, toà soạn trả lời." in staff_reply
    assert "Cảm ơn bạn, toà soạn trả lời." in replies and "Tôi cũng thắc mắc." in replies
    assert "Trả lời chưa duyệt." not in section


def test_replies_to_a_hidden_comment_are_hidden_too(client, article, admin_user):
    parent = make_comment(article, body="Sẽ bị từ chối sau.")
    make_comment(article, parent=parent, body="Trả lời của bình luận bị ẩn.")
    moderation.reject([parent], admin_user)
    section = _section(client, article)
    assert "(0) Bình luận" in section and "bị ẩn" not in section


def test_text_keeps_line_breaks_without_links_or_html(client, article):
    make_comment(article, body="Dòng một\nDòng hai https://vi.example/x")
    section = _section(client, article)
    assert "Dòng một<br>Dòng hai https://vi.example/x" in section
    assert 'href="https://vi.example' not in section


def test_xss_in_every_field_is_inert_on_the_page(client, article, settings):
    settings.COMMENTS_MODERATION = False
    response = post(client, article, name=XSS[:80], email="x@example.com", body=XSS)
    assert response.status_code == 303, response.content.decode()
    section = _section(client, article)
    assert "<script>" not in section and "<img src=x" not in section and 'href="javascript' not in section
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section


def test_xss_in_a_refused_form_is_escaped_when_echoed_back(client, article):
    response = post(client, article, name=XSS, email=XSS, body=XSS)
    assert response.status_code == 400
    page = response.content.decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert 'value="&lt;script&gt;' in page


def test_email_ip_and_user_agent_never_appear_on_the_page(client, article):
    make_comment(article, email="bi-mat@example.com", ip_address="203.0.113.77", user_agent="AgentBiMat/1.0")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "bi-mat@example.com" not in page and "203.0.113.77" not in page and "AgentBiMat" not in page


def test_article_get_sets_no_cookie_even_with_comments_and_confirmation(client, article):
    make_comment(article)
    for query in ("", "?binh-luan=cho-duyet", "?tra-loi=1"):
        response = client.get(article.get_absolute_url() + query)
        assert response.status_code == 200
        assert not response.cookies
        assert "Set-Cookie" not in response.headers
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_unknown_confirmation_value_shows_nothing(client, article):
    assert 'class="comment-notice"' not in _section(client, article, "?binh-luan=<b>x</b>")


def test_reply_link_prefills_the_form_for_a_reader(client, article):
    parent = make_comment(article, name="Bạn đọc Hà")
    section = _section(client, article, f"?tra-loi={parent.pk}")
    assert f'<input type="hidden" name="parent" value="{parent.pk}">' in section
    assert "Bạn đang trả lời bình luận của <strong>Bạn đọc Hà</strong>" in section


def _page_queries(client, article, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(article.get_absolute_url()).status_code == 200
    return len(captured.captured_queries)


def test_article_page_query_count_does_not_grow_with_comments(client, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_ENABLED = False  # every request renders; the shared fragments stay
    section = make_section()
    article = make_article(section=section, authors=[make_author()], tags=["a"])
    make_article(section=section, tags=["a"])
    client.get("/")  # the menu and the featured lists are cached now, and stay so
    client.get(article.get_absolute_url())  # and its related articles
    without = _page_queries(client, article, django_assert_max_num_queries, BUDGET["article"])
    for n in range(12):
        parent = make_comment(article, body=f"Bình luận số {n} đủ dài.")
        make_comment(article, parent=parent, body=f"Trả lời số {n} đủ dài.")
    with_comments = _page_queries(client, article, django_assert_max_num_queries, BUDGET["article"])
    assert with_comments == without
    assert re.search(r"\(24\) Bình luận", client.get(article.get_absolute_url()).content.decode())
