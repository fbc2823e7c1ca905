"""The workflow functions and the admin around them: log messages, review queue, notes, preview, dashboard."""

import datetime

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from reversion.models import Version

from articles import workflow
from articles.models import Article

from .admin_forms import ARTICLE_URL, article_data, change_url, local
from .factories import EDITOR, JOURNALIST, make_article, make_author, make_user

pytestmark = pytest.mark.django_db

DRAFT, REVIEW, PUBLISHED = Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.PUBLISHED


@pytest.fixture
def alice():
    user = make_user("alice", JOURNALIST)
    make_author("Alice Nguyễn", user=user)
    return user


@pytest.fixture
def eve():
    return make_user("eve", EDITOR)


def draft_by(user, **fields):
    return make_article(created_by=user, authors=[make_author()], **{"status": DRAFT, "published_at": None, **fields})


def last_log(article):
    return LogEntry.objects.filter(object_id=str(article.pk)).latest("pk").get_change_message()


def logs(article):
    return [entry.get_change_message() for entry in LogEntry.objects.filter(object_id=str(article.pk))]


def test_each_status_change_is_logged_with_its_vietnamese_message(alice, eve):
    article = draft_by(alice)
    workflow.submit(article, alice)
    assert last_log(article) == "Gửi duyệt"
    workflow.send_back(article, eve, "Thiếu nguồn ảnh.")
    assert last_log(article) == "Trả bài: Thiếu nguồn ảnh."
    workflow.schedule(article, eve, local("08:00:00 05/04/2099"))
    assert last_log(article) == "Hẹn giờ 08:00 05/04/2099"
    workflow.unpublish(article, eve)
    assert last_log(article) == "Gỡ bài"
    workflow.publish(article, eve)
    assert last_log(article) == "Xuất bản"
    workflow.archive(article, eve)
    assert last_log(article) == "Lưu trữ"


def test_every_workflow_step_is_a_revision_with_its_user_and_message(alice, eve):
    article = draft_by(alice)
    workflow.submit(article, alice)
    workflow.publish(article, eve)
    revisions = [v.revision for v in Version.objects.get_for_object(article).order_by("pk")]
    assert [(r.user, r.comment) for r in revisions] == [(alice, "Gửi duyệt"), (eve, "Xuất bản")]


def test_a_journalist_cannot_call_editor_functions(alice):
    article = draft_by(alice)
    for step in (workflow.publish, workflow.unpublish, workflow.archive):
        with pytest.raises(PermissionDenied):
            step(article, alice)
    with pytest.raises(PermissionDenied):
        workflow.schedule(article, alice, timezone.now() + datetime.timedelta(hours=1))
    assert Article.objects.get(pk=article.pk).status == DRAFT


def test_wrong_transitions_are_refused_with_a_reason(alice, eve):
    article = draft_by(alice, status=REVIEW)
    with pytest.raises(workflow.WorkflowError, match="Chỉ gửi duyệt được bài nháp"):
        workflow.submit(article, alice)
    with pytest.raises(workflow.WorkflowError, match="lý do trả bài"):
        workflow.send_back(article, eve, "   ")
    with pytest.raises(workflow.WorkflowError, match="trong tương lai"):
        workflow.schedule(article, eve, timezone.now() - datetime.timedelta(minutes=1))


def test_republishing_an_unpublished_article_keeps_its_first_publication_time(eve):
    first = (timezone.now() - datetime.timedelta(days=3)).replace(microsecond=0)
    article = make_article(published_at=first)
    workflow.unpublish(article, eve)
    workflow.publish(article, eve)
    assert Article.objects.get(pk=article.pk).published_at == first


def test_the_admin_form_logs_a_schedule_set_through_the_status_field(client, eve):
    client.force_login(eve)
    article = draft_by(eve)
    data = article_data(article, status=PUBLISHED, published_at_0="05/04/2099", published_at_1="08:00:00")
    assert client.post(change_url(article), data).status_code == 302
    assert "Hẹn giờ 08:00 05/04/2099" in logs(article)
    assert Version.objects.get_for_object(article).first().revision.comment.startswith("Hẹn giờ 08:00 05/04/2099")


def test_the_review_queue_lists_articles_in_review_oldest_submission_first(client, alice, eve):
    with time_machine.travel(timezone.now() - datetime.timedelta(hours=2), tick=False):
        older = draft_by(alice, title="Gửi trước")
        workflow.submit(older, alice)
    newer = draft_by(alice, title="Gửi sau")
    workflow.submit(newer, alice)
    draft_by(alice, title="Còn nháp")
    client.force_login(eve)
    page = client.get(ARTICLE_URL, {"status__exact": REVIEW}).content.decode()
    assert "Còn nháp" not in page
    assert page.index("Gửi trước") < page.index("Gửi sau")
    assert "Hàng chờ duyệt (2)" in client.get(ARTICLE_URL).content.decode()


