from django.shortcuts import get_object_or_404, render

from articles.models import Article
from articles.views import listing_page
from pagecache import tags

from .models import Author


@tags.reads("page")
def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = Article.objects.published().filter(authors=author).newest().for_listing()
    page = listing_page(request, author, articles)
    return render(request, "authors/author.html", {"author": author, "page": page})
