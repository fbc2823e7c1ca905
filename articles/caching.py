"""What readers see of articles, sections, tags and authors, told to the page cache.

Pages add the tags of what they show (pagecache.tags); here the changes readers can see are
announced, and only those: a draft or an article in review changes no page.

- an edit of a published article: its tag (its page and every page showing its card);
- publishing (now, or a scheduled time arriving), unpublishing, archiving, deleting: its tag
  and the listings it enters or leaves (the site's newest, its section, tags and authors);
- an edit of a section, tag or author: its tag; a new section: the menu;
- the newest articles that top up sidebars and related articles (tags.TOPUP): at the next
  PAGE_CACHE_TOPUP_SECONDS boundary after a publication, served stale meanwhile.

Publications and removals are never served stale (`at_once`): the next reader sees them.
"""

import datetime

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from authors.models import Author
from pagecache import tags

from .models import Article, ArticleAuthor, Section, Tag, TaggedArticle, next_scheduled_publication


def listings(article_pk, section_ids):
    """The listing tags an article is part of while public (two queries: its tags, its authors)."""
    tag_ids = TaggedArticle.objects.filter(content_object_id=article_pk).values_list("tag_id", flat=True)
    author_ids = ArticleAuthor.objects.filter(article_id=article_pk).values_list("author_id", flat=True)
    return [
        tags.listing(),
        *(tags.listing(Section(pk=pk)) for pk in section_ids if pk),
        *(tags.listing(Tag(pk=pk)) for pk in tag_ids),
        *(tags.listing(Author(pk=pk)) for pk in author_ids),
    ]


def _public(status, published_at, now):
    return Article(status=status, published_at=published_at).is_published(now)


def remember_before(sender, instance, raw=False, **kwargs):
    """What readers saw of the article before this save (one query; none for a new article)."""
    if raw or instance.pk is None:
        instance._seen_before = None
        return
    instance._seen_before = (
        Article.objects.filter(pk=instance.pk).values("status", "published_at", "section_id").first()
    )


def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    now = timezone.now()
    before = instance.__dict__.pop("_seen_before", None)
    was = before is not None and _public(before["status"], before["published_at"], now)
    public = instance.is_published(now)
    if instance.status == Article.Status.PUBLISHED and not (was and public):
        # A scheduled article: the page cache wakes up at its time; a publication: at the next
        # top-up refresh.
        tags.reschedule()
    if not was and not public:
        return
    if was and public and (before["section_id"], before["published_at"]) == (
        instance.section_id, instance.published_at
    ):
        tags.invalidate(tags.of(instance))
        return
    sections = {instance.section_id, before["section_id"] if before else None}
    tags.invalidate(tags.of(instance), *listings(instance.pk, sections), removal=was and not public, at_once=True)


def article_deleting(sender, instance, **kwargs):
    if instance.is_published():
        tags.invalidate(tags.of(instance), *listings(instance.pk, {instance.section_id}), removal=True)


def part_changed(sender, instance, **kwargs):
    """A tag or a byline added to or removed from a public article: its page, the listing."""
    article_pk = instance.content_object_id if sender is TaggedArticle else instance.article_id
    if not Article.objects.published().filter(pk=article_pk).exists():
        return
    listing = tags.listing(Tag(pk=instance.tag_id) if sender is TaggedArticle else Author(pk=instance.author_id))
    tags.invalidate(tags.of(Article, article_pk), listing)


def related_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Article) and instance.is_published():
        tags.invalidate(tags.of(instance))


def named_thing_saved(sender, instance, created=False, raw=False, **kwargs):
    """A section, tag or author edited: its tag. A new section enters the menu."""
    if raw:
        return
    if created:
        if sender is Section:
            tags.invalidate(tags.MENU)
        return
    tags.invalidate(tags.of(instance))


def named_thing_deleted(sender, instance, **kwargs):
    tags.invalidate(tags.of(instance), *([tags.MENU] if sender is Section else []), removal=True)


def due_tags(since, until):
    """Articles whose scheduled time came in (since, until]: each is a publication (one query)."""
    arrived = Article.objects.published(until).filter(published_at__gt=since).values_list("pk", "section_id")
    return [([tags.of(Article, pk), *listings(pk, {section_id})], False) for pk, section_id in arrived]


def _boundary(moment):
    """The last top-up refresh moment at or before `moment` (multiples of PAGE_CACHE_TOPUP_SECONDS)."""
    every = settings.PAGE_CACHE_TOPUP_SECONDS
    return datetime.datetime.fromtimestamp(moment.timestamp() // every * every, tz=datetime.UTC)


def next_topup(now):
    """The next refresh moment, when an article was published since the last one (one query)."""
    last = _boundary(now)
    if Article.objects.published(now).filter(published_at__gt=last).exists():
        return last + datetime.timedelta(seconds=settings.PAGE_CACHE_TOPUP_SECONDS)
    return None


def due_topup(since, until):
    """tags.TOPUP if an article was published before a refresh moment in (since, until] and after
    the one before it (one query, once a period)."""
    start, end = _boundary(since), _boundary(until)
    if end <= start or not Article.objects.published(until).filter(
        published_at__gt=start, published_at__lte=end
    ).exists():
        return []
    return [([tags.TOPUP], False)]


def connect():
    uid = "articles.caching"
    pre_save.connect(remember_before, sender=Article, dispatch_uid=uid)
    post_save.connect(article_saved, sender=Article, dispatch_uid=uid)
    pre_delete.connect(article_deleting, sender=Article, dispatch_uid=uid)
    for part in (TaggedArticle, ArticleAuthor):
        post_save.connect(part_changed, sender=part, dispatch_uid=uid)
        post_delete.connect(part_changed, sender=part, dispatch_uid=uid)
    m2m_changed.connect(related_changed, sender=Article.related.through, dispatch_uid=uid)
    for model in (Section, Tag, Author):
        post_save.connect(named_thing_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(named_thing_deleted, sender=model, dispatch_uid=uid)
    tags.on_schedule(next_scheduled_publication, due_tags)
    tags.on_schedule(next_topup, due_topup, grace=settings.PAGE_CACHE_TOPUP_SECONDS)
