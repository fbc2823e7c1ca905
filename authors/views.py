from django.shortcuts import get_object_or_404, render

from articles.models import Article
from articles.paging import paginate

from .models import Author

PER_PAGE = 20


def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = Article.objects.published().filter(authors=author).newest().for_listing()
    page = paginate(request, articles, PER_PAGE)
    return render(request, "authors/author.html", {"author": author, "page": page})
