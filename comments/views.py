import time

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt

from articles.models import Article
from security.login import client_ip
from security.middleware import limit_post_size

from .forms import MAX_POST_BYTES, CommentForm
from .models import Comment
from .moderation import comments_open, initial_status
from .protection import earlier_copy, make_token, over_rate_limit
from .signals import comment_posted

# The query parameter the article page turns into a confirmation message.
CONFIRM_PARAM = "binh-luan"
AWAITING, PUBLISHED = "cho-duyet", "da-dang"


def _get_article(pk):
    return get_object_or_404(Article.objects.published().select_related("section"), pk=pk)


def _form_page(request, article, form, status):
    """The form again (input intact, errors by the fields) on a page that is never cached.

    A reader whose page was old (even expired) gets a token that is already old enough,
    so sending again works at once; anyone else waits the minimum age again."""
    now = time.time()
    if form is not None and form.is_bound and form.proved_patience():
        now -= settings.COMMENTS_TOKEN_MIN_AGE
    context = {
        "article": article,
        "section": article.section,
        "form": form,
        "open": form is not None,
        "moderated": settings.COMMENTS_MODERATION,
        "reply_to": form.cleaned_data.get("parent") if form is not None and hasattr(form, "cleaned_data") else None,
        "token": make_token(article, now=now),
        "issued": int(now),
    }
    response = render(request, "comments/form_page.html", context, status=status)
    add_never_cache_headers(response)
    return response


def _see_article(article, outcome):
    response = HttpResponseRedirect(f"{article.get_absolute_url()}?{CONFIRM_PARAM}={outcome}#binh-luan")
    response.status_code = 303  # the browser follows with a GET
    return response


@limit_post_size(MAX_POST_BYTES)  # a short 413 before a huge body is read, let alone echoed back
@csrf_exempt  # no CSRF cookie on cacheable pages: the signed token, honeypot and rate limit stand in
def post_comment(request, article_id):
    article = _get_article(article_id)
    if request.method != "POST":
        return redirect(article.get_absolute_url() + "#binh-luan")
    if not comments_open(article):
        return _form_page(request, article, None, status=403)
    form = CommentForm(article, request.POST)
    if not form.is_valid():
        return _form_page(request, article, form, status=400)
    if form.is_spam_bot():
        # Dropped silently: the bot sees what a person would.
        return _see_article(article, AWAITING if settings.COMMENTS_MODERATION else PUBLISHED)
    ip = client_ip(request)
    if over_rate_limit(ip):
        form.add_error(None, "Bạn đã gửi nhiều bình luận trong thời gian ngắn. Vui lòng thử lại sau ít phút.")
        return _form_page(request, article, form, status=429)
    comment = form.build_comment()
    comment.ip_address = ip
    copy = earlier_copy(comment)
    if copy is not None:
        # A page's token is shared by every reader of the cached page, so it cannot be single-use:
        # the same text again (a double click, a replay) is answered as before and stored once.
        return _see_article(article, PUBLISHED if copy.status == Comment.Status.APPROVED else AWAITING)
    comment.user_agent = request.META.get("HTTP_USER_AGENT", "")[:500]
    comment.status = initial_status(comment)
    comment.save()
    comment_posted.send(sender=Comment, comment=comment, request=request)
    return _see_article(article, PUBLISHED if comment.status == Comment.Status.APPROVED else AWAITING)


def fresh_token(request, article_id):
    """A new form token for a page that may have come from a cache long ago."""
    article = _get_article(article_id)
    if not comments_open(article):
        response = JsonResponse({"error": "Bình luận đã đóng."}, status=403)
    else:
        response = JsonResponse(
            {"token": make_token(article), "min_age": settings.COMMENTS_TOKEN_MIN_AGE}
        )
    add_never_cache_headers(response)
    return response
