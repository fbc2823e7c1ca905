"""After each workflow step the person knows where they are (issue 13, point 11)."""

import re

import pytest
from django.utils import timezone

from articles.models import Article

from .admin_forms import ARTICLE_URL, article_data, change_url
from .factories import EDITOR, JOURNALIST, make_article, make_author, make_user

pytestmark = pytest.mark.django_db


def test_after_submitting_the_journalist_sees_what_happened_and_their_own_articles_newest_first(client):
    lan = make_user("lan", JOURNALIST)
    author = make_author("Nguyễn Thị Lan", user=lan)
    section = make_article().section
    older = make_article(title="Bài cũ của Lan", created_by=lan, authors=[author], status=Article.Status.DRAFT)
    for n in range(3):
        make_article(title=f"Bài đã đăng của người khác {n}", section=section)
    client.force_login(lan)
    data = article_data(section=section, authors=[author], title="Chợ hoa Quảng Bá", _submit="1")
    response = client.post(f"{ARTICLE_URL}add/", data, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].endswith("?cua-toi=1")
    assert "Đã gửi duyệt «Chợ hoa Quảng Bá»." in page
    assert "thành công" not in page
    titles = re.findall(r'<th class="field-title"><a [^>]*>([^<]*)</a>', page)
    assert titles == ["Chợ hoa Quảng Bá", "Bài cũ của Lan"], titles
    assert older.pk


def test_xuat_ban_ngay_says_when_and_links_to_the_public_page(client):
    editor = make_user(role=EDITOR)
    article = make_article(title="Hồ Tây mùa sen", authors=[make_author()], status=Article.Status.REVIEW,
                           published_at=None)
    client.force_login(editor)
    response = client.post(change_url(article), article_data(article, _publish="1"), follow=True)
    page = response.content.decode()
    article.refresh_from_db()
    when = timezone.localtime(article.published_at).strftime("%H:%M %d/%m/%Y")
    assert f"Đã xuất bản «Hồ Tây mùa sen» lúc {when}." in page
    assert f'<a href="{article.get_absolute_url()}" target="_blank">Xem bài trên trang</a>' in page
