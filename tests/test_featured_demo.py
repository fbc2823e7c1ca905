import pytest
from django.core.management import call_command

from articles.demo import content
from featured.models import FeaturedItem, FeaturedList

pytestmark = pytest.mark.django_db


def item_titles(key):
    return [item.article.title for item in FeaturedList.objects.get(key=key).items.select_related("article")]


def test_load_demo_fills_the_lists_with_the_reference_pages_items():
    call_command("load_demo", verbosity=0)
    assert item_titles("noi-bat") == [item["title"] for item in content.HIGHLIGHTS]
    assert item_titles("dung-bo-lo") == [content.REFERENCE["title"]]
    assert item_titles("tieu-diem") == content.TIEU_DIEM
    noi_bat = FeaturedList.objects.get(key="noi-bat").selection()
    assert [(e.title, e.excerpt) for e in noi_bat.entries] == [(i["title"], i["sapo"]) for i in content.HIGHLIGHTS]


def test_load_demo_twice_changes_nothing_and_keeps_the_editors_choices():
    call_command("load_demo", verbosity=0)
    noi_bat = FeaturedList.objects.get(key="noi-bat")
    noi_bat.items.exclude(pk=noi_bat.items.first().pk).delete()
    count = FeaturedItem.objects.count()
    call_command("load_demo", verbosity=0)
    assert FeaturedItem.objects.count() == count
    assert len(item_titles("noi-bat")) == 1


def test_demo_home_page_shows_the_lists(client):
    call_command("load_demo", verbosity=0)
    page = client.get("/").content.decode()
    for item in content.HIGHLIGHTS:
        assert item["title"] in page
    assert "Nổi bật Tạp chí Người Hà Nội" in page and "Đừng bỏ lỡ" in page
