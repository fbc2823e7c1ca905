"""Fill the database with a newsroom's worth of realistic Vietnamese content, fast.

Rows go in with bulk inserts, so model save() and signals do not run: the text is made
clean and in NFC here, slugs are made unique in memory, the folded search columns are
filled by articles.derived.derive() (and the tsvector on PostgreSQL, one UPDATE a batch),
and the page cache is invalidated once at the end.
"""

import datetime
import random
import time

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from articles import derived
from articles.demo import content
from articles.demo.images import PALETTES, make_image
from articles.models import Article, ArticleAuthor, Section, Tag, TaggedArticle
from authors.models import Author
from pagecache import tags as cache_tags
from vietnamese import nfc, slugify_vi

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan"]
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Hữu", "Đức", "Ngọc", "Thanh", "Quang", "Hải", "Bảo", "Diệu"]
GIVEN = [
    "Anh", "Châu", "Hà", "Lâm", "Hương", "Tùng", "Dũng", "Lan", "Phương", "Quân", "Trang", "Sơn",
    "Hạnh", "Long", "Nhung", "Khoa", "Thảo", "Việt", "Yến", "Đạt", "Giang", "Hiếu", "Linh", "Nam",
]
TITLES = ["Phóng viên", "Biên tập viên", "Cộng tác viên", "Nhà báo", "Phóng viên ảnh"]
PLACES = [
    "Hoàn Kiếm", "Ba Đình", "Đống Đa", "Hai Bà Trưng", "Tây Hồ", "Cầu Giấy", "Long Biên", "Hoàng Mai",
    "Thanh Xuân", "Hà Đông", "Sơn Tây", "Ba Vì", "Đông Anh", "Gia Lâm", "Sóc Sơn", "Mỹ Đức",
    "phố cổ", "hồ Gươm", "hồ Tây", "sông Hồng", "Văn Miếu", "làng gốm Bát Tràng", "chợ Đồng Xuân",
]
TOPICS = [
    "cải cách hành chính", "chuyển đổi số", "chỉnh trang đô thị", "bảo tồn di sản", "giao thông công cộng",
    "giáo dục phổ thông", "y tế cơ sở", "làng nghề truyền thống", "du lịch đêm", "ẩm thực đường phố",
    "không gian xanh", "nhà ở xã hội", "an toàn thực phẩm", "văn hóa đọc", "lễ hội mùa xuân",
    "nghệ thuật đương đại", "thể thao cộng đồng", "khởi nghiệp sáng tạo", "môi trường", "an sinh xã hội",
]
OPENERS = [
    "{place}: {topic} chuyển biến rõ nét",
    "Những đổi thay của {topic} ở {place}",
    "{place} đẩy mạnh {topic} trong năm {year}",
    "Người dân {place} nói gì về {topic}?",
    "Ghi chép: một ngày với {topic} tại {place}",
    "{topic_cap} — câu chuyện từ {place}",
    "Hà Nội bàn giải pháp cho {topic} ở {place}",
    "Mùa {season} ở {place} và chuyện {topic}",
]
SEASONS = ["xuân", "hạ", "thu", "đông"]
SENTENCES = [
    "Theo báo cáo của UBND {place}, kết quả {topic} năm {year} cao hơn cùng kỳ năm trước.",
    "Nhiều hộ dân ở {place} cho biết họ đã cảm nhận rõ những thay đổi trong đời sống hằng ngày.",
    "Lãnh đạo địa phương nhấn mạnh {topic} là nhiệm vụ trọng tâm, cần sự vào cuộc của cả hệ thống chính trị.",
    "Các chuyên gia cho rằng Thủ đô cần tiếp tục hoàn thiện cơ chế, chính sách để {topic} đi vào chiều sâu.",
    "Trong những tháng cuối năm, {place} sẽ tập trung rà soát, tháo gỡ khó khăn, vướng mắc cho người dân.",
    "Bà con ở {place} đánh giá cao cách làm cởi mở, minh bạch của chính quyền cơ sở.",
    "Những con phố quen thuộc của Hà Nội vẫn giữ nhịp sống riêng, vừa cổ kính vừa hiện đại.",
    "Câu chuyện ở {place} cho thấy {topic} chỉ thành công khi người dân được lắng nghe.",
    "Năm {year}, thành phố đặt mục tiêu nâng cao chất lượng dịch vụ công và sự hài lòng của người dân.",
    "Nhiều ý kiến đề xuất cần có thêm không gian công cộng, cây xanh và chỗ vui chơi cho trẻ em.",
]
COMMENT_TEXTS = [
    "Bài viết rất hay, cảm ơn tác giả!",
    "Mong thành phố sớm triển khai ở các quận khác.",
    "Tôi sống ở {place} hơn hai mươi năm, thấy đúng là đã thay đổi nhiều.",
    "Thông tin hữu ích, hy vọng tạp chí có thêm nhiều bài như thế này.",
    "Cần quan tâm hơn nữa đến người cao tuổi và trẻ em.",
    "Đọc mà nhớ Hà Nội quá!",
    "Xin hỏi tòa soạn: thủ tục này làm ở đâu ạ?",
]
USER_AGENTS = [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36",
]
COMMENT_STATUSES = [("approved", 85), ("pending", 9), ("rejected", 3), ("spam", 3)]
COVER_COUNT = 16


