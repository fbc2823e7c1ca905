"""Factories for featured lists (the lists of the migration exist in every test database)."""

from featured.models import FeaturedItem, FeaturedList


def get_list(key, **changes):
    """One of the lists the migration creates, emptied and adjusted for a test."""
    featured_list = FeaturedList.objects.get(key=key)
    featured_list.items.all().delete()
    for name, value in changes.items():
        setattr(featured_list, name, value)
    featured_list.save()
    return featured_list


def add_items(featured_list, *articles, **fields):
    """Append articles to a list, in the given order."""
    start = featured_list.items.count()
    return [
        FeaturedItem.objects.create(featured_list=featured_list, article=article, position=start + i + 1, **fields)
        for i, article in enumerate(articles)
    ]


def hand_filled_lists():
    """The migration's lists without their top-up of the newest articles. With the top-up every
    page showing a list (articles, sections, tags, authors, search) shows the newest articles too,
    so any publication changes it; tests of precise invalidation use hand-filled lists."""
    FeaturedList.objects.update(fill=FeaturedList.Fill.NONE)
