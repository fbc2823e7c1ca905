"""Sitemaps, the Google News sitemap and robots.txt, with absolute URLs from SITE_URL."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap, views
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from authors.models import Author
from pagecache import tags

from .models import Article, Section, Tag

NEWS_WINDOW = datetime.timedelta(hours=48)
# Google News reads at most 1,000 URLs per news sitemap.
NEWS_LIMIT = 1000


class SiteSitemap(Sitemap):
    """A sitemap whose URLs start with SITE_URL, whatever host the request came to."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class SectionSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.only("slug")


class ArticleSitemap(SiteSitemap):
    def items(self):
        return Article.objects.published().only("id", "slug", "updated_at").order_by("pk")

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class TagSitemap(SiteSitemap):
    def items(self):
        public = Article.objects.published()
        return Tag.objects.filter(tagged_articles__content_object__in=public).distinct().only("slug").order_by("pk")


class AuthorSitemap(SiteSitemap):
    def items(self):
        public = Article.objects.published()
        return Author.objects.filter(articles__in=public).distinct().only("slug").order_by("pk")


SITEMAPS = {
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}


@tags.reads("p")
def sitemap(request, section):
    """One sitemap. It follows publications (the site's listing) and the menu; it does not carry
    the tag of every article, so an edit reaches it when its entry ends (PAGE_CACHE_SECONDS)."""
    tags.add(request, tags.listing(), tags.MENU, tags.PARTIAL)
    return views.sitemap(request, SITEMAPS, section)


def news_articles():
    """The articles of the Google News sitemap: published in the last 48 hours, newest first."""
    since = timezone.now() - NEWS_WINDOW
    return Article.objects.published().filter(published_at__gte=since).newest()


@require_safe
@x_robots_tag
def sitemap_index(request):
    """Every page of every sitemap that has URLs; each sitemap splits into pages of 50,000 URLs.

    A sitemap without URLs is left out: an empty <urlset> is not a valid sitemap.
    """
    tags.add(request, tags.listing(), tags.MENU, tags.PARTIAL)
    items = []
    latest_news = news_articles().values_list("published_at", flat=True).first()
    if latest_news is not None:
        items.append(SitemapIndexItem(settings.SITE_URL + reverse("articles:sitemap_news"), latest_news))
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        if not sitemap.paginator.count:
            continue
        location = settings.SITE_URL + reverse("articles:sitemap", kwargs={"section": section})
        lastmod = sitemap.get_latest_lastmod()
        items.append(SitemapIndexItem(location, lastmod))
        items.extend(
            SitemapIndexItem(f"{location}?p={page}", lastmod)
            for page in range(2, sitemap.paginator.num_pages + 1)
        )
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )


@require_safe
@x_robots_tag
def news_sitemap(request):
    """Google News sitemap: the articles of the last 48 hours; 404 while there are none.

    An empty <urlset> is invalid, so the sitemap index lists this one only while it has articles.
    """
    articles = list(news_articles().only("id", "slug", "title", "published_at")[:NEWS_LIMIT])
    # Also on the 404: a publication makes it a sitemap again.
    tags.add(request, tags.listing(), *(tags.of(article) for article in articles))
    if not articles:
        raise Http404("Không có bài nào trong 48 giờ qua.")
    context = {"articles": articles, "site_url": settings.SITE_URL, "publication": settings.SITE_NAME}
    return render(request, "articles/sitemap_news.xml", context, content_type="application/xml")


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Result pages (an endless space of queries) stay out; the search page itself may be found.
        f"Disallow: {reverse('articles:search')}?",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('articles:sitemap_index')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
