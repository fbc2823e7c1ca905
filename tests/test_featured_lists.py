import datetime

import pytest
import time_machine
from django.template import Context, Template
from django.utils import timezone

from articles.models import Article
from featured.models import FeaturedItem, FeaturedList

from .factories import make_article, make_section
from .featured_factories import add_items, get_list

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


def titles(featured_list, **kwargs):
    return [entry.title for entry in featured_list.selection(**kwargs).entries]


def render(source, **context):
    return Template("{% load featured_tags %}" + source).render(Context(context))


def list_html(page, key):
    """The HTML of one rendered list on a page ("" when the page does not show it)."""
    start = page.find(f"featured-{key}\"")
    return page[start:page.index("</section>", start)] if start >= 0 else ""


def test_migration_creates_the_three_lists_the_site_uses():
    lists = {fl.key: fl for fl in FeaturedList.objects.all()}
    assert lists["noi-bat"].title == "Nổi bật Tạp chí Người Hà Nội"
    assert lists["dung-bo-lo"].title == "Đừng bỏ lỡ"
    assert lists["tieu-diem"].size == 5 and lists["tieu-diem"].layout == FeaturedList.Layout.LEAD


def test_items_show_in_position_order_not_in_creation_order():
    featured = get_list("noi-bat", fill=FeaturedList.Fill.NONE)
    first, second, third = make_article(title="Một"), make_article(title="Hai"), make_article(title="Ba")
    FeaturedItem.objects.create(featured_list=featured, article=first, position=3)
    FeaturedItem.objects.create(featured_list=featured, article=second, position=1)
    FeaturedItem.objects.create(featured_list=featured, article=third, position=2)
    assert titles(featured) == ["Hai", "Ba", "Một"]


def test_list_shows_at_most_its_size():
    featured = get_list("noi-bat", size=2, fill=FeaturedList.Fill.NONE)
    add_items(featured, *(make_article(title=f"Bài {i}") for i in range(4)))
    assert titles(featured) == ["Bài 0", "Bài 1"]


def test_item_title_and_excerpt_replace_the_articles_own():
    featured = get_list("noi-bat", fill=FeaturedList.Fill.NONE)
    original = make_article(title="Tiêu đề gốc", sapo="Sapo gốc")
    add_items(featured, original, title="Tiêu đề ngắn", excerpt="Tóm tắt riêng")
    add_items(featured, make_article(title="Bài khác", sapo="Sapo bài khác"))
    entries = featured.selection().entries
    assert [(e.title, e.excerpt) for e in entries] == [
        ("Tiêu đề ngắn", "Tóm tắt riêng"), ("Bài khác", "Sapo bài khác"),
    ]


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "shown"),
    [
        (None, None, True),
        (NOW, None, True),  # a window opens at its start time exactly
        (NOW + datetime.timedelta(seconds=1), None, False),
        (None, NOW, False),  # ... and is closed at its end time exactly
        (None, NOW + datetime.timedelta(seconds=1), True),
        (NOW - HOUR, NOW + HOUR, True),
        (NOW - 2 * HOUR, NOW - HOUR, False),
    ],
)
def test_time_window_is_start_inclusive_and_end_exclusive(starts_at, ends_at, shown):
    featured = get_list("noi-bat", fill=FeaturedList.Fill.NONE)
    article = make_article(title="Bài có hẹn giờ", published_at=NOW - 24 * HOUR)
    [item] = add_items(featured, article, starts_at=starts_at, ends_at=ends_at)
    assert (titles(featured, now=NOW) == ["Bài có hẹn giờ"]) is shown
    assert item.is_visible(NOW) is shown


def test_time_window_is_followed_on_the_page_as_the_clock_moves(client):
    featured = get_list("noi-bat", fill=FeaturedList.Fill.NONE)
    add_items(featured, make_article(title="Bài trong khung giờ", published_at=NOW - 24 * HOUR),
              starts_at=NOW, ends_at=NOW + HOUR)
    with time_machine.travel(NOW - datetime.timedelta(seconds=1), tick=False):
        assert "Bài trong khung giờ" not in list_html(client.get("/").content.decode(), "noi-bat")
    with time_machine.travel(NOW, tick=False):
        assert "Bài trong khung giờ" in list_html(client.get("/").content.decode(), "noi-bat")
    with time_machine.travel(NOW + HOUR, tick=False):
        assert "Bài trong khung giờ" not in list_html(client.get("/").content.decode(), "noi-bat")


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.ARCHIVED])
def test_unpublished_and_archived_articles_are_left_out_without_a_gap(status):
    featured = get_list("noi-bat", size=3, fill=FeaturedList.Fill.NONE)
    first, hidden, last = make_article(title="Đầu"), make_article(title="Ẩn"), make_article(title="Cuối")
    add_items(featured, first, hidden, last)
    Article.objects.filter(pk=hidden.pk).update(status=status)
    assert titles(featured) == ["Đầu", "Cuối"]


def test_scheduled_article_appears_when_its_time_comes():
    featured = get_list("noi-bat", fill=FeaturedList.Fill.NONE)
    add_items(featured, make_article(title="Hẹn giờ", published_at=NOW + HOUR))
    assert titles(featured, now=NOW) == []
    assert titles(featured, now=NOW + HOUR) == ["Hẹn giờ"]


