"""The editorial workflow: who may move an article from one status to another.

Every status change — admin button, admin action, dropdown in the form — goes
through these functions, so the rules, the history (django-reversion) and the
admin log are the same whichever door was used.
"""

import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import Article, ArticleAuthor

Status = Article.Status
PUBLISH_PERMISSION = "articles.publish_article"


class WorkflowError(Exception):
    """A change the article's status does not allow; the message is for the user."""


# Who may do what.

def is_editor(user):
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def is_own(user, article):
    """The user created the article or signs it (through their author profile)."""
    if article.pk is None:
        return True
    if article.created_by_id == user.pk:
        return True
    return ArticleAuthor.objects.filter(article=article, author__user=user).exists()


def own_articles_q(user):
    """The Q of articles a user created or signs, for querysets."""
    signed = ArticleAuthor.objects.filter(article=OuterRef("pk"), author__user=user)
    return Q(created_by=user) | Q(Exists(signed))


def can_view(user, article):
    """Editors see everything; a journalist sees their own and published ones."""
    if not user.is_active or not user.has_perm("articles.view_article"):
        return False
    return is_editor(user) or article.status == Status.PUBLISHED or is_own(user, article)


def can_edit(user, article):
    """Editors edit everything; a journalist edits their own until it is published."""
    if not user.is_active or not user.has_perm("articles.change_article"):
        return False
    if is_editor(user):
        return True
    return article.status in (Status.DRAFT, Status.REVIEW) and is_own(user, article)


def statuses_for(user):
    """The statuses a user may choose in the article form."""
    if is_editor(user):
        return list(Status)
    return [Status.DRAFT, Status.REVIEW]


# The messages written to the admin log and the history.

def local_time(moment):
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


def status_message(article, old_status, now=None):
    """What the log says about the article having moved from `old_status` to its status."""
    new = article.status
    if new == Status.REVIEW:
        return "Gửi duyệt"
    if new == Status.PUBLISHED:
        if article.published_at and article.published_at > (now or timezone.now()):
            return f"Hẹn giờ {local_time(article.published_at)}"
        return "Xuất bản"
    if new == Status.ARCHIVED:
        return "Lưu trữ"
    if old_status == Status.PUBLISHED:
        return "Gỡ bài"
    if article.review_note and old_status == Status.REVIEW:
        return f"Trả bài: {article.review_note}"
    return "Chuyển về nháp"


def record(article, user, message):
    """Write the change to the admin log and name it in the current revision."""
    LogEntry.objects.log_actions(user.pk, [article], CHANGE, change_message=message, single_object=True)
    if reversion.is_active():
        reversion.set_comment(message)


# The transitions. Each checks, changes, saves one revision and logs.

def problem(action, user, article, at=None, note="", now=None):
    """Why `user` may not apply `action` to `article`, in Vietnamese; None when they may."""
    now = now or timezone.now()
    if action == "submit":
        if not can_edit(user, article):
            return "Bạn không có quyền gửi duyệt bài này."
        if article.status != Status.DRAFT:
            return "Chỉ gửi duyệt được bài nháp."
        return None
    if not is_editor(user):
        return "Chỉ biên tập viên được xuất bản, hẹn giờ, gỡ, lưu trữ hoặc trả bài."
    if action == "publish":
        if article.is_published(now) and at is None:
            return "Bài đã xuất bản."
        return None
    if action == "schedule":
        if at is None or at <= now:
            return "Hãy đặt thời gian xuất bản trong tương lai để hẹn giờ."
        return None
    if action == "unpublish":
        if article.status != Status.PUBLISHED:
            return "Chỉ gỡ được bài đã xuất bản hoặc đã hẹn giờ."
        return None
    if action == "archive":
        if article.status == Status.ARCHIVED:
            return "Bài đã được lưu trữ."
        return None
    if action == "send_back":
        if article.status not in (Status.REVIEW, Status.DRAFT):
            return "Chỉ trả được bài đang chờ duyệt hoặc bài nháp."
        if not note.strip():
            return "Hãy ghi chú cho tác giả lý do trả bài."
        return None
    raise ValueError(f"unknown action {action!r}")


def _check(action, user, article, **kwargs):
    message = problem(action, user, article, **kwargs)
    if message is None:
        return
    allowed = can_edit(user, article) if action == "submit" else is_editor(user)
    if not allowed:
        raise PermissionDenied(message)
    raise WorkflowError(message)


def _save(article, user, message):
    with transaction.atomic(), reversion.create_revision():
        article.save()
        reversion.set_user(user)
        record(article, user, message)
    return article


def _submit(article, user):
    _check("submit", user, article)
    article.status = Status.REVIEW
    article.submitted_at = timezone.now()
    article.review_note = ""
    return "Gửi duyệt"


def _publish(article, user, at=None):
    now = timezone.now()
    _check("publish", user, article, at=at, now=now)
    if at is None and (article.published_at is None or article.published_at > now):
        at = now
    article.status = Status.PUBLISHED
    article.published_at = at or article.published_at
    article.review_note = ""
    return status_message(article, None, now)


def _schedule(article, user, at):
    _check("schedule", user, article, at=at)
    return _publish(article, user, at=at)


def _unpublish(article, user):
    _check("unpublish", user, article)
    article.status = Status.DRAFT
    return "Gỡ bài"


def _archive(article, user):
    _check("archive", user, article)
    article.status = Status.ARCHIVED
    return "Lưu trữ"


def _send_back(article, user, note):
    note = note.strip()
    _check("send_back", user, article, note=note)
    article.status = Status.DRAFT
    article.review_note = note
    return f"Trả bài: {note}"


_CHANGES = {
    "submit": _submit, "publish": _publish, "schedule": _schedule,
    "unpublish": _unpublish, "archive": _archive, "send_back": _send_back,
}


def apply(action, article, user, **kwargs):
    """Check and make the change of `action` on `article` without saving it; the log message.
    For a form that saves the article itself (the admin): one save, one log row, one revision."""
    return _CHANGES[action](article, user, **kwargs)


def submit(article, user):
    return _save(article, user, _submit(article, user))


def publish(article, user, at=None):
    """Publish now, or at `at` (a time in the future schedules the article)."""
    return _save(article, user, _publish(article, user, at=at))


def schedule(article, user, at):
    return _save(article, user, _schedule(article, user, at))


def unpublish(article, user):
    return _save(article, user, _unpublish(article, user))


def archive(article, user):
    return _save(article, user, _archive(article, user))


def send_back(article, user, note):
    return _save(article, user, _send_back(article, user, note))


ACTIONS = {
    "submit": submit, "publish": publish, "schedule": schedule,
    "unpublish": unpublish, "archive": archive, "send_back": send_back,
}
