import time

from django import template
from django.conf import settings
from django.template.defaultfilters import date, linebreaksbr
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from articles.templatetags.articles_tags import isotime
from comments.forms import CommentForm
from comments.models import PER_PAGE, Comment
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
    rows = list(Comment.objects.for_article_page(article, number))
    if not rows and number > 1:
        threads_count = Comment.objects.approved().filter(article=article, parent=None).count()
        number = max(1, -(-threads_count // PER_PAGE))
        rows = list(Comment.objects.for_article_page(article, number))
    if not rows:
        return number, [], 0, 0
    return number, rows, rows[0].threads, rows[0].shown


def comment_html(comment, reply_href):
    """One comment, as comments/comment.html showed it (built here: a page shows up to hundreds)."""
    if comment.is_staff_reply:
        who = mark_safe('<span class="comment-badge">Ban biên tập</span>')  # a constant
    else:
        who = format_html('<span class="comment-name">{}</span>', comment.name)
    reply = format_html(
        '<a class="comment-reply-link" href="{}" rel="nofollow">Trả lời</a>', reply_href
    ) if reply_href else ""
    return format_html(
        '<article class="comment{}" id="binh-luan-{}">\n  <p class="comment-meta">\n    {}\n'
        '    <time datetime="{}">{}</time>\n  </p>\n  <p class="comment-body">{}</p>\n  {}\n</article>',
        " comment-staff" if comment.is_staff_reply else "", comment.pk, who,
        isotime(comment.created_at), date(localtime(comment.created_at), "H:i d/m/Y"),
        linebreaksbr(comment.body, autoescape=True), reply,
    )


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
