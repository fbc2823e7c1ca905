"""python manage.py import_wordpress EXPORT.xml [--media-dir DIR] [--dry-run] [--update] ..."""

import json
import os

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from articles.management.commands.generate_content import Progress
from articles.models import Section
from wordpress.importer import Importer
from wordpress.wxr import WXRError

COLUMNS = ("tạo mới", "cập nhật", "bỏ qua", "lỗi")


class Command(BaseCommand):
    help = (
        "Nhập bản xuất WordPress (WXR 1.0–1.2): chuyên mục, thẻ, tác giả, bài viết, ảnh và bình luận; "
        "địa chỉ cũ được chuyển hướng 301 sang bài mới. Chạy lại không tạo bản trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="tệp XML xuất từ WordPress (Công cụ → Xuất)")
        parser.add_argument("--media-dir", help="bản sao thư mục wp-content/uploads; ảnh chỉ lấy từ đây")
        parser.add_argument("--dry-run", action="store_true", help="chạy thử: đọc, kiểm tra, báo cáo, không lưu gì")
        parser.add_argument("--update", action="store_true", help="cập nhật các bài đã nhập mà bản xuất đã thay đổi")
        parser.add_argument("--section-map", metavar="FILE",
                            help='tệp JSON {"chuyen-muc-wordpress": "duong-dan-chuyen-muc-cua-ta", ...}')
        parser.add_argument("--create-logins", action="store_true",
                            help="tạo tài khoản phóng viên (không có mật khẩu dùng được) cho tác giả")
        parser.add_argument("--pages-section", metavar="SLUG",
                            help="nhập cả trang (page) thành bài của chuyên mục này; mặc định bỏ qua trang")

    def handle(self, *args, **options):
        with translation.override("vi"):
            path = options["export"]
            if not os.path.isfile(path):
                raise CommandError(f"Không tìm thấy tệp “{path}”.")
            if options["media_dir"] and not os.path.isdir(options["media_dir"]):
                raise CommandError(f"Không tìm thấy thư mục ảnh “{options['media_dir']}” (--media-dir).")
            progress = ProgressBar(self.stderr)
            importer = Importer(
                path, media_dir=options["media_dir"], dry_run=options["dry_run"], update=options["update"],
                section_map=read_section_map(options["section_map"]), create_logins=options["create_logins"],
                pages_section=options["pages_section"], report=progress.message, progress=progress.update,
            )
            try:
                stats = importer.run()
            except WXRError as error:
                raise CommandError(f"{error} Không nhập gì.") from None
            progress.close()
            self.summary(stats, options["dry_run"])

    def summary(self, stats, dry_run):
        self.stdout.write("Tổng kết" + (" (chạy thử: không lưu gì)" if dry_run else "") + ":")
        self.stdout.write(f"{'':<26}" + "".join(f"{column:>10}" for column in COLUMNS))
        for kind, counts in stats.items():
            skipped = sum(n for key, n in counts.items() if key.startswith("bỏ qua"))
            created = sum(n for key, n in counts.items() if key in ("tạo mới", "gộp vào chuyên mục có sẵn",
                                                                    "theo tệp ánh xạ"))
            row = (created, counts["cập nhật"], skipped, counts["lỗi"])
            details = ", ".join(f"{key}: {n}" for key, n in sorted(counts.items())
                                if key.startswith(("bỏ qua (", "gộp", "theo")))
            self.stdout.write(f"{kind:<26}" + "".join(f"{n:>10}" for n in row) + (f"   {details}" if details else ""))


class ProgressBar(Progress):
    """The progress bar of generate_content, with room for messages printed above it."""

    def __init__(self, stream):
        super().__init__("nhập", 0, stream)
        self.shown = False

    def update(self, done, total):
        self.total = max(total, 1)
        if done == total or done % 50 == 0:
            super().update(done)
            self.shown = True

    def message(self, text):
        if self.shown:
            self.stream.write("")
            self.shown = False
        self.stream.write(text)

    def close(self):
        if self.shown:
            super().close()


def read_section_map(path):
    """{wordpress category nicename: our section slug} from a JSON file, every section checked."""
    if not path:
        return {}
    try:
        with open(path, encoding="utf-8") as handle:
            mapping = json.load(handle)
    except OSError:
        raise CommandError(f"Không đọc được tệp ánh xạ chuyên mục “{path}”.") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise CommandError(f"Tệp ánh xạ chuyên mục “{path}” không phải JSON hợp lệ: {error}.") from None
    if not isinstance(mapping, dict) or not all(isinstance(v, str) and isinstance(k, str) for k, v in mapping.items()):
        raise CommandError('Tệp ánh xạ chuyên mục phải có dạng {"chuyen-muc-wordpress": "duong-dan-chuyen-muc"}.')
    known = set(Section.objects.filter(slug__in=mapping.values()).values_list("slug", flat=True))
    unknown = sorted(set(mapping.values()) - known)
    if unknown:
        raise CommandError(
            f"Tệp ánh xạ nhắc tới chuyên mục chưa có: {', '.join(unknown)}. Hãy tạo trước trong trang quản trị."
        )
    return mapping
