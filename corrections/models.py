import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from articles.models import Article
from vietnamese import nfc

NOT_PUBLISHED = "Chỉ đính chính được bài đã xuất bản (bài nháp, chờ duyệt, hẹn giờ hay đã gỡ thì chưa)."


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """Corrections readers may see: those of published articles, newest first."""
        return self.filter(article__in=Article.objects.published()).newest()

    def newest(self):
        return self.order_by("-corrected_at", "-pk")


@reversion.register()
class Correction(models.Model):
    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="corrections",
    )
    text = models.TextField("nội dung đính chính", help_text="Sai ở đâu và đúng là gì, viết cho bạn đọc.")
    corrected_at = models.DateTimeField("thời điểm đính chính", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người đính chính", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-corrected_at", "-pk"]
        verbose_name = "đính chính"
        verbose_name_plural = "đính chính"
        indexes = [
            # The article page's box: one article's corrections, newest first.
            models.Index(fields=["article", "-corrected_at"], name="correction_article_idx"),
            # /dinh-chinh/ and its feed: every correction, newest first.
            models.Index(fields=["-corrected_at", "-id"], name="correction_newest_idx"),
        ]

    def __str__(self):
        return f"Đính chính lúc {timezone.localtime(self.corrected_at):%H:%M %d/%m/%Y}"

    def save(self, *args, **kwargs):
        self.text = nfc(self.text).strip()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#dinh-chinh-{self.pk}"

    def clean(self):
        self.text = nfc(self.text).strip()
        if not self.text:
            raise ValidationError({"text": "Hãy viết nội dung đính chính."})
        if self.article_id and not self.article.is_published():
            raise ValidationError({"article": NOT_PUBLISHED})
