"""Who may do what to an article, through the admin, forged requests included.

Journalist Alice owns her articles; Bob is another journalist; Eve is an editor.
"""

import datetime

import pytest
from django.utils import timezone
from reversion.models import Version

from articles.models import Article

from .admin_forms import ARTICLE_URL, article_data, change_url
from .factories import EDITOR, JOURNALIST, make_article, make_author, make_section, make_user

pytestmark = pytest.mark.django_db

DRAFT, REVIEW, PUBLISHED = Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.PUBLISHED


@pytest.fixture
def world():
    alice, bob, eve = make_user("alice", JOURNALIST), make_user("bob", JOURNALIST), make_user("eve", EDITOR)
    section = make_section()
    alice_author = make_author("Alice Nguyễn", user=alice)

    def draft(owner, **fields):
        return make_article(section=section, authors=[make_author()], created_by=owner, **{"status": DRAFT, **fields})

    return {
        "journalist": alice, "editor": eve, "anonymous": None, "section": section,
        "author": alice_author, "draft": draft,
        "own": draft(alice), "others": draft(bob),
    }


def login(client, world, persona):
    if world[persona] is not None:
        client.force_login(world[persona])


def reload(article):
    return Article.objects.filter(pk=article.pk).first()


# Each action returns whether it took effect, looking at the database, not the response.

def create(client, world, persona):
    client.post(f"{ARTICLE_URL}add/", article_data(section=world["section"], authors=[world["author"]], title="Mới"))
    return Article.objects.filter(title="Mới").exists()


def edit_own(client, world, persona):
    article = world["draft"](world[persona]) if persona != "anonymous" else world["own"]
    client.post(change_url(article), article_data(article, title="Đã sửa"))
    return reload(article).title == "Đã sửa"


def edit_others(client, world, persona):
    article = world["others"]
    client.post(change_url(article), article_data(article, title="Đã sửa"))
    return reload(article).title == "Đã sửa"


def submit(client, world, persona):
    article = world["own"]
    client.post(change_url(article), article_data(article, _submit="1"))
    return reload(article).status == REVIEW


def publish(client, world, persona):
    article = world["own"]
    client.post(change_url(article), article_data(article, _publish="1"))
    return reload(article).is_published()


def schedule(client, world, persona):
    article = world["own"]
    at = timezone.now() + datetime.timedelta(days=1)
    data = article_data(article, _schedule="1")
    data["published_at_0"], data["published_at_1"] = timezone.localtime(at).strftime("%d/%m/%Y %H:%M:%S").split()
    client.post(change_url(article), data)
    article = reload(article)
    return article.status == PUBLISHED and article.published_at > timezone.now()


def unpublish(client, world, persona):
    article = world["draft"](world["journalist"], status=PUBLISHED, published_at=timezone.now())
    client.post(change_url(article), article_data(article, _unpublish="1"))
    return reload(article).status == DRAFT


def delete(client, world, persona):
    article = world["own"]
    client.post(f"{ARTICLE_URL}{article.pk}/delete/", {"post": "yes"})
    return reload(article) is None


def restore(client, world, persona):
    article = world["own"]
    with_revision = article_data(article, title="Bản một")
    client.force_login(world["editor"])
    client.post(change_url(article), with_revision)
    client.post(change_url(article), article_data(reload(article), title="Bản hai"))
    client.logout()
    login(client, world, persona)
    version = Version.objects.get_for_object(article).last()
    client.post(f"{ARTICLE_URL}{article.pk}/history/{version.pk}/", with_revision)
    return reload(article).title == "Bản một"


ACTIONS = {f.__name__: f for f in (
    create, edit_own, edit_others, submit, publish, schedule, unpublish, delete, restore,
)}
MATRIX = {
    #               journalist  editor  anonymous
    "create":       (True,      True,   False),
    "edit_own":     (True,      True,   False),
    "edit_others":  (False,     True,   False),
    "submit":       (True,      True,   False),
    "publish":      (False,     True,   False),
    "schedule":     (False,     True,   False),
    "unpublish":    (False,     True,   False),
    "delete":       (False,     True,   False),
    "restore":      (False,     True,   False),
}
PERSONAS = ("journalist", "editor", "anonymous")
CASES = [
    pytest.param(action, persona, allowed, id=f"{persona}-{'may' if allowed else 'may-not'}-{action}")
    for action, row in MATRIX.items() for persona, allowed in zip(PERSONAS, row, strict=True)
]


@pytest.mark.parametrize(("action", "persona", "allowed"), CASES)
def test_permission_matrix(client, world, action, persona, allowed):
    login(client, world, persona)
    assert ACTIONS[action](client, world, persona) is allowed


