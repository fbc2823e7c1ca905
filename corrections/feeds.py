from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone

from articles.metadata import absolute
from articles.models import Article
from pagecache import tags

from .signals import CORRECTIONS
from .views import public_corrections

FEED_SIZE = 30


class CorrectionFeed(Feed):
    language = "vi"
    description = "Các đính chính mới nhất của Tạp chí Người Hà Nội."

    def title(self):
        return f"Đính chính - {settings.SITE_NAME}"

    def link(self):
        return absolute(reverse("corrections:list"))

    def feed_url(self):
        return absolute(reverse("corrections:feed"))

    def items(self):
        return public_corrections()[:FEED_SIZE]

    def get_feed(self, obj, request):
        """The feed, with its tags for the page cache (one more small query: the articles' ids)."""
        ids = self.items().values_list("article_id", flat=True)
        tags.add(request, CORRECTIONS, *(tags.of(Article, pk) for pk in ids))
        return super().get_feed(obj, request)

    def item_title(self, correction):
        return f"Đính chính: {correction.article.title}"

    def item_description(self, correction):
        when = timezone.localtime(correction.corrected_at).strftime("%H:%M %d/%m/%Y")
        return f"Đính chính lúc {when}: {correction.text}"

    def item_link(self, correction):
        return absolute(correction.get_absolute_url())

    def item_guid(self, correction):
        return absolute(f"{reverse('corrections:list')}#dinh-chinh-{correction.pk}")

    def item_pubdate(self, correction):
        return correction.corrected_at
