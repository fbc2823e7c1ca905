import datetime
import html
import unicodedata

import pytest
from django.core.cache import caches
from django.db import connection
from django.utils import timezone
from django.utils.html import strip_tags

from articles import derived, search
from articles.models import Article

from .factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

DONG_DA = "Chỉ số cải cách hành chính của quận Đống Đa dẫn đầu"


def hours_ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def result_titles(client, query, page=None):
    params = {"q": query}
    if page:
        params["page"] = page
    response = client.get("/tim-kiem/", params)
    assert response.status_code == 200
    return [article.title for article, _title, _excerpt in response.context.get("results", [])]


@pytest.mark.parametrize(
    "query",
    ["dong da", "ĐỐNG ĐA", "Đống Đa", unicodedata.normalize("NFD", "Đống Đa"), "  đống   ĐA  ", "Dong-Da"],
)
def test_search_ignores_diacritics_case_and_unicode_form(client, query):
    make_article(title=DONG_DA)
    make_article(title="Quận Ba Đình chỉnh trang đô thị")
    assert result_titles(client, query) == [DONG_DA]


def test_search_finds_articles_saved_in_decomposed_unicode(client):
    make_article(title=unicodedata.normalize("NFD", "Lễ hội ở Đống Đa"))
    assert result_titles(client, "le hoi dong da") == ["Lễ hội ở Đống Đa"]


def test_every_word_of_the_query_must_match(client):
    make_article(title="Hồ Gươm mùa thu")
    make_article(title="Hồ Tây mùa thu")
    assert result_titles(client, "hồ gươm thu") == ["Hồ Gươm mùa thu"]
    assert sorted(result_titles(client, "mùa thu")) == ["Hồ Gươm mùa thu", "Hồ Tây mùa thu"]


def test_search_matches_whole_words_not_parts_of_words(client):
    make_article(title="Đàn bầu Việt Nam")
    assert result_titles(client, "dan") == ["Đàn bầu Việt Nam"]
    assert result_titles(client, "da") == []


def test_title_matches_rank_above_sapo_above_body_and_newer_first_among_equals(client):
    make_article(title="Trong thân bài", body="<p>Phố cổ Hà Nội.</p>", published_at=hours_ago(1))
    make_article(title="Trong sapo", sapo="Phố cổ về đêm.", published_at=hours_ago(2))
    make_article(title="Phố cổ cũ hơn", published_at=hours_ago(30))
    make_article(title="Phố cổ mới hơn", published_at=hours_ago(20))
    assert result_titles(client, "pho co") == ["Phố cổ mới hơn", "Phố cổ cũ hơn", "Trong sapo", "Trong thân bài"]


def test_only_published_articles_are_found(client):
    make_article(title="Hồ Gươm đã xuất bản")
    make_article(title="Hồ Gươm bản nháp", status=Article.Status.DRAFT)
    make_article(title="Hồ Gươm hẹn giờ", published_at=timezone.now() + datetime.timedelta(hours=2))
    make_article(title="Hồ Gươm lưu trữ", status=Article.Status.ARCHIVED)
    assert result_titles(client, "ho guom") == ["Hồ Gươm đã xuất bản"]


def test_search_follows_edits_of_an_article(client):
    article = make_article(title="Tiêu đề cũ")
    article.title = "Tiêu đề mới về Long Biên"
    derived.save(article)
    assert result_titles(client, "long bien") == ["Tiêu đề mới về Long Biên"]
    assert result_titles(client, "cu") == []


def test_matched_words_are_highlighted_in_the_excerpt_with_their_diacritics(client):
    make_article(title="Tin Đống Đa", sapo="Quận Đống Đa tổ chức lễ hội <b>đường phố</b>.")
    page = client.get("/tim-kiem/", {"q": "dong da"}).content.decode()
    assert '<p class="card-sapo">Quận <mark>Đống Đa</mark> tổ chức' in page
    assert "&lt;b&gt;đường phố&lt;/b&gt;" in page  # the sapo's text is escaped, never markup
    assert "Tin <mark>Đống Đa</mark>" in page


