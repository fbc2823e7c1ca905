from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    name = "corrections"
    verbose_name = "Đính chính"

    def ready(self):
        from articles.sitemaps import SITEMAPS

        from . import signals  # noqa: F401
        from .sitemaps import CorrectionSitemap

        # The sitemap index lists every entry of articles' registry.
        SITEMAPS.setdefault("dinh-chinh", CorrectionSitemap)