def test_an_editor_sends_an_article_back_and_the_author_reads_the_note(client, alice, eve):
    article = draft_by(alice)
    workflow.submit(article, alice)
    client.force_login(eve)
    data = article_data(Article.objects.get(pk=article.pk), review_note="Viết lại <b>sapo</b>.", _send_back="1")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert (article.status, article.review_note) == (DRAFT, "Viết lại <b>sapo</b>.")
    client.force_login(alice)
    form = client.get(change_url(article)).content.decode()
    assert "Biên tập viên trả bài:" in form and "Viết lại &lt;b&gt;sapo&lt;/b&gt;." in form
    assert "Trả bài: Viết lại &lt;b&gt;sapo&lt;/b&gt;." in client.get(ARTICLE_URL).content.decode()


def test_sending_back_without_a_note_keeps_the_form_and_says_why(client, alice, eve):
    article = draft_by(alice)
    workflow.submit(article, alice)
    client.force_login(eve)
    response = client.post(change_url(article), article_data(Article.objects.get(pk=article.pk), _send_back="1"))
    assert response.status_code == 200
    assert "Hãy ghi chú cho tác giả lý do trả bài." in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == REVIEW


def test_a_journalist_writes_and_submits_in_one_click(client, alice):
    client.force_login(alice)
    section = make_article().section
    data = article_data(section=section, authors=[alice.author_profile], title="Phố cổ", _submit="1")
    assert client.post(f"{ARTICLE_URL}add/", data).status_code == 302
    article = Article.objects.get(title="Phố cổ")
    assert (article.status, article.created_by) == (REVIEW, alice)
    assert article.submitted_at is not None
    assert "Gửi duyệt" in logs(article)


def test_the_add_form_puts_the_journalist_on_the_byline(client, alice):
    client.force_login(alice)
    page = client.get(f"{ARTICLE_URL}add/").content.decode()
    assert f'<option value="{alice.author_profile.pk}" selected>Alice Nguyễn</option>' in page


def test_workflow_buttons_follow_the_role(client, alice, eve):
    article = draft_by(alice)
    client.force_login(alice)
    page = client.get(change_url(article)).content.decode()
    assert 'name="_submit"' in page and 'name="_publish"' not in page and 'name="_schedule"' not in page
    client.force_login(eve)
    page = client.get(change_url(article)).content.decode()
    for button in ("_submit", "_publish", "_schedule", "_send_back", "_archive"):
        assert f'name="{button}"' in page


def test_the_change_form_links_to_a_preview_in_a_new_tab(client, alice):
    article = draft_by(alice)
    client.force_login(alice)
    page = client.get(change_url(article)).content.decode()
    link = f'<a href="{article.get_absolute_url()}" class="viewsitelink" target="_blank" rel="noopener">Xem trước</a>'
    assert link in page


def test_preview_of_a_draft_follows_the_role(client, alice, eve):
    own, others = draft_by(alice), draft_by(make_user(role=JOURNALIST))
    assert client.get(own.get_absolute_url()).status_code == 404
    client.force_login(alice)
    response = client.get(own.get_absolute_url())
    assert response.status_code == 200 and "Bản nháp" in response.content.decode()
    assert client.get(others.get_absolute_url()).status_code == 404
    client.force_login(eve)
    assert client.get(others.get_absolute_url()).status_code == 200


def test_dashboard_shows_my_drafts_the_queue_and_what_is_scheduled(client, alice, eve):
    draft_by(alice, title="Nháp của Alice")
    draft_by(eve, title="Nháp của Eve")
    waiting = draft_by(alice, title="Bài chờ duyệt")
    workflow.submit(waiting, alice)
    make_article(title="Bài hẹn giờ", published_at=timezone.now() + datetime.timedelta(hours=3))
    client.force_login(alice)
    page = client.get("/admin/").content.decode()
    assert "Bản nháp của tôi" in page and "Nháp của Alice" in page and "Nháp của Eve" not in page
    assert "Bài chờ duyệt" in page and "Bài hẹn giờ" in page
    client.force_login(eve)
    page = client.get("/admin/").content.decode()
    assert "Nháp của Eve" in page and "Nháp của Alice" not in page and "Chờ duyệt (1)" in page


def test_dashboard_costs_a_fixed_number_of_queries(client, eve, django_assert_max_num_queries):
    for i in range(5):
        draft_by(eve, title=f"Nháp {i}")
    client.force_login(eve)
    client.get("/admin/")
    with django_assert_max_num_queries(15):
        client.get("/admin/")
