import datetime

import pytest
from django.contrib.auth.models import Group, Permission

from comments.models import BlockedWord, Comment
from comments.signals import comment_moderated

from .comment_helpers import make_comment
from .factories import EDITOR, JOURNALIST, make_article, make_author, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"
XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>'


@pytest.fixture
def editor(client):
    user = make_user(role=EDITOR)
    client.force_login(user)
    return user


def _action(client, action, comments):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [c.pk for c in comments]}, follow=True
    )


def test_groups_get_comment_permissions_from_the_migration():
    editor = set(Group.objects.get(name=EDITOR).permissions.filter(content_type__app_label="comments")
                 .values_list("codename", flat=True))
    assert {"can_moderate", "change_comment", "add_comment", "view_comment", "add_blockedword",
            "change_blockedword", "delete_blockedword"} <= editor
    assert "delete_comment" not in editor
    journalist = Group.objects.get(name=JOURNALIST).permissions.filter(content_type__app_label="comments")
    assert list(journalist.values_list("codename", flat=True)) == ["view_comment"]
    assert Permission.objects.filter(codename="can_moderate").exists()


def test_moderation_list_shows_pending_first_then_newest(client, editor):
    article = make_article()
    old_pending = make_comment(article, status="pending", body="Chờ duyệt cũ.")
    make_comment(article, body="Đã duyệt mới nhất.")
    new_pending = make_comment(article, status="pending", body="Chờ duyệt mới.")
    page = client.get(CHANGELIST).content.decode()
    assert page.index("Chờ duyệt mới.") < page.index("Chờ duyệt cũ.") < page.index("Đã duyệt mới nhất.")
    assert old_pending.pk != new_pending.pk


def test_moderation_list_links_the_article_title_to_the_public_page(client, editor):
    comment = make_comment(make_article(title="Bài có bình luận"))
    page = client.get(CHANGELIST).content.decode()
    assert f'<a href="{comment.article.get_absolute_url()}" target="_blank" rel="noopener">Bài có bình luận</a>' in page


@pytest.mark.parametrize("term", ["Lê Văn Tám", "tam@example.org", "rất hay về phố", "198.51.100.23"])
def test_search_finds_by_name_email_text_and_ip(client, editor, term):
    make_comment(name="Lê Văn Tám", email="tam@example.org", body="Bài rất hay về phố cổ.", ip_address="198.51.100.23")
    make_comment(name="Người khác", email="khac@example.org", body="Không liên quan gì.", ip_address="192.0.2.1")
    page = client.get(CHANGELIST, {"q": term}).content.decode()
    assert "Bài rất hay về phố cổ." in page and "Không liên quan gì." not in page


def test_filters_by_status_article_and_date(client, editor):
    first, second = make_article(title="Bài thứ nhất"), make_article(title="Bài thứ hai")
    make_comment(first, body="Của bài thứ nhất.", status="spam")
    make_comment(second, body="Của bài thứ hai.")
    page = client.get(CHANGELIST, {"status__exact": "spam"}).content.decode()
    assert "Của bài thứ nhất." in page and "Của bài thứ hai." not in page
    page = client.get(CHANGELIST, {"article__id__exact": second.pk}).content.decode()
    assert "Của bài thứ hai." in page and "Của bài thứ nhất." not in page
    old = make_comment(first, body="Bình luận năm 2020.")
    Comment.objects.filter(pk=old.pk).update(created_at=datetime.datetime(2020, 6, 1, tzinfo=datetime.UTC))
    page = client.get(CHANGELIST, {"created_at__year": "2020"}).content.decode()
    assert "Bình luận năm 2020." in page and "Của bài thứ hai." not in page


@pytest.mark.parametrize(
    "action, status",
    [("approve_selected", "approved"), ("reject_selected", "rejected"), ("mark_selected_spam", "spam")],
)
def test_bulk_actions_set_status_and_send_the_signal(client, editor, action, status):
    article = make_article()
    comments = [make_comment(article, status="pending") for _ in range(3)]
    untouched = make_comment(article, status="pending")
    received = []

    def listener(sender, comments, status, moderator, **kwargs):
        received.append(({c.pk for c in comments}, status, moderator))

    comment_moderated.connect(listener)
    try:
        response = _action(client, action, comments)
    finally:
        comment_moderated.disconnect(listener)
    assert response.status_code == 200
    assert "3 bình luận" in response.content.decode()
    assert set(Comment.objects.filter(status=status).values_list("pk", flat=True)) == {c.pk for c in comments}
    assert Comment.objects.get(pk=untouched.pk).status == "pending"
    assert received == [({c.pk for c in comments}, status, editor)]
    assert Comment.objects.get(pk=comments[0].pk).moderated_by == editor


def test_editors_cannot_delete_comments(client, editor):
    comment = make_comment()
    assert client.get(f"{CHANGELIST}{comment.pk}/delete/").status_code == 403
    assert "delete_selected" not in client.get(CHANGELIST).content.decode()


