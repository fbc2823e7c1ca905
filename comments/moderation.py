"""The rules deciding a comment's fate, and the moderation functions that
admin actions (and any future moderation view) share."""

import datetime
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article
from authors.models import Author
from pagecache import tags

from .models import BlockedWord, Comment
from .signals import comment_moderated
from .text import fold_for_matching

STAFF_REPLY_NAME = "Ban biên tập"
# Signatures only staff replies may carry: a reader's name containing one is refused.
RESERVED_SIGNATURES = [STAFF_REPLY_NAME, "Tòa soạn", "Toà soạn", "Biên tập viên", "Quản trị viên"]
# WordPress holds a comment with this many links or more for moderation.
MAX_LINKS = 2
_LINK = re.compile(r"https?://|www\.|<a\s", re.IGNORECASE)


def comments_open(article, now=None):
    """Whether readers may comment: the article allows it and is not too old."""
    if not article.allow_comments or not article.is_published(now):
        return False
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    if not days:
        return True
    return (now or timezone.now()) < article.published_at + datetime.timedelta(days=days)


def count_links(text):
    return len(_LINK.findall(text))


def is_blocked(comment):
    """Whether a blocked word appears in the name, email, text or IP (one query), compared in
    their folded forms: disguised letters, diacritics and a plural ending do not hide it."""
    pattern = BlockedWord.pattern(BlockedWord.objects.values_list("word", flat=True))
    if pattern is None:
        return False
    haystack = "\n".join([comment.name, comment.email, comment.body, comment.ip_address or ""])
    return bool(pattern.search(fold_for_matching(haystack)))


def staff_names():
    """The folded names of active staff accounts and of the author profiles they sign (two queries)."""
    names = set()
    staff = get_user_model().objects.filter(is_staff=True, is_active=True)
    for first, last in staff.values_list("first_name", "last_name"):
        names.update({f"{first} {last}", f"{last} {first}"})
    names.update(Author.objects.filter(user__in=staff).values_list("name", flat=True))
    return {fold_for_matching(name) for name in names} - {""}


def is_reserved_name(name):
    """Whether a reader's name poses as the newsroom: a staff signature or a staff member's name."""
    folded = fold_for_matching(name)
    padded = f" {re.sub(r'[^a-z0-9]+', ' ', folded)} "
    if any(f" {fold_for_matching(signature)} " in padded for signature in RESERVED_SIGNATURES):
        return True
    return folded in staff_names()


def initial_status(comment):
    if is_blocked(comment):
        return Comment.Status.SPAM
    if settings.COMMENTS_MODERATION or count_links(comment.body) >= MAX_LINKS:
        return Comment.Status.PENDING
    return Comment.Status.APPROVED


def moderate(comments, status, moderator):
    """Set the status of the given comments (a queryset or list); returns how many changed."""
    comments = [c for c in comments if c.status != status]
    # Readers see a difference only when a comment enters or leaves the approved ones.
    seen = [c for c in comments if Comment.Status.APPROVED in (c.status, status)]
    now = timezone.now()
    for comment in comments:
        comment.status, comment.moderated_at, comment.moderated_by = status, now, moderator
    Comment.objects.bulk_update(comments, ["status", "moderated_at", "moderated_by"])
    if comments:
        comment_moderated.send(sender=Comment, comments=comments, status=status, moderator=moderator)
    shown_on_pages(seen)
    return len(comments)


def comments_tag(article_pk):
    """The page cache's tag of an article's comment section (`article42-comments`): only the
    article's own page shows its comments, not the pages showing its card."""
    return f"{tags.of(Article, article_pk)}-comments"


def shown_on_pages(comments):
    """Tell the page cache that these comments changed what readers see: their articles' pages."""
    tags.invalidate(*{comments_tag(comment.article_id) for comment in comments}, at_once=True)


def comment_saved(sender, instance, raw=False, **kwargs):
    """A published comment saved (posted without moderation, a staff reply, an edit): its page.
    A comment waiting for moderation changes no page. Bulk moderation announces in moderate()."""
    if not raw and instance.status == Comment.Status.APPROVED:
        shown_on_pages([instance])


def approve(comments, moderator):
    return moderate(comments, Comment.Status.APPROVED, moderator)


def reject(comments, moderator):
    return moderate(comments, Comment.Status.REJECTED, moderator)


def mark_spam(comments, moderator):
    return moderate(comments, Comment.Status.SPAM, moderator)


def publish_staff_reply(reply, parent, user, ip_address=None):
    """Store a reply by staff under `parent` (one level: a reply to a reply joins
    the same thread) and publish it at once."""
    reply.parent = parent.parent or parent
    reply.article = parent.article
    reply.name = STAFF_REPLY_NAME
    reply.email = user.email or settings.DEFAULT_FROM_EMAIL
    reply.user = reply.moderated_by = user
    reply.is_staff_reply = True
    reply.ip_address = ip_address
    reply.status = Comment.Status.APPROVED
    reply.moderated_at = timezone.now()
    reply.save()
    comment_moderated.send(sender=Comment, comments=[reply], status=reply.status, moderator=user)
    return reply

