import time
from functools import lru_cache
from html import escape

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from articles.metadata import lines_html, time_html
from comments.models import PER_PAGE, Comment, article_page_comments
from comments.moderation import comments_open, comments_tag
from comments.protection import make_token
from comments.views import AWAITING, CONFIRM_PARAM, PUBLISHED
from pagecache import tags
from web.reversing import cached_reverse

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
    """One comment, as comments/comment.html showed it (built here: a page shows up to hundreds)."""
    return _comment_html(comment.pk, comment.name, comment.body, comment.created_at, comment.is_staff_reply, reply_href)


@lru_cache(maxsize=8192)
def _comment_html(pk, name, body, created_at, is_staff_reply, reply_href):
    """A comment's markup from what it shows, remembered: a long thread's pages show the same
    comments on every uncached request. Text goes through html.escape, as Django's escape and
    linebreaksbr do."""
    who = STAFF_BADGE if is_staff_reply else f'<span class="comment-name">{escape(name)}</span>'
    reply = (
        f'<a class="comment-reply-link" href="{escape(reply_href)}" rel="nofollow">Trả lời</a>' if reply_href else ""
    )
    body = lines_html(body)
    return (
        f'<article class="comment{" comment-staff" if is_staff_reply else ""}" id="binh-luan-{pk}">\n'
        f'  <p class="comment-meta">\n    {who}\n'
        f'    {time_html(created_at)}\n'
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
        "reply_to": reply_to,
        "token": make_token(article),
        "issued": int(time.time()),
        "confirmation": CONFIRMATIONS.get(request.GET.get(CONFIRM_PARAM)) if request is not None else None,
    }


@register.simple_tag(takes_context=True)
def comment_form(context):
    """The comment form (the article page's, empty; the form page's, with what the reader typed
    and its errors), built here: it is on every article page, and its template's field lookups
    cost as much as the rest of the comment section."""
    article, form, reply_to = context["article"], context.get("form"), context.get("reply_to")
    action = escape(cached_reverse("comments:post", article.pk))
    token_url = escape(cached_reverse("comments:token", article.pk))
    title = f"Trả lời {escape(reply_to.name)}" if reply_to else "Gửi bình luận"
    replying = (
        f'<p class="comment-replying">Bạn đang trả lời bình luận của <strong>{escape(reply_to.name)}</strong>. '
        f'<a href="{escape(article.get_absolute_url())}#viet-binh-luan">Huỷ trả lời</a></p>\n'
        f'  <input type="hidden" name="parent" value="{reply_to.pk}">'
    ) if reply_to else ""
    bound = form is not None and form.is_bound
    general = [*form.non_field_errors(), *form.errors.get("parent", ())] if bound else []
    errors = "".join(f"<p>{escape(error)}</p>" for error in general)
    errors = f'<div class="form-errors" role="alert">{errors}</div>' if errors else ""
    note = MODERATED_NOTE if context.get("moderated") else ""
    fields = "".join(_field(form if bound else None, *field) for field in FIELDS)
    return mark_safe(
        f'<form class="comment-form" id="viet-binh-luan" method="post" action="{action}"\n'
        f'      data-token-url="{token_url}" data-issued="{context.get("issued", "")}">\n'
        f'  <h3 class="comment-form-title">{title}</h3>\n  {replying}\n  {errors}\n'
        f'  <input type="hidden" name="token" value="{escape(context.get("token", ""))}">\n'
        f"{fields}  {note}\n"
        '  <button type="submit" class="button">Gửi bình luận</button>\n</form>'
    )


MODERATED_NOTE = '<p class="comment-form-note">Bình luận được ban biên tập duyệt trước khi đăng.</p>'
HONEYPOT = (
    '  <div class="field field-website" aria-hidden="true">\n'
    '    <label for="binh-luan-website">Để trống ô này</label>\n'
    '    <input type="text" id="binh-luan-website" name="website" value="" tabindex="-1" autocomplete="off">\n'
    "  </div>\n"
)
# (name, input type, element id, label, hint, error id, more attributes); the honeypot before the body.
FIELDS = [
    ("name", "text", "binh-luan-ten", "Họ tên", "", "loi-ten", ' autocomplete="name"'),
    ("email", "email", "binh-luan-email", "Email", ' <span class="hint">(không hiển thị công khai)</span>',
     "loi-email", ' autocomplete="email"'),
    (None, None, None, None, None, None, None),
    ("body", "textarea", "binh-luan-noi-dung", "Nội dung",
     ' <span class="hint">(10–3.000 ký tự, không chứa HTML)</span>', "loi-noi-dung", ""),
]


def _field(form, name, kind, element_id, label, hint, error_id, extra):
    """One field of the comment form: label, control (what was typed kept), its first error."""
    if name is None:
        return HONEYPOT
    value = escape(form.data.get(name, "")) if form is not None else ""
    error = form.errors.get(name, [None])[0] if form is not None else None
    invalid = f' aria-invalid="true" aria-describedby="{error_id}"' if error else ""
    if kind == "textarea":
        control = f'<textarea id="{element_id}" name="{name}" rows="6" required{invalid}>{value}</textarea>'
    else:
        control = f'<input type="{kind}" id="{element_id}" name="{name}" value="{value}" required{extra}{invalid}>'
    shown_error = f'\n    <p class="field-error" id="{error_id}">{escape(error)}</p>' if error else ""
    return (
        f'  <div class="field{" has-error" if error else ""}">\n'
        f'    <label for="{element_id}">{label} <span class="req" aria-hidden="true">*</span>{hint}</label>\n'
        f"    {control}{shown_error}\n  </div>\n"
    )


@register.simple_tag
def pending_comment_count():
    return Comment.objects.pending().count()
