"""The "Đọc nhiều" list and the newsroom's counts, recomputed from the hour buckets."""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, Sum
from django.db.models.functions import TruncDate

from articles.models import Article
from pagecache import tags

from .models import HourlyReads, ReadCount

TOP_KEY = "mostread:top"
# The tag of the pages showing the list.
MOST_READ = "most-read"
# Hour buckets kept: the dashboard's chart shows 30 days.
KEEP = datetime.timedelta(days=35)


def top_articles():
    """The "Đọc nhiều" articles, in one query: the most read of the last 24 hours; while fewer
    than READS_LIST_SIZE were read in a day (a new site), the most read of 7 days fill the list."""
    ranked = Article.objects.published().filter(read_count__last_7d__gt=0).order_by(
        "-read_count__last_24h", "-read_count__last_7d", "-pk"
    )
    return list(ranked.for_listing(bylines=False)[: settings.READS_LIST_SIZE])


def top_ids():
    return [article.pk for article in top_articles()]


def recompute(now):
    """Sum the hour buckets into ReadCount's 24-hour and 7-day columns, drop old buckets, and
    refresh the pages showing the list if its order changed."""
    day_ago, week_ago = now - datetime.timedelta(hours=24), now - datetime.timedelta(days=7)
    sums = (
        HourlyReads.objects.filter(hour__gt=week_ago).values("article_id")
        .annotate(week=Sum("count"), day=Sum("count", filter=Q(hour__gt=day_ago)))
    )
    rows = [ReadCount(article_id=row["article_id"], last_24h=row["day"] or 0, last_7d=row["week"]) for row in sums]
    with transaction.atomic():
        ReadCount.objects.exclude(article_id__in=[row.article_id for row in rows]).filter(
            Q(last_24h__gt=0) | Q(last_7d__gt=0)
        ).update(last_24h=0, last_7d=0)
        ReadCount.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["article"], update_fields=["last_24h", "last_7d"],
        )
        HourlyReads.objects.filter(hour__lt=now - KEEP).delete()
    ids = top_ids()
    if cache.get(TOP_KEY) != ids:
        cache.set(TOP_KEY, ids, timeout=None)
        # The pages showing the list (home, articles) and only those.
        tags.invalidate(MOST_READ)


def reads_per_day(today, days=30):
    """[(date, reads)] for the `days` days up to `today` (site time), zeros included (one query)."""
    first = today - datetime.timedelta(days=days - 1)
    rows = (
        HourlyReads.objects.filter(hour__date__gte=first).annotate(day=TruncDate("hour"))
        .values("day").annotate(reads=Sum("count"))
    )
    found = {row["day"]: row["reads"] for row in rows}
    return [(first + datetime.timedelta(days=n), found.get(first + datetime.timedelta(days=n), 0)) for n in range(days)]


def top_of_week(limit=10):
    """The most read articles of the last 7 days with their counts, for the newsroom (one query)."""
    return list(
        ReadCount.objects.filter(last_7d__gt=0).select_related("article").order_by("-last_7d")
        .only("article_id", "last_24h", "last_7d", "total", "article__id", "article__title", "article__slug")[:limit]
    )
