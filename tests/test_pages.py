import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from featured.models import FeaturedList

from .factories import make_article, make_author, make_section
from .test_query_budget_pages import BUDGET

pytestmark = pytest.mark.django_db


def test_home_shows_newest_articles_per_section(client):
    # No lead stories: the blocks would leave those out (see test_home.py).
    FeaturedList.objects.filter(key="tieu-diem").update(fill=FeaturedList.Fill.NONE)
    hanoi = make_section(name="Hà Nội", slug="ha-noi")
    culture = make_section(name="Văn hóa", slug="van-hoa")
    now = timezone.now()
    for i in range(7):
        make_article(title=f"Tin Hà Nội {i}", section=hanoi, published_at=now - datetime.timedelta(hours=i + 1))
    make_article(title="Tin văn hóa", section=culture)
    page = client.get("/").content.decode()
    assert "Tin Hà Nội 0" in page and "Tin Hà Nội 4" in page
    assert "Tin Hà Nội 6" not in page  # only the newest five per section
    assert "Tin văn hóa" in page
    assert '<a href="/ha-noi/">Hà Nội</a>' in page


def test_home_query_count_does_not_grow_with_sections(client, django_assert_max_num_queries):
    for _ in range(6):
        section = make_section()
        for _ in range(3):
            make_article(section=section, authors=[make_author()])
    with django_assert_max_num_queries(BUDGET["home"]):
        assert client.get("/").status_code == 200


def test_section_page_paginates_newest_first(client):
    section = make_section(name="Thời sự", slug="thoi-su")
    now = timezone.now()
    for i in range(25):
        make_article(title=f"Thời sự số {i:02d}", section=section, published_at=now - datetime.timedelta(hours=i + 1))
    first = client.get("/thoi-su/").content.decode()
    assert first.index("Thời sự số 00") < first.index("Thời sự số 01")
    assert "Thời sự số 19" in first and "Thời sự số 20" not in first
    second = client.get("/thoi-su/?page=2").content.decode()
    assert "Thời sự số 20" in second and "Thời sự số 24" in second
    assert "Trang 2 / 2" in second


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1.5", "%00"])
def test_section_page_answers_bad_page_numbers_without_error(client, page):
    make_article(section=make_section(slug="ha-noi"))
    assert client.get(f"/ha-noi/?page={page}").status_code == 200


def test_unknown_section_is_404(client):
    assert client.get("/khong-co/").status_code == 404


def test_tag_page_lists_published_articles_with_the_tag(client):
    make_article(title="Bài có thẻ", tags=["Phố cổ"])
    make_article(title="Nháp có thẻ", tags=["Phố cổ"], status=Article.Status.DRAFT)
    page = client.get("/tag/pho-co/").content.decode()
    assert "Bài có thẻ" in page and "Nháp có thẻ" not in page
    assert "<h1 class=\"page-title\">Phố cổ</h1>" in page


def test_author_page_shows_bio_and_articles(client):
    author = make_author(name="Huyền Anh", title="Nhà báo", bio="Viết về đô thị.")
    make_article(title="Bài của Huyền Anh", authors=[author])
    make_article(title="Bài người khác")
    response = client.get("/tac-gia/huyen-anh/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Viết về đô thị." in page and "Nhà báo" in page
    main = page[:page.index('<aside class="sidebar"')]  # the sidebar's lists show the newest articles
    assert "Bài của Huyền Anh" in main and "Bài người khác" not in main


def test_pages_are_in_vietnamese_with_the_section_menu(client):
    make_section(name="Du lịch", slug="du-lich")
    page = client.get("/").content.decode()
    assert '<html lang="vi">' in page
    assert '<a href="/du-lich/">Du lịch</a>' in page


def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content.decode() == "database: ok\ncache: ok\n"


def test_public_get_sets_no_cookie(client):
    article = make_article()
    for url in ("/", article.get_absolute_url(), article.section.get_absolute_url()):
        assert not client.get(url).cookies


def test_the_footer_shows_the_masthead_from_one_setting(client, settings):
    settings.MASTHEAD = [("Cơ quan chủ quản", "Hội Thử Nghiệm"), ("Tổng biên tập", "Trần Văn Thử"),
                         ("Email", "thu@example.org")]
    make_section(name="Du lịch", slug="du-lich")
    for url in ("/", "/du-lich/", "/khong-co/"):
        page = client.get(url).content.decode()
        footer = page[page.index('<footer class="site-footer">'):]
        assert "<dt>Cơ quan chủ quản</dt> <dd>Hội Thử Nghiệm</dd>" in footer, url
        assert "<dt>Tổng biên tập</dt> <dd>Trần Văn Thử</dd>" in footer
        assert '<a href="mailto:thu@example.org">thu@example.org</a>' in footer