class Progress:
    """A plain progress bar on the command's stderr."""

    def __init__(self, label, total, stream):
        self.label, self.total, self.stream, self.started = label, max(total, 1), stream, time.monotonic()

    def update(self, done):
        share = done / self.total
        bar = "#" * int(share * 30)
        elapsed = time.monotonic() - self.started
        line = f"\r{self.label:<10} [{bar:<30}] {share:6.1%} {done}/{self.total} {elapsed:6.1f} s"
        self.stream.write(line, ending="")
        self.stream.flush()

    def close(self):
        self.stream.write("")


class auto_now_off:
    """Let bulk inserts keep the times they were given instead of "now"."""

    def __init__(self, model, *names):
        self.fields = [model._meta.get_field(name) for name in names]

    def __enter__(self):
        self.saved = [(field.auto_now, field.auto_now_add) for field in self.fields]
        for field in self.fields:
            field.auto_now = field.auto_now_add = False

    def __exit__(self, *exc):
        for field, (auto_now, auto_now_add) in zip(self.fields, self.saved, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class Command(BaseCommand):
    help = "Tạo dữ liệu lớn để thử tải: bài viết, thẻ, tác giả và bình luận tiếng Việt (chèn hàng loạt)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000, help="Số bài viết (mặc định 1000).")
        parser.add_argument("--comments", type=int, default=0, help="Số bình luận.")
        parser.add_argument("--authors", type=int, default=60, help="Số tác giả mới.")
        parser.add_argument("--tags", type=int, default=400, help="Số thẻ.")
        parser.add_argument("--years", type=int, default=10, help="Bài trải đều trong bấy nhiêu năm qua.")
        parser.add_argument("--batch", type=int, default=2000, help="Số dòng mỗi lần chèn.")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        if options["articles"] < 0 or options["comments"] < 0:
            raise CommandError("Số lượng phải là số không âm.")
        self.rng = random.Random(options["seed"])
        self.batch = options["batch"]
        self.now = timezone.now()
        sections = self.sections()
        authors = self.authors(options["authors"])
        tags = self.tags(options["tags"])
        covers = self.covers()
        made, article_ids = self.articles(options["articles"], options["years"], sections, authors, tags, covers)
        if options["comments"]:
            self.comments(options["comments"], article_ids)
        if connection.vendor == "postgresql":
            # Fresh planner statistics, or the first pages plan for an empty table.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        # Rows made in bulk, without signals: the listings and the new articles' own pages.
        cache_tags.invalidate(
            cache_tags.listing(), cache_tags.MENU,
            *(cache_tags.listing(model(pk=pk)) for model, pks in
              ((Section, sections), (Author, authors), (Tag, tags)) for pk in pks),
            *(cache_tags.of(Article, pk) for pk in article_ids),
        )
        self.stdout.write(self.style.SUCCESS(
            f"Đã tạo {made} bài viết ({len(article_ids)} đã xuất bản, {made - len(article_ids)} nháp)"
            f" và {options['comments']} bình luận."
        ))

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    def sections(self):
        for position, (name, slug, description) in enumerate(content.SECTIONS):
            Section.objects.get_or_create(slug=slug, defaults={
                "name": name, "description": description, "position": position,
            })
        return list(Section.objects.values_list("pk", flat=True))

    def authors(self, count):
        taken = set(Author.objects.values_list("slug", flat=True))
        rows = []
        for _ in range(count):
            name = f"{self.pick(FAMILY)} {self.pick(MIDDLE)} {self.pick(GIVEN)}"
            slug = base = slugify_vi(name)
            n = 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            bio = f"{name} viết cho Tạp chí Người Hà Nội."
            rows.append(Author(name=name, slug=slug, title=self.pick(TITLES), bio=bio))
        Author.objects.bulk_create(rows, batch_size=self.batch)
        return list(Author.objects.values_list("pk", flat=True))

    def tags(self, count):
        names = [f"{topic.capitalize()} {place}" for topic in TOPICS for place in PLACES]
        names = PLACES + [topic.capitalize() for topic in TOPICS] + names
        taken = set(Tag.objects.values_list("slug", flat=True))
        rows = []
        for name in names[:count]:
            slug = slugify_vi(name, max_length=90)
            if slug not in taken:
                taken.add(slug)
                rows.append(Tag(name=nfc(name), slug=slug))
        Tag.objects.bulk_create(rows, batch_size=self.batch, ignore_conflicts=True)
        return list(Tag.objects.values_list("pk", flat=True))

    def covers(self):
        """A handful of illustrations shared by the generated articles (drawn once)."""
        names = []
        palettes = sorted(p for p in PALETTES if p != "portrait")
        for i in range(COVER_COUNT):
            path = f"generated/anh-bia-{i:02d}.jpg"
            if not default_storage.exists(path):
                default_storage.save(path, ContentFile(make_image(palettes[i % len(palettes)], seed=i)))
            names.append(path)
        return names

    def text(self, template, year):
        return template.format(
            place=self.pick(PLACES), topic=self.pick(TOPICS), topic_cap=self.pick(TOPICS).capitalize(),
            year=year, season=self.pick(SEASONS),
        )

    def body(self, year):
        paragraphs = []
        for i in range(self.rng.randint(4, 7)):
            if i == 2:
                paragraphs.append(f"<h2>{self.text('Chuyện {topic} ở {place}', year)}</h2>")
            sentences = " ".join(self.text(self.pick(SENTENCES), year) for _ in range(self.rng.randint(2, 4)))
            paragraphs.append(f"<p>{sentences}</p>")
        return nfc("\n".join(paragraphs))

    def articles(self, count, years, sections, authors, tags, covers):
        taken = set(Article.objects.values_list("slug", flat=True))
        span = years * 365 * 24 * 3600
        progress = Progress("bài viết", count, self.stderr)
        made, published = 0, []
        for start in range(0, count, self.batch):
            rows = []
            for _ in range(min(self.batch, count - start)):
                published_at = self.now - datetime.timedelta(seconds=self.rng.randrange(60, span))
                year = timezone.localtime(published_at).year
                title = nfc(self.text(self.pick(OPENERS), year))
                title = title[0].upper() + title[1:]
                slug = base = slugify_vi(title)
                n = 2
                while slug in taken:
                    slug, n = f"{base}-{n}", n + 1
                taken.add(slug)
                status = Article.Status.PUBLISHED if self.rng.random() < 0.97 else Article.Status.DRAFT
                article = Article(
                    title=title, slug=slug, section_id=self.pick(sections),
                    sapo=nfc(" ".join(self.text(self.pick(SENTENCES), year) for _ in range(2))),
                    body=self.body(year), cover_image=self.pick(covers),
                    cover_alt=f"Ảnh minh họa: {title}", cover_caption="Ảnh minh họa.",
                    cover_width=1200, cover_height=800,
                    status=status, published_at=published_at if status == Article.Status.PUBLISHED else None,
                    created_at=published_at, updated_at=published_at,
                )
                derived.derive(article)  # search must find generated articles
                rows.append(article)
            with transaction.atomic(), auto_now_off(Article, "created_at", "updated_at"):
                batch = Article.objects.bulk_create(rows)
                self.links(batch, authors, tags)
                derived.update_search_vectors([a.pk for a in batch])
            made += len(batch)
            published.extend(a.pk for a in batch if a.status == Article.Status.PUBLISHED)
            progress.update(start + len(rows))
        progress.close()
        return made, published

    def links(self, batch, authors, tags):
        bylines, tagged = [], []
        for article in batch:
            byline = self.rng.sample(authors, k=min(len(authors), self.rng.choice((1, 1, 1, 2))))
            for position, author_id in enumerate(byline):
                bylines.append(ArticleAuthor(article_id=article.pk, author_id=author_id, position=position))
            for tag_id in self.rng.sample(tags, k=min(len(tags), self.rng.randint(1, 4))):
                tagged.append(TaggedArticle(content_object_id=article.pk, tag_id=tag_id))
        ArticleAuthor.objects.bulk_create(bylines)
        TaggedArticle.objects.bulk_create(tagged)

    def comments(self, count, article_ids):
        if not article_ids:
            raise CommandError("Không có bài đã xuất bản để gắn bình luận.")
        Comment = apps.get_model("comments", "Comment")
        fields = {field.name for field in Comment._meta.get_fields()}
        statuses = [status for status, weight in COMMENT_STATUSES for _ in range(weight)]
        progress = Progress("bình luận", count, self.stderr)
        for start in range(0, count, self.batch * 5):
            rows = []
            for _ in range(min(self.batch * 5, count - start)):
                name = f"{self.pick(FAMILY)} {self.pick(GIVEN)}"
                values = {
                    "article_id": self.pick(article_ids), "name": name,
                    "email": f"{slugify_vi(name).replace('-', '.')}@example.com",
                    "body": self.text(self.pick(COMMENT_TEXTS), 2024), "status": self.pick(statuses),
                    "ip_address": f"203.0.113.{self.rng.randrange(1, 255)}", "user_agent": self.pick(USER_AGENTS),
                    "created_at": self.now - datetime.timedelta(seconds=self.rng.randrange(60, 3 * 365 * 24 * 3600)),
                }
                rows.append(Comment(**{k: v for k, v in values.items() if k.removesuffix("_id") in fields}))
            with transaction.atomic(), auto_now_off(Comment, *[f for f in ("created_at",) if f in fields]):
                Comment.objects.bulk_create(rows)
            progress.update(start + len(rows))
        progress.close()
