import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, models
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from articles.models import Article, ArticleAuthor
from vietnamese import nfc

from .text import clean_text, fold_for_matching

# The moderation list's order: pending comments first, then the newest (an index has this order).
PENDING_FIRST = Case(When(status="pending", then=Value(0)), default=Value(1), output_field=IntegerField())


# Top-level comments per page under an article; replies go with their parent.
PER_PAGE = 50


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def visible_to(self, user):
        """What a staff member may read in the admin: everything for moderators,
        otherwise comments on articles the user created or signed."""
        if user.is_superuser or user.has_perm("comments.can_moderate"):
            return self
        # Two index scans in a subquery; a join of articles and bylines here cost a second per
        # query at 100,000 articles.
        created = Article.objects.filter(created_by=user).order_by().values("pk")
        signed = ArticleAuthor.objects.filter(author__user=user).order_by().values("article_id")
        return self.filter(article_id__in=created.union(signed))


# article_page_comments(): the page's top-level comments (`page`), them and their
# replies, and two counts computed once: top-level comments (`threads`) and the comments the
# page counts (`shown`: top-level ones and replies to a top-level one, all approved).
ARTICLE_PAGE_SQL = """
SELECT c.id, c.parent_id, c.name, c.body, c.created_at, c.is_staff_reply,
  (SELECT COUNT(*) FROM {table} t
   WHERE t.article_id = %(article)s AND t.status = %(approved)s AND t.parent_id IS NULL) AS threads,
  (SELECT COUNT(*) FROM {table} s LEFT JOIN {table} p ON p.id = s.parent_id
   WHERE s.article_id = %(article)s AND s.status = %(approved)s
     AND (s.parent_id IS NULL OR (p.parent_id IS NULL AND p.status = %(approved)s))) AS shown
FROM {table} c
WHERE c.article_id = %(article)s AND c.status = %(approved)s AND (
  c.id IN (SELECT id FROM {table}
           WHERE article_id = %(article)s AND status = %(approved)s AND parent_id IS NULL
           ORDER BY created_at, id LIMIT %(limit)s OFFSET %(offset)s)
  OR c.parent_id IN (SELECT id FROM {table}
                     WHERE article_id = %(article)s AND status = %(approved)s AND parent_id IS NULL
                     ORDER BY created_at, id LIMIT %(limit)s OFFSET %(offset)s))
ORDER BY c.created_at, c.id
"""


@dataclass(slots=True)
class PageComment:
    """An approved comment as its article's page shows it (article_page_comments)."""

    pk: int
    parent_id: int | None
    name: str
    body: str
    created_at: datetime.datetime
    is_staff_reply: bool
    shown_replies: list = field(default_factory=list)
    html: str = ""


def article_page_comments(article, number=1, per_page=None):
    """One page of an article's approved threads, oldest first, in one query: (up to `per_page`
    top-level comments with their approved replies, a reply always with its parent; the number of
    top-level comments; the number of comments the page counts).

    Only the fields the page shows: the email, IP and user agent never reach a template.
    Written as SQL (ARTICLE_PAGE_SQL), its rows as PageComment: the ORM's compilation of these
    subqueries, then a model instance per row, cost more CPU than the rest of the comment section.
    """
    per_page = per_page or PER_PAGE
    with connection.cursor() as cursor:
        cursor.execute(ARTICLE_PAGE_SQL.format(table=Comment._meta.db_table), {
            "article": article.pk, "approved": Comment.Status.APPROVED.value,
            "limit": per_page, "offset": (number - 1) * per_page,
        })
        rows = cursor.fetchall()
    if not rows:
        return [], 0, 0
    comments = [
        PageComment(pk, parent_id, name, body, _aware(created_at), bool(staff))
        for pk, parent_id, name, body, created_at, staff, _threads, _shown in rows
    ]
    return comments, rows[0][6], rows[0][7]


def _aware(moment):
    """A datetime as the cursor gives it: aware on PostgreSQL, naive UTC on SQLite."""
    if isinstance(moment, str):
        moment = datetime.datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Chờ duyệt"
        APPROVED = "approved", "Đã duyệt"
        REJECTED = "rejected", "Từ chối"
        SPAM = "spam", "Spam"

    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="comments",
    )
    parent = models.ForeignKey(
        "self", verbose_name="trả lời bình luận", null=True, blank=True,
        on_delete=models.CASCADE, related_name="replies",
    )
    name = models.CharField("họ tên", max_length=80)
    email = models.EmailField("email")
    body = models.TextField("nội dung")
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.PENDING,
    )
    ip_address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    user_agent = models.CharField("trình duyệt", max_length=500, blank=True)
    created_at = models.DateTimeField("gửi lúc", default=timezone.now)
    is_staff_reply = models.BooleanField("trả lời của ban biên tập", default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="tài khoản", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    moderated_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người duyệt", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "bình luận"
        verbose_name_plural = "bình luận"
        permissions = [("can_moderate", "Được duyệt bình luận")]
        indexes = [
            # The article page: approved comments of one article, oldest first.
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status_idx"),
            # The moderation list filtered by status, and the pending count.
            models.Index(fields=["status", "-created_at"], name="comment_status_created_idx"),
            # The moderation list: pending first, then newest first (ORDER BY ... LIMIT reads 50 rows).
            models.Index(
                PENDING_FIRST, models.F("created_at").desc(), models.F("id").desc(), name="comment_pending_first_idx",
            ),
            # The year filter's first and last year (MIN and MAX).
            models.Index(fields=["created_at"], name="comment_created_idx"),
            # PostgreSQL also has a trigram index for the admin's search (migration 0004, raw SQL).
        ]

    def __str__(self):
        excerpt = self.body if len(self.body) <= 60 else self.body[:59] + "…"
        return f"{self.name}: {excerpt}"

    def save(self, *args, **kwargs):
        self.name = clean_text(self.name)
        self.email = self.email.strip()
        self.body = clean_text(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The comment on its page of the article's comments (a query: the threads before its own)."""
        top = self.parent if self.parent_id else self
        before = Comment.objects.approved().filter(article_id=self.article_id, parent=None).filter(
            models.Q(created_at__lt=top.created_at) | models.Q(created_at=top.created_at, pk__lt=top.pk)
        ).count()
        page = before // PER_PAGE + 1
        query = f"?trang-binh-luan={page}" if page > 1 else ""
        return f"{self.article.get_absolute_url()}{query}#binh-luan-{self.pk}"


class BlockedWord(models.Model):
    """A word or phrase that marks a comment as spam (editable by editors in the admin)."""

    word = models.CharField(
        "từ bị chặn", max_length=100, unique=True,
        help_text="Bình luận chứa từ hoặc cụm từ này (không phân biệt hoa thường) bị đánh dấu spam.",
    )
    created_at = models.DateTimeField("thêm lúc", auto_now_add=True)

    class Meta:
        ordering = ["word"]
        verbose_name = "từ bị chặn"
        verbose_name_plural = "từ bị chặn"

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.word = nfc(self.word).strip().casefold()
        super().save(*args, **kwargs)

    @staticmethod
    def pattern(words):
        """One regex matching any of the words as a whole word, plural endings (-s, -es) included,
        in the folded form of comments.text.fold_for_matching; None for an empty list."""
        folded = {fold_for_matching(w) for w in words}
        alternatives = sorted((re.escape(w) for w in folded if w), key=len, reverse=True)
        if not alternatives:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?:e?s)?(?!\w)")
