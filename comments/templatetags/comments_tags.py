import time

from django import template
from django.conf import settings

from comments.forms import CommentForm
from comments.models import Comment
from comments.moderation import comments_open, comments_tag
from comments.protection import make_token
from comments.views import AWAITING, CONFIRM_PARAM, PUBLISHED
from pagecache import tags

register = template.Library()

CONFIRMATIONS = {
    AWAITING: "Cảm ơn bạn! Bình luận đã được gửi và đang chờ ban biên tập duyệt.",
    PUBLISHED: "Cảm ơn bạn! Bình luận của bạn đã được đăng.",
}


def threads(comments):
    """Top-level comments, each with `shown_replies`; replies to hidden comments stay hidden."""
    top = [c for c in comments if c.parent_id is None]
    by_id = {c.pk: c for c in top}
    for c in top:
        c.shown_replies = []
    for c in comments:
        if c.parent_id in by_id:
            by_id[c.parent_id].shown_replies.append(c)
    return top


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """The comments under an article and the form (one query, whatever the number of comments)."""
    request = context.get("request")
    tags.add(request, comments_tag(article.pk))
    top = threads(list(Comment.objects.for_article_page(article)))
    reply_to = None
    if request is not None and request.GET.get("tra-loi", "").isdigit():
        reply_to = next((c for c in top if c.pk == int(request.GET["tra-loi"])), None)
    return {
        "article": article,
        "comments": top,
        "count": sum(1 + len(c.shown_replies) for c in top),
        "open": comments_open(article),
        "moderated": settings.COMMENTS_MODERATION,
        "form": CommentForm(article),
        "reply_to": reply_to,
        "token": make_token(article),
        "issued": int(time.time()),
        "confirmation": CONFIRMATIONS.get(request.GET.get(CONFIRM_PARAM)) if request is not None else None,
    }


@register.simple_tag
def pending_comment_count():
    return Comment.objects.pending().count()
