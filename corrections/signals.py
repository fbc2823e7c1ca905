"""A correction changes its article: its modification time, and the pages that show them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from articles.models import Article
from pagecache import tags

# The pages listing every correction: /dinh-chinh/, its feed, its sitemap.
CORRECTIONS = "corrections"


@receiver(post_save, sender="corrections.Correction", dispatch_uid="corrections:saved")
@receiver(post_delete, sender="corrections.Correction", dispatch_uid="corrections:deleted")
def correction_changed(sender, instance, **kwargs):
    # update(): the article's own save would run its sanitizing and search indexing for nothing.
    Article.objects.filter(pk=instance.article_id).update(updated_at=timezone.now())
    # Its page and every list or feed showing it (its modification time), and the corrections'
    # pages. A deleted correction is never served stale.
    removal = kwargs.get("created") is None  # post_delete
    tags.invalidate(tags.of(Article, instance.article_id), CORRECTIONS, removal=removal)