def test_excerpt_shows_the_passage_of_the_body_that_matches(client):
    filler = " ".join(["Nội dung không liên quan."] * 40)
    make_article(title="Một bài dài", sapo="Sapo khác.", body=f"<p>{filler}</p><p>Cầu Long Biên hơn trăm tuổi.</p>")
    response = client.get("/tim-kiem/", {"q": "long bien"})
    _article, _title, excerpt = response.context["results"][0]
    assert "Cầu <mark>Long Biên</mark> hơn trăm tuổi." in excerpt
    assert excerpt.startswith("… ")
    assert len(excerpt) < 400


@pytest.mark.parametrize(
    "body",
    [
        '<p>Phố <strong>cổ</strong> &amp; hồ&nbsp;Gươm &#7871; &#x1EBF;</p><br/><br>',
        '<figure class="image"><img src="/a.jpg" alt="Cầu > sông" width="10"></figure><p>Cầu Long Biên</p>',
        '<P CLASS="x">Hoa</P ><a href="/x" title="a/b">link</a>',
        "<p>1 < 2 và 3 > 2</p>", "<p>A & B, &amp B, &#12 x, &foo bar</p>", "<!-- ghi chú --><p>Hà Nội</p>",
        "<script>var a = '<b>';</script><p>x</p>", "<style>p{}</style>Chữ", "<title>Tựa</title>Chữ",
        "<p class='đơn'>nháy đơn</p>", "<p data-x=trần>không nháy</p>", "<p>chưa đóng", "<p", "Chỉ chữ", "",
        "<b>đậm</b><<i>nghiêng</i>>", "<p>a</p>\n\n<p>b\r\nc</p>", "<br / >", "<img/src=x>",
    ],
)
def test_body_text_is_strip_tags_whatever_the_markup(body):
    """Sanitized markup takes a regular expression (search._without_tags), the rest Django's parser:
    the text is the same."""
    assert search.body_text(body) == html.unescape(strip_tags(body)).replace("\xa0", " ")


def test_sanitized_bodies_take_the_quick_path():
    article = make_article(body='<p>Phố <em>cổ</em> &amp; "hồ" <a href="/x?a=1&b=2">Gươm</a></p><p>a < b > c</p>')
    assert search._PLAIN_MARKUP.fullmatch(article.body), article.body


def test_highlight_maps_folded_matches_back_to_decomposed_text():
    text = unicodedata.normalize("NFD", "Quận Đống, Đa")
    html = search.highlight(text, ["dong", "da"])
    assert html == unicodedata.normalize("NFD", "Quận <mark>Đống</mark>, <mark>Đa</mark>")


def test_highlight_escapes_everything_around_and_inside_matches():
    html = search.highlight('<script>alert("x")</script> Đống Đa & co', ["dong"])
    assert html == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Đống</mark> Đa &amp; co"


def test_results_are_paginated_and_keep_the_query(client):
    section = make_section()
    for i in range(13):
        make_article(title=f"Hồ Tây số {i:02d}", section=section, published_at=hours_ago(i + 1))
    first = client.get("/tim-kiem/", {"q": "hồ tây"}).content.decode()
    assert "<mark>Hồ Tây</mark> số 09" in first and "số 10" not in first
    assert "Tìm thấy 13 bài viết." in first
    assert 'href="?q=h%E1%BB%93+t%C3%A2y&amp;page=2"' in first
    assert result_titles(client, "hồ tây", page=2) == ["Hồ Tây số 10", "Hồ Tây số 11", "Hồ Tây số 12"]


