"""The newsroom admin at archive scale (issue 18): query counts that do not grow with the data,
and a guard for each cause found at 100,000 articles and 1,000,000 comments. Speeds are measured
by `make bench-admin`, not here."""

import io
import json
import re

import pytest
import reversion
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from articles import admin_lists, search
from articles.admin_lists import CappedCountPaginator, SearchCountPaginator
from articles.diff import diff_words
from articles.models import Article, ArticleAuthor, Tag
from comments.models import Comment

from .admin_forms import article_data, change_url
from .comment_helpers import make_comment
from .factories import EDITOR, JOURNALIST, make_article, make_author, make_section, make_user

pytestmark = pytest.mark.django_db

ARTICLES = "/admin/articles/article/"
COMMENTS = "/admin/comments/comment/"
AUTOCOMPLETE = "/admin/autocomplete/"
RELATED = {"app_label": "articles", "model_name": "article", "field_name": "related"}


def generate(articles, comments=0):
    call_command(
        "generate_content", articles=articles, comments=comments, authors=6, tags=40, batch=500,
        stdout=io.StringIO(), stderr=io.StringIO(),
    )


def queries(client, url, data=None, method="get"):
    """(response, captured SQL) of one request."""
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {})
    return response, [q["sql"] for q in captured]


def login(client, role):
    user = make_user(role=role)
    client.force_login(user)
    return user


def journalist_with_work(client):
    """A journalist with an author profile, a draft and a signed published article."""
    user = login(client, JOURNALIST)
    profile = make_author(user=user)
    make_article(title="Bản nháp riêng", status="draft", published_at=None, created_by=user, authors=[profile])
    signed = make_article(title="Bài đã ký", authors=[profile])
    make_comment(signed, body="Bình luận ở bài đã ký.")
    return user


# Screens and their query budgets. Each is requested on a small site and on one 40 times larger;
# the count must be the same on both (and within the budget).
SCREENS = [
    (EDITOR, ARTICLES, {}, 11),
    (EDITOR, ARTICLES, {"p": "2"}, 11),
    (EDITOR, ARTICLES, {"q": "ha noi"}, 11),
    (EDITOR, ARTICLES, {"o": "4"}, 11),
    (EDITOR, ARTICLES, {"status__exact": "review"}, 11),
    (EDITOR, AUTOCOMPLETE, {**RELATED, "term": "ha"}, 6),
    (EDITOR, COMMENTS, {}, 8),
    (EDITOR, COMMENTS, {"status__exact": "pending"}, 8),
    (EDITOR, COMMENTS, {"q": "Nguyễn"}, 8),
    (EDITOR, "/admin/", {}, 13),
    (JOURNALIST, ARTICLES, {}, 12),
    (JOURNALIST, ARTICLES, {"q": "ha noi"}, 12),
    (JOURNALIST, AUTOCOMPLETE, {**RELATED, "term": "ha"}, 7),
    (JOURNALIST, COMMENTS, {}, 8),
    (JOURNALIST, "/admin/", {}, 12),
]


@pytest.mark.parametrize("role, url, data, budget", SCREENS, ids=lambda v: str(v) if isinstance(v, int) else None)
def test_admin_screens_cost_the_same_queries_on_a_larger_archive(client, role, url, data, budget):
    login(client, role) if role == EDITOR else journalist_with_work(client)
    generate(articles=30, comments=60)
    response, small = queries(client, url, data)
    assert response.status_code == 200
    generate(articles=300, comments=800)
    response, large = queries(client, url, data)
    assert response.status_code == 200
    assert len(large) == len(small) <= budget, "\n".join(large)


def test_tag_rows_of_the_article_form_cost_no_query_each(client):
    login(client, EDITOR)
    few = make_article(tags=["Thẻ 1", "Thẻ 2"])
    many = make_article(tags=[f"Thẻ {i}" for i in range(30)])
    many.related.set([make_article() for _ in range(5)])
    few.related.set([make_article()])
    client.get(change_url(few))  # first request: caches (content types) filled
    response, with_few = queries(client, change_url(few))
    assert response.status_code == 200
    response, with_many = queries(client, change_url(many))
    page = response.content.decode()
    assert len(with_many) == len(with_few), "\n".join(with_many)
    # Each row shows its tag, chosen, in Vietnamese (not taggit's "… tagged with …").
    assert page.count('selected>Thẻ 2</option>') == page.count('selected>Thẻ 29</option>') == 1
    assert "tagged with" not in page


