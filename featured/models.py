from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from articles.models import Article, Section
from vietnamese import nfc

# What a rendered list needs of an article: no body, no authors, no tags.
ARTICLE_FIELDS = [
    "id", "title", "slug", "sapo", "cover_image", "cover_alt", "cover_width", "cover_height", "published_at", "status",
    "section__name", "section__slug",
]


# The lists the site's templates name (created by migration 0002); they may not be deleted.
BUILT_IN_KEYS = ("tieu-diem", "noi-bat", "dung-bo-lo")


class FeaturedListQuerySet(models.QuerySet):
    def with_visible_items(self, now):
        """Lists by key, each with its `visible_items` at `now`: 2 queries for all lists."""
        items = models.Prefetch(
            "items", queryset=FeaturedItem.objects.visible(now).for_display(), to_attr="visible_items",
        )
        return {featured_list.key: featured_list for featured_list in self.prefetch_related(items)}


class FeaturedList(models.Model):
    class Fill(models.TextChoices):
        NONE = "none", "Không bổ sung"
        NEWEST = "newest", "Bài mới nhất"
        SECTION = "section", "Bài mới nhất của một chuyên mục"

    class Layout(models.TextChoices):
        EXCERPTS = "excerpts", "Tiêu đề và đoạn tóm tắt"
        THUMBNAILS = "thumbnails", "Tiêu đề và ảnh nhỏ"
        LEAD = "lead", "Bài chính ảnh lớn và các bài phụ"

    key = models.SlugField(
        "mã", max_length=50, unique=True,
        help_text="Mã dùng trong giao diện, ví dụ “noi-bat”. Không đổi được sau khi tạo.",
    )
    title = models.CharField("tiêu đề hiển thị", max_length=200)
    size = models.PositiveSmallIntegerField(
        "số bài hiển thị", default=5, validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    fill = models.CharField(
        "khi thiếu bài", max_length=10, choices=Fill.choices, default=Fill.NONE,
        help_text="Cách bù các chỗ trống khi danh sách có ít bài hơn số bài hiển thị.",
    )
    fill_section = models.ForeignKey(
        Section, verbose_name="chuyên mục để bù", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text="Chỉ dùng khi chọn “Bài mới nhất của một chuyên mục”.",
    )
    layout = models.CharField(
        "cách trình bày", max_length=12, choices=Layout.choices, default=Layout.EXCERPTS,
    )

    objects = FeaturedListQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = "danh sách tin"
        verbose_name_plural = "danh sách tin nổi bật"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = nfc(self.title).strip()
        super().save(*args, **kwargs)

    def clean(self):
        if self.fill == self.Fill.SECTION and self.fill_section_id is None:
            raise ValidationError({"fill_section": "Hãy chọn chuyên mục để lấy bài bù vào chỗ trống."})

    def selection(self, now=None, exclude=None, items=None, candidates=None):
        """What readers see at `now`, in order, leaving out `exclude` (the page's own article).

        `items` are this list's visible items when already fetched (FeaturedList.objects.
        with_visible_items); otherwise they cost a query. The fill costs one more when short,
        unless `candidates` gives its fill_candidates() (kept in the shared cache).
        """
        now = now or timezone.now()
        if items is None:
            items = self.items.visible(now).for_display()
        if exclude is not None:
            items = [item for item in items if item.article_id != exclude.pk]
        entries = [
            Entry(item.article, item.title or item.article.title, item.excerpt or item.article.sapo)
            for item in items[: self.size]
        ]
        # An article never shows twice: the fill skips listed ones (and the current page's).
        taken = {entry.article.pk for entry in entries} | ({exclude.pk} if exclude is not None else set())
        missing = self.size - len(entries)
        if missing > 0 and self.fill != self.Fill.NONE:
            if candidates is None:
                fill = self._fill(now, taken, missing)
            else:
                fill = [article for article in candidates if article.pk not in taken][:missing]
            entries += [Entry(a, a.title, a.sapo) for a in fill]
        return Selection(self, entries)

    def needs_fill(self, items):
        """Whether a page may top this list up, given its visible items."""
        return self.fill != self.Fill.NONE and len(items) <= self.size

    @classmethod
    def fill_candidates(cls, lists, now):
        """{key: articles}: enough of the newest articles to top each list that may need it up on
        any page (whatever its items and the page's own article leave out, `size + 1` hold the
        missing ones); one query for all lists filled with the site's newest, one per section fill."""
        wanted = [featured_list for featured_list in lists if featured_list.needs_fill(featured_list.visible_items)]
        newest = [featured_list for featured_list in wanted if featured_list.fill == cls.Fill.NEWEST]
        shared = list(newest[0]._fill(now, set(), max(f.size for f in newest) + 1)) if newest else []
        return {
            featured_list.key: shared if featured_list.fill == cls.Fill.NEWEST
            else list(featured_list._fill(now, set(), featured_list.size + 1))
            for featured_list in wanted
        }

    @classmethod
    def fill_candidates_among(cls, lists, newest, depth):
        """fill_candidates() taken from `newest`: public articles newest first, holding at least
        the newest `depth` of every section (home's own blocks), so the newest `depth` of the site
        and of any section are among them. Lists that would want more are left out (a query)."""
        found = {}
        for featured_list in lists:
            wanted = featured_list.size + 1
            if not featured_list.needs_fill(featured_list.visible_items) or wanted > depth:
                continue
            if featured_list.fill == cls.Fill.NEWEST:
                found[featured_list.key] = newest[:wanted]
            else:
                section = featured_list.fill_section_id
                in_section = [a for a in newest if section is not None and a.section_id == section]
                found[featured_list.key] = in_section[:wanted]
        return found

    def _fill(self, now, taken, count):
        articles = Article.objects.published(now).exclude(pk__in=taken)
        if self.fill == self.Fill.SECTION:
            if self.fill_section_id is None:
                return []
            articles = articles.in_section(self.fill_section_id)
        return articles.newest().select_related("section").only(*ARTICLE_FIELDS)[:count]


class FeaturedItemQuerySet(models.QuerySet):
    def visible(self, now):
        """Items shown at `now`: inside their window [starts_at, ends_at), article public."""
        return self.filter(
            Q(starts_at__isnull=True) | Q(starts_at__lte=now),
            Q(ends_at__isnull=True) | Q(ends_at__gt=now),
            article__in=Article.objects.published(now),
        ).order_by("position", "pk")

    def for_display(self):
        """With what a rendered list shows of each article, in the same query."""
        return self.select_related("article__section").only(
            "featured_list", "position", "title", "excerpt", "article",
            *(f"article__{name}" for name in ARTICLE_FIELDS),
        )


class FeaturedItem(models.Model):
    featured_list = models.ForeignKey(
        FeaturedList, verbose_name="danh sách", on_delete=models.CASCADE, related_name="items",
    )
    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="featured_items",
        # Editors pick from published articles, scheduled ones included (they show up on time).
        limit_choices_to={"status": Article.Status.PUBLISHED},
    )
    position = models.PositiveIntegerField("thứ tự", default=0)
    starts_at = models.DateTimeField(
        "hiện từ", null=True, blank=True, help_text="Để trống để hiện ngay.",
    )
    ends_at = models.DateTimeField(
        "ẩn từ", null=True, blank=True, help_text="Để trống để hiện đến khi gỡ khỏi danh sách.",
    )
    title = models.CharField(
        "tiêu đề thay thế", max_length=300, blank=True, help_text="Để trống để dùng tiêu đề bài viết.",
    )
    excerpt = models.TextField(
        "tóm tắt thay thế", blank=True, help_text="Để trống để dùng sapo của bài viết.",
    )

    objects = FeaturedItemQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "bài trong danh sách"
        verbose_name_plural = "bài trong danh sách (kéo thả để sắp xếp)"
        indexes = [
            # A list's items in order: every page that shows a featured list.
            models.Index(fields=["featured_list", "position"], name="featured_item_order_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["featured_list", "article"], name="unique_featured_article",
                violation_error_message="Bài viết này đã có trong danh sách.",
            ),
        ]

    def __str__(self):
        return self.title or str(self.article)

    def save(self, *args, **kwargs):
        self.title = nfc(self.title).strip()
        self.excerpt = nfc(self.excerpt).strip()
        super().save(*args, **kwargs)

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "Thời điểm ẩn phải sau thời điểm bắt đầu hiện."})

    def is_visible(self, now=None):
        """The rule of FeaturedItemQuerySet.visible() for one item (costs a query without the article)."""
        now = now or timezone.now()
        return (
            (self.starts_at is None or self.starts_at <= now)
            and (self.ends_at is None or self.ends_at > now)
            and self.article.is_published(now)
        )


@dataclass(frozen=True)
class Entry:
    """One story as a list shows it: the item's own title and excerpt win over the article's."""

    article: Article
    title: str
    excerpt: str


@dataclass(frozen=True)
class Selection:
    featured_list: FeaturedList
    entries: list

    def article_ids(self):
        return {entry.article.pk for entry in self.entries}
