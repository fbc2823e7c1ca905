import datetime

import pytest
from django.utils import timezone

from featured.models import FeaturedList

from .factories import make_article, make_section
from .featured_factories import add_items, get_list

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def test_home_leads_with_tieu_diem_large_then_four_secondary_stories(client):
    lead_list = get_list("tieu-diem", fill=FeaturedList.Fill.NEWEST)
    lead = make_article(title="Bài chính", sapo="Sapo bài chính", cover_image="covers/lon.jpg",
                        published_at=timezone.now() - 30 * HOUR)
    add_items(lead_list, lead)
    for i in range(6):
        make_article(title=f"Bài mới {i}", published_at=timezone.now() - (i + 1) * HOUR)
    page = client.get("/").content.decode()
    top = page[page.index('class="featured featured-lead'):page.index('<div class="layout">')]
    assert 'class="lead-story"' in top and 'src="/media/covers/lon.jpg"' in top
    assert top.index("Bài chính") < top.index("Sapo bài chính") < top.index("Bài mới 0")
    assert top.count('class="lead-secondary-item"') == 4
    assert "Bài mới 3" in top and "Bài mới 4" not in top


def test_section_blocks_show_up_to_five_newest_and_skip_the_lead_stories(client):
    section = make_section(name="Văn hóa", slug="van-hoa")
    articles = [
        make_article(title=f"Văn hóa số {i}", section=section, published_at=timezone.now() - (i + 1) * HOUR)
        for i in range(9)
    ]
    add_items(get_list("tieu-diem", fill=FeaturedList.Fill.NONE), articles[0], articles[2])
    page = client.get("/").content.decode()
    block = page[page.index('id="cm-van-hoa"'):page.index("</section>", page.index('id="cm-van-hoa"'))]
    shown = [f"Văn hóa số {i}" for i in (1, 3, 4, 5, 6)]
    assert [title for title in (f"Văn hóa số {i}" for i in range(9)) if title + "<" in block] == shown


def test_home_sidebar_shows_noi_bat_and_dung_bo_lo(client):
    add_items(get_list("noi-bat", fill=FeaturedList.Fill.NONE), make_article(title="Tin hay", sapo="Tóm tắt"))
    add_items(get_list("dung-bo-lo", fill=FeaturedList.Fill.NONE), make_article(title="Tin đừng bỏ lỡ"))
    page = client.get("/").content.decode()
    sidebar = page[page.index('<aside class="sidebar"'):]
    assert sidebar.index("Nổi bật Tạp chí Người Hà Nội") < sidebar.index("Tin hay") < sidebar.index("Tóm tắt")
    assert sidebar.index("Tóm tắt") < sidebar.index("Đừng bỏ lỡ") < sidebar.index("Tin đừng bỏ lỡ")


def test_empty_site_home_says_so(client):
    page = client.get("/").content.decode()
    assert "Chưa có bài viết nào được xuất bản." in page


def test_home_sets_no_cookie(client):
    make_article()
    response = client.get("/")
    assert response.status_code == 200 and not response.cookies
