import re

import pytest

from articles.models import Article
from featured.models import FeaturedList

from .factories import EDITOR, JOURNALIST, make_article, make_user
from .featured_factories import add_items, get_list

pytestmark = pytest.mark.django_db


def change_url(featured_list):
    return f"/admin/featured/featuredlist/{featured_list.pk}/change/"


def list_form(featured_list, items, **changes):
    """The POST the change page sends: list fields and its items with their positions, in order."""
    data = {
        "title": featured_list.title, "layout": featured_list.layout, "size": featured_list.size,
        "fill": featured_list.fill, "fill_section": featured_list.fill_section_id or "",
        "items-TOTAL_FORMS": len(items), "items-INITIAL_FORMS": sum(1 for i in items if i.get("id")),
        "items-MIN_NUM_FORMS": 0, "items-MAX_NUM_FORMS": 1000,
    }
    for n, item in enumerate(items):
        # adminsortable2 numbers the saved rows; a new row keeps the model's default, 0.
        position = item.get("position", n + 1 if item.get("id") else 0)
        data.update({
            f"items-{n}-id": item.get("id", ""), f"items-{n}-featured_list": featured_list.pk,
            f"items-{n}-article": item["article"], f"items-{n}-position": position,
            f"items-{n}-title": item.get("title", ""), f"items-{n}-excerpt": "",
        })
        for name in ("starts_at", "ends_at"):  # the admin's split widgets: "dd/mm/yyyy", "HH:MM"
            date, _, time = item.get(name, "").partition(" ")
            data.update({f"items-{n}-{name}_0": date, f"items-{n}-{name}_1": time})
    data.update(changes)
    return data


def reordered(featured_list):
    """The items of a list, last first."""
    return [{"id": i.pk, "article": i.article_id} for i in reversed(featured_list.items.all())]


@pytest.fixture
def noi_bat():
    featured = get_list("noi-bat", fill=FeaturedList.Fill.NONE)
    add_items(featured, make_article(title="Thứ nhất"), make_article(title="Thứ hai"), make_article(title="Thứ ba"))
    return featured


def item_titles(featured_list):
    return [item.article.title for item in featured_list.items.select_related("article")]


def test_editor_reorders_a_list_and_readers_see_it_at_once(client, noi_bat):
    client.force_login(make_user(role=EDITOR))
    response = client.post(change_url(noi_bat), list_form(noi_bat, reordered(noi_bat)))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert item_titles(noi_bat) == ["Thứ ba", "Thứ hai", "Thứ nhất"]
    page = client.get("/").content.decode()
    assert page.index("Thứ ba") < page.index("Thứ hai") < page.index("Thứ nhất")


def test_editor_sees_a_preview_of_what_readers_see_now(client, noi_bat):
    Article.objects.filter(title="Thứ hai").update(status=Article.Status.ARCHIVED)
    client.force_login(make_user(role=EDITOR))
    page = client.get(change_url(noi_bat)).content.decode()
    preview = page[page.index("srcdoc="):page.index("</iframe>")]
    assert "Thứ nhất" in preview and "Thứ ba" in preview and "Thứ hai" not in preview
    assert "&lt;section" in preview  # the document is escaped into the attribute


def test_superuser_may_change_lists(client, noi_bat):
    client.force_login(make_user(superuser=True))
    assert client.post(change_url(noi_bat), list_form(noi_bat, reordered(noi_bat))).status_code == 302
    assert item_titles(noi_bat)[0] == "Thứ ba"


def test_journalist_cannot_see_or_change_a_list_even_by_forged_post(client, noi_bat):
    client.force_login(make_user(role=JOURNALIST))
    assert client.get("/admin/featured/featuredlist/").status_code == 403
    assert client.get(change_url(noi_bat)).status_code == 403
    intruder = make_article(title="Bài chen vào")
    items = [*reordered(noi_bat), {"article": intruder.pk}]
    response = client.post(change_url(noi_bat), list_form(noi_bat, items, title="Đã bị sửa"))
    assert response.status_code == 403
    noi_bat.refresh_from_db()
    assert noi_bat.title == "Nổi bật Tạp chí Người Hà Nội"
    assert item_titles(noi_bat) == ["Thứ nhất", "Thứ hai", "Thứ ba"]
    assert client.post("/admin/featured/featuredlist/add/", {"key": "moi", "title": "Mới"}).status_code == 403
    assert not FeaturedList.objects.filter(key="moi").exists()
    assert "Tin nổi bật" not in client.get("/admin/").content.decode()


