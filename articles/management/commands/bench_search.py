"""Time the search page's queries on PostgreSQL with many generated articles.

By default the articles go into a throwaway database (the test database of
the configured one, created and dropped here); --into-configured-db writes
them into the configured database instead and leaves them there.
"""

import datetime
import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import Truncator

from articles import derived, search
from articles.models import Article, Section
from articles.search_views import PER_PAGE

QUERIES = [
    "Đống Đa", "cải cách hành chính", "chuyển đổi số", "Hồ Gươm", "lễ hội", "ùn tắc giao thông",
    "quy hoạch", "di tích lịch sử", "ha noi", "HOÀN KIẾM", "bệnh viện", "phố cổ", "cầu Long Biên",
    "nghị quyết", "môi trường", "Tết Nguyên Đán", "tuyển sinh lớp 10", "văn hóa đọc", "nhà ở xã hội",
    "giải phóng mặt bằng",
]
PLACES = [
    "Đống Đa", "Hoàn Kiếm", "Ba Đình", "Long Biên", "Tây Hồ", "Cầu Giấy", "Thanh Xuân", "Hai Bà Trưng",
    "Hoàng Mai", "Hà Đông", "Sóc Sơn", "Gia Lâm", "Đông Anh", "Sơn Tây", "Mê Linh", "Ba Vì",
]
PHRASES = [
    "cải cách hành chính", "chuyển đổi số", "thủ tục hành chính", "Hồ Gươm", "lễ hội", "ùn tắc giao thông",
    "quy hoạch", "di tích lịch sử", "Hà Nội", "bệnh viện", "phố cổ", "cầu Long Biên", "nghị quyết",
    "môi trường", "Tết Nguyên Đán", "tuyển sinh lớp 10", "văn hóa đọc", "nhà ở xã hội", "giải phóng mặt bằng",
    "người dân", "doanh nghiệp", "Thủ đô", "thành phố", "Ủy ban nhân dân", "đảng bộ", "phát triển",
    "kinh tế", "xã hội", "an ninh", "trật tự", "đô thị", "nông thôn mới", "giáo dục", "y tế", "du lịch",
    "làng nghề", "ẩm thực", "nghệ thuật", "âm nhạc", "sân khấu", "bảo tàng", "thư viện", "công viên",
    "cây xanh", "vỉa hè", "đường sắt đô thị", "xe buýt", "nước sạch", "rác thải", "không khí", "mùa thu",
]
VOCABULARY = (
    "và của trong cho với được những các một đã đang sẽ là có không này đó theo tại từ về khi để như "
    "năm tháng ngày tuần quận huyện phường xã tổ chức thực hiện triển khai hội nghị kế hoạch đánh giá "
    "kết quả nhiệm vụ công tác cán bộ lãnh đạo chỉ đạo tập trung nâng cao hiệu quả chất lượng dịch vụ "
    "công trình dự án đầu tư ngân sách tiến độ hoàn thành mục tiêu giải pháp tăng cường đẩy mạnh "
    "tuyên truyền vận động nhân dân cộng đồng gia đình trẻ em học sinh sinh viên thanh niên phụ nữ "
    "người cao tuổi mới cũ lớn nhỏ nhiều ít cao thấp sáng tối xanh sạch đẹp an toàn văn minh"
)
WORDS = VOCABULARY.split()


def _zipf_weights(n):
    return [1 / (rank + 1) for rank in range(n)]


class TextMaker:
    def __init__(self, seed):
        self.random = random.Random(seed)
        self.word_weights = _zipf_weights(len(WORDS))
        self.phrase_weights = _zipf_weights(len(PHRASES))

    def sentence(self, words):
        parts = []
        while len(parts) < words:
            roll = self.random.random()
            if roll < 0.08:
                parts += self.random.choices(PHRASES, self.phrase_weights)[0].split()
            elif roll < 0.11:
                parts += self.random.choice(PLACES).split()
            else:
                parts += self.random.choices(WORDS, self.word_weights, k=4)
        text = " ".join(parts[:words])
        return text[0].upper() + text[1:] + "."

    def article(self, number, sections, now):
        title = self.sentence(self.random.randint(8, 16))[:-1]
        sapo = self.sentence(self.random.randint(25, 45))
        body = "".join(f"<p>{self.sentence(self.random.randint(30, 70))}</p>" for _ in range(self.random.randint(3, 6)))
        article = Article(
            title=Truncator(title).chars(280), slug=f"bai-thu-nghiem-{number}", sapo=sapo, body=body,
            section=self.random.choice(sections), status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=self.random.randint(1, 3 * 365 * 24 * 60)),
        )
        derived.derive(article)
        return article


class Command(BaseCommand):
    help = "Time 20 Vietnamese searches over many generated articles (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=5, help="timed runs of every query")
        parser.add_argument(
            "--into-configured-db", action="store_true",
            help="generate into the configured database (and keep the articles) instead of a throwaway one",
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("bench_search needs PostgreSQL: set DATABASE_URL=postgres://…")
        if options["into_configured_db"]:
            self.run(options)
            return
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            self.run(options)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    def run(self, options):
        started = time.perf_counter()
        self.generate(options["articles"])
        self.stdout.write(f"{options['articles']} articles generated in {time.perf_counter() - started:.0f} s")
        timings = {query: self.time_query(query, options["repeat"]) for query in QUERIES}
        for query, (runs, count) in timings.items():
            self.stdout.write(f"  {query!r:28} {count:>6} results  median {statistics.median(runs):6.1f} ms")
        every_run = sorted(run for runs, _count in timings.values() for run in runs)
        p95 = every_run[max(0, round(0.95 * len(every_run)) - 1)]
        self.stdout.write(
            f"{len(QUERIES)} queries x {options['repeat']} runs: "
            f"median {statistics.median(every_run):.1f} ms, p95 {p95:.1f} ms"
        )

    def generate(self, total, batch=2000):
        maker = TextMaker(seed=2024)
        sections = [
            Section.objects.get_or_create(slug=f"thu-nghiem-{i}", defaults={"name": f"Thử nghiệm {i}"})[0]
            for i in range(8)
        ]
        now = timezone.now()
        first = Article.objects.count()
        for start in range(0, total, batch):
            with transaction.atomic():
                created = Article.objects.bulk_create(
                    [maker.article(first + n, sections, now) for n in range(start, min(total, start + batch))]
                )
                ids = [article.pk for article in created]
                Article.objects.filter(pk__in=ids).update(search_vector=search.search_vector())
        # What autovacuum does on a live site: merge the GIN pending lists, gather statistics.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE articles_article")

    def time_query(self, query, repeat):
        """Milliseconds of the search page's work: the count, the first page and its excerpts."""
        runs, count = [], 0
        terms = search.query_words(search.clean_query(query))
        for attempt in range(repeat + 1):
            started = time.perf_counter()
            page = Paginator(Article.objects.published().search(query), PER_PAGE).get_page(1)
            for article in page:
                search.highlight(article.title, terms)
                search.excerpt(article, terms)
            count = page.paginator.count
            if attempt:  # the first run only warms the cache
                runs.append((time.perf_counter() - started) * 1000)
        return runs, count
