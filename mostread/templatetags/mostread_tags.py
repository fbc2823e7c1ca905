from html import escape

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe

from articles.models import Article
from pagecache import tags

from ..ranking import MOST_READ, top_articles

register = template.Library()


@register.simple_tag(takes_context=True)
def most_read(context):
    """The "Đọc nhiều" sidebar list: the same on every page, shared as a fragment of HTML (the
    markup templates/mostread/most_read.html gave: tests/test_render_unchanged.py)."""

    def produce():
        articles = top_articles()
        return {"pks": [article.pk for article in articles], "html": _html(articles)}

    value = tags.fragment(
        context.get("request"), "most-read-html", produce,
        lambda value: [MOST_READ, *(tags.of(Article, pk) for pk in value["pks"])],
    )
    return mark_safe(value["html"])


def _html(articles):
    if not articles:
        return ""
    items = "".join(
        f'\n    <li class="most-read-item"><a href="{escape(article.get_absolute_url())}">'
        f"{escape(article.title)}</a></li>\n    "
        for article in articles
    )
    return (
        '<section class="most-read" aria-labelledby="doc-nhieu">\n'
        '  <h2 class="block-title" id="doc-nhieu">Đọc nhiều</h2>\n'
        f'  <ol class="most-read-items">\n    {items}\n  </ol>\n</section>'
    )


@register.simple_tag
def read_beacon(article):
    """The script that counts a read of a published article once it has been on screen a while."""
    if not article.is_published():
        return ""
    url = escape(reverse("mostread:beacon", args=[article.pk]))
    return mark_safe(
        f'<script src="{escape(static("mostread/beacon.js"))}" data-beacon="{url}" data-article="{article.pk}" '
        f'data-seconds="{settings.READS_BEACON_SECONDS}" defer></script>'
    )
