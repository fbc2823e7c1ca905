"""Small factories for the personas and content the tests need."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles import derived
from articles.models import Article, ArticleAuthor, Section
from authors.models import Author
from roles.newsroom import EDITOR, JOURNALIST  # noqa: F401 - the personas' groups, for the tests

_counter = itertools.count(1)


def make_user(username=None, role=None, superuser=False, password="pw"):
    User = get_user_model()
    username = username or f"user{next(_counter)}"
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.com", password)
    user = User.objects.create_user(username, f"{username}@example.com", password, is_staff=role is not None)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_section(name=None, **overrides):
    n = next(_counter)
    name = name or f"Chuyên mục {n}"
    return Section.objects.create(name=name, slug=overrides.pop("slug", f"chuyen-muc-{n}"), **overrides)


def make_author(name=None, **overrides):
    return Author.objects.create(name=name or f"Tác giả {next(_counter)}", **overrides)


def make_article(title=None, authors=(), tags=(), **overrides):
    """A published article (an hour old) unless overrides say otherwise."""
    fields = {
        "title": title or f"Bài viết số {next(_counter)}",
        "sapo": "Sapo của bài viết.",
        "body": "<p>Nội dung bài viết.</p>",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(hours=1),
    }
    fields.update(overrides)
    if "section" not in fields:
        fields["section"] = make_section()
    article = derived.save(Article(**fields), force_insert=True)
    for position, author in enumerate(authors):
        ArticleAuthor.objects.create(article=article, author=author, position=position)
    if tags:
        article.tags.add(*tags)
    return article