def test_search_page_query_count_does_not_grow_with_results(client, django_assert_max_num_queries):
    for field in ("title", "sapo", "body"):
        for i in range(4):
            text = f"Phố cổ số {i}"
            fields = {"title": text} if field == "title" else {field: text, "title": f"Bài {field} {i}"}
            make_article(authors=[make_author(), make_author()], **fields)
    # Menu, count, the ids of the three ranks the page reaches, the articles with their section and
    # bylines (1); on PostgreSQL also the newest candidates each rank is looked for among (3) and, inside
    # a transaction as here, setting the scan types back after the count and after the ids (2:
    # search.RankedSearch._scans_done). The sidebar's featured lists: 2, and their shared top-up
    # candidates: 1 (the fragment featured-fill, as on an article page).
    with django_assert_max_num_queries(9 if connection.vendor != "postgresql" else 14):
        response = client.get("/tim-kiem/", {"q": "pho co"})
    assert len(response.context["results"]) == 10


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Hãy nhập từ khoá cần tìm"),
        ("   ", "Hãy nhập từ khoá cần tìm"),
        ("a", "Từ khoá quá ngắn: hãy nhập ít nhất 2 ký tự."),
        ("Đ", "Từ khoá quá ngắn"),
        ("?!…", "Từ khoá cần có chữ hoặc số"),
        ("\x00\x00", "Hãy nhập từ khoá cần tìm"),
    ],
)
def test_empty_short_or_wordless_queries_get_a_helpful_message(client, query, message):
    make_article(title="Bài bất kỳ")
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "results" not in response.context


@pytest.mark.parametrize(
    "query",
    [
        "dong\x00da", "' OR 1=1 --", "'; DROP TABLE articles_article; --", "%", "_", "%_%", "\\", "a:*", "!(x)",
        "x & y | !z", "<script>alert(1)</script>", "🙂 Hà Nội 🙂", "🙂🙂", "x" * 10_000, "ha " * 5000, "漢字 한국어",
        "\u0301\u0301", "NULL", "dong:A", "''''",
    ],
)
def test_odd_queries_never_fail(client, query):
    make_article(title="Hà Nội phố", body="<p>100% tỷ lệ dong_da</p>")
    response = client.get("/tim-kiem/", {"q": query, "page": "x"})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_long_queries_are_cut_to_200_characters_and_say_so(client):
    make_article(title="Hà Nội")
    response = client.get("/tim-kiem/", {"q": "Hà Nội " + "x" * 300})
    assert len(response.context["query"]) == 200
    assert "chỉ 200 ký tự đầu được dùng" in response.content.decode()


def test_percent_and_underscore_are_not_wildcards(client):
    make_article(title="Hà Nội phố")
    assert result_titles(client, "h% n_i") == []


def test_result_pages_set_no_cookie_and_are_not_indexed_but_the_search_page_is(client):
    make_article(title="Hà Nội")
    response = client.get("/tim-kiem/", {"q": "ha noi"})
    assert not response.cookies
    assert '<meta name="robots" content="noindex, follow">' in response.content.decode()
    page = client.get("/tim-kiem/").content.decode()
    assert 'name="robots"' not in page
    assert '<link rel="canonical" href="http' in page and '/tim-kiem/">' in page


def test_header_search_box_sends_its_query_to_the_search_page(client):
    page = client.get("/").content.decode()
    assert 'action="/tim-kiem/"' in page
    assert '<label class="visually-hidden" for="q-dau-trang">Tìm kiếm bài viết</label>' in page
    results = client.get("/tim-kiem/", {"q": "Đống Đa"}).content.decode()
    assert 'id="q-dau-trang" name="q" value="Đống Đa"' in results


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the tsvector and its GIN index are PostgreSQL only")
def test_postgresql_keeps_a_weighted_vector_current_under_a_gin_index():
    article = make_article(title="Đống Đa", sapo="Hồ Gươm", body="<p>Long Biên</p>")
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM articles_article WHERE id = %s", [article.pk])
        assert cursor.fetchone()[0] == "'bien':6C 'da':2A 'dong':1A 'guom':4B 'ho':3B 'long':5C"
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'article_search%%'")
        indexes = dict(cursor.fetchall())
        assert "USING gin (search_vector)" in indexes["article_search_idx"]
        assert "USING gin (to_tsvector('simple'" in indexes["article_search_title_idx"]
        assert "USING gin (to_tsvector('simple'" in indexes["article_search_title_sapo_idx"]