def test_autocomplete_offers_published_and_scheduled_articles_only(client):
    from datetime import timedelta

    from django.utils import timezone

    client.force_login(make_user(role=EDITOR))
    make_article(title="Hồ Gươm đã đăng")
    make_article(title="Hồ Gươm hẹn giờ", published_at=timezone.now() + timedelta(days=1))
    make_article(title="Hồ Gươm nháp", status=Article.Status.DRAFT)
    make_article(title="Hồ Gươm chờ duyệt", status=Article.Status.REVIEW)
    make_article(title="Hồ Gươm lưu trữ", status=Article.Status.ARCHIVED)
    response = client.get("/admin/autocomplete/", {
        "term": "Hồ Gươm", "app_label": "featured", "model_name": "featureditem", "field_name": "article",
    })
    assert response.status_code == 200
    assert sorted(r["text"] for r in response.json()["results"]) == ["Hồ Gươm hẹn giờ", "Hồ Gươm đã đăng"]


def test_draft_article_cannot_be_put_in_a_list_by_forged_post(client, noi_bat):
    client.force_login(make_user(role=EDITOR))
    draft = make_article(title="Bài nháp", status=Article.Status.DRAFT)
    items = [*reordered(noi_bat), {"article": draft.pk}]
    response = client.post(change_url(noi_bat), list_form(noi_bat, items))
    assert response.status_code == 200
    assert "không còn ở trạng thái đã xuất bản" in response.content.decode()
    assert noi_bat.items.count() == 3


def test_same_article_twice_is_refused_with_a_message(client, noi_bat):
    client.force_login(make_user(role=EDITOR))
    items = [*reordered(noi_bat), {"article": noi_bat.items.first().article_id}]
    response = client.post(change_url(noi_bat), list_form(noi_bat, items))
    assert response.status_code == 200
    assert "Mỗi bài viết chỉ có mặt một lần trong danh sách" in response.content.decode()
    assert noi_bat.items.count() == 3


def test_time_window_must_end_after_it_starts_and_nothing_typed_is_lost(client, noi_bat):
    client.force_login(make_user(role=EDITOR))
    article = make_article(title="Bài có khung giờ")
    items = [*reordered(noi_bat), {
        "article": article.pk, "title": "Tiêu đề đã gõ", "starts_at": "02/03/2026 08:00", "ends_at": "01/03/2026 08:00",
    }]
    response = client.post(change_url(noi_bat), list_form(noi_bat, items))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Thời điểm ẩn phải sau thời điểm bắt đầu hiện." in page
    assert 'value="Tiêu đề đã gõ"' in page
    assert noi_bat.items.count() == 3


def test_time_window_is_saved_in_the_sites_time_zone(client, noi_bat):
    client.force_login(make_user(role=EDITOR))
    article = make_article()
    items = [*reordered(noi_bat), {"article": article.pk, "starts_at": "01/03/2026 08:00"}]
    assert client.post(change_url(noi_bat), list_form(noi_bat, items)).status_code == 302
    item = noi_bat.items.get(article=article)
    assert item.starts_at.isoformat() == "2026-03-01T01:00:00+00:00"


