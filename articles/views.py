from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from . import workflow
from .context_processors import menu_sections
from .models import BYLINES, Article, Section, Tag
from .paging import paginate

PER_PAGE = 20
HOME_PER_SECTION = 5
HOME_SPARE = 5
RELATED_COUNT = 6


def _get_article_for_user(request, pk):
    """The article readers may see; a draft for staff who may see it in the admin (a preview)."""
    article = get_object_or_404(
        Article.objects.select_related("section").prefetch_related("tags", BYLINES), pk=pk
    )
    if article.is_published():
        return article
    if request.user.is_authenticated and workflow.can_view(request.user, article):
        return article
    raise Http404("Bài viết không tồn tại hoặc chưa xuất bản.")


def _paginate(request, queryset):
    return paginate(request, queryset, PER_PAGE)


def home(request):
    """Section blocks; the template adds the curated lists (lead stories, sidebars) by tag."""
    # A few more than a block shows, so the template can skip the lead stories and still fill it.
    sections = [section.pk for section in menu_sections(request)]
    rows = Article.objects.published().newest_per_section(HOME_PER_SECTION + HOME_SPARE, sections).for_listing()
    by_section = {}
    for article in rows.order_by("section__position", "section__name", "-published_at", "-pk"):
        by_section.setdefault(article.section, []).append(article)
    context = {"blocks": list(by_section.items()), "block_slice": f":{HOME_PER_SECTION}"}
    return render(request, "articles/home.html", context)


def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    articles = Article.objects.published().in_section(section).newest().for_listing()
    return render(
        request, "articles/section.html", {"section": section, "page": _paginate(request, articles)}
    )


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(tags=tag).newest().for_listing()
    return render(request, "articles/tag.html", {"tag": tag, "page": _paginate(request, articles)})


def related_articles(article, limit=RELATED_COUNT):
    """Hand-picked related articles first, then the newest sharing tags or section (one query)."""
    return list(Article.objects.published().related_to(article, limit).for_listing(bylines=False))


def article_detail(request, slug, pk):
    article = _get_article_for_user(request, pk)
    if slug != article.slug:
        return redirect(article, permanent=True)
    context = {
        "article": article,
        "authors": article.byline_authors(),
        "related": related_articles(article),
        "is_draft": not article.is_published(),
        "section": article.section,
    }
    return render(request, "articles/article.html", context)
