"""web.compiled: a list page's queries compiled once give what the ORM gives, for every page,
every section, tag or author and every moment (scheduled articles appear when their time comes)."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, Tag
from articles.views import BY_AUTHOR, IN_SECTION, WITH_TAG
from authors.models import Author
from web.compiled import Compiled

from .factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


def _orm(queryset):
    return [(a.pk, a.title, a.section.name, a.published_at) for a in queryset]


def _rows(articles):
    return [(a.pk, a.title, a.section.name, a.published_at) for a in articles]


def test_compiled_lists_are_the_orm_lists_for_each_page_and_each_thing(django_assert_num_queries):
    now = timezone.now()
    writer, other = make_author(name="Huyền Anh"), make_author(name="Thu Hà")
    sections = [make_section(name="Hà Nội"), make_section(name="Văn hoá")]
    for n in range(25):
        make_article(
            title=f"Bài {n}", section=sections[n % 2], authors=[writer if n % 3 else other],
            tags=["Phố cổ"] if n % 4 else ["Mùa thu"], published_at=now - datetime.timedelta(hours=n + 1),
        )
    tag = Tag.objects.get(name="Phố cổ")
    cases = [
        (IN_SECTION, sections[0].pk, Article.objects.published(now).in_section(sections[0])),
        (IN_SECTION, sections[1].pk, Article.objects.published(now).in_section(sections[1])),
        (WITH_TAG, tag.pk, Article.objects.published(now).filter(tags=tag)),
        (BY_AUTHOR, writer.pk, Article.objects.published(now).filter(authors=writer)),
        (BY_AUTHOR, other.pk, Article.objects.published(now).filter(authors=other)),
    ]
    for compiled, pk, queryset in cases:
        expected = _orm(queryset.newest().select_related("section"))
        bound = compiled.bind(now, pk)
        for low, high in [(0, 5), (5, 10), (10, 40), (3, 3)]:
            with django_assert_num_queries(0 if high <= low else 1):  # the section comes with it
                assert _rows(bound[low:high]) == expected[low:high]
        assert bound.count_upto(100) == len(expected)
        assert bound.count_upto(4) == min(4, len(expected))


def test_each_request_s_moment_decides_what_is_public():
    section = make_section()
    now = timezone.now()
    make_article(title="Đã đăng", section=section, published_at=now - datetime.timedelta(minutes=5))
    make_article(title="Hẹn giờ", section=section, published_at=now + datetime.timedelta(minutes=5))
    make_article(title="Nháp", section=section, status=Article.Status.DRAFT)
    assert [a.title for a in IN_SECTION.bind(now, section.pk)[0:20]] == ["Đã đăng"]
    later = now + datetime.timedelta(minutes=10)
    assert [a.title for a in IN_SECTION.bind(later, section.pk)[0:20]] == ["Hẹn giờ", "Đã đăng"]
    assert IN_SECTION.bind(later, section.pk).count_upto(120) == 2


def test_strings_are_compared_as_they_are(client):
    by_slug = Compiled(lambda slug: Author.objects.filter(slug=slug))
    make_author(name="Huyền Anh")
    make_author(name="Thu Hà")
    assert [a.name for a in by_slug.bind("huyen-anh")[0:1]] == ["Huyền Anh"]
    assert [a.name for a in by_slug.bind("thu-ha")[0:1]] == ["Thu Hà"]
    assert by_slug.bind("x' OR '1'='1")[0:1] == []
    assert client.get("/tac-gia/thu-ha/").status_code == 200
    assert client.get("/tac-gia/khong-co/").status_code == 404
    assert client.get("/tag/khong-co/").status_code == 404


def test_an_argument_the_sql_does_not_use_is_refused():
    ignored = Compiled(lambda now, pk: Article.objects.published(now))
    with pytest.raises(ValueError):
        ignored.bind(timezone.now(), 1)[0:20]
    with pytest.raises(TypeError):
        Compiled(lambda day: Article.objects.filter(published_at__date=day)).bind(datetime.date(2024, 4, 4))[0:20]