def test_fill_from_a_section_needs_a_section(client, noi_bat):
    client.force_login(make_user(role=EDITOR))
    data = list_form(noi_bat, reordered(noi_bat), fill="section", title="Tên mới")
    response = client.post(change_url(noi_bat), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hãy chọn chuyên mục để lấy bài bù vào chỗ trống." in page
    assert 'value="Tên mới"' in page
    # The preview keeps showing the saved list, which is what readers still see.
    preview = page[page.index("srcdoc="):page.index("</iframe>")]
    assert "Nổi bật Tạp chí Người Hà Nội" in preview and "Tên mới" not in preview


def test_editor_adds_a_new_list(client):
    client.force_login(make_user(role=EDITOR))
    article = make_article(title="Bài của danh sách mới")
    new = FeaturedList(key="", title="", layout="excerpts", size=3, fill="none")
    data = list_form(new, [{"article": article.pk}], key="chuyen-de-tet", title="Chuyên đề Tết")
    data = {k: v for k, v in data.items() if not k.endswith("-featured_list")}
    response = client.post("/admin/featured/featuredlist/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = FeaturedList.objects.get(key="chuyen-de-tet")
    assert [e.title for e in created.selection().entries] == ["Bài của danh sách mới"]


def test_admin_change_page_runs_a_bounded_number_of_queries(client, noi_bat, django_assert_max_num_queries):
    client.force_login(make_user(role=EDITOR))
    add_items(noi_bat, *(make_article() for _ in range(5)))
    with django_assert_max_num_queries(30):
        assert client.get(change_url(noi_bat)).status_code == 200


def test_item_whose_article_was_archived_is_flagged_and_can_be_removed(client, noi_bat):
    client.force_login(make_user(role=EDITOR))
    gone = noi_bat.items.get(article__title="Thứ hai")
    Article.objects.filter(pk=gone.article_id).update(status=Article.Status.ARCHIVED)
    items = [{"id": i.pk, "article": i.article_id} for i in noi_bat.items.all()]
    response = client.post(change_url(noi_bat), list_form(noi_bat, items))
    assert response.status_code == 200
    assert "không còn ở trạng thái đã xuất bản" in response.content.decode()
    data = list_form(noi_bat, items, **{"items-1-DELETE": "on"})
    assert client.post(change_url(noi_bat), data).status_code == 302
    assert item_titles(noi_bat) == ["Thứ nhất", "Thứ ba"]


def test_lists_the_site_uses_cannot_be_deleted_but_new_ones_can(client, noi_bat):
    client.force_login(make_user(role=EDITOR))
    delete_url = f"/admin/featured/featuredlist/{noi_bat.pk}/delete/"
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert FeaturedList.objects.filter(key="noi-bat").exists()
    extra = FeaturedList.objects.create(key="chuyen-de", title="Chuyên đề")
    response = client.post(f"/admin/featured/featuredlist/{extra.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not FeaturedList.objects.filter(key="chuyen-de").exists()


def test_a_new_item_lands_first_and_readers_see_it_at_once(client):
    noi_bat = get_list("noi-bat", fill=FeaturedList.Fill.NONE)
    add_items(noi_bat, *(make_article(title=f"Bài cũ {n}") for n in range(5)))
    assert noi_bat.size == 5
    client.force_login(make_user(role=EDITOR))
    newcomer = make_article(title="Bài vừa thêm")
    items = [{"id": i.pk, "article": i.article_id} for i in noi_bat.items.all()] + [{"article": newcomer.pk}]
    assert client.post(change_url(noi_bat), list_form(noi_bat, items)).status_code == 302
    assert noi_bat.items.order_by("position", "pk").first().article == newcomer
    client.logout()
    page = client.get("/").content.decode()
    shown = page[page.index("featured-noi-bat"):]
    assert shown.index("Bài vừa thêm") < shown.index("Bài cũ 0")


def test_the_items_are_sorted_in_vietnamese_with_the_article_forms_time_widgets(client, noi_bat):
    client.force_login(make_user(role=EDITOR))
    page = client.get(change_url(noi_bat)).content.decode()
    assert "Move to" not in page and 'title="Chuyển lên đầu"' in page
    assert 'name="items-0-starts_at_0"' in page and 'name="items-0-starts_at_1"' in page
    assert 'type="datetime-local"' not in page
    article_form = client.get("/admin/articles/article/add/").content.decode()
    for part, widget_class in ((0, "vDateField"), (1, "vTimeField")):
        assert widget_class in re.search(rf'<input[^>]*name="published_at_{part}"[^>]*>', article_form)[0]
        assert widget_class in re.search(rf'<input[^>]*name="items-0-starts_at_{part}"[^>]*>', page)[0]
