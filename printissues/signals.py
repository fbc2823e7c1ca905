"""An issue or its contents changed: the pages showing them are made again, and only those."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from articles.models import Article
from pagecache import tags

# The pages listing every issue: /so-bao/ and the sitemap.
PRINT_ISSUES = "printissues"


@receiver(post_save, sender="printissues.PrintIssue", dispatch_uid="printissues:issue-saved")
@receiver(post_delete, sender="printissues.PrintIssue", dispatch_uid="printissues:issue-deleted")
def issue_changed(sender, instance, **kwargs):
    # The archive, the issue's page, and the articles saying "Đăng trên Số …" (they carry its tag).
    tags.invalidate(tags.of(instance), PRINT_ISSUES, removal=kwargs.get("created") is None)


@receiver(pre_save, sender="printissues.TocEntry", dispatch_uid="printissues:entry-before")
def remember_article(sender, instance, raw=False, **kwargs):
    """The article the line named before this save (one query; none for a new line)."""
    instance._article_before = None
    if not raw and instance.pk is not None:
        instance._article_before = sender.objects.filter(pk=instance.pk).values_list("article_id", flat=True).first()


@receiver(post_save, sender="printissues.TocEntry", dispatch_uid="printissues:entry-saved")
@receiver(post_delete, sender="printissues.TocEntry", dispatch_uid="printissues:entry-deleted")
def entry_changed(sender, instance, **kwargs):
    # The issue's page, and the pages of the articles that gain or lose the "Đăng trên" line.
    articles = {instance.article_id, getattr(instance, "_article_before", None)} - {None}
    tags.invalidate(
        tags.of(instance.issue), *(tags.of(Article, pk) for pk in articles), removal=kwargs.get("created") is None,
    )
