"""Garbage in the URL, the query string or a form gets a 4xx or a normal page, never a 500."""

from urllib.parse import quote, quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .factories import make_article, make_author

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(authors=[make_author(name="Huyền Anh")], tags=["Đống Đa"])


def get(client, url):
    response = client.get(url)
    assert response.status_code < 500, url
    return response


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/%ff/", 404),
        ("/%C0%AE%C0%AE/", 404),
        ("/tac-gia/%ff%fe/", 404),
        ("/?page=%ff", 200),
        ("/healthz?%ff=%fe", 200),
        ("/a-123456789012345678901234567890.html", 404),  # 30 digits: not an article URL at all
        ("/a-999999999999999999.html", 404),  # 18 digits: fits PostgreSQL's bigint, no such row
        ("/binh-luan/123456789012345678901234567890/", 404),
        ("/abc-0.html", 404),
        ("/" + "a" * 10000 + "/", 404),
        ("/tim-kiem/?q=" + "đống đa " * 1250, 200),  # cut to 200 characters, a normal results page
        ("/%00/", 400),
        ("/x%00y-1.html", 400),
        ("/?q=%00", 200),
        ("/?page=1%00", 200),
        ("/admin/login/?next=%00", 200),
        ("/media/..%2f..%2fetc/passwd", 400),
        ("/media/../../etc/passwd", 400),
    ],
)
def test_garbage_urls_answer_with_a_client_error_or_a_page(client, article, url, status):
    assert get(client, url).status_code == status


@pytest.mark.parametrize("page", ["-1", "0", "abc", "1e10", "9" * 40, "%ff", "1.5", "", "[]"])
def test_any_page_number_shows_a_normal_listing(client, article, page):
    for url in ("/", article.section.get_absolute_url(), "/tag/dong-da/", "/tac-gia/huyen-anh/"):
        response = get(client, f"{url}?page={page}")
        assert response.status_code == 200, url


def test_a_nul_byte_in_the_path_gets_a_vietnamese_400_page_with_the_security_headers(client, article):
    response = get(client, article.section.get_absolute_url() + "%00/")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
    assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize(
    "data",
    [
        {"username": "\x00", "password": "x"},
        {"username": "a" * 10000, "password": "b" * 10000},
        {"username": "bientap", "password": "x", "extra": "\x00"},
        {"username": ["a", "b"], "password": ""},
        {},
    ],
)
def test_the_login_form_survives_garbage(client, data):
    response = client.post("/admin/login/", data)
    assert response.status_code in (200, 400)


def test_a_nul_byte_in_the_query_or_a_form_is_dropped(client, article):
    response = get(client, article.section.get_absolute_url() + "?page=2%00")
    assert response.status_code == 200
    assert response.wsgi_request.GET["page"] == "2"
    response = client.post("/admin/login/", {"username": "bien\x00tap", "password": "sai\x00"})
    assert response.status_code == 200
    assert response.wsgi_request.POST["username"] == "bientap"


def test_a_wrong_slug_with_garbage_still_redirects_to_the_article(client, article):
    response = get(client, f"/%e2%80%ae%ff-{article.pk}.html")
    assert response.status_code == 301
    assert response.headers["Location"] == article.get_absolute_url()


# Every public URL shape, filled with generated text or raw bytes (non-UTF-8 included).
segment = st.one_of(
    st.text(max_size=300).map(lambda s: quote(s.encode("utf-8", "surrogatepass"), safe="")),
    st.binary(max_size=300).map(lambda b: quote_from_bytes(b, safe="")),
    st.integers().map(str),
    st.sampled_from(["..", "%00", "%ff", "-1", "0", "9" * 30, "a" * 10000, "%2e%2e%2f"]),
)
URL_SHAPES = [
    "/{}/", "/{}/?page={}", "/tag/{}/?page={}", "/tac-gia/{}/?page={}", "/{}-{}.html",
    "/bai-{}.html?{}", "/?page={}&{}={}", "/tim-kiem/?q={}&page={}", "/binh-luan/{}/", "/media/{}",
    "/healthz?{}", "/{}/rss/", "/rss/?{}", "/sitemap.xml?page={}", "/robots.txt?{}",
]
HYPOTHESIS = settings(
    max_examples=60, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@HYPOTHESIS
@given(shape=st.sampled_from(URL_SHAPES), parts=st.lists(segment, min_size=3, max_size=3))
def test_generated_urls_never_get_a_server_error(client, article, shape, parts):
    get(client, shape.format(*parts[: shape.count("{}")]))


form_value = st.one_of(st.text(max_size=2000), st.just("\x00"), st.just("a" * 10000), st.integers().map(str))


@HYPOTHESIS
@given(
    target=st.sampled_from(["/binh-luan/{}/", "/admin/login/", "/tim-kiem/"]),
    data=st.dictionaries(
        st.sampled_from(["name", "email", "body", "token", "website", "parent", "username", "password", "q"]),
        form_value, max_size=6,
    ),
)
def test_generated_form_posts_never_get_a_server_error(client, article, target, data):
    url = target.format(article.pk) if "{}" in target else target
    response = client.post(url, data)
    assert response.status_code < 500, (url, data)


def test_a_media_name_the_file_system_refuses_is_404(client):
    assert client.get("/media/" + "a" * 5000).status_code == 404
    assert client.get("/media/uploads/" + "b" * 300 + ".jpg").status_code == 404