# The causes found at 100,000 articles and 1,000,000 comments, each guarded at a few thousand rows.

def test_article_list_search_and_author_filter_never_select_distinct(client):
    login(client, EDITOR)
    generate(articles=2000)
    author = ArticleAuthor.objects.values_list("author_id", flat=True).first()
    for data in ({}, {"q": "Hà Nội"}, {"author": author}, {"q": "ha", "author": author}, {"o": "2"}):
        response, sql = queries(client, ARTICLES, data)
        assert response.status_code == 200
        assert not [q for q in sql if "DISTINCT" in q.upper()], data
        # One count of the filtered list, not a second count of the whole archive.
        assert sum(q.lstrip().upper().startswith("SELECT COUNT") for q in sql) == 2  # + the review queue link
    response, sql = queries(client, AUTOCOMPLETE, {**RELATED, "term": "ha noi"})
    assert not [q for q in sql if "DISTINCT" in q.upper()]


def test_the_list_reads_no_wide_column(client):
    login(client, EDITOR)
    generate(articles=300)
    _, sql = queries(client, ARTICLES)
    listing = [q for q in sql if 'FROM "articles_article"' in q and "LIMIT" in q and "COUNT" not in q]
    assert listing and not [q for q in listing if '"articles_article"."body"' in q or "search_body" in q]


def test_admin_search_and_autocomplete_fold_vietnamese(client):
    login(client, EDITOR)
    make_article(title="Phố cổ Hà Nội vào thu")
    make_article(title="Đà Lạt mùa mưa", sapo="Không nhắc tới thủ đô.")
    page = client.get(ARTICLES, {"q": "ha noi"}).content.decode()
    assert "Phố cổ Hà Nội vào thu" in page and "Đà Lạt mùa mưa" not in page
    found = json.loads(client.get(AUTOCOMPLETE, {**RELATED, "term": "PHO CO"}).content)
    assert [r["text"] for r in found["results"]] == ["Phố cổ Hà Nội vào thu"]
    # Punctuation alone finds nothing, and says so, without an error.
    assert client.get(ARTICLES, {"q": "!!!"}).status_code == 200


def test_autocomplete_counts_at_most_a_bounded_number_of_matches(client, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "cap", 300)
    login(client, EDITOR)
    generate(articles=1500)
    matching = search.in_title_or_sapo(Article.objects.all(), "ha").count()
    assert matching > CappedCountPaginator.cap, "the archive must have more matches than the bound"
    response, sql = queries(client, AUTOCOMPLETE, {**RELATED, "term": "ha"})
    counts = [q for q in sql if "COUNT(" in q.upper()]
    assert len(counts) == 1 and f"LIMIT {CappedCountPaginator.cap}" in counts[0]
    result = json.loads(response.content)
    assert len(result["results"]) == 20 and result["pagination"]["more"] is True


@pytest.fixture
def search_cap_60(monkeypatch):
    """Searches count at most 60 matches, whatever the page (no lookahead)."""
    monkeypatch.setattr(admin_lists, "SEARCH_COUNT_CAP", 60)
    monkeypatch.setattr(admin_lists, "SEARCH_LOOKAHEAD_PAGES", 0)


