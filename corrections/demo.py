"""A demo correction for `manage.py load_demo`, on the reference article (once)."""

import datetime

from articles.demo import content
from articles.models import Article
from vietnamese import slugify_vi

from .models import Correction

TEXT = (
    "Bản đăng trước ghi chỉ số cải cách hành chính năm 2023 của quận Đống Đa là 93,68%; "
    "con số đúng là 96,38%. Toà soạn xin lỗi bạn đọc."
)


def load_demo(stdout):
    article = Article.objects.filter(slug=slugify_vi(content.REFERENCE["title"])).first()
    if article is None or article.corrections.exists():
        return
    Correction.objects.create(
        article=article, text=TEXT, corrected_at=article.published_at + datetime.timedelta(hours=19),
    )
    stdout.write("Đính chính: một đính chính trên bài tham chiếu.")
