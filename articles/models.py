import datetime
import functools
import json

import reversion
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_ckeditor_5.fields import CKEditor5Field
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from authors.models import Author
from vietnamese import RESERVED_SLUGS, SLUG_MAX_LENGTH, nfc, slugify_vi, unique_slug
from web.reversing import cached_reverse

from . import search
from .sanitize import clean_html


def validate_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            "Đường dẫn “%(value)s” trùng với một địa chỉ cố định của trang, hãy chọn đường dẫn khác.",
            params={"value": value},
            code="reserved",
        )


validate_ascii_slug = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    "Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.",
)


@reversion.register()
class Section(models.Model):
    name = models.CharField("tên chuyên mục", max_length=100)
    slug = models.SlugField(
        "đường dẫn", max_length=100, unique=True,
        validators=[validate_ascii_slug, validate_not_reserved],
    )
    description = models.TextField("mô tả", blank=True)
    position = models.PositiveSmallIntegerField("thứ tự trên menu", default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.description = nfc(self.description).strip()
        if not self.slug:
            self.slug = slugify_vi(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse("articles:section", self.slug)


class Tag(TagBase):
    """A tag whose slug folds Vietnamese: taggit's default turns "Đống Đa" into "ong-a"."""

    class Meta:
        ordering = ["name"]
        verbose_name = "thẻ"
        verbose_name_plural = "thẻ"

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        super().save(*args, **kwargs)

    def slugify(self, tag, i=None):
        slug = slugify_vi(tag, max_length=90) or "the"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self):
        return cached_reverse("articles:tag", self.slug)


@reversion.register()
class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="tagged_items")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles", verbose_name="thẻ")

    class Meta:
        verbose_name = "thẻ của bài"
        verbose_name_plural = "thẻ của bài"
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag"),
        ]
        indexes = [
            # Related articles: the latest articles of a tag, read from the index alone.
            models.Index(fields=["tag", "-content_object"], name="tagged_tag_latest_idx"),
        ]

    def __str__(self):
        # The tag alone (taggit's "<article> tagged with <tag>" loads the article, in English): the
        # article form shows it above each tag row.
        return str(self.tag)


