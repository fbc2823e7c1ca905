"""Old addresses (a WordPress archive's permalinks, `?p=123`, category and tag archives) that
answer 301 to an article, a section or a tag. Looked up only where a page would be a 404
(middleware.py), so normal pages never pay for the table."""

from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from articles.models import Article, Section, Tag
from pagecache import tags
from vietnamese import nfc

# Query parameters that name content on a WordPress site's front page ("/?p=123").
WORDPRESS_QUERY_KEYS = ("p", "page_id", "cat", "tag")
OLD_PATH_MAX_LENGTH = 500
ONE_TARGET = "Chọn đúng một đích: một bài viết, một chuyên mục hoặc một thẻ."


def normalize_path(url):
    """The key an old address is stored and looked up under: its path, decoded, in NFC, without
    a trailing slash; the query string is dropped except the front page's "?p=123"."""
    parts = urlsplit((url or "").strip())
    path = nfc(unquote(parts.path or "/"))
    if not path.startswith("/"):
        path = "/" + path
    if path != "/":
        return path.rstrip("/") or "/"
    query = dict(parse_qsl(parts.query))
    for key in WORDPRESS_QUERY_KEYS:
        if query.get(key):
            return f"/?{key}={query[key]}"
    return "/"


# The page cache tag of every answer that depends on the redirect table: the 404s and the 301s
# of the fallback middleware.
PAGE_TAG = "redirects"


def announce_change(*args, **kwargs):
    """Cached 404s and 301s must see a changed redirect table."""
    tags.invalidate(PAGE_TAG)


class Redirect(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", "Biên tập viên"
        WORDPRESS = "wordpress", "Nhập từ WordPress"

    old_path = models.CharField(
        "đường dẫn cũ", max_length=OLD_PATH_MAX_LENGTH, unique=True,
        help_text="Ví dụ: /2019/05/pho-co-ha-noi/ hoặc /?p=123 (dán cả địa chỉ cũng được).",
    )
    article = models.ForeignKey(
        Article, verbose_name="bài viết", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
    )
    section = models.ForeignKey(
        Section, verbose_name="chuyên mục", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
    )
    tag = models.ForeignKey(
        Tag, verbose_name="thẻ", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
    )
    source = models.CharField("nguồn", max_length=10, choices=Source.choices, default=Source.MANUAL)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        ordering = ["old_path"]
        verbose_name = "chuyển hướng"
        verbose_name_plural = "chuyển hướng"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(article__isnull=False, section__isnull=True, tag__isnull=True)
                    | Q(article__isnull=True, section__isnull=False, tag__isnull=True)
                    | Q(article__isnull=True, section__isnull=True, tag__isnull=False)
                ),
                name="redirect_one_target",
                violation_error_message=ONE_TARGET,
            ),
        ]

    def __str__(self):
        return self.old_path

    def save(self, *args, **kwargs):
        self.old_path = normalize_path(self.old_path)
        super().save(*args, **kwargs)

    def target(self):
        return self.article or self.section or self.tag

    def clean(self):
        self.old_path = normalize_path(self.old_path)
        errors = refusal(self.old_path, self.article, self.section, self.tag)
        errors.pop("__all__", None)  # the constraint says it (validate_constraints)
        if errors:
            raise ValidationError(errors)


def refusal(old_path, article=None, section=None, tag=None):
    """Why a redirect from old_path to its target is refused ({field: message}), or {}: the one
    rule for the admin and the importer."""
    targets = [target for target in (article, section, tag) if target is not None]
    if len(targets) != 1:
        return {"__all__": ONE_TARGET}
    if article is not None and not article.is_published():
        return {"article": "Bài viết này chưa xuất bản (hoặc đang hẹn giờ): không chuyển hướng tới bài chưa công khai."}
    if len(old_path) > OLD_PATH_MAX_LENGTH:
        return {"old_path": f"Đường dẫn cũ quá dài (tối đa {OLD_PATH_MAX_LENGTH} ký tự)."}
    if normalize_path(targets[0].get_absolute_url()) == old_path:
        return {"old_path": "Đường dẫn cũ chính là địa chỉ của đích: chuyển hướng sẽ thành vòng lặp."}
    return {}


def add_redirects(rows):
    """Store many (old_path, target) pairs made by an import, skipping refused ones and old paths
    already mapped (an editor's redirect wins). Returns how many rows were new. The caller
    announces the change (announce_change) once it is done: bulk inserts send no signals."""
    objects = []
    for old_path, target in rows:
        old_path = normalize_path(old_path)
        field = {Article: "article", Section: "section", Tag: "tag"}[type(target)]
        if not refusal(old_path, **{field: target}):
            objects.append(Redirect(old_path=old_path, source=Redirect.Source.WORDPRESS, **{field: target}))
    if not objects:
        return 0
    taken = set(Redirect.objects.filter(old_path__in=[o.old_path for o in objects]).values_list("old_path", flat=True))
    new = {o.old_path: o for o in objects if o.old_path not in taken}
    Redirect.objects.bulk_create(new.values(), ignore_conflicts=True)
    return len(new)


def find_redirect(path, query_string=""):
    """The Redirect for a requested address, target loaded, or None (one query)."""
    key = normalize_path(f"{path}?{query_string}" if query_string else path)
    return Redirect.objects.select_related("article", "section", "tag").filter(old_path=key).first()
