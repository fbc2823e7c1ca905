from django.shortcuts import render

from articles.models import Article
from pagecache import tags
from web.paging import paginate

from .models import Correction
from .signals import CORRECTIONS

PER_PAGE = 20


def public_corrections():
    """Every public correction with its article and section (one query a page)."""
    return Correction.objects.public().select_related("article__section").only(
        "id", "text", "corrected_at", "article__id", "article__slug", "article__title",
        "article__section__name", "article__section__slug",
    )


@tags.reads("page")
def correction_list(request):
    page = paginate(request, public_corrections(), PER_PAGE)
    tags.add(request, CORRECTIONS, *(tags.of(Article, correction.article_id) for correction in page))
    return render(request, "corrections/list.html", {"page": page})
