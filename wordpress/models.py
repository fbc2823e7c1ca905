from django.db import models


class ImportedItem(models.Model):
    """What an import made of one thing of a WordPress export, keyed by the export's ids: a
    second run finds it here instead of creating it again (and --update compares checksums)."""

    class Kind(models.TextChoices):
        CATEGORY = "category", "Chuyên mục"
        TAG = "tag", "Thẻ"
        AUTHOR = "author", "Tác giả"
        POST = "post", "Bài viết"
        PAGE = "page", "Trang"
        FILE = "file", "Tệp ảnh"

    # The exported site (its base URL): two sites' "post 12" are different posts.
    site = models.CharField("trang WordPress", max_length=200)
    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    # The post id, term slug, author login or file path in the uploads folder.
    key = models.CharField("mã trong tệp xuất", max_length=300)
    guid = models.CharField("guid", max_length=500, blank=True)
    object_id = models.BigIntegerField("mã bản ghi", null=True, blank=True)
    # A stored file's name (kind "file").
    stored_name = models.CharField("tệp đã lưu", max_length=300, blank=True)
    checksum = models.CharField("dấu vân tay nội dung", max_length=64, blank=True)
    # A post's comments: {WordPress comment id: our comment id}.
    comments = models.JSONField("bình luận đã nhập", default=dict, blank=True)
    imported_at = models.DateTimeField("nhập lúc", auto_now=True)

    class Meta:
        verbose_name = "mục đã nhập từ WordPress"
        verbose_name_plural = "mục đã nhập từ WordPress"
        constraints = [
            # Every lookup of an import run: (site, kind, key).
            models.UniqueConstraint(fields=["site", "kind", "key"], name="wordpress_item_unique"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key}"