def test_staff_reply_from_the_admin_is_published_at_once(client, editor):
    parent = make_comment(make_article(), name="Bạn đọc hỏi", body="Khi nào có bài tiếp theo?")
    listing = client.get(CHANGELIST).content.decode()
    assert f'href="/admin/comments/comment/add/?parent={parent.pk}">Trả lời</a>' in listing
    form = client.get(f"{CHANGELIST}add/", {"parent": parent.pk}).content.decode()
    assert "Khi nào có bài tiếp theo?" in form
    response = client.post(f"{CHANGELIST}add/", {"parent": parent.pk, "body": "Tuần sau bạn nhé."})
    assert response.status_code == 302
    reply = Comment.objects.get(parent=parent)
    assert reply.status == "approved" and reply.is_staff_reply and reply.user == editor
    assert reply.name == "Ban biên tập" and reply.article == parent.article
    page = client.get(parent.article.get_absolute_url()).content.decode()
    assert "Tuần sau bạn nhé." in page and "comment-badge" in page


def test_staff_reply_needs_an_approved_comment(client, editor):
    pending = make_comment(status="pending")
    response = client.post(f"{CHANGELIST}add/", {"parent": pending.pk, "body": "Trả lời."})
    assert response.status_code == 200
    assert "Hãy duyệt bình luận này trước khi trả lời." in response.content.decode()
    response = client.post(f"{CHANGELIST}add/", {"body": "Không có bình luận gốc."})
    assert "Hãy chọn “Trả lời” ở một bình luận trong danh sách." in response.content.decode()
    assert Comment.objects.count() == 1


def test_changing_status_on_the_change_form_moderates(client, editor):
    comment = make_comment(status="pending", body="Nội dung bình luận.")
    response = client.post(
        f"{CHANGELIST}{comment.pk}/change/",
        {"name": comment.name, "email": comment.email, "body": comment.body, "status": "approved"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved" and comment.moderated_by == editor


def test_pending_count_on_the_admin_index(client, editor):
    make_comment(status="pending")
    make_comment(status="pending")
    make_comment()
    page = client.get("/admin/").content.decode()
    assert "<strong>2</strong> bình luận chờ duyệt" in page
    assert 'href="/admin/comments/comment/?status__exact=pending"' in page


def test_xss_in_every_field_is_inert_in_the_admin(client, editor):
    comment = make_comment(name=XSS[:80], email="x@example.com", body=XSS, user_agent=XSS)
    for url in (CHANGELIST, f"{CHANGELIST}{comment.pk}/change/", f"{CHANGELIST}add/?parent={comment.pk}"):
        page = client.get(url).content.decode()
        assert "<script>alert(1)" not in page and "<img src=x" not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url


def test_ip_and_user_agent_are_shown_in_the_admin(client, editor):
    comment = make_comment(ip_address="203.0.113.99", user_agent="Mozilla/5.0 Moderation")
    page = client.get(f"{CHANGELIST}{comment.pk}/change/").content.decode()
    assert "203.0.113.99" in page and "Mozilla/5.0 Moderation" in page


def test_journalist_reads_only_comments_on_own_articles_and_cannot_moderate(client):
    journalist = make_user(role=JOURNALIST)
    own_created = make_article(created_by=journalist)
    signed = make_article(authors=[make_author(user=journalist)])
    other = make_article()
    make_comment(own_created, body="Về bài tôi tạo.", status="pending")
    make_comment(signed, body="Về bài tôi ký tên.")
    foreign = make_comment(other, body="Về bài của người khác.")
    client.force_login(journalist)
    page = client.get(CHANGELIST).content.decode()
    assert "Về bài tôi tạo." in page and "Về bài tôi ký tên." in page
    assert "Về bài của người khác." not in page
    assert "approve_selected" not in page and "Trả lời</a>" not in page
    assert client.get(f"{CHANGELIST}{foreign.pk}/change/").status_code == 302  # "does not exist" redirect
    mine = Comment.objects.get(body="Về bài tôi tạo.")
    assert _action(client, "approve_selected", [mine]).status_code == 200
    assert Comment.objects.get(pk=mine.pk).status == "pending"
    assert client.post(f"{CHANGELIST}add/", {"parent": foreign.pk, "body": "x"}).status_code == 403
    assert "bình luận chờ duyệt" not in client.get("/admin/").content.decode()


def test_editors_keep_the_blocklist(client, editor):
    response = client.post("/admin/comments/blockedword/add/", {"word": "  Cá Độ "})
    assert response.status_code == 302
    assert BlockedWord.objects.get().word == "cá độ"


def test_moderation_list_query_count_does_not_grow_with_comments(client, editor, django_assert_max_num_queries):
    def count():
        with django_assert_max_num_queries(20) as captured:
            assert client.get(CHANGELIST).status_code == 200
        return len(captured.captured_queries)

    make_comment()
    few = count()
    for n in range(10):
        parent = make_comment(make_article(), body=f"Bình luận số {n}.")
        make_comment(parent.article, parent=parent, status="pending")
    assert count() == few