def test_pages_run_across_ranks_without_losing_or_repeating_an_article(client, monkeypatch):
    monkeypatch.setattr("articles.search_views.PER_PAGE", 2)
    make_article(title="Hồ Tây 1", published_at=hours_ago(5))
    make_article(title="Hồ Tây 2", published_at=hours_ago(50))
    make_article(title="Sapo", sapo="Chiều Hồ Tây.", published_at=hours_ago(1))
    make_article(title="Thân bài 1", body="<p>Hồ Tây lộng gió.</p>", published_at=hours_ago(2))
    make_article(title="Thân bài 2", body="<p>Hồ Tây mùa sen.</p>", published_at=hours_ago(3))
    make_article(title="Không liên quan")
    pages = [result_titles(client, "ho tay", page=n) for n in (1, 2, 3)]
    assert pages == [["Hồ Tây 1", "Hồ Tây 2"], ["Sapo", "Thân bài 1"], ["Thân bài 2"]]


def test_result_count_stops_at_the_maximum_and_says_so(client, monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    for i in range(5):
        make_article(title=f"Phố cổ {i}", published_at=hours_ago(i + 1))
    response = client.get("/tim-kiem/", {"q": "phố cổ"})
    assert "Tìm thấy hơn 3 bài viết" in response.content.decode()
    assert response.context["page"].paginator.num_pages == 1
    assert len(response.context["results"]) == 3


def test_search_of_nothing_returns_nothing():
    make_article(title="Bài bất kỳ")
    assert len(Article.objects.published().search("")) == 0
    assert len(Article.objects.published().search("…")) == 0


def test_saving_only_the_title_keeps_the_search_current(client):
    article = make_article(title="Tiêu đề cũ")
    article.title = "Phố Hàng Mã"
    derived.save(article, update_fields=["title"])
    assert result_titles(client, "hang ma") == ["Phố Hàng Mã"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN indexes are PostgreSQL only")
@pytest.mark.parametrize(
    ("candidates", "index"),
    [("title", "article_search_title_idx"), ("title_or_sapo", "article_search_title_sapo_idx"),
     ("anywhere", "article_search_idx")],
)
def test_the_search_sql_asks_the_gin_indexes_expressions(candidates, index):
    """The SQL is written in search.py: its vectors must stay the indexes' expressions, or the planner
    could not read those indexes (a table this small is read otherwise anyway: the plan shows the
    expression, as the planner sees it, in its filter)."""
    make_article(title="Hồ Gươm")
    ranked = Article.objects.published().search("hồ gươm")
    sql, params = ranked._select(ranked.candidates[candidates], search.WINDOW, newest=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_indexdef(%s::regclass)", [index])
        expression = cursor.fetchone()[0].split(" USING gin (", 1)[1][:-1]
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(line for (line,) in cursor.fetchall())
    assert f"{expression} @@ '''ho'' & ''guom'''::tsquery" in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="scan settings are PostgreSQL only")
def test_search_leaves_the_planner_settings_as_it_found_them(client):
    make_article(title="Hồ Gươm")
    assert result_titles(client, "ho guom") == ["Hồ Gươm"]
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone()[0] == "on"
        cursor.execute("SHOW enable_bitmapscan")
        assert cursor.fetchone()[0] == "on"


@pytest.fixture
def near_misses():
    """Articles that fold alike, the right one oldest, so that ranking and not recency puts it first."""
    section = make_section()
    for hours, title, body in [
        (9, "Quận Đống Đa mở rộng phố đi bộ", "<p>Tin phường.</p>"),
        (5, "Đồng đà tăng trưởng của thủ đô", "<p>Kinh tế.</p>"),
        (1, "Bàn về ẩm thực", "<p>Sự đồng thuận của người dân với món ăn đậm đà.</p>"),
        (8, "Dạo quanh Hồ Tây mùa sen", "<p>Sen.</p>"),
        (3, "Hổ tẩy chay thức ăn lạ", "<p>Vườn thú.</p>"),
        (2, "Tây hồ và những điều chưa biết", "<p>Tây, hồ.</p>"),
        (7, "Quận Hà Đông có thêm công viên", "<p>Công viên.</p>"),
        (4, "Hà đồng lòng giúp bạn", "<p>Tình bạn.</p>"),
        # The phrase in the body only, older than the scattered matches: still above them.
        (12, "Chuyện phố phường", "<p>Quận Đống Đa có thêm vườn hoa.</p>"),
        (13, "Chợ phiên cuối tuần", "<p>Chợ Hà Đông họp từ sáng sớm.</p>"),
        (14, "Một ngày đạp xe", "<p>Vòng quanh Hồ Tây.</p>"),
        (0.5, "Đông về, Hà Nội se lạnh", "<p>Gió mùa.</p>"),
    ]:
        make_article(title=title, body=body, section=section, published_at=hours_ago(hours))


DONG_DA_TITLE, DONG_DA_FOLDED = "Quận Đống Đa mở rộng phố đi bộ", "Đồng đà tăng trưởng của thủ đô"
DONG_DA_BODY, HA_DONG_BODY, HO_TAY_BODY = "Chuyện phố phường", "Chợ phiên cuối tuần", "Một ngày đạp xe"
HO_TAY_TITLE, HO_TAY_FOLDED = "Dạo quanh Hồ Tây mùa sen", "Hổ tẩy chay thức ăn lạ"
HO_TAY_REVERSED = "Tây hồ và những điều chưa biết"
SCATTERED_IN_BODY, SCATTERED_IN_TITLE = "Bàn về ẩm thực", "Đông về, Hà Nội se lạnh"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Đống Đa", [DONG_DA_TITLE, DONG_DA_FOLDED, DONG_DA_BODY, SCATTERED_IN_BODY]),
        ("dong da", [DONG_DA_FOLDED, DONG_DA_TITLE, DONG_DA_BODY, SCATTERED_IN_BODY]),
        ("đồng đà", [DONG_DA_FOLDED, DONG_DA_TITLE, DONG_DA_BODY, SCATTERED_IN_BODY]),
        ("Hồ Tây", [HO_TAY_TITLE, HO_TAY_FOLDED, HO_TAY_BODY, HO_TAY_REVERSED]),
        ("hồ tây", [HO_TAY_TITLE, HO_TAY_FOLDED, HO_TAY_BODY, HO_TAY_REVERSED]),
        ("hổ tẩy", [HO_TAY_FOLDED, HO_TAY_TITLE, HO_TAY_BODY, HO_TAY_REVERSED]),
        ("Hà Đông", ["Quận Hà Đông có thêm công viên", "Hà đồng lòng giúp bạn", HA_DONG_BODY, SCATTERED_IN_TITLE]),
        ("hà đồng", ["Hà đồng lòng giúp bạn", "Quận Hà Đông có thêm công viên", HA_DONG_BODY, SCATTERED_IN_TITLE]),
        ("ha dong", ["Hà đồng lòng giúp bạn", "Quận Hà Đông có thêm công viên", HA_DONG_BODY, SCATTERED_IN_TITLE]),
    ],
)
def test_the_phrase_as_typed_ranks_first_then_the_folded_phrase_then_scattered_words(
    client, near_misses, query, expected
):
    assert result_titles(client, query) == expected


@pytest.mark.parametrize("query", ["Đống Đa", "dong da", "hồ tây", "Hà Đông"])
def test_ranks_read_past_the_window_of_newest_candidates_in_the_same_order(client, near_misses, monkeypatch, query):
    expected = result_titles(client, query)
    caches["default"].clear()  # the page cache would answer the same URL again
    monkeypatch.setattr(search, "WINDOW", 1)  # every rank falls short of a full page in its window
    assert result_titles(client, query) == expected
