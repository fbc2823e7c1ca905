"""Demo lists for `manage.py load_demo`: the "Nổi bật" and "Đừng bỏ lỡ" of the reference page.

Called by articles' load_demo once the demo articles exist. A list that already has
items is left as the editors made it, so running the command twice changes nothing.
"""

from articles.demo import content
from articles.models import Article
from vietnamese import slugify_vi

from .models import FeaturedItem, FeaturedList


def _article(title):
    return Article.objects.get(slug=slugify_vi(title))


DEMO_ITEMS = {
    # The reference page's "Nổi bật": its five stories in its order. Their excerpts there
    # are the articles' sapos, which a list shows when an item has no excerpt of its own.
    "noi-bat": [item["title"] for item in content.HIGHLIGHTS],
    "dung-bo-lo": [content.REFERENCE["title"]],
    # The home page's lead story (the newest) and the secondary ones.
    "tieu-diem": content.TIEU_DIEM,
}


def load_demo(stdout):
    for key, items in DEMO_ITEMS.items():
        featured_list = FeaturedList.objects.filter(key=key).first()
        if featured_list is None or featured_list.items.exists():
            continue
        for position, title in enumerate(items, start=1):
            FeaturedItem.objects.create(featured_list=featured_list, article=_article(title), position=position)
    stdout.write("Danh sách tin nổi bật: Tiêu điểm, Nổi bật, Đừng bỏ lỡ.")
