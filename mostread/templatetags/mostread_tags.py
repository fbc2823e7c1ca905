from django import template
from django.conf import settings
from django.urls import reverse

from pagecache import tags

from ..ranking import MOST_READ, top_articles

register = template.Library()


@register.inclusion_tag("mostread/most_read.html", takes_context=True)
def most_read(context):
    """The "Đọc nhiều" sidebar list: the same on every page, shared as a fragment."""
    articles = tags.fragment(
        context.get("request"), MOST_READ, top_articles,
        lambda articles: [MOST_READ, *(tags.of(article) for article in articles)],
    )
    return {"articles": articles}


@register.inclusion_tag("mostread/beacon.html")
def read_beacon(article):
    """The script that counts a read of a published article once it has been on screen a while."""
    if not article.is_published():
        return {}
    return {
        "url": reverse("mostread:beacon", args=[article.pk]),
        "article_id": article.pk,
        "seconds": settings.READS_BEACON_SECONDS,
    }
