from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    name = "corrections"
    verbose_name = "Đính chính"

    def ready(self):
        from articles.models import PAGE_ROWS
        from articles.sitemaps import SITEMAPS

        from . import signals  # noqa: F401
        from .models import Correction
        from .sitemaps import CorrectionSitemap

        # The sitemap index lists every entry of articles' registry.
        SITEMAPS.setdefault("dinh-chinh", CorrectionSitemap)
        # An article page's corrections come with its article (templatetags.corrections_tags).
        PAGE_ROWS.setdefault("correction_rows", (
            f"SELECT c.id, c.text, c.corrected_at FROM {Correction._meta.db_table} c "
            "WHERE c.article_id = {article}.id",
            ("id", "text", "corrected_at"), "corrected_at DESC, id DESC",
        ))
