from django.apps import AppConfig


class PrintIssuesConfig(AppConfig):
    name = "printissues"
    verbose_name = "Số báo in"

    def ready(self):
        from articles.sitemaps import SITEMAPS

        from . import signals  # noqa: F401
        from .sitemaps import PrintIssueSitemap

        # The sitemap index lists every entry of articles' registry.
        SITEMAPS.setdefault("so-bao", PrintIssueSitemap)
