"""The two phases of scripts/bench_admin.py that run inside Django: the newsroom extras and
the measurement. Imported only after django.setup() on the bench database."""

import datetime
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import reversion
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import derived
from articles.models import Article, ArticleAuthor, Section, Tag, TaggedArticle
from authors.models import Author
from comments.models import Comment
from featured.models import FeaturedList
from roles.newsroom import EDITOR as EDITOR_GROUP
from roles.newsroom import JOURNALIST as JOURNALIST_GROUP

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_admin import EDITOR, JOURNALIST, SUPERUSER, TARGET_BULK_MS, TARGET_BYTES, TARGET_MS, TARGET_RSS_MB  # noqa: E402

from tests.admin_forms import article_data  # noqa: E402

PASSWORD = "bench-only-" + "x" * 20
MARK_TAGS, MARK_VERSIONS, MARK_COMMENTS = "[bench] 34 thẻ", "[bench] 60 phiên bản", "[bench] 2000 bình luận"
VOCABULARY = (
    "Hà Nội những ngày cuối thu phố cổ vẫn giữ nhịp sống riêng người dân ven hồ Gươm dậy sớm tập thể dục "
    "hàng quán mở cửa đón khách chính quyền quận Hoàn Kiếm triển khai nhiều giải pháp chỉnh trang đô thị"
)
WORDS = VOCABULARY.split()