# Rows other apps show on an article page, loaded with the article by article_for_page()
# as JSON arrays (no query of their own): {name: (select, columns, order)}, where `select` picks
# the rows of the article `{article}.id` with these columns, in this order. Filled by those apps'
# ready() (corrections, printissues), as articles.sitemaps.SITEMAPS is; read with
# Article.page_rows(name).
PAGE_ROWS = {}


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """The one door to public content: published and its time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def scheduled(self, now=None):
        """Published articles whose time has not come yet."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=now or timezone.now())

    def in_section(self, section):
        return self.filter(section=section)

    def newest(self):
        return self.order_by("-published_at", "-pk")

    def newest_sorted(self):
        """newest(), sorted once the rows are found instead of read in the publication-time index's
        order: for a tag, whose articles may all be old (a past event's). PostgreSQL, reading the
        index from the newest and checking each article, went through 17,000 of 100,000 articles
        (160 ms) for a page of a tag with 648; sorting finds them through the tag's own rows
        (10 ms). Not for authors: a staff writer's thousands of articles are spread over the years,
        and sorting 2,400 of them cost 21 ms against 7 for the index. COALESCE hides the column
        from the index without changing the order."""
        return self.order_by(Coalesce("published_at", "published_at").desc(), "-pk")

    def for_listing(self, bylines=False):
        """What a list of article cards shows (cards show no byline): 1 query, 2 with bylines."""
        queryset = self.prefetch_related(BYLINES) if bylines else self
        return queryset.select_related("section").only(
            "id", "title", "slug", "sapo", "cover_image", "cover_width", "cover_height", "cover_alt", "published_at",
            "section__name", "section__slug", "status",
        )

    def search(self, query):
        """Articles matching every word of query, best first: a search.RankedSearch for a Paginator.

        A page costs a count, one to six id queries (one per rank it reaches, and on PostgreSQL the
        newest candidates of each), and the articles with their section and bylines
        (search_results()).
        """
        return search.RankedSearch(self, search.query_words(query), connection.vendor, query, fetch=search_results)

    def newest_per_section(self, per_section, section_ids=None):
        """The newest `per_section` articles of every section, in one query however large the
        archive: one LIMIT per section (each an index range scan), not a window over every row.
        Costs a query for the section ids unless they are given."""
        newest = self.order_by("-published_at", "-pk").values("pk")
        if section_ids is None:
            section_ids = Section.objects.values_list("pk", flat=True)
        return self.filter(pk__in=union_of_pks(newest.filter(section_id=pk)[:per_section] for pk in section_ids))

    def related_to(self, article, limit):
        """The editors' picks, then articles sharing the article's tags (most shared first), then
        its section, newest first; one query. Ranks a bounded set of candidates, so the cost does
        not grow with the archive; the raw SQL parts keep its compilation cheap (it ran on every
        uncached article page)."""
        tag_ids = [tag.pk for tag in article.tags.all()]
        others = self.exclude(pk=article.pk)
        newest_in_section = others.filter(section_id=article.section_id).order_by("-published_at", "-pk")
        picks, tagged, table = (model._meta.db_table for model in (Article.related.through, TaggedArticle, Article))
        candidates = [
            newest_in_section.values("pk")[:limit],
            (f"SELECT to_article_id FROM {picks} WHERE from_article_id = %s", [article.pk]),
        ] + [
            # The latest articles of each tag (by id: an index-only scan however popular the tag).
            (f"SELECT content_object_id FROM {tagged} WHERE tag_id = %s ORDER BY content_object_id DESC LIMIT %s",
             [tag_id, RELATED_CANDIDATES])
            for tag_id in tag_ids
        ]
        in_tags = ", ".join(["%s"] * len(tag_ids)) or "NULL"
        return (
            others.filter(pk__in=union_of_pks(candidates))
            .annotate(
                picked=RawSQL(
                    f"EXISTS (SELECT 1 FROM {picks} WHERE from_article_id = %s AND to_article_id = {table}.id)",
                    [article.pk], output_field=models.BooleanField(),
                ),
                shared_tags=RawSQL(
                    f"(SELECT COUNT(*) FROM {tagged} WHERE content_object_id = {table}.id AND tag_id IN ({in_tags}))",
                    tag_ids, output_field=models.IntegerField(),
                ),
            )
            .order_by("-picked", "-shared_tags", "-published_at", "-pk")[:limit]
        )


# How many of the latest articles of each tag are ranked for "Bài liên quan".
RELATED_CANDIDATES = 24


def union_of_pks(parts):
    """One subquery: the pks of several sliced querysets or (sql, params) pairs, as a UNION ALL
    of LIMITed selects, which the ORM refuses to compose on SQLite. Querysets select only "pk"."""
    sqls, params = [], []
    for n, part in enumerate(parts):
        sql, part_params = part if isinstance(part, tuple) else part.query.sql_with_params()
        sqls.append(f"SELECT * FROM ({sql}) AS part_{n}")
        params.extend(part_params)
    return RawSQL(" UNION ALL ".join(sqls) or "SELECT 0 WHERE 1 = 0", params)