def test_comment_search_counts_at_most_the_cap_says_so_and_select_all_acts_on_every_match(client, search_cap_60):
    login(client, EDITOR)
    article = make_article()
    Comment.objects.bulk_create(
        [Comment(article=article, name=f"Lê Văn {i}", email="le@example.com", body="Xe đạp điện.",
                 status="pending") for i in range(130)]
        + [Comment(article=article, name="Trần Thị Bình", email="binh@example.com", body="Khác hẳn.",
                   status="pending") for _ in range(10)]
    )
    response, sql = queries(client, COMMENTS, {"q": "xe đạp"})
    page = response.content.decode()
    counts = [q for q in sql if "COUNT(" in q.upper()]
    assert len(counts) == 1 and "LIMIT 61" in counts[0], "\n".join(sql)
    assert "hơn 60 bình luận" in page.split('class="paginator"')[1]
    assert "hơn 60 kết quả" in page
    assert "Chọn tất cả hơn 60 bình luận tìm được" in page and "Đã chọn tất cả hơn 60 bình luận tìm được" in page
    assert "130" not in page.split('class="paginator"')[1]
    # Page 3 is past the rows counted for page 1: its own count reaches further.
    assert client.get(COMMENTS, {"q": "xe đạp", "p": "3"}).status_code == 200
    # "Select all" acts on every match (130), not on the 61 counted, and on nothing else.
    data = {"action": "approve_selected", "_selected_action": [Comment.objects.first().pk], "index": "0",
            "select_across": "1"}
    response = client.post(f"{COMMENTS}?q=xe+%C4%91%E1%BA%A1p", data)
    assert response.status_code == 302
    assert Comment.objects.filter(body="Xe đạp điện.", status="approved").count() == 130
    assert Comment.objects.filter(body="Khác hẳn.", status="pending").count() == 10
    assert "Đã duyệt 130 bình luận." in client.get(COMMENTS).content.decode()


def test_a_search_under_the_cap_shows_its_exact_count(client, search_cap_60):
    login(client, EDITOR)
    article = make_article()
    Comment.objects.bulk_create(
        [Comment(article=article, name="Lê Văn", email="le@example.com", body="Xe đạp điện.") for _ in range(55)]
    )
    page = client.get(COMMENTS, {"q": "xe đạp"}).content.decode()
    assert "hơn" not in page.split('class="paginator"')[1] and "55 bình luận" in page
    assert "Hãy chọn tất cả 55 bình luận" in page  # Django's own wording


def test_article_search_counts_at_most_the_cap_and_says_so(client, search_cap_60):
    login(client, EDITOR)
    generate(articles=300)
    matching = search.in_title_or_sapo(Article.objects.all(), "ha").count()
    assert matching > 61, "the archive must have more matches than the cap"
    response, sql = queries(client, ARTICLES, {"q": "ha"})
    page = response.content.decode()
    counts = [q for q in sql if "COUNT(" in q.upper() and "articles_article" in q]
    assert [q for q in counts if "LIMIT 61" in q], "\n".join(sql)
    assert not [q for q in counts if "LIMIT" not in q and "status" not in q], "\n".join(counts)
    assert "hơn 60 bài viết" in page and "Chọn tất cả hơn 60 bài viết tìm được" in page
    assert f"{matching} bài viết" not in page
    # No search: the exact count, as before.
    page = client.get(ARTICLES).content.decode()
    assert "hơn 60" not in page
    assert SearchCountPaginator(Article.objects.all(), 50).cap == 60


def test_comment_search_finds_each_word_in_any_column_through_one_index(client):
    login(client, EDITOR)
    article = make_article()
    make_comment(article, name="Nguyễn Văn Anh", email="vananh@example.com", body="Bài hay.", ip_address="10.1.2.3")
    make_comment(article, name="Nguyễn Thị Hoa", email="hoa@example.com", body="Anh viết hay.")
    make_comment(article, name="Trần Anh", email="tran@example.com", body="Đọc rồi.")
    make_comment(article, name="Lê Bình", email="le@example.com", body="Cảm ơn tòa soạn.", ip_address="192.0.2.7")

    def found(term):
        page = client.get(COMMENTS, {"q": term}).content.decode()
        return sorted(name for name in ("Nguyễn Văn Anh", "Nguyễn Thị Hoa", "Trần Anh", "Lê Bình") if name in page)

    assert found("nguyễn anh") == ["Nguyễn Thị Hoa", "Nguyễn Văn Anh"]  # every word, in any column
    assert found("vananh@") == ["Nguyễn Văn Anh"]
    assert found("192.0.2") == ["Lê Bình"]
    assert found('"tòa soạn"') == ["Lê Bình"]
    assert found("100%") == []
    # The search's expression is the one the trigram index of migration 0004 was built on.
    response, sql = queries(client, COMMENTS, {"q": "nguyễn anh"})
    count = next(q for q in sql if "COUNT(" in q.upper())
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + count)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "comment_search_trgm_idx" in plan, plan
    # Written at once on each approval, no pending list to merge now and then (a 5 s bulk approve).
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'comment_search_trgm_idx'")
        assert cursor.fetchone()[0] == ["fastupdate=off"]


