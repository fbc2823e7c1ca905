from django.urls import path, re_path

from . import search_views, sitemaps, views
from .feeds import LatestArticlesFeed, SectionFeed

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("tag/<slug:slug>/", views.tag_detail, name="tag"),
    path("tac-gia/<slug:slug>/", views.author_detail, name="author"),
    path("tim-kiem/", search_views.search_results, name="search"),
    path("rss/", LatestArticlesFeed(), name="feed"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("sitemap-news.xml", sitemaps.news_sitemap, name="sitemap_news"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap, name="sitemap"),
    # Any slug text is accepted so that a wrong or old one can be redirected.
    re_path(r"^(?P<slug>[^/]*)-(?P<pk>[0-9]{1,18})\.html$", views.article_detail, name="detail"),
    path("<slug:slug>/rss/", SectionFeed(), name="section_feed"),
    path("<slug:slug>/", views.section_detail, name="section"),
]