# A version of an article keeps its byline and tags with it.
@reversion.register(follow=["bylines", "tagged_items"])
class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Nháp"
        REVIEW = "review", "Chờ duyệt"
        PUBLISHED = "published", "Đã xuất bản"
        ARCHIVED = "archived", "Lưu trữ"

    title = models.CharField("tiêu đề", max_length=300)
    slug = models.SlugField(
        "đường dẫn", max_length=SLUG_MAX_LENGTH, unique=True, blank=True,
        validators=[validate_ascii_slug, validate_not_reserved],
        help_text="Để trống để tạo tự động từ tiêu đề (bỏ dấu, “đ” thành “d”).",
    )
    sapo = models.TextField("sapo", blank=True, help_text="Đoạn dẫn in đậm dưới tiêu đề.")
    body = CKEditor5Field("nội dung", config_name="article", blank=True)
    section = models.ForeignKey(
        Section, verbose_name="chuyên mục", on_delete=models.PROTECT, related_name="articles",
    )
    authors = models.ManyToManyField(
        Author, verbose_name="tác giả", through="ArticleAuthor", related_name="articles", blank=True,
    )
    cover_image = models.ImageField("ảnh đại diện", upload_to="covers/%Y/%m/%d/", blank=True)
    # Filled on save (images/renditions.py) so that pages write width/height and srcset without
    # opening the file. Not Django's width_field: that opens the file whenever a row is loaded
    # without them.
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_fields = {"cover_image": ("cover_width", "cover_height")}
    cover_caption = models.CharField("chú thích ảnh", max_length=500, blank=True)
    cover_alt = models.CharField(
        "mô tả ảnh (alt)", max_length=300, blank=True,
        help_text="Mô tả nội dung ảnh cho người đọc không xem được ảnh.",
    )
    cover_credit = models.CharField("nguồn ảnh", max_length=200, blank=True)
    tags = TaggableManager("thẻ", through=TaggedArticle, blank=True)
    related = models.ManyToManyField(
        "self", verbose_name="bài liên quan", symmetrical=False, blank=True,
        help_text="Hiện trước các bài cùng thẻ hoặc cùng chuyên mục.",
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT,
    )
    published_at = models.DateTimeField(
        "thời gian xuất bản", null=True, blank=True,
        help_text="Để trống khi xuất bản để lấy thời điểm hiện tại; đặt giờ tương lai để hẹn giờ.",
    )
    allow_comments = models.BooleanField("cho phép bình luận", default=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tạo", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    submitted_at = models.DateTimeField("gửi duyệt lúc", null=True, blank=True, editable=False)
    review_note = models.TextField(
        "ghi chú của biên tập viên", blank=True,
        help_text="Lý do trả bài; tác giả thấy ghi chú này khi mở bài.",
    )
    # Search: folded words of title, sapo and body (articles/search.py), kept current by save().
    search_title = models.TextField(editable=False, blank=True, default="")
    search_sapo = models.TextField(editable=False, blank=True, default="")
    search_body = models.TextField(editable=False, blank=True, default="")
    # PostgreSQL only: the weighted tsvector of the three (NULL elsewhere).
    search_vector = SearchVectorField(editable=False, null=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        permissions = [("publish_article", "Xuất bản, hẹn giờ, gỡ bài")]
        indexes = [
            # published() ordered newest first: home, feeds, tag and author pages.
            models.Index(fields=["status", "-published_at"], name="article_status_pub_idx"),
            # The admin's article list and autocompletes: newest first (NULL, the drafts, on top).
            models.Index(fields=["-published_at", "-id"], name="article_published_id_idx"),
            # The admin's list sorted by a column, either way (ties broken by id in the same
            # direction, see admin.ArticleChangeList). The status one also holds what the
            # journalist's visibility test reads, so that their count reads this index alone.
            models.Index(fields=["status", "id", "created_by"], name="article_status_id_idx"),
            models.Index(fields=["section", "id"], name="article_section_id_idx"),
            models.Index(fields=["title", "id"], name="article_title_id_idx"),
            models.Index(fields=["updated_at", "id"], name="article_updated_id_idx"),
            # A section page: published() in one section, newest first.
            models.Index(fields=["section", "status", "-published_at"], name="article_section_pub_idx"),
            # Search on PostgreSQL: search_vector @@ query (created only there, migration 0003).
            GinIndex(fields=["search_vector"], name="article_search_idx"),
            # Search ranks (articles/search.py): every word in the title; in title or sapo.
            GinIndex(search.title_vector(), name="article_search_title_idx"),
            GinIndex(search.title_sapo_vector(), name="article_search_title_sapo_idx"),
        ]

    def __str__(self):
        return self.title

    # Text fields as they are stored: NFC, trimmed; the body sanitized.
    STORED_TEXT_FIELDS = ("title", "sapo", "cover_caption", "cover_alt", "cover_credit")

    def save(self, *args, **kwargs):
        """Write the article with its invariants kept. Images and search text are derived from
        the text by articles.derived.derive(), which the paths that change them call first."""
        self.keep_invariants()
        if not self.slug:
            others = Article.objects.exclude(pk=self.pk)
            self.slug = unique_slug(self.title, lambda s: others.filter(slug=s).exists())
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse("articles:detail", self.slug, self.pk)

    def keep_invariants(self):
        """What every save does to the fields before writing them (no query): NFC text, the body
        sanitized, the publication time set on publication and kept to the second."""
        for name in (*self.STORED_TEXT_FIELDS, "body"):
            setattr(self, name, self.stored_value(name, getattr(self, name)))
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.published_at is not None:
            # Publication times are kept to the second, as pages and feeds show them.
            self.published_at = self.published_at.replace(microsecond=0)

    @classmethod
    def stored_value(cls, name, value):
        if name == "body":
            return clean_html(nfc(value or ""))
        if name in cls.STORED_TEXT_FIELDS:
            return nfc(value or "").strip()
        return value

    def is_published(self, now=None):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= (now or timezone.now())
        )

    def cover_in_body(self):
        """Whether the body already shows the cover image (then the page does not repeat it)."""
        return bool(self.cover_image) and self.cover_image.url in self.body

    def fill_search_fields(self):
        self.search_title = search.document(self.title)
        self.search_sapo = search.document(self.sapo)
        self.search_body = search.document(search.body_text(self.body))

    def keep_parts(self):
        """Fill the tags' and bylines' prefetch caches from article_for_page()'s JSON (no query); the
        bylines' only after search_results()."""
        tag_rows, byline_rows = (
            json.loads(v) if isinstance(v, str) else v for v in (getattr(self, "tag_rows", None), self.byline_rows)
        )
        self._prefetched_objects_cache = {
            "bylines": _prefetched(ArticleAuthor.objects.all(), [
                ArticleAuthor(id=pk, article=self, author=Author(id=author_pk, name=name, slug=slug))
                for pk, author_pk, name, slug in byline_rows
            ]),
        }
        if tag_rows is not None:
            self._prefetched_objects_cache["tags"] = _prefetched(
                Tag.objects.all(), [Tag(id=pk, name=name, slug=slug) for pk, name, slug in tag_rows],
            )
        return self

    def page_rows(self, name):
        """The rows of PAGE_ROWS[name] loaded with this article (lists of column values), or None
        when it was not loaded by article_for_page()."""
        rows = getattr(self, name, None)
        return json.loads(rows) if isinstance(rows, str) else rows

    def byline_authors(self):
        """Authors in byline order; prefetch BYLINES to avoid a query per article."""
        return [byline.author for byline in self.bylines.all()]


@reversion.register()
class ArticleAuthor(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, verbose_name="tác giả", related_name="bylines")
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "tác giả của bài"
        verbose_name_plural = "tác giả (theo thứ tự ký tên)"
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_article_author"),
        ]

    def __str__(self):
        return str(self.author)


