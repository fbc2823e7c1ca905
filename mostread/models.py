from django.db import models

from articles.models import Article


class HourlyReads(models.Model):
    """Reads of an article in one hour (UTC, truncated), written from Redis about every minute."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField("giờ")
    count = models.PositiveIntegerField("lượt đọc", default=0)

    class Meta:
        verbose_name = "lượt đọc theo giờ"
        verbose_name_plural = "lượt đọc theo giờ"
        constraints = [models.UniqueConstraint(fields=["article", "hour"], name="unique_hourly_reads")]
        indexes = [
            # The 24-hour and 7-day sums, the 30-day chart and pruning: a range of hours.
            models.Index(fields=["hour"], name="hourly_reads_hour_idx"),
        ]

    def __str__(self):
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H:00}: {self.count}"


class ReadCount(models.Model):
    """An article's reads over 24 hours, 7 days and in all, kept for the list and the newsroom."""

    article = models.OneToOneField(
        Article, verbose_name="bài viết", primary_key=True, on_delete=models.CASCADE, related_name="read_count",
    )
    last_24h = models.PositiveIntegerField("24 giờ", default=0)
    last_7d = models.PositiveIntegerField("7 ngày", default=0)
    total = models.PositiveBigIntegerField("tổng", default=0)

    class Meta:
        verbose_name = "lượt đọc"
        verbose_name_plural = "lượt đọc"
        indexes = [
            # "Đọc nhiều" and the newsroom's sorted columns, the article list sorted by reads
            # included: ties broken by article, so one index reads either direction in order.
            models.Index(fields=["last_24h", "article"], name="readcount_24h_article_idx"),
            models.Index(fields=["last_7d", "article"], name="readcount_7d_article_idx"),
            models.Index(fields=["total", "article"], name="readcount_total_article_idx"),
        ]

    def __str__(self):
        return str(self.article)
