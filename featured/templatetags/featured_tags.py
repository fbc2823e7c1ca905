from django import template

from featured.models import FeaturedList

register = template.Library()


@register.simple_tag
def featured_entries(key, exclude=None):
    """A list's selection for the template to lay out itself (2 or 3 queries); None if no such list."""
    featured_list = FeaturedList.objects.filter(key=key).first()
    if featured_list is None:
        return None
    return featured_list.selection(exclude=exclude)


@register.inclusion_tag("featured/featured_list.html")
def featured_list(key_or_selection, exclude=None):
    """Render a list by key (`{% featured_list "noi-bat" exclude=article %}`) or a selection."""
    selection = key_or_selection
    if isinstance(key_or_selection, str):
        selection = featured_entries(key_or_selection, exclude=exclude)
    return {"selection": selection}


@register.filter
def without(articles, selection):
    """The articles a selection does not already show (home: section blocks skip the lead stories)."""
    if not selection:
        return list(articles)
    shown = selection.article_ids()
    return [article for article in articles if article.pk not in shown]
