"""RSS 2.0 feeds of the newest published articles, for the site and for each section."""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed, rfc3339_date

from pagecache import tags

from .models import Article, Section

FEED_SIZE = 30


def absolute(url):
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


class RssFeedWithUpdates(Rss201rev2Feed):
    """RSS 2.0 whose items say when they were last changed (<atom:updated>), e.g. corrected."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["updateddate"] and item["pubdate"] and item["updateddate"] > item["pubdate"]:
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))


class LatestArticlesFeed(Feed):
    feed_type = RssFeedWithUpdates
    language = "vi"

    def title(self, obj=None):
        return settings.SITE_NAME

    def description(self, obj=None):
        return f"Tin bài mới nhất của {settings.SITE_NAME}."

    def link(self, obj=None):
        return absolute("/")

    def feed_url(self, obj=None):
        return absolute(reverse("articles:feed"))

    def articles(self, obj=None):
        """Published articles of the feed, newest first (two queries: articles, bylines)."""
        # The modification time as an annotation: for_listing() loads only what cards show.
        return Article.objects.published().newest().for_listing(bylines=True).annotate(modified=F("updated_at"))

    def items(self, obj=None):
        return self.articles(obj)[:FEED_SIZE]

    def get_feed(self, obj, request):
        """The feed, with its tags for the page cache (one more small query: the items' ids)."""
        ids = self.items(obj).values_list("pk", flat=True)
        tags.add(request, tags.listing(obj), *(tags.of(Article, pk) for pk in ids))
        return super().get_feed(obj, request)

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.sapo

    def item_link(self, article):
        return absolute(article.get_absolute_url())

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.modified

    def item_author_name(self, article):
        return ", ".join(author.name for author in article.byline_authors()) or None

    def item_categories(self, article):
        return [article.section.name]

    def item_enclosures(self, article):
        """The cover image, when its file is there to be measured."""
        image = article.cover_image
        if not image:
            return []
        try:
            length = image.size
        except OSError:
            return []
        mime_type = mimetypes.guess_type(image.name)[0] or "image/jpeg"
        return [Enclosure(absolute(image.url), str(length), mime_type)]


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        section = get_object_or_404(Section, slug=slug)
        tags.add(request, tags.of(section))
        return section

    def title(self, section):
        return f"{section.name} - {settings.SITE_NAME}"

    def description(self, section):
        return section.description or f"Tin bài mới nhất chuyên mục {section.name} của {settings.SITE_NAME}."

    def link(self, section):
        return absolute(section.get_absolute_url())

    def feed_url(self, section):
        return absolute(reverse("articles:section_feed", args=[section.slug]))

    def articles(self, section):
        return super().articles().in_section(section)
