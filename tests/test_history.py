"""History with django-reversion: versions on every save, compare, restore, recover, purge."""

import datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone
from reversion.models import Revision, Version

from articles import workflow
from articles.diff import diff_words, html_to_text
from articles.models import Article
from authors.models import Author

from .admin_forms import ARTICLE_URL, article_data, change_url
from .factories import EDITOR, JOURNALIST, make_article, make_author, make_section, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def eve():
    return make_user("eve", EDITOR)


@pytest.fixture
def edited(client, eve):
    """An article saved twice in the admin: "Hồ Gươm mùa thu" then "Hồ Gươm mùa đông"."""
    client.force_login(eve)
    first_author, second_author = make_author(name="Thu Hà"), make_author(name="Minh Đức")
    data = article_data(
        section=make_section(), authors=[first_author], title="Hồ Gươm mùa thu",
        sapo="Lá vàng rơi.", body="<p>Sáng sớm.</p><p>Hồ <b>lặng</b> gió.</p>",
    )
    assert client.post(f"{ARTICLE_URL}add/", data).status_code == 302
    article = Article.objects.get()
    data = article_data(article, title="Hồ Gươm mùa đông", body="<p>Sáng sớm.</p><p>Hồ nổi gió.</p>")
    data["bylines-0-author"] = second_author.pk
    assert client.post(change_url(article), data).status_code == 302
    return article


def versions(article):
    return list(Version.objects.get_for_object(article).order_by("pk"))


def test_every_admin_save_is_a_version_with_who_and_what(edited, eve):
    first, second = versions(edited)
    assert first.field_dict["title"] == "Hồ Gươm mùa thu" and second.field_dict["title"] == "Hồ Gươm mùa đông"
    assert first.revision.user == eve and "Được thêm" in first.revision.get_comment()
    assert "Tiêu đề" in second.revision.get_comment()


def test_a_version_keeps_the_byline(edited):
    first, _ = versions(edited)
    names = [v.object_repr for v in first.revision.version_set.exclude(pk=first.pk)]
    assert names == ["Thu Hà"]


def test_the_history_page_lists_versions_and_offers_to_compare(client, edited):
    page = client.get(f"{ARTICLE_URL}{edited.pk}/history/").content.decode()
    assert "So sánh hai phiên bản đã chọn" in page
    assert page.count('type="radio" name="a"') == 2


