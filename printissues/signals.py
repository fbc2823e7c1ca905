"""An issue or its contents changed: the pages showing them are made again."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pagecache import store


@receiver(post_save, sender="printissues.PrintIssue", dispatch_uid="printissues:issue-saved")
@receiver(post_delete, sender="printissues.PrintIssue", dispatch_uid="printissues:issue-deleted")
@receiver(post_save, sender="printissues.TocEntry", dispatch_uid="printissues:entry-saved")
@receiver(post_delete, sender="printissues.TocEntry", dispatch_uid="printissues:entry-deleted")
def print_issue_changed(sender, **kwargs):
    # /so-bao/, the issue's page and the pages of the articles in it: today the whole page
    # cache. TODO(delivery): tags.invalidate(tags.of(issue), "print-issues", *article tags).
    store.invalidate()
    transaction.on_commit(store.invalidate)
