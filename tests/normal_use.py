"""Content made the way the newsroom and readers make it: through the admin and the comment form.

The standards tests check these pages, not only the demo: "Xuất bản ngay" in
the admin, an article without a cover, a reader's comment approved by an editor.
"""

from django.test import Client

from articles.models import Article
from comments.models import Comment

from .admin_forms import ARTICLE_URL, article_data
from .comment_helpers import post
from .factories import EDITOR, make_author, make_section, make_user

TITLE = "Phố Hàng Đào đón mùa trung thu"
BODY = (
    "<p>Những ngày này, phố Hàng Đào rực rỡ đèn lồng và đầu lân.</p>"
    "<h2>Nghề cũ giữa phố</h2><p>Các cửa hàng mở đến khuya, khách đông nhất vào cuối tuần.</p>"
)


def publish_through_admin(title=TITLE, body=BODY, section=None, editor=None, tags=""):
    """An article without a cover, published by an editor with "Xuất bản ngay" on the add form."""
    editor = editor or make_user(role=EDITOR)
    author = make_author("Ngọc Hà", slug="ngoc-ha") if not hasattr(editor, "author_profile") else editor.author_profile
    section = section or make_section(name="Phố phường", slug="pho-phuong")
    client = Client()
    client.force_login(editor)
    data = article_data(section=section, authors=[author], title=title, sapo="Đèn lồng và đầu lân.", body=body,
                        status=Article.Status.DRAFT, _publish="1")
    if tags:
        data["tags"] = tags
    response = client.post(f"{ARTICLE_URL}add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(title=title)
    assert article.is_published() and not article.cover_image
    return article, editor


def comment_and_approve(article, editor, **fields):
    """A reader posts through the public form; the editor approves it with the admin action."""
    assert post(Client(), article, **fields).status_code in (200, 302, 303)
    comment = Comment.objects.filter(article=article).latest("pk")
    client = Client()
    client.force_login(editor)
    response = client.post(
        "/admin/comments/comment/", {"action": "approve_selected", "_selected_action": [comment.pk]}
    )
    assert response.status_code in (200, 302)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    return comment