def _paragraphs(rng, words, per=60):
    return [" ".join(rng.choice(WORDS) for _ in range(per)) for _ in range(words // per)]


def add_newsroom():
    """What a real newsroom has on top of the generated archive (run once, after generate_content)."""
    rng = random.Random(18)
    User = get_user_model()
    now = timezone.now()
    with transaction.atomic():
        editor = User.objects.create_user(EDITOR, "bientap@example.com", PASSWORD, is_staff=True)
        editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
        journalist = User.objects.create_user(JOURNALIST, "phongvien@example.com", PASSWORD, is_staff=True)
        journalist.groups.add(Group.objects.get(name=JOURNALIST_GROUP))
        profile = Author.objects.create(name="Phóng Viên Thử Tải", slug="phong-vien-thu-tai", user=journalist)
        # The journalist signs 300 published articles and has 40 drafts and 10 in review.
        signed = list(Article.objects.filter(status="published").order_by("?").values_list("pk", flat=True)[:300])
        ArticleAuthor.objects.bulk_create([ArticleAuthor(article_id=pk, author=profile, position=5) for pk in signed])
        section = Section.objects.first()
        for i in range(50):
            article = Article(
                title=f"Bản nháp số {i + 1} của phóng viên về phố cổ Hà Nội", section=section,
                sapo="Sapo bản nháp.", body="<p>Thân bài đang viết.</p>", created_by=journalist,
                status="review" if i < 10 else "draft", submitted_at=now if i < 10 else None,
            )
            derived.save(article)
            ArticleAuthor.objects.create(article=article, author=profile)
        # 150 articles in review (10 of them the journalist's): drafts sent to the editors.
        review = list(Article.objects.filter(status="draft", created_by=None).values_list("pk", flat=True)[:140])
        Article.objects.filter(pk__in=review).update(status="review", submitted_at=now - datetime.timedelta(hours=5))
        superuser = User.objects.create_superuser(SUPERUSER, "admin@example.com", PASSWORD)
    published = Article.objects.filter(status="published")
    # An article with 34 tags and 20 related articles.
    tagged = published.order_by("-published_at").first()
    tagged.title = MARK_TAGS + " " + tagged.title
    tagged.save()
    TaggedArticle.objects.filter(content_object=tagged).delete()
    tags = list(Tag.objects.order_by("?")[:34])
    TaggedArticle.objects.bulk_create([TaggedArticle(content_object=tagged, tag=tag) for tag in tags])
    tagged.related.set(published.exclude(pk=tagged.pk).order_by("?")[:20])
    # An article with 60 versions, 6,000 words, a few paragraphs changed each time.
    versioned = published.order_by("-published_at")[1]
    paragraphs = _paragraphs(rng, 6000)
    for number in range(60):
        for _ in range(3):
            paragraphs[rng.randrange(len(paragraphs))] = " ".join(rng.choice(WORDS) for _ in range(60))
        versioned.title = f"{MARK_VERSIONS}: bản {number + 1}"
        versioned.body = "".join(f"<p>{p}</p>" for p in paragraphs)
        with reversion.create_revision():
            versioned.save()
            reversion.set_user(superuser)
            reversion.set_comment(f"Sửa lần {number + 1}")
    # An article with 2,000 comments.
    commented = published.order_by("-published_at")[2]
    commented.title = MARK_COMMENTS + " " + commented.title
    commented.save()
    Comment.objects.bulk_create([
        Comment(
            article=commented, name=f"Bạn đọc {i}", email=f"bandoc{i}@example.com", body=f"Ý kiến số {i} về bài.",
            status="pending" if i % 4 == 0 else "approved", created_at=now - datetime.timedelta(minutes=i),
        ) for i in range(2000)
    ])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print("newsroom extras added", file=sys.stderr)


class Bench:
    def __init__(self, repeat):
        self.repeat = repeat
        self.rows = []
        self.clients = {}
        for username in (EDITOR, JOURNALIST, SUPERUSER):
            client = Client()
            client.force_login(get_user_model().objects.get(username=username))
            self.clients[username] = client

    def time(self, name, variants, method="get", expect=(200,), warm_up=True):
        """Time one screen for several roles, the roles taking turns round after round (so that
        the load of a shared machine falls on each alike), after one untimed request each.
        variants: [(role, url, setup)], setup giving the POST data of each request, or None."""
        runs = {role: [] for role, _, _ in variants}
        last = {}
        for round_number in range(self.repeat + (1 if warm_up else 0)):
            for role, url, setup in variants:
                data = setup() if setup else None
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = getattr(self.clients[role], method)(url, data or {})
                    content = response.content
                    elapsed = (time.perf_counter() - started) * 1000
                if round_number or not warm_up:
                    runs[role].append(elapsed)
                last[role] = (len(captured), len(content), response.status_code)
                reset_queries()
        for role, durations in runs.items():
            queries, size, status = last[role]
            row = {"name": name, "role": role, "ms": statistics.median(durations), "best": min(durations),
                   "queries": queries, "bytes": size, "status": status, "ok": status in expect}
            self.rows.append(row)
            print(f"  {name:<44} {role:<16} {row['ms']:7.0f} ms (best {row['best']:5.0f}) {queries:4d} q "
                  f"{size / 1024:7.0f} KB {status}", file=sys.stderr, flush=True)
        return self.rows[-1]


def add_reads():
    """"Lượt đọc" of a newsroom with history (once): every published article read, a tenth of
    them this week, one in fifty today; the article list sorts by these columns."""
    from mostread.models import ReadCount

    if ReadCount.objects.exists():
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO mostread_readcount (article_id, last_24h, last_7d, total) "
            "SELECT id, day, day + week, day + week + (random() * 50000)::int FROM ("
            "  SELECT id, CASE WHEN random() < 0.02 THEN (random() * 500)::int ELSE 0 END AS day,"
            "  CASE WHEN random() < 0.1 THEN (random() * 3000)::int ELSE 0 END AS week"
            "  FROM articles_article WHERE status = 'published') AS reads"
        )
        cursor.execute("ANALYZE mostread_readcount")


def measure(repeat):
    add_reads()
    bench = Bench(repeat)
    tagged = Article.objects.get(title__startswith=MARK_TAGS)
    versioned = Article.objects.get(title__startswith=MARK_VERSIONS)
    plain = Article.objects.filter(status="published").order_by("-published_at")[10]
    own_draft = Article.objects.filter(created_by__username=JOURNALIST, status="draft").first()
    featured = FeaturedList.objects.order_by("pk").first()
    section = Section.objects.order_by("pk").first()
    author = Author.objects.filter(bylines__isnull=False).order_by("pk").first()
    from reversion.models import Version

    versions = list(Version.objects.get_for_object(versioned).order_by("pk").values_list("pk", flat=True))
    A, C = "/admin/articles/article/", "/admin/comments/comment/"
    compare = A + f"{versioned.pk}/history/so-sanh/"
    auto = "/admin/autocomplete/?app_label=articles&model_name=article&field_name=related&term="
    featured_auto = "/admin/autocomplete/?app_label=featured&model_name=featureditem&field_name=article&term="
    tag_auto = "/admin/autocomplete/?app_label=articles&model_name=taggedarticle&field_name=tag&term="
    screens = [
        ("dashboard", "/admin/"),
        ("articles: page 1", A),
        ("articles: page 200", A + "?p=200"),
        ("articles: filter draft", A + "?status__exact=draft"),
        ("articles: filter published", A + "?status__exact=published"),
        ("articles: filter scheduled", A + "?status__exact=scheduled"),
        ("articles: filter archived", A + "?status__exact=archived"),
        ("articles: filter section", A + f"?section__id__exact={section.pk}"),
        ("articles: filter author", A + f"?author={author.pk}"),
        ("articles: filter this year", A + f"?published_at__year={timezone.now().year}"),
        ("articles: sort title", A + "?o=1"),
        ("articles: sort section", A + "?o=2"),
        ("articles: sort status", A + "?o=4"),
        ("articles: sort published_at asc", A + "?o=5"),
        ("articles: sort updated_at desc", A + "?o=-6"),
        # "Lượt đọc" (mostread adds its columns after the articles' own: 7, 8, 9).
        ("articles: sort reads 24 h desc", A + "?o=-7"),
        ("articles: sort reads 24 h asc", A + "?o=7"),
        ("articles: sort reads 7 days desc", A + "?o=-8"),
        ("articles: sort reads total desc", A + "?o=-9"),
        ("articles: filter published, reads 7 days desc", A + "?status__exact=published&o=-8"),
        ("articles: search “Hà Nội”", A + "?q=H%C3%A0+N%E1%BB%99i"),
        ("articles: search “ha noi” page 3", A + "?q=ha+noi&p=3"),
        ("articles: search rare “Bát Tràng lễ hội”", A + "?q=B%C3%A1t+Tr%C3%A0ng+l%E1%BB%85+h%E1%BB%99i"),
        ("review queue", A + "?status__exact=review"),
        ("article form: add", A + "add/"),
        ("article form: change", A + f"{plain.pk}/change/"),
        ("article form: 34 tags, 20 related", A + f"{tagged.pk}/change/"),
        ("autocomplete related “ha”", auto + "ha"),
        ("autocomplete related “ha noi”", auto + "ha+noi"),
        ("autocomplete tag “ha”", tag_auto + "ha"),
        ("history: 60 versions", A + f"{versioned.pk}/history/"),
        ("compare: 6,000 words, first and last", compare + f"?a={versions[0]}&b={versions[-1]}"),
        ("compare: 6,000 words, two neighbours", compare + f"?a={versions[-2]}&b={versions[-1]}"),
        ("comments: page 1", C),
        ("comments: pending", C + "?status__exact=pending"),
        ("comments: search “Nguyễn Anh”", C + "?q=Nguy%E1%BB%85n+Anh"),
        ("comments: page 100", C + "?p=100"),
        ("featured list form", f"/admin/featured/featuredlist/{featured.pk}/change/"),
        ("featured autocomplete “ha”", featured_auto + "ha"),
    ]
    forbidden = {
        # Not theirs: the featured lists (the journalist opens their own draft's form instead of
        # the editor's test article).
        # Page 100 of the comments: the journalist sees the comments of their own articles only.
        # The 60-version article is not theirs: its history and comparisons answer 403 (issue 14).
        JOURNALIST: {
            "featured list form", "featured autocomplete “ha”", "comments: page 100", "history: 60 versions",
            "compare: 6,000 words, first and last", "compare: 6,000 words, two neighbours",
        },
    }
    log_start = time.monotonic()
    roles = (EDITOR, JOURNALIST, SUPERUSER)
    for name, url in screens:
        variants = []
        for role in roles:
            if name in forbidden.get(role, ()):
                continue
            own = role == JOURNALIST and name == "article form: change"
            variants.append((role, A + f"{own_draft.pk}/change/" if own else url, None))
        bench.time(name, variants)
    saves = []
    for role in roles:
        article = own_draft if role == JOURNALIST else plain
        setup = lambda article=article: article_data(Article.objects.get(pk=article.pk), _continue="1")  # noqa: E731
        saves.append((role, A + f"{article.pk}/change/", setup))
    bench.time("article form: save", saves, method="post", expect=(302,))
    # Bulk approve 100 pending comments, as the editor (3 times, fresh pending comments each).
    def pending_ids():
        pending = Comment.objects.filter(status="pending").order_by("-created_at", "-pk")
        ids = list(pending.values_list("pk", flat=True)[:100])
        return {"action": "approve_selected", "_selected_action": ids, "index": "0"}

    bulk = bench.time("comments: bulk approve 100", [(EDITOR, C, pending_ids)], method="post", expect=(302,),
                      warm_up=False)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nmeasured in {time.monotonic() - log_start:.0f} s", file=sys.stderr)
    print(f"Median of {repeat} timed requests after an untimed one, best in brackets; roles take turns.\n")
    return report(bench.rows, bulk, rss_mb)


def report(rows, bulk, rss_mb):
    by_screen = {}
    for row in rows:
        by_screen.setdefault(row["name"], {})[row["role"]] = row
    print("| screen | editor ms | journalist ms | superuser ms | queries (e/j/s) | size |")
    print("|---|---:|---:|---:|---:|---:|")
    failures = []
    for name, roles in by_screen.items():
        cells, queries = [], []
        for role in (EDITOR, JOURNALIST, SUPERUSER):
            row = roles.get(role)
            text = f"{row['ms']:.0f} ({row['best']:.0f})" if row else "—"
            cells.append(text if not row or row["ok"] else f"HTTP {row['status']} {text}")
            queries.append(str(row["queries"]) if row else "—")
            if row and not row["ok"]:
                failures.append(f"{name} as {role}: HTTP {row['status']}")
            if row:
                limit = TARGET_BULK_MS if "bulk" in name else TARGET_MS
                if row["ms"] > limit:
                    failures.append(f"{name} as {role}: {row['ms']:.0f} ms")
                if row["bytes"] > TARGET_BYTES:
                    failures.append(f"{name} as {role}: {row['bytes']} bytes")
        size = max(r["bytes"] for r in roles.values())
        print(f"| {name} | {' | '.join(cells)} | {'/'.join(queries)} | {size / 1024:.0f} KB |")
    print(f"\nPeak memory of the measuring process (the worker): {rss_mb:.0f} MB (target < {TARGET_RSS_MB} MB)")
    if rss_mb > TARGET_RSS_MB:
        failures.append(f"peak memory {rss_mb:.0f} MB")
    if failures:
        print("\nOver target:\n  " + "\n  ".join(failures))
    else:
        print("\nEvery screen within target.")
    return 0
