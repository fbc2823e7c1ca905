from django import template
from django.utils.safestring import mark_safe

from articles import metadata

register = template.Library()


@register.simple_tag
def article_head(article, authors):
    """The canonical link, sharing metadata and JSON-LD of an article page (articles.metadata)."""
    return mark_safe(metadata.article_head_html(article, authors))


@register.simple_tag
def byline(article, authors):
    """The byline of an article page: authors and publication time (articles.metadata)."""
    return mark_safe(metadata.byline_html(article, authors))


@register.filter
def absolute_url(url):
    return metadata.absolute(url or "")


@register.filter
def local_iso(moment):
    return metadata.local_iso(moment) or ""


@register.simple_tag
def share_image(article=None):
    """The picture shared with a page: the article's (cover, first body image) or the site's."""
    return metadata.share_image(article) if article is not None else metadata.default_share_image()
