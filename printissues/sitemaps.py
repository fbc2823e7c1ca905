from django.db.models import Max

from articles.sitemaps import SiteSitemap

from .models import PrintIssue


class PrintIssueSitemap(SiteSitemap):
    changefreq = "monthly"

    def items(self):
        return PrintIssue.objects.newest().only("id", "number", "year", "date")

    def lastmod(self, issue):
        return issue.date

    def get_latest_lastmod(self):
        return PrintIssue.objects.aggregate(latest=Max("date"))["latest"]