def test_journalist_comment_search_looks_among_their_articles_comments_only(client):
    user = journalist_with_work(client)
    other = make_article()
    make_comment(other, body="Bình luận ở bài của người khác.")
    response, sql = queries(client, COMMENTS, {"q": "bình luận"})
    page = response.content.decode()
    assert "Bình luận ở bài đã ký." in page and "bài của người khác" not in page
    searched = [q for q in sql if 'FROM "comments_comment"' in q and "LIKE" in q]
    assert searched and not [q for q in searched if "|| ' ' ||" in q], "\n".join(searched)
    assert user.is_staff


def test_comment_list_does_not_list_every_commented_article(client):
    login(client, EDITOR)
    generate(articles=600, comments=3000)
    commented = Comment.objects.values("article").distinct().count()
    assert commented > 400
    response, sql = queries(client, COMMENTS)
    page = response.content.decode()
    # One "only this article" link per row, no filter entry per commented article.
    assert page.count("article__id__exact=") == 50
    # The rows' articles are fetched by id (50 at most), never all commented articles.
    articles = [q for q in sql if 'FROM "articles_article"' in q]
    assert len(articles) == 1 and articles[0].count('"articles_article"."id"') <= 50 + 1
    assert "DISTINCT" not in " ".join(sql).upper()


def test_comment_list_article_and_year_filters(client):
    login(client, EDITOR)
    first, second = make_article(title="Bài thứ nhất"), make_article(title="Bài thứ hai")
    make_comment(first, body="Của bài thứ nhất.")
    make_comment(second, body="Của bài thứ hai.")
    page = client.get(COMMENTS, {"article__id__exact": second.pk}).content.decode()
    assert "Của bài thứ hai." in page and "Của bài thứ nhất." not in page
    assert "Bài thứ hai" in page.split('id="changelist-filter"')[1]
    page = client.get(COMMENTS, {"article__id__exact": "abc"}).content.decode()
    assert "Của bài thứ" not in page
    assert client.get(COMMENTS, {"created_at__year": "x"}).status_code == 200


def test_journalist_comment_queries_do_not_join_articles_and_bylines(client):
    generate(articles=300, comments=1200)
    journalist_with_work(client)
    response, sql = queries(client, COMMENTS)
    assert response.status_code == 200
    assert "Bình luận ở bài đã ký." in response.content.decode()
    assert Comment.objects.count() > 1000 and response.content.decode().count('class="field-excerpt"') == 1
    comment_queries = [q for q in sql if 'FROM "comments_comment"' in q]
    assert comment_queries and not [q for q in comment_queries if "JOIN" in q.split("UNION")[0].split("IN (")[0]]


def test_bulk_approve_acts_without_building_the_list(client):
    editor = login(client, EDITOR)
    generate(articles=50, comments=400)
    pending = list(Comment.objects.filter(status="pending").values_list("pk", flat=True)[:20])
    data = {"action": "approve_selected", "_selected_action": pending, "index": "0"}
    response, sql = queries(client, COMMENTS, data, method="post")
    assert response.status_code == 302
    assert not [q for q in sql if "COUNT(" in q.upper()], "\n".join(sql)
    assert set(Comment.objects.filter(pk__in=pending).values_list("status", flat=True)) == {"approved"}
    assert Comment.objects.filter(pk__in=pending, moderated_by=editor).count() == len(pending)
    page = client.get(COMMENTS).content.decode()
    assert f"Đã duyệt {len(pending)} bình luận." in page


def test_journalist_bulk_action_is_still_refused(client):
    journalist_with_work(client)
    comment = Comment.objects.get()
    client.post(COMMENTS, {"action": "approve_selected", "_selected_action": [comment.pk], "index": "0"})
    comment.refresh_from_db()
    assert comment.status == "approved"  # unchanged: it was approved, and journalists cannot moderate
    pending = make_comment(comment.article, status="pending")
    client.post(COMMENTS, {"action": "approve_selected", "_selected_action": [pending.pk], "index": "0"})
    assert Comment.objects.get(pk=pending.pk).status == "pending"


