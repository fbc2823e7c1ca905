import pytest

from articles.sanitize import clean_html

from .factories import make_article


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<p>a<script>alert(1)</script></p>", "<script"),
        ("<p>a<script>alert(1)</script></p>", "alert(1)"),
        ('<p onclick="alert(1)">a</p>', "onclick"),
        ('<img src="/x.jpg" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
        ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "data:"),
        ('<iframe src="https://evil.example"></iframe>', "iframe"),
        ("<style>body{display:none}</style><p>a</p>", "display:none"),
        ('<p style="position:fixed">a</p>', "style"),
        ('<form action="/x"><input name="q"></form>', "<input"),
    ],
)
def test_dangerous_html_is_removed(dirty, forbidden):
    assert forbidden.lower() not in clean_html(dirty).lower()


def test_editorial_markup_is_kept():
    html = (
        "<h2>Mục</h2><h3>Mục phụ</h3><h4>Nhỏ</h4><p><strong>đậm</strong> <em>nghiêng</em> "
        '<a href="https://hanoi.gov.vn/">liên kết</a></p><ul><li>một</li></ul><ol><li>hai</li></ol>'
        "<blockquote><p>trích</p></blockquote>"
        '<figure class="image"><img src="/media/a.jpg" alt="Ảnh"><figcaption>Chú thích</figcaption></figure>'
        "<figure class=\"table\"><table><tbody><tr><td>ô</td></tr></tbody></table></figure>"
    )
    cleaned = clean_html(html)
    for fragment in (
        "<h2>Mục</h2>", "<h3>Mục phụ</h3>", "<h4>Nhỏ</h4>", "<strong>đậm</strong>", "<em>nghiêng</em>",
        'href="https://hanoi.gov.vn/"', "<li>một</li>", "<blockquote>", '<figure class="image">',
        '<img src="/media/a.jpg" alt="Ảnh">', "<figcaption>Chú thích</figcaption>", "<td>ô</td>",
    ):
        assert fragment in cleaned


def test_h1_is_reduced_to_its_text():
    assert clean_html("<h1>Tiêu đề</h1>") == "Tiêu đề"


@pytest.mark.django_db
def test_body_is_sanitized_on_every_save():
    article = make_article(body='<p>ok</p><script>alert(1)</script>')
    assert article.body == "<p>ok</p>"
    article.body = '<p onmouseover="x()">sửa</p>'
    article.save()
    article.refresh_from_db()
    assert article.body == "<p>sửa</p>"