# Stored for search only: pages never need them loaded.
SEARCH_FIELDS = ("search_title", "search_sapo", "search_body", "search_vector")


def update_search_vectors(pks):
    """On PostgreSQL, recompute the tsvector of these articles from their saved folded columns
    (one query); nothing elsewhere."""
    if connection.vendor == "postgresql" and pks:
        Article.objects.filter(pk__in=pks).update(search_vector=search.search_vector())


def _prefetched(queryset, objects):
    """A queryset holding `objects`, as prefetch_related() leaves it in an instance's cache."""
    queryset._result_cache, queryset._prefetch_done = objects, True
    return queryset


def article_for_page(pk):
    """An article page's article (any status: the view decides who may see it), or None: with
    its section, tags, bylines and PAGE_ROWS in one query. Tags and authors come as JSON arrays
    and fill the prefetch caches (Article.keep_parts), so that article.tags.all() and
    byline_authors() make no query.

    One SQL statement made once per process (_page_sql): the ORM's compilation of this query
    cost half of it on every uncached article page."""
    article = next(iter(Article.objects.raw(f"{_page_sql(connection.vendor)} WHERE {Article._meta.db_table}.id = %s",
                                            [pk])), None)
    return None if article is None else _with_section(article).keep_parts()


def search_results(pks, where):
    """{pk: article} of these articles that meet `where` ((sql, params) over the article table:
    search.RankedSearch's "published"), each with its section and bylines, in one query (as
    article_for_page(), without tags nor PAGE_ROWS): the ORM's in_bulk() and its prefetch were
    two queries and more CPU than the rest of a search's statements."""
    sql, params = where
    table = Article._meta.db_table
    statement = (
        f"{_page_sql(connection.vendor, page=False)} WHERE ({sql}) AND {table}.id IN ({', '.join(['%s'] * len(pks))})"
    )
    articles = Article.objects.raw(statement, [*params, *pks])
    return {article.pk: _with_section(article).keep_parts() for article in articles}


