from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from authors.models import Author
from pagecache import tags
from web.paging import paginate

from . import workflow
from .context_processors import menu_sections
from .models import BYLINES, Article, Section, Tag

PER_PAGE = 20
HOME_PER_SECTION = 5
HOME_SPARE = 5
RELATED_COUNT = 6


def _get_article_for_user(request, pk):
    """The article readers may see; a draft for staff who may see it in the admin (a preview)."""
    # Also on the 404: publishing this article makes that answer stale.
    tags.add(request, tags.of(Article, pk))
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


def shows(request, articles):
    """Record the cards of a page (pagecache.tags); returns `articles`."""
    tags.add(request, *(tags.of(article) for article in articles))
    return articles


def home(request):
    """Section blocks; the template adds the curated lists (lead stories, sidebars) by tag."""
    # A few more than a block shows, so the template can skip the lead stories and still fill it.
    sections = [section.pk for section in menu_sections(request)]
    rows = Article.objects.published().newest_per_section(HOME_PER_SECTION + HOME_SPARE, sections).for_listing()
    tags.add(request, tags.listing())
    by_section = {}
    for article in shows(request, rows.order_by("section__position", "section__name", "-published_at", "-pk")):
        by_section.setdefault(article.section, []).append(article)
    context = {"blocks": list(by_section.items()), "block_slice": f":{HOME_PER_SECTION}"}
    return render(request, "articles/home.html", context)


def listing_page(request, thing, queryset):
    """A page of the articles of a section, tag or author, with its tags (pagecache.tags)."""
    page = _paginate(request, queryset)
    tags.add(request, tags.of(thing), tags.listing(thing))
    shows(request, page.object_list)
    return page


@tags.reads("page")
def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    articles = Article.objects.published().in_section(section).newest().for_listing()
    page = listing_page(request, section, articles)
    return render(request, "articles/section.html", {"section": section, "page": page})


@tags.reads("page")
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(tags=tag).newest().for_listing()
    return render(request, "articles/tag.html", {"tag": tag, "page": listing_page(request, tag, articles)})


@tags.reads("page")
def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = Article.objects.published().filter(authors=author).newest().for_listing()
    page = listing_page(request, author, articles)
    return render(request, "articles/author.html", {"author": author, "page": page})


def related_articles(article, limit=RELATED_COUNT):
    """Hand-picked related articles first, then the newest sharing tags or section (one query)."""
    return list(Article.objects.published().related_to(article, limit).for_listing(bylines=False))


@tags.reads("binh-luan", "tra-loi")  # the comment section's confirmation and reply form
def article_detail(request, slug, pk):
    article = _get_article_for_user(request, pk)
    if slug != article.slug:
        return redirect(article, permanent=True)
    authors = article.byline_authors()
    related = shows(request, related_articles(article))
    # What the page shows of others (names), and the listings its related articles come from.
    tags.add(
        request, tags.of(article.section), *(tags.of(author) for author in authors),
        *(tag for item in article.tags.all() for tag in (tags.of(item), tags.listing(item))),
    )
    if len(related) < RELATED_COUNT or any(not r.picked and not r.shared_tags for r in related):
        # The newest of the section fill "related": a publication there can change them.
        tags.add(request, tags.listing(article.section))
    context = {
        "article": article,
        "authors": authors,
        "related": related,
        "is_draft": not article.is_published(),
        "section": article.section,
    }
    return render(request, "articles/article.html", context)
