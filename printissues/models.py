import reversion
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from articles.models import Article
from images.renditions import prepare_images
from vietnamese import nfc

from .pdf import first_page_jpeg


class PrintIssueQuerySet(models.QuerySet):
    def newest(self):
        return self.order_by("-year", "-number")


@reversion.register(follow=["entries"])
class PrintIssue(models.Model):
    number = models.PositiveIntegerField("số", validators=[MinValueValidator(1)])
    year = models.PositiveSmallIntegerField(
        "năm", validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    date = models.DateField("ngày phát hành")
    description = models.TextField("giới thiệu", blank=True)
    pdf = models.FileField("tệp PDF", upload_to="so-bao/%Y/")
    cover_image = models.ImageField(
        "ảnh bìa", upload_to="so-bao/%Y/", blank=True,
        help_text="Để trống để lấy trang đầu của tệp PDF làm ảnh bìa.",
    )
    # Kept on save (images/renditions.py), so that pages write width and height without the file.
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_fields = {"cover_image": ("cover_width", "cover_height")}

    objects = PrintIssueQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = "số báo"
        verbose_name_plural = "số báo"
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="unique_print_issue")]

    def __str__(self):
        return f"Số {self.number} – {self.year}"

    def save(self, *args, **kwargs):
        self.description = nfc(self.description).strip()
        if self.pdf and not self.pdf._committed:
            self.pdf.save(self.pdf_filename(), self.pdf.file, save=False)
        if self.pdf and not self.cover_image:
            data = first_page_jpeg(self.pdf.path)
            self.cover_image.save(f"bia-so-{self.number}-{self.year}.jpg", ContentFile(data), save=False)
        kwargs["update_fields"] = prepare_images(self, kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("printissues:detail", args=[self.number, self.year])

    def get_pdf_url(self):
        return reverse("printissues:pdf", args=[self.number, self.year])

    def cover_alt(self):
        return f"Bìa {self}"

    def pdf_filename(self):
        return f"nguoi-ha-noi-so-{self.number}-{self.year}.pdf"


class TocEntry(models.Model):
    """A line of an issue's contents: an article of the site, or a free line (a title)."""

    issue = models.ForeignKey(PrintIssue, on_delete=models.CASCADE, related_name="entries")
    article = models.ForeignKey(
        Article, verbose_name="bài viết", null=True, blank=True, on_delete=models.CASCADE,
        related_name="print_entries",
    )
    title = models.CharField("tiêu đề", max_length=300, blank=True, help_text="Để trống để dùng tiêu đề bài viết.")
    page = models.PositiveSmallIntegerField("trang", validators=[MinValueValidator(1)])
    position = models.PositiveSmallIntegerField("thứ tự", default=0, db_index=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "mục lục"
        verbose_name_plural = "mục lục"
        indexes = [
            # An article page: the issues it appears in.
            models.Index(fields=["article", "issue"], name="tocentry_article_idx"),
        ]

    def __str__(self):
        return f"{self.display_title()} (tr. {self.page})"

    def clean(self):
        self.title = nfc(self.title).strip()
        if not self.title and not self.article_id:
            raise ValidationError("Hãy chọn một bài viết hoặc ghi tiêu đề cho dòng mục lục.")

    def display_title(self):
        return self.title or (self.article.title if self.article_id else "")
