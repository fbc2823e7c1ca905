"""The related-articles field offers and accepts only what its user may see."""

import pytest

from articles.models import Article

from .admin_forms import article_data, change_url
from .factories import EDITOR, JOURNALIST, make_article, make_author, make_section, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def lan():
    return make_user("lan", JOURNALIST)


@pytest.fixture
def own_draft(lan):
    return make_article(title="Bài nháp của Lan", status="draft", published_at=None, created_by=lan,
                        authors=[make_author(name="Lan")])


def save_with_related(client, article, related):
    return client.post(change_url(article), article_data(article, related=[a.pk for a in related]))


def test_a_journalist_cannot_link_another_journalists_draft_or_an_archived_article(client, lan, own_draft):
    others_draft = make_article(title="Tin độc quyền chưa đăng", status="draft", published_at=None,
                                created_by=make_user(role=JOURNALIST))
    archived = make_article(title="Bài đã lưu trữ kín", status="archived")
    client.force_login(lan)
    for hidden in (others_draft, archived):
        response = save_with_related(client, own_draft, [hidden])
        assert response.status_code == 200
        page = response.content.decode()
        assert "Chỉ chọn được bài đã xuất bản hoặc bài của chính bạn" in page
        assert hidden.title not in page
    assert not own_draft.related.exists()


def test_a_journalist_links_published_articles_and_their_own(client, lan, own_draft):
    published = make_article(title="Phố cổ vào đông")
    other_own = make_article(title="Bài cũ của Lan", status="draft", published_at=None, created_by=lan)
    client.force_login(lan)
    response = save_with_related(client, own_draft, [published, other_own])
    assert response.status_code == 302
    assert set(Article.objects.get(pk=own_draft.pk).related.all()) == {published, other_own}


def test_an_editor_may_link_any_article(client):
    editor = make_user(role=EDITOR)
    article = make_article(section=make_section(), authors=[make_author()])
    draft = make_article(status="draft", published_at=None, created_by=make_user(role=JOURNALIST))
    client.force_login(editor)
    assert save_with_related(client, article, [draft]).status_code == 302
    assert list(article.related.all()) == [draft]
