from django import template

from articles.models import Article
from pagecache.store import fragment

register = template.Library()


@register.inclusion_tag("articles/includes/latest.html", takes_context=True)
def latest_articles(context, count=6, exclude=None):
    """The newest published articles, for a sidebar (one query, none once cached)."""
    newest = fragment(
        context.get("request"), f"latest:{count + 1}",
        lambda: list(Article.objects.published().newest().for_listing(bylines=False)[: count + 1]),
    )
    return {"articles": [a for a in newest if exclude is None or a.pk != exclude.pk][:count]}
