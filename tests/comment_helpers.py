"""Helpers for the comment tests: a valid form as a reader's browser would send it."""

import time

from comments.models import Comment
from comments.protection import make_token

from .factories import make_article

VALID_BODY = "Bài viết rất hay, cảm ơn tác giả."


def aged_token(article, seconds=10):
    return make_token(article, now=time.time() - seconds)


def form_data(article, **overrides):
    data = {
        "name": "Nguyễn Văn An",
        "email": "an@example.com",
        "body": VALID_BODY,
        "token": aged_token(article),
        "website": "",
    }
    data.update(overrides)
    return data


def post(client, article, **overrides):
    """POST the form; REMOTE_ADDR and HTTP_* overrides go to the request, the rest to the form."""
    meta = {k: overrides.pop(k) for k in list(overrides) if k == "REMOTE_ADDR" or k.startswith("HTTP_")}
    return client.post(f"/binh-luan/{article.pk}/", form_data(article, **overrides), **meta)


def make_comment(article=None, **overrides):
    fields = {
        "article": article or make_article(),
        "name": "Trần Thị Bình",
        "email": "binh@example.com",
        "body": "Một bình luận đã được duyệt.",
        "status": Comment.Status.APPROVED,
        "ip_address": "203.0.113.9",
        "user_agent": "Mozilla/5.0 test",
    }
    fields.update(overrides)
    return Comment.objects.create(**fields)
