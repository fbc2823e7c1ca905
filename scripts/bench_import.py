"""`make bench-import`: import_wordpress on PostgreSQL, timed, with the importer's peak memory.

Generates a WXR 1.2 export of Vietnamese posts (10,000 posts, 50,000 comments in threads, bodies
long enough for a file of about 100 MB by default, categories, tags, three authors, one cover
image in an uploads folder), resets the bench database (BENCH_DATABASE_URL, whose name must
contain "bench"), migrates it, and runs `manage.py import_wordpress` in a child process: wall
time and the child's peak resident memory (wait4's ru_maxrss) go to stdout and to
bench-results/import.txt. Then runs the import a second time (everything skipped).
"""

import argparse
import datetime
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from services import create_bench_database

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
PYTHON = sys.executable
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/magazine_bench_import"
PLACES = ["Hoàn Kiếm", "Ba Đình", "Đống Đa", "Tây Hồ", "Long Biên", "Hà Đông", "phố cổ", "hồ Gươm", "Văn Miếu"]
TOPICS = ["phở", "bún chả", "cà phê trứng", "áo dài", "tàu điện", "chợ hoa", "mùa thu", "hàng rong", "di sản"]
SENTENCES = [
    "Buổi sáng ở {place}, người ta vẫn ngồi bên gánh {topic} như mấy chục năm trước.",
    "Câu chuyện về {topic} ở {place} được nhiều thế hệ người Hà Nội kể lại.",
    "Những người giữ nghề {topic} nói rằng cái khó nhất là giữ được hồn cốt của phố.",
    "Du khách đến {place} thường hỏi về {topic}, và ai cũng có một câu trả lời riêng.",
]
CATEGORIES = [
    ("am-thuc", "Ẩm thực"), ("van-hoa", "Văn hóa"), ("%c4%91o-thi", "Đô thị"), ("uncategorized", "Uncategorized"),
]


def log(message):
    print(message, file=sys.stderr, flush=True)


def paragraph(rng):
    return " ".join(rng.choice(SENTENCES).format(place=rng.choice(PLACES), topic=rng.choice(TOPICS))
                    for _ in range(4))


def generate(path, posts, comments, size_mb, seed=1):
    """Write the export; returns its size in bytes."""
    rng = random.Random(seed)
    base = datetime.datetime(2012, 1, 1)
    per_post = [comments // posts + (1 if n < comments % posts else 0) for n in range(posts)]
    fixed = 2500 + 700 * (comments / max(posts, 1))  # bytes of an item without its body
    sample = sum(len(paragraph(random.Random(n)).encode()) + 2 for n in range(50)) / 50
    paragraphs = max(1, round((size_mb * 1e6 / posts - fixed) / sample))
    comment_id = 1000
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
                  'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
                  'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n'
                  "<channel>\n<title>Bench</title><link>https://bench.example</link>"
                  "<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example</wp:base_site_url>\n")
        for login, name in (("lan", "Nguyễn Thị Lan"), ("tung", "Trần Thanh Tùng"), ("ha", "Lê Thu Hà")):
            out.write(f"<wp:author><wp:author_login>{login}</wp:author_login><wp:author_email>{login}@bench.example"
                      f"</wp:author_email><wp:author_display_name><![CDATA[{name}]]></wp:author_display_name></wp:author>\n")
        for nicename, name in CATEGORIES:
            out.write(f"<wp:category><wp:category_nicename>{nicename}</wp:category_nicename>"
                      f"<wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[{name}]]></wp:cat_name></wp:category>\n")
        out.write("<item><title>Ảnh bìa</title><wp:post_id>1</wp:post_id><wp:status>inherit</wp:status>"
                  "<wp:post_type>attachment</wp:post_type><wp:attachment_url>https://bench.example/wp-content/uploads/"
                  "2020/01/bia.jpg</wp:attachment_url><wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key>"
                  "<wp:meta_value>2020/01/bia.jpg</wp:meta_value></wp:postmeta></item>\n")
        for n in range(posts):
            post_id = 10 + n
            when = base + datetime.timedelta(hours=7 * n)
            title = f"{rng.choice(TOPICS).capitalize()} ở {rng.choice(PLACES)}: ghi chép số {n + 1}"
            slug = f"ghi-chep-so-{n + 1}"
            body = "\n\n".join(paragraph(rng) for _ in range(paragraphs))
            nicename, name = CATEGORIES[n % len(CATEGORIES)]
            tags = "".join(f'<category domain="post_tag" nicename="the-{t}"><![CDATA[Thẻ {t}]]></category>'
                           for t in rng.sample(range(300), 3))
            out.write(
                f"<item><title>{escape(title)}</title><link>https://bench.example/{when:%Y/%m}/{slug}/</link>"
                f"<dc:creator>{('lan', 'tung', 'ha')[n % 3]}</dc:creator>"
                f'<guid isPermaLink="false">https://bench.example/?p={post_id}</guid>'
                f"<content:encoded><![CDATA[{body}]]></content:encoded>"
                f"<excerpt:encoded><![CDATA[{paragraph(rng)[:200]}]]></excerpt:encoded>"
                f"<wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>"
                f"<wp:comment_status>open</wp:comment_status><wp:post_name>{slug}</wp:post_name>"
                f"<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                f'<category domain="category" nicename="{nicename}"><![CDATA[{name}]]></category>{tags}'
                + ("<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>1</wp:meta_value></wp:postmeta>"
                   if n % 10 == 0 else "")
            )
            first = comment_id
            for c in range(per_post[n]):
                comment_id += 1
                parent = first + 1 if c % 3 == 2 else 0
                status = "1" if c % 10 < 8 else ("0" if c % 10 == 8 else "spam")
                out.write(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                    f"<wp:comment_author><![CDATA[Bạn đọc {c}]]></wp:comment_author>"
                    f"<wp:comment_author_email>ban-doc-{c}@bench.example</wp:comment_author_email>"
                    f"<wp:comment_author_IP>203.0.113.{c % 250}</wp:comment_author_IP>"
                    f"<wp:comment_date_gmt>{when + datetime.timedelta(minutes=c + 1):%Y-%m-%d %H:%M:%S}"
                    f"</wp:comment_date_gmt><wp:comment_content><![CDATA[{paragraph(rng)[:300]}]]>"
                    f"</wp:comment_content><wp:comment_approved>{status}</wp:comment_approved>"
                    f"<wp:comment_type>comment</wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent>"
                    "</wp:comment>"
                )
            out.write("</item>\n")
        out.write("</channel>\n</rss>\n")
    return path.stat().st_size


