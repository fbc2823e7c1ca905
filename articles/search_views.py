from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode

from pagecache import tags

from . import cards, search
from .models import Article

PER_PAGE = 10


def _message(query, terms):
    """What to tell the reader when there is nothing to search for, or None."""
    if not query:
        return "Hãy nhập từ khoá cần tìm, ví dụ “Đống Đa” hoặc “cải cách hành chính”."
    if len(query) < search.MIN_QUERY_LENGTH:
        return "Từ khoá quá ngắn: hãy nhập ít nhất 2 ký tự."
    if not terms:
        return "Từ khoá cần có chữ hoặc số, ví dụ “Đống Đa”."
    return None


@tags.reads("q", "page")
def search_results(request):
    raw = request.GET.get("q", "")
    query = search.clean_query(raw)
    terms = search.query_words(query)
    context = {
        "query": query,
        "search_query": query,
        "message": _message(query, terms),
        "truncated": len(" ".join(raw.split())) > search.MAX_QUERY_LENGTH,
        "page_query": urlencode({"q": query}),
        "max_results": search.MAX_RESULTS,
    }
    if context["message"] is None:
        articles = Article.objects.published().search(query)
        page = Paginator(articles, PER_PAGE).get_page(request.GET.get("page"))
        context["page"] = page
        # Results are chosen among public articles: any publication may change them.
        tags.add(request, tags.listing(), *(tags.of(article) for article in page))
        context["results"] = [
            (article, search.highlight(article.title, terms), search.excerpt(article, terms)) for article in page
        ]
        context["results_html"] = cards.search_results(context["results"])
    return render(request, "articles/search.html", context)
