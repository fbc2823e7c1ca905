import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article

from .factories import make_article, make_author, make_section
from .test_query_budget_pages import BUDGET

pytestmark = pytest.mark.django_db

REFERENCE_TITLE = (
    "Chỉ số cải cách hành chính của quận Đống Đa dẫn đầu khối UBND quận, huyện, "
    "thị xã trên địa bàn Thành phố năm 2023"
)


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return Article.objects.get(title=REFERENCE_TITLE)


@pytest.fixture
def page(client, demo):
    response = client.get(demo.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_demo_article_has_its_canonical_url(demo):
    assert re.fullmatch(
        r"/chi-so-cai-cach-hanh-chinh-cua-quan-dong-da-dan-dau-khoi-ubnd-quan-huyen-thi-xa-tren-dia-ban-"
        r"thanh-pho-nam-2023-\d+\.html",
        demo.get_absolute_url(),
    )


def test_article_page_shows_the_section_breadcrumb(page):
    assert re.search(r'class="breadcrumb".*?<a href="/ha-noi/">Hà Nội</a>', page, re.S)


def test_article_page_shows_title_byline_and_time(page):
    assert f'<h1 class="article-title">{REFERENCE_TITLE}</h1>' in page
    assert re.search(r'<a class="byline-author" href="/tac-gia/huyen-anh/">Huyền Anh</a>', page)
    assert ">15:43 04/04/2024</time>" in page


def test_article_page_shows_sapo_subheadings_figures_and_captions(page):
    assert '<p class="sapo">Ngày 4/4, Ban Chấp hành Đảng bộ quận Đống Đa' in page
    assert "<h2>Nhiều thành tựu đáng khích lệ</h2>" in page
    assert "<h2>Nhiều chỉ tiêu, nhiệm vụ cao hơn năm 2023</h2>" in page
    assert "<figcaption>Quang cảnh Hội nghị.</figcaption>" in page
    assert "<figcaption>Bí thư Quận uỷ Đống Đa Đinh Trường Thọ phát biểu tại Hội nghị.</figcaption>" in page
    assert "Chỉ số cải cách hành chính năm 2023 đạt 96,38%" in page
    assert page.count("<figure") == 2  # the cover is the first body figure, shown once


def test_article_page_images_are_served(client, page):
    sources = re.findall(r'<img src="(/media/[^"]+)"', page)
    assert sources
    for src in set(sources):
        response = client.get(src)
        assert response.status_code == 200
        assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"  # JPEG


def test_article_page_shows_tags_linking_to_tag_pages(client, page):
    assert '<a class="tag" rel="tag" href="/tag/dong-da/">Đống Đa</a>' in page
    assert REFERENCE_TITLE in client.get("/tag/dong-da/").content.decode()


def test_article_page_shows_related_articles(page):
    related = page.split('id="bai-lien-quan"', 1)[1].split("</section>", 1)[0]
    # The other Đống Đa article shares two tags and the section.
    assert "Quận Đống Đa tiếp tục đẩy mạnh chuyển đổi số" in related
    assert REFERENCE_TITLE not in related


def test_wrong_or_old_slug_redirects_permanently(client, demo):
    for wrong in ("sai-duong-dan", "", "Chi-So"):
        response = client.get(f"/{wrong}-{demo.pk}.html")
        assert response.status_code == 301
        assert response["Location"] == demo.get_absolute_url()


def test_unknown_article_id_is_404_in_vietnamese(client, demo):
    response = client.get(f"/{demo.slug}-999999.html")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_related_puts_manual_choices_first_and_never_unpublished_or_itself():
    section = make_section()
    article = make_article(section=section, tags=["Hồ Gươm"])
    older_manual = make_article(title="Chọn tay", published_at=timezone.now() - datetime.timedelta(days=30))
    same_tag = make_article(title="Cùng thẻ", tags=["Hồ Gươm"])
    same_section = make_article(title="Cùng chuyên mục", section=section)
    draft = make_article(title="Nháp cùng thẻ", tags=["Hồ Gươm"], status=Article.Status.DRAFT)
    hidden_manual = make_article(title="Chọn tay nhưng lưu trữ", status=Article.Status.ARCHIVED)
    make_article(title="Không liên quan")
    article.related.add(older_manual, hidden_manual)

    from articles.views import related_articles

    related = related_articles(article)
    assert related[0] == older_manual
    assert set(related) == {older_manual, same_tag, same_section}
    assert article not in related and draft not in related and hidden_manual not in related


def test_authors_appear_in_byline_order(client):
    first, second = make_author(name="Ngô Thị Bích"), make_author(name="An Văn Cường")
    article = make_article(authors=[first, second])
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.index("Ngô Thị Bích") < page.index("An Văn Cường")


def test_article_page_query_count_is_bounded(client, django_assert_max_num_queries):
    section = make_section()
    article = make_article(section=section, authors=[make_author(), make_author()], tags=["a", "b", "c"])
    for _ in range(8):
        make_article(section=section, authors=[make_author()], tags=["a"])
    with django_assert_max_num_queries(BUDGET["article"]):
        assert client.get(article.get_absolute_url()).status_code == 200