def environment(database):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.update({"DEBUG": "0", "SECRET_KEY": "bench-only-not-secret-" + "x" * 40, "ALLOWED_HOSTS": "127.0.0.1",
                "DATABASE_URL": database, "SECURE_SSL_REDIRECT": "0"})
    return env


def reset_database(database, env):
    create_bench_database(database)
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)


def timed_import(export, media, env):
    """(seconds, peak RSS in MB, summary) of one import_wordpress run in a child process."""
    started = time.monotonic()
    child = subprocess.Popen(
        [PYTHON, "manage.py", "import_wordpress", str(export), "--media-dir", str(media)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    summary = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit(f"import_wordpress failed ({child.returncode}):\n{summary}")
    return time.monotonic() - started, usage.ru_maxrss / 1024, summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument("--size-mb", type=float, default=100, help="approximate size of the export")
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    args = parser.parse_args()
    env = environment(args.database)
    with tempfile.TemporaryDirectory(prefix="nhn-bench-import-") as folder:
        folder = Path(folder)
        media = folder / "uploads"
        (media / "2020" / "01").mkdir(parents=True)
        from PIL import Image

        Image.new("RGB", (1600, 1000), (120, 80, 40)).save(media / "2020" / "01" / "bia.jpg")
        env["MEDIA_ROOT"] = str(folder / "media")
        log(f"generating {args.posts} posts, {args.comments} comments ...")
        size = generate(folder / "export.xml", args.posts, args.comments, args.size_mb)
        log(f"export: {size / 1e6:.1f} MB; resetting {args.database.rsplit('/', 1)[1]} ...")
        reset_database(args.database, env)
        log("importing ...")
        seconds, rss, summary = timed_import(folder / "export.xml", media, env)
        log("importing again (everything is skipped) ...")
        again, again_rss, _ = timed_import(folder / "export.xml", media, env)
    lines = [
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC · {os.cpu_count()} cores · PostgreSQL",
        f"export {size / 1e6:.1f} MB: {args.posts} posts, {args.comments} comments",
        f"first import: {seconds:.1f} s, peak RSS {rss:.0f} MB",
        f"second run (nothing new): {again:.1f} s, peak RSS {again_rss:.0f} MB",
        "", summary,
    ]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "import.txt").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
