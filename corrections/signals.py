"""A correction changes its article: its modification time, and every page that shows them."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from articles.models import Article
from pagecache import store


@receiver(post_save, sender="corrections.Correction", dispatch_uid="corrections:saved")
@receiver(post_delete, sender="corrections.Correction", dispatch_uid="corrections:deleted")
def correction_changed(sender, instance, **kwargs):
    # update(): the article's own save would run its sanitizing and search indexing for nothing.
    Article.objects.filter(pk=instance.article_id).update(updated_at=timezone.now())
    # The article page, the lists and feeds showing it, /dinh-chinh/ and its feed: today the
    # whole page cache. TODO(delivery): tags.invalidate(tags.of(article), "corrections").
    store.invalidate()
    transaction.on_commit(store.invalidate)