def test_fill_none_leaves_the_list_short():
    featured = get_list("noi-bat", size=3, fill=FeaturedList.Fill.NONE)
    make_article(title="Bài mới")
    add_items(featured, make_article(title="Bài chọn"))
    assert titles(featured) == ["Bài chọn"]


def test_fill_newest_tops_up_with_newest_published_articles_never_twice():
    now = timezone.now()
    featured = get_list("noi-bat", size=4, fill=FeaturedList.Fill.NEWEST)
    newest = make_article(title="Mới nhất", published_at=now - HOUR)
    make_article(title="Mới nhì", published_at=now - 2 * HOUR)
    make_article(title="Mới ba", published_at=now - 3 * HOUR)
    make_article(title="Cũ", published_at=now - 9 * HOUR)
    make_article(title="Nháp mới", status=Article.Status.DRAFT, published_at=now - HOUR / 2)
    make_article(title="Hẹn giờ", published_at=now + HOUR)
    add_items(featured, make_article(title="Bài chọn", published_at=now - 48 * HOUR), newest)
    assert titles(featured) == ["Bài chọn", "Mới nhất", "Mới nhì", "Mới ba"]


def test_fill_from_a_section_takes_that_sections_newest():
    culture, other = make_section(name="Văn hóa"), make_section()
    now = timezone.now()
    featured = get_list("dung-bo-lo", size=3, fill=FeaturedList.Fill.SECTION, fill_section=culture)
    make_article(title="Văn hóa 1", section=culture, published_at=now - HOUR)
    make_article(title="Văn hóa 2", section=culture, published_at=now - 2 * HOUR)
    make_article(title="Thời sự mới", section=other, published_at=now - HOUR / 2)
    add_items(featured, make_article(title="Bài chọn", section=other))
    assert titles(featured) == ["Bài chọn", "Văn hóa 1", "Văn hóa 2"]


def test_fill_from_a_deleted_section_adds_nothing():
    featured = get_list("dung-bo-lo", size=3, fill=FeaturedList.Fill.SECTION, fill_section=None)
    make_article(title="Bài mới")
    assert titles(featured) == []


def test_an_article_is_never_listed_twice_in_one_list():
    from django.db import IntegrityError, transaction

    featured = get_list("noi-bat")
    article = make_article()
    add_items(featured, article)
    with pytest.raises(IntegrityError), transaction.atomic():
        FeaturedItem.objects.create(featured_list=featured, article=article, position=9)
    # The same article may be in two different lists.
    add_items(get_list("dung-bo-lo"), article)


def test_current_article_is_left_out_and_the_fill_takes_its_place():
    featured = get_list("noi-bat", size=2, fill=FeaturedList.Fill.NEWEST)
    current, other = make_article(title="Bài đang đọc"), make_article(title="Bài khác")
    make_article(title="Bài bù", published_at=timezone.now() - 5 * HOUR)
    add_items(featured, current, other)
    assert titles(featured) == ["Bài đang đọc", "Bài khác"]
    assert titles(featured, exclude=current) == ["Bài khác", "Bài bù"]


def test_article_page_sidebar_shows_both_lists_without_the_article_itself(client):
    current = make_article(title="Bài đang đọc")
    add_items(get_list("noi-bat", fill=FeaturedList.Fill.NONE),
              current, make_article(title="Tin nổi bật khác", sapo="Tóm tắt tin nổi bật"))
    add_items(get_list("dung-bo-lo", fill=FeaturedList.Fill.NONE), current, make_article(title="Tin đừng bỏ lỡ"))
    page = client.get(current.get_absolute_url()).content.decode()
    sidebar = page[page.index('<aside class="sidebar"'):]
    assert "Nổi bật Tạp chí Người Hà Nội" in sidebar and "Đừng bỏ lỡ" in sidebar
    assert "Tin nổi bật khác" in sidebar and "Tóm tắt tin nổi bật" in sidebar
    assert "Tin đừng bỏ lỡ" in sidebar
    assert "Bài đang đọc" not in sidebar


def test_noi_bat_shows_titles_and_excerpts_and_dung_bo_lo_thumbnails():
    article = make_article(title="Bài có ảnh", sapo="Đoạn tóm tắt", cover_image="covers/anh.jpg")
    add_items(get_list("noi-bat", fill=FeaturedList.Fill.NONE), article)
    add_items(get_list("dung-bo-lo", fill=FeaturedList.Fill.NONE), article)
    noi_bat = render('{% featured_list "noi-bat" %}')
    assert "Bài có ảnh" in noi_bat and "Đoạn tóm tắt" in noi_bat and "<img" not in noi_bat
    dung_bo_lo = render('{% featured_list "dung-bo-lo" %}')
    assert "Bài có ảnh" in dung_bo_lo and "Đoạn tóm tắt" not in dung_bo_lo
    assert 'src="/media/covers/anh.jpg"' in dung_bo_lo


def test_empty_or_unknown_list_renders_nothing():
    get_list("noi-bat", fill=FeaturedList.Fill.NONE)
    assert render('{% featured_list "noi-bat" %}').strip() == ""
    assert render('{% featured_list "khong-co" %}').strip() == ""


def test_list_text_is_escaped():
    add_items(get_list("noi-bat", fill=FeaturedList.Fill.NONE), make_article(), title="<b>Đậm</b>")
    assert "&lt;b&gt;Đậm&lt;/b&gt;" in render('{% featured_list "noi-bat" %}')