def _with_section(article):
    values = [getattr(article, f"section__{field.column}") for field in Section._meta.concrete_fields]
    article.section = Section.from_db(article._state.db, None, values)
    return article


@functools.cache
def _page_sql(vendor, page=True):
    """The select of article_for_page() (page) or search_results(), without its WHERE."""
    table = Article._meta.db_table
    if vendor == "postgresql":
        rows = "COALESCE(json_agg(json_build_array({}) ORDER BY {}), '[]')"
    else:
        rows = "json_group_array(json_array({}))"  # ordered by the subquery below
    parts = {
        # In the order they were given, as taggit's manager has them.
        "tag_rows": (
            f"(SELECT {rows.format('t.id, t.name, t.slug', 't.tid')} FROM "
            "(SELECT tagged.id tid, tag.id, tag.name, tag.slug "
            f"FROM {TaggedArticle._meta.db_table} tagged JOIN {Tag._meta.db_table} tag ON tag.id = tagged.tag_id "
            f"WHERE tagged.content_object_id = {table}.id ORDER BY tagged.id) t)"
        ),
        "byline_rows": (
            f"(SELECT {rows.format('b.id, b.author_id, b.name, b.slug', 'b.position, b.id')} FROM (SELECT line.id, "
            f"line.position, line.author_id, author.name, author.slug FROM {ArticleAuthor._meta.db_table} line JOIN "
            f"{Author._meta.db_table} author ON author.id = line.author_id WHERE line.article_id = {table}.id "
            "ORDER BY line.position, line.id) b)"
        ),
        # What other apps show on the page (PAGE_ROWS), each in the same way.
        **{
            name: (
                f"(SELECT {rows.format(', '.join(f'r.{column}' for column in columns), order)} "
                f"FROM ({select.format(article=table)} ORDER BY {order}) r)"
            )
            for name, (select, columns, order) in PAGE_ROWS.items()
        },
    }
    if not page:
        parts = {"byline_rows": parts["byline_rows"]}
    section = Section._meta.db_table
    columns = [
        # Not the search columns: the folded body and the tsvector are as big as the body again.
        *(f'{table}."{field.column}"' for field in Article._meta.concrete_fields if field.name not in SEARCH_FIELDS),
        *(f'{section}."{field.column}" AS "section__{field.column}"' for field in Section._meta.concrete_fields),
        *(f'{sql} AS "{name}"' for name, sql in parts.items()),
    ]
    return f"SELECT {', '.join(columns)} FROM {table} JOIN {section} ON {section}.id = {table}.section_id"


def stored_datetime(value):
    """A datetime as a JSON row of PAGE_ROWS holds it (PostgreSQL's ISO form with its offset, or
    SQLite's text in UTC), aware."""
    moment = datetime.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def next_scheduled_publication(now):
    """When the next scheduled article appears: the page cache invalidates its tags then (one query)."""
    return Article.objects.scheduled(now).order_by("published_at").values_list("published_at", flat=True).first()


# Authors in byline order, fetched with their article list in one query: their names and
# addresses (what a byline shows), not their biographies and photos.
BYLINES = models.Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author").only(
    "article", "position", "author__name", "author__slug",
))
