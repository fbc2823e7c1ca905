from django import template

from articles import metadata

register = template.Library()


@register.simple_tag
def article_json_ld(article, authors):
    """The NewsArticle and BreadcrumbList scripts of an article page."""
    return metadata.json_ld_script(metadata.news_article(article, authors)) + metadata.json_ld_script(
        metadata.breadcrumbs(article)
    )


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
