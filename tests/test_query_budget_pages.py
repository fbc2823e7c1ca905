"""Every public page costs a fixed number of queries, and list pages stay cheap deep in the archive."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from web import paging

from .factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

# The one place for page query budgets (every test of a page's queries reads them here).
# Queries per page on a cold cache: the page's own, the menu and the sidebar (the next
# scheduled publication is found when content changes, not by readers). Section, tag and
# author pages show "Nổi bật" and "Đừng bỏ lỡ" too: the lists 2, the top-up candidates of
# every list 1 (a shared fragment; home tops its lists up from its own articles). "Đọc nhiều"
# costs the home and article pages one.
# List pages: their articles (cards show no byline) and a count; tag and author pages their tag
# or author too (a section page finds its section in the menu). The article page: the article
# with its section, tags, bylines, corrections and print issues (one query), the related
# articles (none while their fragment is kept), one page of comments with their counts, and
# the above.
BUDGET = {"home": 5, "section": 6, "tag": 7, "author": 7, "article": 8}
# Of those, what the shared fragments save once cached: the menu, the featured lists (2) and
# "Đọc nhiều".
FRAGMENT_QUERIES = 4


def _fill(sections, per_section, authors, tags):
    now = timezone.now()
    sections = [make_section(name=f"Chuyên mục {i}", slug=f"cm-{i}") for i in range(sections)]
    writers = [make_author(name=f"Tác giả {i}") for i in range(authors)]
    n = 0
    for section in sections:
        for _ in range(per_section):
            n += 1
            make_article(
                title=f"Bài số {n}", section=section, published_at=now - datetime.timedelta(hours=n),
                authors=writers[n % authors: n % authors + 2], tags=[f"Thẻ {n % tags}", f"Thẻ {(n + 1) % tags}"],
            )
    article = Article.objects.published().newest().first()
    article.related.add(*Article.objects.published().newest()[5:8])
    return {
        "home": "/",
        "section": sections[0].get_absolute_url(),
        "tag": "/tag/the-0/",
        "author": writers[0].get_absolute_url(),
        "article": article.get_absolute_url(),
    }


@pytest.mark.parametrize("page", sorted(BUDGET))
@pytest.mark.parametrize("size", [(1, 2, 1, 1), (6, 12, 5, 9)], ids=["tiny", "larger"])
def test_public_page_query_count_is_fixed_whatever_the_data_size(client, django_assert_max_num_queries, page, size):
    urls = _fill(*size)
    with django_assert_max_num_queries(BUDGET[page]):
        response = client.get(urls[page])
    assert response.status_code == 200


def test_second_and_deep_pages_cost_the_same_as_the_first(client, django_assert_max_num_queries):
    urls = _fill(2, 45, 3, 4)
    for query in ("", "?page=2", "?page=3", "?page=999999"):
        with django_assert_max_num_queries(BUDGET["section"]):
            assert client.get(urls["section"] + query).status_code == 200


def test_list_pages_count_at_most_a_bounded_number_of_rows(client, monkeypatch):
    monkeypatch.setattr(paging, "MAX_PAGES", 2)
    section = make_section(name="Thời sự", slug="thoi-su")
    now = timezone.now()
    for i in range(50):
        make_article(title=f"Thời sự {i:02d}", section=section, published_at=now - datetime.timedelta(hours=i + 1))
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/thoi-su/").content.decode()
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT" in sql.upper() for sql in counts)
    assert "Trang 1 / 2" in first
    deepest = client.get("/thoi-su/?page=40").content.decode()
    assert "Trang 2 / 2" in deepest
    assert "Thời sự 39" in deepest and "Thời sự 40" not in deepest


def test_home_shows_each_sections_newest_even_when_one_section_is_busy(client):
    busy = make_section(name="Thời sự", slug="thoi-su")
    quiet = make_section(name="Văn học", slug="van-hoc")
    now = timezone.now()
    make_article(title="Truyện ngắn năm ngoái", section=quiet, published_at=now - datetime.timedelta(days=400))
    for i in range(30):
        make_article(title=f"Thời sự {i}", section=busy, published_at=now - datetime.timedelta(minutes=i + 1))
    page = client.get("/").content.decode()
    assert "Truyện ngắn năm ngoái" in page
    assert "Thời sự 0" in page and "Thời sự 29" not in page


def test_related_articles_come_from_shared_tags_before_the_section():
    section = make_section()
    article = make_article(title="Bài chính", section=section, tags=["Phố cổ", "Mùa thu"])
    both = make_article(title="Chung hai thẻ", section=make_section(), tags=["Phố cổ", "Mùa thu"])
    one = make_article(title="Chung một thẻ", section=make_section(), tags=["Mùa thu"])
    same_section = make_article(title="Cùng chuyên mục", section=section)
    make_article(title="Không liên quan", section=make_section(), tags=["Khác"])
    related = list(Article.objects.published().related_to(article, 6))
    assert related == [both, one, same_section]


def test_uncached_article_page_costs_its_budget_less_the_cached_fragments(
    client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    urls = _fill(3, 5, 3, 4)
    client.get(urls["home"])
    with django_assert_num_queries(BUDGET["article"] - FRAGMENT_QUERIES):
        assert client.get(urls["article"]).status_code == 200


def test_scheduled_article_tops_up_the_cached_sidebar_at_the_next_refresh(client, settings):
    """The sidebars' top-up candidates are a shared fragment refreshed at the top-up moment after
    a publication (tags.TOPUP), as related articles are, even on pages made meanwhile."""
    settings.PAGE_CACHE_ENABLED = False
    every = settings.PAGE_CACHE_TOPUP_SECONDS
    hour = timezone.now() + datetime.timedelta(hours=1)
    at = datetime.datetime.fromtimestamp(hour.timestamp() // every * every + every // 3, tz=datetime.UTC)
    refresh = datetime.datetime.fromtimestamp(at.timestamp() // every * every + every, tz=datetime.UTC)
    article = make_article(title="Bài đang đọc")
    make_article(title="Bài hẹn giờ vào cột tin mới", published_at=at)
    with time_machine.travel(at - datetime.timedelta(seconds=30), tick=False) as traveller:
        assert "Bài hẹn giờ vào cột tin mới" not in client.get(article.get_absolute_url()).content.decode()
        traveller.move_to(at + datetime.timedelta(seconds=1))
        assert "Bài hẹn giờ vào cột tin mới" not in client.get(article.get_absolute_url()).content.decode()
        assert "Bài hẹn giờ vào cột tin mới" in client.get("/").content.decode()  # home: at once
        traveller.move_to(refresh + datetime.timedelta(seconds=1))
        assert "Bài hẹn giờ vào cột tin mới" in client.get(article.get_absolute_url()).content.decode()


def test_a_fragment_used_twice_in_a_page_is_made_once(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    urls = _fill(2, 3, 2, 2)
    client.get(urls["home"])  # this process now knows the menu's tags
    from django.core.cache import cache

    cache.delete("pc:f:menu")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(urls["home"]).status_code == 200  # its view and its template use the menu
    sections = [q["sql"] for q in queries.captured_queries if 'FROM "articles_section"' in q["sql"]]
    assert len(sections) == 1, sections


def test_first_page_of_a_long_list_counts_a_few_pages_ahead_only(client, monkeypatch):
    monkeypatch.setattr(paging, "LOOKAHEAD_PAGES", 1)
    section = make_section(name="Thời sự", slug="thoi-su")
    now = timezone.now()
    for i in range(60):
        make_article(title=f"Thời sự {i:02d}", section=section, published_at=now - datetime.timedelta(hours=i + 1))
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/thoi-su/").content.decode()
    [count] = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert "LIMIT 40" in count.upper()
    assert '<span class="pagination-current">Trang 1</span>' in first and 'rel="next" href="?page=2"' in first
    last = client.get("/thoi-su/?page=3").content.decode()
    assert '<span class="pagination-current">Trang 3 / 3</span>' in last and "Thời sự 59" in last


def test_pagination_of_a_plain_paginator_still_shows_the_total():
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    page = Paginator(list(range(50)), 20).get_page(2)
    assert "Trang 2 / 3" in render_to_string("articles/includes/pagination.html", {"page": page})


def test_home_of_an_empty_site_answers(client):
    assert client.get("/").status_code == 200
    make_section(name="Chuyên mục trống", slug="trong")
    assert client.get("/").status_code == 200
