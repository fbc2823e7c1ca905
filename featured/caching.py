"""What readers see of the featured lists, told to the page cache: an edit of a list or of its
items invalidates that list's tag; so does an item's display window opening or closing, and an
item's scheduled article appearing, checked on readers' requests (no cron)."""

from django.db.models import Min, Q
from django.db.models.signals import post_delete, post_save

from articles.models import Article
from pagecache import tags

from .models import FeaturedItem, FeaturedList


def list_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        tags.invalidate(tags.of(instance), removal=kwargs.get("signal") is post_delete)


def item_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    tags.invalidate(tags.of(FeaturedList, instance.featured_list_id))
    tags.reschedule()


def next_moment(now):
    """The next time an item's window opens or closes (one query)."""
    found = FeaturedItem.objects.aggregate(
        starts=Min("starts_at", filter=Q(starts_at__gt=now)), ends=Min("ends_at", filter=Q(ends_at__gt=now)),
    )
    moments = [moment for moment in found.values() if moment is not None]
    return min(moments) if moments else None


def due_tags(since, until):
    """The lists whose items' windows opened or closed, or whose articles appeared, in (since, until]."""
    changed = (
        Q(starts_at__gt=since, starts_at__lte=until)
        | Q(ends_at__gt=since, ends_at__lte=until)
        | Q(article__in=Article.objects.published(until).filter(published_at__gt=since))
    )
    list_ids = FeaturedItem.objects.filter(changed).values_list("featured_list_id", flat=True).distinct()
    return [([tags.of(FeaturedList, pk) for pk in list_ids], False)] if list_ids else []


def connect():
    uid = "featured.caching"
    for signal in (post_save, post_delete):
        signal.connect(list_saved, sender=FeaturedList, dispatch_uid=uid)
        signal.connect(item_saved, sender=FeaturedItem, dispatch_uid=uid)
    tags.on_schedule(next_moment, due_tags)