# Forged requests, one by one.

def test_journalist_cannot_publish_by_forged_status_in_the_form(client, world):
    client.force_login(world["journalist"])
    article = world["own"]
    response = client.post(change_url(article), article_data(article, status=PUBLISHED))
    assert response.status_code == 200
    assert reload(article).status == DRAFT
    assert "published" in response.content.decode()  # the error names the refused choice


def test_journalist_cannot_create_a_published_article_by_forged_post(client, world):
    client.force_login(world["journalist"])
    data = article_data(section=world["section"], authors=[world["author"]], title="Giả", status=PUBLISHED)
    assert client.post(f"{ARTICLE_URL}add/", data).status_code == 200
    assert not Article.objects.filter(title="Giả").exists()


def test_journalist_cannot_set_a_publication_time(client, world):
    client.force_login(world["journalist"])
    article = world["own"]
    data = article_data(article, published_at_0="05/04/2024", published_at_1="08:00:00")
    assert client.post(change_url(article), data).status_code == 302
    assert reload(article).published_at == article.published_at


def test_journalist_pressing_a_forged_publish_button_gets_an_error(client, world):
    client.force_login(world["journalist"])
    article = world["own"]
    response = client.post(change_url(article), article_data(article, _publish="1"))
    assert response.status_code == 200
    assert "Chỉ biên tập viên được xuất bản" in response.content.decode()
    assert reload(article).status == DRAFT


@pytest.mark.parametrize("action", ["publish_selected", "unpublish_selected", "archive_selected"])
def test_journalist_cannot_run_editor_actions_from_the_list(client, world, action):
    client.force_login(world["journalist"])
    published = world["draft"](world["journalist"], status=PUBLISHED, published_at=timezone.now())
    before = {a.pk: a.status for a in (world["own"], published)}
    client.post(ARTICLE_URL, {"action": action, "_selected_action": list(before)})
    assert {pk: reload(Article(pk=pk)).status for pk in before} == before


def test_journalist_cannot_open_or_change_another_journalists_draft(client, world):
    client.force_login(world["journalist"])
    assert client.get(change_url(world["others"])).status_code == 302  # "does not exist" back to the list
    assert client.post(change_url(world["others"]), article_data(world["others"])).status_code in (302, 403)
    assert world["others"].title not in client.get(ARTICLE_URL).content.decode()


def test_journalist_sees_published_articles_read_only(client, world):
    client.force_login(world["journalist"])
    published = make_article(section=world["section"], authors=[make_author()])
    response = client.get(change_url(published))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="title"' not in page and published.title in page
    assert client.post(change_url(published), article_data(published, title="X")).status_code == 403


def test_journalist_cannot_edit_their_own_published_article(client, world):
    client.force_login(world["journalist"])
    article = world["draft"](world["journalist"], status=PUBLISHED, published_at=timezone.now())
    assert client.post(change_url(article), article_data(article, title="X")).status_code == 403
    assert reload(article).title != "X"


def test_journalist_cannot_reach_the_history_restore_or_recover_pages_of_others(client, world):
    client.force_login(world["journalist"])
    assert client.get(f"{ARTICLE_URL}{world['others'].pk}/history/").status_code == 403
    assert client.get(f"{ARTICLE_URL}recover/").status_code == 403
    assert client.get(f"{ARTICLE_URL}{world['own'].pk}/history/").status_code == 200


def test_an_author_on_the_byline_owns_the_article(client, world):
    """Articles an editor created with Alice on the byline are Alice's to edit."""
    client.force_login(world["journalist"])
    article = make_article(section=world["section"], authors=[world["author"]], status=DRAFT, created_by=None)
    client.post(change_url(article), article_data(article, title="Alice sửa"))
    assert reload(article).title == "Alice sửa"


def test_a_journalist_reads_someone_elses_article_as_formatted_text(client):
    from .factories import JOURNALIST, make_article, make_author, make_user

    reader = make_user(role=JOURNALIST)
    article = make_article(
        authors=[make_author()], body="<p>Đoạn <strong>một</strong>.</p><h2>Tiêu đề phụ</h2><p>Đoạn hai.</p>"
    )
    client.force_login(reader)
    response = client.get(f"/admin/articles/article/{article.pk}/change/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<div class="readonly-body"><p>Đoạn <strong>một</strong>.</p><h2>Tiêu đề phụ</h2>' in page
    assert "&lt;h2&gt;" not in page and "&lt;p&gt;" not in page
