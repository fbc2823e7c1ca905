from django import template
from django.http import HttpRequest
from django.template import Context
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.models import Article
from featured import layouts
from featured.models import FeaturedList
from pagecache import tags

register = template.Library()

# Where a page keeps every list it may show, fetched once for all its tags.
_LISTS = "featured_lists"
_FILL = "featured_fill"


def _lists(context):
    """All lists with their visible items, in 2 queries for the whole page, none while the
    shared fragment holds them (it expires at the next item window or publication time).

    render_context is shared by the blocks of a page and its parent templates, and is
    fresh for every render, so a page never reuses another request's lists.
    """
    if _LISTS not in context.render_context:
        now = timezone.now()
        lists = tags.fragment(
            context.get("request"), "featured-lists", lambda: FeaturedList.objects.with_visible_items(now),
            _list_tags,
        )
        context.render_context[_LISTS] = (now, lists)
    return context.render_context[_LISTS]


def _list_tags(lists):
    """A list shows its own settings and its visible items' articles."""
    return [
        *(tags.of(featured_list) for featured_list in lists.values()),
        *(tags.of(item.article) for featured_list in lists.values() for item in featured_list.visible_items),
    ]


def _fill_candidates(context, now, lists):
    """The top-up candidates of every list that may need them ({key: articles}), one shared
    fragment refreshed at the tags.TOPUP moment after a publication: no query while kept.

    A page that lists the newest articles itself (home) shows a publication at once: its lists
    are topped up from its own articles (`newest_articles`, at least the newest `newest_depth`
    of every section). Other pages, even those any publication changes (search results, as a
    section's list), top them up as of the last top-up moment."""
    request = context.get("request")
    newest = context.get("newest_articles")
    if newest is not None:
        return FeaturedList.fill_candidates_among(lists.values(), newest, context.get("newest_depth", 0))
    if _FILL not in context.render_context:
        context.render_context[_FILL] = tags.fragment(request, "featured-fill", lambda: {
            "lists": [featured_list.pk for featured_list in lists.values()],
            "candidates": FeaturedList.fill_candidates(lists.values(), now),
        }, _fill_tags)
    return context.render_context[_FILL]["candidates"]


def _fill_tags(value):
    """The newest articles as of the last top-up moment, each candidate, and the lists (their
    items, size and fill decide which need candidates, and how many)."""
    return [
        tags.TOPUP,
        *(tags.of(FeaturedList, pk) for pk in value["lists"]),
        *{tags.of(article) for articles in value["candidates"].values() for article in articles},
    ]


@register.simple_tag(takes_context=True)
def featured_entries(context, key, exclude=None):
    """A list's selection, for a template that lays it out itself; None if no such list.

    `{% featured_entries "tieu-diem" as lead %}` (a query only when the fill wants more than the
    shared or the page's own candidates hold).
    """
    now, lists = _lists(context)
    featured_list = lists.get(key)
    if featured_list is None:
        return None
    candidates = None
    if featured_list.needs_fill(featured_list.visible_items):
        # Topped up (or may be) with the newest articles: refreshed after a publication at the
        # next tags.TOPUP moment; at once only where the page itself lists the newest (home).
        tags.add(context.get("request"), tags.TOPUP)
        shared = _fill_candidates(context, now, lists)
        candidates = None if shared is None else shared.get(key)
    selection = featured_list.selection(
        now=now, exclude=exclude, items=featured_list.visible_items, candidates=candidates,
    )
    tags.add(context.get("request"), *(tags.of(entry.article) for entry in selection.entries))
    return selection


@register.simple_tag(takes_context=True)
def featured_list(context, key_or_selection, exclude=None):
    """Render a list by key (`{% featured_list "noi-bat" exclude=article %}`) or a selection, in
    its layout (featured/layouts.py)."""
    selection = key_or_selection
    if isinstance(key_or_selection, str):
        # A page listing the newest itself (home) tops its lists up from them; the others share.
        if context.get("newest_articles") is None:
            shared = _shared_html(context.get("request"), key_or_selection)
            if shared is not None:
                return mark_safe(shared["without"].get(getattr(exclude, "pk", None), shared["html"]))
        selection = featured_entries(context, key_or_selection, exclude=exclude)
    return layouts.render(selection)


def _shared_html(request, key):
    """A list as every page but home shows it, as HTML, one shared fragment: as most
    pages show it, and without each of its articles (that article's own page leaves it out).
    Its tags: the list (its settings, items and their windows), its visible items' articles, the
    articles shown, and the top-up moment when it is topped up. None for a list that does not exist."""

    def produce():
        context = Context({"request": HttpRequest()})  # the shared parts' tags stay out of this one
        selection = featured_entries(context, key)
        if selection is None:
            return {"html": None, "tags": []}
        featured_list = selection.featured_list
        without = {pk: featured_entries(context, key, exclude=Article(pk=pk)) for pk in selection.article_ids()}
        items = featured_list.visible_items
        return {
            "html": str(layouts.render(selection)),
            "without": {pk: str(layouts.render(other)) for pk, other in without.items()},
            "tags": sorted({
                tags.of(featured_list),
                *(tags.of(item.article) for item in items),
                *(tags.of(entry.article) for other in (selection, *without.values()) for entry in other.entries),
                *([tags.TOPUP] if featured_list.needs_fill(items) else []),
            }),
        }

    shared = tags.fragment(request, f"featured-html-{key}", produce, lambda value: value["tags"])
    return shared if shared["html"] is not None else None


@register.filter
def without(articles, selection):
    """The articles a selection does not already show (home: section blocks skip the lead stories)."""
    if not selection:
        return list(articles)
    shown = selection.article_ids()
    return [article for article in articles if article.pk not in shown]
