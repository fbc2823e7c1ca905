"""The home page and an article page run a fixed number of queries, whatever the data."""

import pytest

from featured.models import FeaturedList

from .factories import make_article, make_author, make_section
from .featured_factories import add_items, get_list
from .test_query_budget_pages import BUDGET

pytestmark = pytest.mark.django_db

# The same bound for a small and a larger site: the count may not grow with the data. The
# budgets are kept in one place, tests/test_query_budget_pages.py.


def build_site(sections, per_section, authors_per_article, tags_per_article, items_per_list):
    tags = [f"Thẻ {i}" for i in range(tags_per_article)]
    articles = []
    for _ in range(sections):
        section = make_section()
        for _ in range(per_section):
            authors = [make_author() for _ in range(authors_per_article)]
            articles.append(make_article(section=section, authors=authors, tags=tags))
    for key in ("tieu-diem", "noi-bat", "dung-bo-lo"):
        # Lists shorter than their size, so that the fill runs its query too.
        featured = get_list(key, fill=FeaturedList.Fill.NEWEST, size=items_per_list + 1)
        add_items(featured, *articles[:items_per_list])
    return articles


SMALL = {"sections": 1, "per_section": 2, "authors_per_article": 1, "tags_per_article": 1, "items_per_list": 1}
LARGE = {"sections": 8, "per_section": 7, "authors_per_article": 3, "tags_per_article": 4, "items_per_list": 8}


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["small", "large"])
def test_home_page_query_count_is_fixed(client, django_assert_max_num_queries, size):
    build_site(**size)
    with django_assert_max_num_queries(BUDGET["home"]):
        response = client.get("/")
    assert response.status_code == 200


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["small", "large"])
def test_article_page_query_count_is_fixed(client, django_assert_max_num_queries, size):
    articles = build_site(**size)
    with django_assert_max_num_queries(BUDGET["article"]):
        response = client.get(articles[0].get_absolute_url())
    assert response.status_code == 200
