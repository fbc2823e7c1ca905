"""Who reads an article's history: editors all of it, a journalist only their own articles'."""

import pytest
from reversion.models import Version

from articles import workflow

from .admin_forms import ARTICLE_URL
from .factories import EDITOR, JOURNALIST, make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return make_user("bientap", EDITOR)


@pytest.fixture
def published_with_secret_history(editor):
    """Lan's article: a draft with a source's phone number, sent back, then published without it."""
    lan = make_user("lan", JOURNALIST)
    article = make_article(title="Chợ Đồng Xuân", status="draft", published_at=None, created_by=lan,
                           body="<p>Nguồn tin: 0912 345 678.</p>")
    workflow.send_back(article, editor, "Trả bài: bỏ số điện thoại của nguồn tin")
    article.body = "<p>Nguồn tin giấu tên.</p>"
    workflow.publish(article, editor)
    return article


def versions(article):
    return list(Version.objects.get_for_object(article).order_by("pk"))


def history_url(article):
    return f"{ARTICLE_URL}{article.pk}/history/"


def compare(client, article, older, newer):
    return client.get(f"{history_url(article)}so-sanh/", {"a": older.pk, "b": newer.pk})


def test_another_journalist_cannot_read_the_history_of_a_published_article(client, published_with_secret_history):
    article = published_with_secret_history
    client.force_login(make_user("minh", JOURNALIST))
    assert client.get(f"{ARTICLE_URL}{article.pk}/change/").status_code == 200  # reading it is fine
    response = client.get(history_url(article))
    assert response.status_code == 403
    assert "Bạn không có quyền" in response.content.decode()
    first, *_, last = versions(article)
    response = compare(client, article, first, last)
    assert response.status_code == 403
    assert "0912" not in response.content.decode()


def test_the_author_and_an_editor_read_the_whole_history(client, published_with_secret_history, editor):
    article = published_with_secret_history
    first, *_, last = versions(article)
    for user in (article.created_by, editor):
        client.force_login(user)
        assert client.get(history_url(article)).status_code == 200
        response = compare(client, article, first, last)
        assert response.status_code == 200 and "0912" in response.content.decode()


def test_a_version_pair_of_another_article_is_refused_even_on_ones_own_article(client, published_with_secret_history):
    secret = published_with_secret_history
    minh = make_user("minh", JOURNALIST)
    own = make_article(title="Bài của Minh", status="draft", published_at=None, created_by=minh)
    workflow.submit(own, minh)
    client.force_login(minh)
    response = compare(client, own, versions(secret)[0], versions(own)[0])
    assert response.status_code == 403
    assert "0912" not in response.content.decode()


def test_a_journalist_cannot_restore_or_recover(client, published_with_secret_history):
    article = published_with_secret_history
    client.force_login(article.created_by)
    assert client.get(f"{history_url(article)}{versions(article)[0].pk}/").status_code == 403
    assert client.get(f"{ARTICLE_URL}recover/").status_code == 403


def test_absurd_version_numbers_are_a_message_not_a_500(client, published_with_secret_history, editor):
    article = published_with_secret_history
    client.force_login(editor)
    for a, b in (("9" * 30, "1"), ("-1", "0"), ("1e9", ""), (str(2**63), str(2**31))):
        assert compare_url_status(client, article, a, b) == 302


def compare_url_status(client, article, a, b):
    return client.get(f"{history_url(article)}so-sanh/", {"a": a, "b": b}).status_code
