import time
from html import escape

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from articles.metadata import time_html
from comments.forms import CommentForm
from comments.models import PER_PAGE, Comment, article_page_comments
from comments.moderation import comments_open, comments_tag
from comments.protection import make_token
from comments.views import AWAITING, CONFIRM_PARAM, PUBLISHED
from pagecache import tags

register = template.Library()

CONFIRMATIONS = {
    AWAITING: "Cảm ơn bạn! Bình luận đã được gửi và đang chờ ban biên tập duyệt.",
    PUBLISHED: "Cảm ơn bạn! Bình luận của bạn đã được đăng.",
}


# The comment page a reader is on (kept in the page cache's key: articles.views.article_detail).
PAGE_PARAM = "trang-binh-luan"


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


def page_number(request):
    value = request.GET.get(PAGE_PARAM, "") if request is not None else ""
    return int(value) if value.isdigit() and 0 < int(value) < 100_000 else 1


def comment_page(article, number):
    """(page number, its comments, threads, shown) in one query; a page past the end shows the
    last (one more query)."""
    rows, threads_count, shown = article_page_comments(article, number)
    if not rows and number > 1:
        threads_count = Comment.objects.approved().filter(article=article, parent=None).count()
        number = max(1, -(-threads_count // PER_PAGE))
        rows, threads_count, shown = article_page_comments(article, number)
    return number, rows, threads_count, shown


STAFF_BADGE = '<span class="comment-badge">Ban biên tập</span>'


def comment_html(comment, reply_href):
    """One comment, as comments/comment.html showed it (built here: a page shows up to hundreds).
    Text goes through html.escape, as Django's escape and linebreaksbr do."""
    who = STAFF_BADGE if comment.is_staff_reply else f'<span class="comment-name">{escape(comment.name)}</span>'
    reply = (
        f'<a class="comment-reply-link" href="{escape(reply_href)}" rel="nofollow">Trả lời</a>' if reply_href else ""
    )
    body = escape(comment.body).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return (
        f'<article class="comment{" comment-staff" if comment.is_staff_reply else ""}" id="binh-luan-{comment.pk}">\n'
        f'  <p class="comment-meta">\n    {who}\n'
        f'    {time_html(comment.created_at)}\n'
        f'  </p>\n  <p class="comment-body">{body}</p>\n  {reply}\n</article>'
    )


def threads_html(top):
    """The page's threads as the comment list's items, each with its replies."""
    items = []
    for comment in top:
        replies = "".join(f"<li>{reply.html}</li>" for reply in comment.shown_replies)
        if replies:
            replies = f'\n      <ol class="comment-replies">\n        {replies}\n      </ol>\n      '
        items.append(f"\n    <li>\n      {comment.html}\n      {replies}\n    </li>\n    ")
    return mark_safe("".join(items))


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """The comments under an article, one page of threads, and the form (one query)."""
    request = context.get("request")
    tags.add(request, comments_tag(article.pk))
    number, rows, threads_count, shown = comment_page(article, page_number(request))
    top = threads(rows)
    is_open = comments_open(article)
    on_page = f"{PAGE_PARAM}={number}&" if number > 1 else ""
    for comment in top:
        comment.html = comment_html(comment, is_open and f"?{on_page}tra-loi={comment.pk}#viet-binh-luan")
        for reply in comment.shown_replies:
            reply.html = comment_html(reply, None)
    reply_to = None
    if request is not None and request.GET.get("tra-loi", "").isdigit():
        reply_to = next((c for c in top if c.pk == int(request.GET["tra-loi"])), None)
    pages = -(-threads_count // PER_PAGE)
    return {
        "article": article,
        "comments": top,
        "threads_html": threads_html(top),
        "count": shown,
        "pages": pages,
        "number": number,
        "previous_href": (f"?{PAGE_PARAM}={number - 1}" if number > 2 else article.get_absolute_url()) + "#binh-luan",
        "next_href": f"?{PAGE_PARAM}={number + 1}#binh-luan" if number < pages else None,
        "open": is_open,
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
