import reversion
from django.conf import settings
from django.db import models

from images.renditions import prepare_images
from vietnamese import nfc, unique_slug
from web.reversing import cached_reverse


@reversion.register()
class Author(models.Model):
    name = models.CharField("họ tên", max_length=120)
    slug = models.SlugField(
        "đường dẫn", max_length=140, unique=True, blank=True,
        help_text="Để trống để tạo tự động từ họ tên.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="tài khoản", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="author_profile",
    )
    title = models.CharField("chức danh", max_length=120, blank=True, help_text="Ví dụ: Phóng viên")
    bio = models.TextField("giới thiệu", blank=True)
    photo = models.ImageField("ảnh chân dung", upload_to="authors/%Y/%m/", blank=True)
    # Filled on save, like Article.cover_width (images/renditions.py).
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_fields = {"photo": ("photo_width", "photo_height")}

    class Meta:
        ordering = ["name"]
        verbose_name = "tác giả"
        verbose_name_plural = "tác giả"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.title = nfc(self.title).strip()
        self.bio = nfc(self.bio).strip()
        kwargs["update_fields"] = prepare_images(self, kwargs.get("update_fields"))
        if not self.slug:
            others = Author.objects.exclude(pk=self.pk)
            self.slug = unique_slug(self.name, lambda s: others.filter(slug=s).exists(), "tac-gia")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse("articles:author", self.slug)
