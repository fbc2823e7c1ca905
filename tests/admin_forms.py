"""POST data for the article change form, as a browser would send it."""

import datetime

from django.utils import timezone

from articles.models import Article

ARTICLE_URL = "/admin/articles/article/"


def change_url(article):
    return f"{ARTICLE_URL}{article.pk}/change/"


def _split(moment):
    if moment is None:
        return "", ""
    local = timezone.localtime(moment)
    return local.strftime("%d/%m/%Y"), local.strftime("%H:%M:%S")


def article_data(article=None, section=None, authors=(), **overrides):
    """The form of an existing article (its current values) or of a new one."""
    article = article or Article(section=section, title="Bài mới", sapo="Sapo.", body="<p>Thân bài.</p>")
    date, time = _split(article.published_at)
    data = {
        "title": article.title, "slug": article.slug, "section": article.section_id or section.pk,
        "sapo": article.sapo, "body": article.body,
        "cover_caption": article.cover_caption, "cover_alt": article.cover_alt,
        "cover_credit": article.cover_credit,
        "status": article.status, "published_at_0": date, "published_at_1": time,
        "allow_comments": "on" if article.allow_comments else "", "review_note": article.review_note,
        "tagged_items-TOTAL_FORMS": "0", "tagged_items-INITIAL_FORMS": "0",
        "tagged_items-MIN_NUM_FORMS": "0", "tagged_items-MAX_NUM_FORMS": "1000",
    }
    bylines = list(article.bylines.all()) if article.pk else []
    for i, byline in enumerate(bylines):
        data.update({
            f"bylines-{i}-id": byline.pk, f"bylines-{i}-article": article.pk,
            f"bylines-{i}-author": byline.author_id, f"bylines-{i}-position": byline.position,
        })
    for j, author in enumerate(authors, start=len(bylines)):
        data.update({f"bylines-{j}-author": author.pk, f"bylines-{j}-position": j})
    data.update({
        "bylines-TOTAL_FORMS": str(len(bylines) + len(authors)), "bylines-INITIAL_FORMS": str(len(bylines)),
        "bylines-MIN_NUM_FORMS": "1", "bylines-MAX_NUM_FORMS": "1000",
    })
    data.update(overrides)
    return data


def local(text):
    """An aware time from "HH:MM:SS dd/mm/YYYY" in the site's time zone."""
    return timezone.make_aware(datetime.datetime.strptime(text, "%H:%M:%S %d/%m/%Y"))
