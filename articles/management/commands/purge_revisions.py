"""Trim the history: delete old revisions, never the newest N versions of anything."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from reversion.models import Revision, Version

BATCH = 500


def protected_revision_ids(keep):
    """Revisions holding one of the newest `keep` versions of some object (deleted ones included)."""
    rank = Window(
        RowNumber(), partition_by=[F("content_type_id"), F("object_id"), F("db")], order_by=F("pk").desc(),
    )
    ranked = Version.objects.annotate(rank=rank).filter(rank__lte=keep)
    return set(ranked.values_list("revision_id", flat=True))


class Command(BaseCommand):
    help = (
        "Xóa các phiên bản cũ trong lịch sử bài viết, chuyên mục, tác giả: chỉ xóa bản cũ hơn --days ngày "
        "và không bao giờ xóa --keep bản mới nhất của mỗi đối tượng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--keep", type=int, default=20, help="số bản mới nhất luôn giữ cho mỗi đối tượng (≥ 1)")
        parser.add_argument("--days", type=int, default=90, help="chỉ xóa bản cũ hơn số ngày này (≥ 0)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ đếm, không xóa")

    def handle(self, *args, keep, days, dry_run=False, **options):
        if keep < 1:
            raise CommandError("--keep phải từ 1 trở lên: bản mới nhất là bản để khôi phục bài đã xóa.")
        if days < 0:
            raise CommandError("--days không được âm.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        with transaction.atomic():
            protected = protected_revision_ids(keep)
            old = Revision.objects.filter(date_created__lt=cutoff).values_list("pk", flat=True)
            doomed = sorted(set(old) - protected)
            if not dry_run:
                for start in range(0, len(doomed), BATCH):
                    Revision.objects.filter(pk__in=doomed[start:start + BATCH]).delete()
        verb = "Sẽ xóa" if dry_run else "Đã xóa"
        self.stdout.write(
            f"{verb} {len(doomed)} lần lưu cũ hơn {days} ngày; giữ {keep} bản mới nhất của mỗi đối tượng."
        )
