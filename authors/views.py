from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from articles.models import Article

from .models import Author

PER_PAGE = 20


def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = Article.objects.published().filter(authors=author).newest().for_listing()
    page = Paginator(articles, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "authors/author.html", {"author": author, "page": page})