def test_journalist_sees_own_drafts_and_published_articles_only(client):
    user = journalist_with_work(client)
    make_article(title="Nháp của người khác", status="draft", published_at=None)
    make_article(title="Bài chờ duyệt mình tạo", status="review", published_at=None, created_by=user)
    page = client.get(ARTICLES, {"q": "bai"}).content.decode() + client.get(ARTICLES).content.decode()
    assert "Bản nháp riêng" in page and "Bài đã ký" in page and "Bài chờ duyệt mình tạo" in page
    assert "Nháp của người khác" not in page


def test_sorting_breaks_ties_by_id_in_the_sorted_direction(client):
    login(client, EDITOR)
    section = make_section()
    articles = [make_article(title=f"Cùng tiêu đề {i}", section=section) for i in range(3)]
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(title="Cùng tiêu đề")
    ids = [int(i) for i in re.findall(r'name="_selected_action" value="(\d+)"', client.get(ARTICLES, {"o": "1"})
                                       .content.decode())]
    assert ids == sorted(ids)
    ids = [int(i) for i in re.findall(r'name="_selected_action" value="(\d+)"', client.get(ARTICLES, {"o": "-1"})
                                       .content.decode())]
    assert ids == sorted(ids, reverse=True)


def test_compare_diffs_paragraphs_first_then_words():
    paragraphs = [f"Đoạn {i}: phố cổ Hà Nội những ngày cuối thu, người dân dậy sớm." for i in range(300)]
    old = "\n".join(paragraphs)
    paragraphs[120] = paragraphs[120].replace("dậy sớm", "dậy rất sớm")
    paragraphs.insert(200, "Một đoạn mới.")
    new = "\n".join(paragraphs)
    segments = diff_words(old, new)
    assert "".join(t for op, t in segments if op != "insert") == old
    assert "".join(t for op, t in segments if op != "delete") == new
    assert [(op, t) for op, t in segments if op != "equal"] == [("insert", " rất"), ("insert", "Một đoạn mới.\n")]


def test_compare_shows_a_rewrite_too_large_to_match_word_by_word_as_removed_then_added():
    old = " ".join(f"từ{i}" for i in range(1000))
    new = " ".join(f"chữ{i}" for i in range(1000))
    assert diff_words(old, new) == [("delete", old), ("insert", new)]


def test_compare_page_of_a_long_article_marks_the_changed_words(client):
    login(client, EDITOR)
    article = make_article(body="".join(f"<p>Đoạn {i} của bài.</p>" for i in range(200)))
    for body in (article.body, article.body.replace("Đoạn 150 của", "Đoạn 150 mới của")):
        with reversion.create_revision():
            article.body = body
            article.save()
    older, newer = Version.objects.get_for_object(article).order_by("pk")
    page = client.get(f"{change_url(article)[:-7]}history/so-sanh/", {"a": older.pk, "b": newer.pk}).content.decode()
    diff = page.split('class="diff-text"')[3]  # the body (after the legend, the title and the sapo)
    assert "<ins>mới </ins>" in diff and diff.count("<ins>") == 1 and "<del>" not in diff


def test_generate_content_fills_search_and_reports_every_article(client):
    out = io.StringIO()
    call_command("generate_content", articles=200, authors=3, tags=10, batch=60, stdout=out, stderr=io.StringIO())
    drafts = Article.objects.filter(status="draft").count()
    assert f"Đã tạo 200 bài viết ({200 - drafts} đã xuất bản, {drafts} nháp)" in out.getvalue()
    assert not Article.objects.filter(search_title="").exists()
    article = Article.objects.published().first()
    assert article.search_title == search.document(article.title)
    assert article.search_body == search.document(search.body_text(article.body))
    if connection.vendor == "postgresql":
        assert not Article.objects.filter(search_vector__isnull=True).exists()
    assert Article.objects.published().search("ha noi").count() > 0


def test_tags_admin_and_forms_still_save(client):
    login(client, EDITOR)
    article = make_article(tags=["Thẻ cũ"])
    tag = Tag.objects.get(name="Thẻ cũ")
    data = article_data(article, **{
        "tagged_items-TOTAL_FORMS": "1", "tagged_items-INITIAL_FORMS": "1",
        "tagged_items-0-id": article.tagged_items.get().pk, "tagged_items-0-content_object": article.pk,
        "tagged_items-0-tag": tag.pk, "title": "Tiêu đề đã sửa",
    })
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.title == "Tiêu đề đã sửa" and list(article.tags.names()) == ["Thẻ cũ"]
