"""Spam protection without cookies: a signed form token, the client IP and a
per-IP rate limit counted in the database (the "counters" cache)."""

import datetime
import time

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils import timezone

from .models import Comment

_SALT = "comments.form-token"


def make_token(article, now=None):
    """A token binding the form to the article and the time it was issued."""
    issued = int(now if now is not None else time.time())
    return signing.dumps({"a": article.pk, "t": issued}, salt=_SALT, compress=False)


def check_token(token, article, now=None):
    """Raise ValidationError (Vietnamese) unless the token is ours, for this article,
    and between COMMENTS_TOKEN_MIN_AGE and COMMENTS_TOKEN_MAX_AGE seconds old."""
    now = now if now is not None else time.time()
    try:
        data = signing.loads(token, salt=_SALT)
        article_id, issued = int(data["a"]), int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ValidationError(
            "Biểu mẫu không hợp lệ. Vui lòng gửi lại bình luận.", code="forged"
        ) from None
    if article_id != article.pk:
        raise ValidationError("Biểu mẫu không thuộc bài viết này. Vui lòng gửi lại.", code="foreign")
    age = now - issued
    if age < settings.COMMENTS_TOKEN_MIN_AGE:
        raise ValidationError(
            "Bạn gửi nhanh quá. Vui lòng đợi vài giây rồi bấm “Gửi bình luận” lần nữa.", code="too_young"
        )
    if age > settings.COMMENTS_TOKEN_MAX_AGE:
        raise ValidationError(
            "Trang đã mở quá lâu nên biểu mẫu hết hạn. Nội dung của bạn vẫn còn, "
            "hãy bấm “Gửi bình luận” lần nữa.",
            code="expired",
        )


def over_rate_limit(ip, now=None):
    """Count one comment for this IP; True when it goes beyond the limit.

    Fixed windows aligned to the clock: the key names its window, so a cache
    backend that resets the timeout on incr() cannot stretch a window. Redis and
    the local-memory cache count atomically; the database cache may miss a hit
    when two posts from one address arrive at the same instant."""
    limit, window = settings.COMMENTS_RATE_LIMIT, settings.COMMENTS_RATE_WINDOW
    if not limit or not ip:
        return False
    slot = int((now if now is not None else time.time()) // window)
    key = f"comments:rate:{ip}:{slot}"
    # Counted where no eviction of the page cache can reset it (settings: "counters").
    cache = caches["counters"]
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        count = 1
    return count > limit


def earlier_copy(comment, now=None):
    """The same text already posted to the same article from the same address within a
    token's life (COMMENTS_TOKEN_MAX_AGE), or None. One query."""
    since = (now or timezone.now()) - datetime.timedelta(seconds=settings.COMMENTS_TOKEN_MAX_AGE)
    return (
        Comment.objects.filter(
            article=comment.article, ip_address=comment.ip_address, body=comment.body, created_at__gte=since,
        )
        .only("pk", "status")
        .first()
    )
