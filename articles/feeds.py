"""RSS 2.0 feeds of the newest published articles, for the site and for each section."""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure

from .models import Article, Section

FEED_SIZE = 30


def absolute(url):
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


class LatestArticlesFeed(Feed):
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
        return Article.objects.published().newest().for_listing()

    def items(self, obj=None):
        return self.articles(obj)[:FEED_SIZE]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.sapo

    def item_link(self, article):
        return absolute(article.get_absolute_url())

    def item_pubdate(self, article):
        return article.published_at

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
        return get_object_or_404(Section, slug=slug)

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
