"""The page cache's public API: what a page shows (tags) and what changed (invalidate).

Rendering code names what decides a page's content; the code that changes content names what
it changed. Tags are short ASCII tokens (see README, "Cache"):

    tags.add(request, tags.of(article), tags.listing(section))   # while rendering
    tags.invalidate(tags.of(article))                             # after an edit
    tags.invalidate(tags.of(article), *listings, removal=True)    # unpublish, archive, delete

A page is kept with its tags and the version of each tag; invalidating a tag changes its
version in the shared cache, so every process sees it on its next request, and tells the CDN
(`cdn.purge`) once the transaction commits.
"""

from . import store

MENU = "menu"
NEWEST = "new"
# "The newest articles, as of the last refresh": what tops up sidebars and related articles on
# pages that are not listings. A publication refreshes it at the next PAGE_CACHE_TOPUP_SECONDS
# boundary (a schedule), not at once: otherwise every publication would remake nearly every page.
TOPUP = "new-topup"
# A marker, not a tag: the page does not carry the tag of everything it shows (a sitemap of
# every article), so the CDN keeps it no longer than the page cache does.
PARTIAL = "partial"
_ATTR = "_page_cache_tags"


def of(obj, pk=None):
    """The tag of one object (`article42`), or of a model and a primary key."""
    model = obj._meta.model_name
    return f"{model}{obj.pk if pk is None else pk}"


def listing(obj=None):
    """The tag of "the newest public articles" of the site, or of a section, tag or author."""
    return NEWEST if obj is None else f"{NEWEST}-{of(obj)}"


def add(request, *tags):
    """Record that the page answering `request` shows what these tags name."""
    if request is None:
        return
    collected = getattr(request, _ATTR, None)
    if collected is None:
        collected = set()
        setattr(request, _ATTR, collected)
    collected.update(tags)


def collected(request):
    """The tags added while answering `request` (a set, maybe empty)."""
    return getattr(request, _ATTR, set())


def invalidate(*tags, removal=False, at_once=False):
    """Every cached page carrying one of these tags is made again on its next request; a removal
    (unpublish, archive, delete) or a change readers must see `at_once` (a publication, an
    approved comment) is never served stale. Seen by every process at once, and sent to the CDN
    after the transaction commits."""
    store.invalidate(tags, removal=removal, at_once=at_once)


def reads(*params):
    """View decorator: the query parameters the view reads. The cache key keeps only these,
    so any other parameter (tracking, random) finds the same cached page."""

    def decorate(view):
        view.page_cache_params = tuple(sorted(params))
        return view

    return decorate


def fragment(request, name, producer, tags_of):
    """Data many pages show alike (the menu, the featured lists), made once and shared by every
    process until one of its tags is invalidated. `producer()` makes it; `tags_of(value)` names
    its tags, which are added to the page using it."""
    return store.fragment(request, name, producer, tags_of)


def on_schedule(next_moment, due_tags, grace=None):
    """Content that changes by itself at a time (a scheduled article, a featured item's window):
    `next_moment(now)` gives the next such datetime or None, `due_tags(since, until)` the
    (tags, removal) pairs of what changed in that interval. Checked on readers' requests, no cron.
    What comes due is never served stale, unless `grace` (seconds) allows it."""
    store.SCHEDULES.append((next_moment, due_tags, grace))


def reschedule():
    """Call after saving a future time (scheduling an article, a featured item's window)."""
    store.reschedule()
