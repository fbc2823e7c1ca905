from django import template

from articles.models import Article

register = template.Library()


@register.inclusion_tag("articles/includes/latest.html")
def latest_articles(count=6, exclude=None):
    """The newest published articles, for a sidebar (two queries)."""
    articles = Article.objects.published().newest().for_listing()
    if exclude is not None:
        articles = articles.exclude(pk=exclude.pk)
    return {"articles": articles[:count]}