def test_compare_shows_a_readable_escaped_word_diff(client, edited):
    first, second = versions(edited)
    response = client.get(f"{ARTICLE_URL}{edited.pk}/history/so-sanh/", {"a": first.pk, "b": second.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hồ Gươm mùa <del>thu</del><ins>đông</ins>" in page
    assert "Hồ <del>lặng</del><ins>nổi</ins> gió." in page
    assert "<b>" not in page.split('id="content-main"')[1]  # tags of the body are stripped, not rendered
    assert "Sapo <span class=\"unchanged\">(không đổi)</span>" in page
    assert "<del>Thu Hà</del>" in page and "<ins>Minh Đức</ins>" in page


def test_compare_escapes_what_was_typed(client, eve):
    client.force_login(eve)
    article = make_article(title="An toàn")
    workflow.unpublish(article, eve)
    article.title = "<script>alert(1)</script>"
    workflow.publish(article, eve)
    first, second = versions(article)
    page = client.get(f"{ARTICLE_URL}{article.pk}/history/so-sanh/", {"a": first.pk, "b": second.pk}).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_compare_refuses_versions_of_another_article(client, edited, eve):
    other = make_article()
    workflow.unpublish(other, eve)
    foreign = versions(other)[0]
    response = client.get(f"{ARTICLE_URL}{edited.pk}/history/so-sanh/", {"a": foreign.pk, "b": versions(edited)[0].pk})
    assert response.status_code == 403
    missing = client.get(f"{ARTICLE_URL}{edited.pk}/history/so-sanh/", {"a": "x", "b": versions(edited)[0].pk})
    assert missing.status_code == 302


def test_html_to_text_turns_blocks_into_lines():
    assert html_to_text("<h2>Tiêu&nbsp;đề</h2><p>Một <em>câu</em>.</p><ul><li>A</li></ul>") == "Tiêu đề\nMột câu.\nA"
    assert diff_words("a b", "a c") == [("equal", "a "), ("delete", "b"), ("insert", "c")]


def test_an_editor_restores_an_old_version(client, edited):
    first, _ = versions(edited)
    url = f"{ARTICLE_URL}{edited.pk}/history/{first.pk}/"
    preview = client.get(url)
    assert preview.status_code == 200 and "Hồ Gươm mùa thu" in preview.content.decode()
    assert Article.objects.get().title == "Hồ Gươm mùa đông"  # looking changes nothing
    old = Article.objects.get()
    data = article_data(old, title="Hồ Gươm mùa thu", body="<p>Sáng sớm.</p><p>Hồ <b>lặng</b> gió.</p>")
    assert client.post(url, data).status_code == 302
    restored = Article.objects.get()
    assert restored.title == "Hồ Gươm mùa thu" and "lặng" in restored.body
    assert Version.objects.get_for_object(restored).first().revision.comment.startswith("Khôi phục phiên bản lúc")


def test_a_journalist_cannot_restore(client, edited):
    journalist = make_user(role=JOURNALIST)
    Article.objects.filter(pk=edited.pk).update(created_by=journalist)
    client.force_login(journalist)
    first, _ = versions(edited)
    assert client.get(f"{ARTICLE_URL}{edited.pk}/history/{first.pk}/").status_code == 403


def test_a_deleted_article_can_be_recovered_by_an_editor(client, eve):
    article = make_article(title="Bài sẽ bị xóa", authors=[make_author(name="Thu Hà")])  # no version yet
    client.force_login(eve)
    assert client.post(f"{ARTICLE_URL}{article.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Article.objects.exists()
    listing = client.get(f"{ARTICLE_URL}recover/").content.decode()
    assert "Bài sẽ bị xóa" in listing
    version = Version.objects.get_deleted(Article).get()
    form = client.get(f"{ARTICLE_URL}recover/{version.pk}/")
    assert form.status_code == 200 and not Article.objects.exists()
    fields = {k: v for k, v in version.field_dict.items() if k not in ("id", "related")}
    data = {**article_data(Article(**fields)), **_recovered_bylines(version)}
    response = client.post(f"{ARTICLE_URL}recover/{version.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    recovered = Article.objects.get(pk=article.pk)
    assert [a.name for a in recovered.byline_authors()] == ["Thu Hà"]


def _recovered_bylines(version):
    bylines = [v for v in version.revision.version_set.all() if v.content_type.model == "articleauthor"]
    data = {"bylines-TOTAL_FORMS": str(len(bylines)), "bylines-INITIAL_FORMS": str(len(bylines))}
    for i, byline in enumerate(bylines):
        fields = byline.field_dict
        data.update({
            f"bylines-{i}-id": fields["id"], f"bylines-{i}-article": fields["article_id"],
            f"bylines-{i}-author": fields["author_id"], f"bylines-{i}-position": fields["position"],
        })
    return data


def test_sections_and_authors_have_history_too(client, eve):
    client.force_login(eve)
    data = {"name": "Văn hóa", "slug": "van-hoa", "position": "0", "description": ""}
    assert client.post("/admin/articles/section/add/", data).status_code == 302
    response = client.post("/admin/authors/author/add/", {"name": "Thu Hà", "slug": "", "title": "", "bio": ""})
    assert response.status_code == 302
    assert Version.objects.get_for_model(Author).count() == 1
    assert Revision.objects.count() == 2


# purge_revisions

def make_history(article, user, count, days_ago):
    for i in range(count):
        with time_machine.travel(timezone.now() - datetime.timedelta(days=days_ago, minutes=count - i), tick=False):
            article.title = f"Lần {days_ago}-{i}"
            workflow.publish(article, user, at=article.published_at)


def test_purge_keeps_the_newest_versions_and_everything_recent(eve):
    article = make_article()
    make_history(article, eve, 5, days_ago=100)
    make_history(article, eve, 2, days_ago=1)
    call_command("purge_revisions", keep=3, days=30, verbosity=0)
    titles = [v.field_dict["title"] for v in versions(article)]
    assert titles == ["Lần 100-4", "Lần 1-0", "Lần 1-1"]


def test_purge_never_deletes_the_newest_versions_even_when_all_are_old(eve):
    article = make_article()
    make_history(article, eve, 4, days_ago=400)
    call_command("purge_revisions", keep=2, days=0, verbosity=0)
    assert [v.field_dict["title"] for v in versions(article)] == ["Lần 400-2", "Lần 400-3"]


def test_purge_keeps_a_deleted_article_recoverable(eve):
    article = make_article()
    make_history(article, eve, 3, days_ago=200)
    article.delete()
    call_command("purge_revisions", keep=1, days=0, verbosity=0)
    assert Version.objects.get_deleted(Article).get().field_dict["title"] == "Lần 200-2"


def test_purge_refuses_to_keep_nothing():
    with pytest.raises(CommandError, match="--keep phải từ 1"):
        call_command("purge_revisions", keep=0, days=0)


def test_saving_a_body_image_without_edits_records_no_change(client, eve):
    """CKEditor sends a body image back as a plain <img>; the stored body stays byte-identical."""
    from .test_images import uploaded_body_image

    url = uploaded_body_image(client, "lich-su-anh-than-bai.jpg")
    client.force_login(eve)
    as_ckeditor_sends_it = f'<p>Mở đầu.</p><figure class="image"><img src="{url}" alt="Phố"></figure>'
    article = make_article(authors=[make_author()], body=as_ckeditor_sends_it)
    stored = Article.objects.get(pk=article.pk).body
    assert "<picture>" in stored
    assert client.post(change_url(article), article_data(article, body=as_ckeditor_sends_it)).status_code == 302
    assert Article.objects.get(pk=article.pk).body == stored
    assert versions(article)[-1].revision.get_comment() == "Không có thay đổi."
    page = client.get(f"{ARTICLE_URL}{article.pk}/history/").content.decode()
    assert "Không có thay đổi." in page and "Nội dung" not in page

    data = article_data(Article.objects.get(pk=article.pk), title="Tiêu đề mới", body=as_ckeditor_sends_it)
    assert client.post(change_url(article), data).status_code == 302
    assert versions(article)[-1].revision.get_comment() == "Đã thay đổi Tiêu đề."
