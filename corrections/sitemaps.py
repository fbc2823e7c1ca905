from django.db.models import Max
from django.urls import reverse

from articles.sitemaps import SiteSitemap

from .models import Correction


class CorrectionSitemap(SiteSitemap):
    """/dinh-chinh/: one URL, changed whenever a correction is made."""

    changefreq = "daily"

    def items(self):
        return ["corrections:list"] if Correction.objects.public().exists() else []

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return Correction.objects.public().aggregate(latest=Max("corrected_at"))["latest"]
