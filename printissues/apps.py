from django.apps import AppConfig


class PrintIssuesConfig(AppConfig):
    name = "printissues"
    verbose_name = "Số báo in"

    def ready(self):
        from articles.models import PAGE_ROWS
        from articles.sitemaps import SITEMAPS

        from . import signals  # noqa: F401
        from .models import PrintIssue, TocEntry
        from .sitemaps import PrintIssueSitemap

        # The sitemap index lists every entry of articles' registry.
        SITEMAPS.setdefault("so-bao", PrintIssueSitemap)
        # The issues an article appeared in come with it on its page (templatetags.printissues_tags).
        PAGE_ROWS.setdefault("print_issue_rows", (
            f"SELECT DISTINCT issue.id, issue.number, issue.year, issue.date FROM {PrintIssue._meta.db_table} issue "
            f"JOIN {TocEntry._meta.db_table} entry ON entry.issue_id = issue.id "
            "WHERE entry.article_id = {article}.id",
            ("id", "number", "year", "date"), "year DESC, number DESC",
        ))
