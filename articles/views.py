from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from authors.models import Author
from pagecache import tags
from web.compiled import Compiled
from web.paging import paginate

from . import workflow
from .cards import cards
from .context_processors import menu_sections
from .models import Article, Section, Tag, article_for_page

PER_PAGE = 20
HOME_PER_SECTION = 5
HOME_SPARE = 5
RELATED_COUNT = 6


def _get_article_for_user(request, pk):
    """The article readers may see; a draft for staff who may see it in the admin (a preview)."""
    # Also on the 404: publishing this article makes that answer stale.
    tags.add(request, tags.of(Article, pk))
    article = article_for_page(pk)
    if article is None:
        raise Http404("Bài viết không tồn tại hoặc chưa xuất bản.")
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


# The list pages' queries, compiled once per process (web.compiled): the newest public articles
# of a section, a tag or an author, as cards show them.
IN_SECTION = Compiled(lambda now, pk: Article.objects.published(now).in_section(pk).newest().for_listing())
WITH_TAG = Compiled(lambda now, pk: Article.objects.published(now).filter(tags=pk).newest_sorted().for_listing())
BY_AUTHOR = Compiled(lambda now, pk: Article.objects.published(now).filter(authors=pk).newest().for_listing())

# The home page's blocks: the newest of each section of the menu, in the menu's order.
HOME = Compiled(lambda now, *sections: Article.objects.published(now).newest_per_section(
    HOME_PER_SECTION + HOME_SPARE, sections,
).for_listing().order_by("section__position", "section__name", "-published_at", "-pk"))


def home(request):
    """Section blocks; the template adds the curated lists (lead stories, sidebars) by tag."""
    # A few more than a block shows, so the template can skip the lead stories and still fill it.
    sections = [section.pk for section in menu_sections(request)]
    tags.add(request, tags.listing())
    articles = shows(request, HOME.bind(timezone.now(), *sections)[0:None])
    by_section = {}
    for article in articles:
        by_section.setdefault(article.section, []).append(article)
    context = {
        "blocks": list(by_section.items()), "block_slice": f":{HOME_PER_SECTION}",
        # The featured lists top up from these (featured_tags): the newest of each section.
        "newest_articles": sorted(articles, key=lambda a: (a.published_at, a.pk), reverse=True),
        "newest_depth": HOME_PER_SECTION + HOME_SPARE,
    }
    return render(request, "articles/home.html", context)


def listing_page(request, thing, queryset):
    """A page of the articles of a section, tag or author, with its tags (pagecache.tags)."""
    page = _paginate(request, queryset)
    tags.add(request, tags.of(thing), tags.listing(thing))
    shows(request, page.object_list)
    return page


@tags.reads("page")
def section_detail(request, slug):
    # Every section is in the menu, which the page shows anyway: no query of its own.
    section = next((s for s in menu_sections(request) if s.slug == slug), None)
    if section is None:
        section = get_object_or_404(Section, slug=slug)
    page = listing_page(request, section, IN_SECTION.bind(timezone.now(), section.pk))
    return render(request, "articles/section.html", {"section": section, "page": page})


TAG_BY_SLUG = Compiled(lambda slug: Tag.objects.filter(slug=slug))
AUTHOR_BY_SLUG = Compiled(lambda slug: Author.objects.filter(slug=slug))


def one_or_404(compiled, slug):
    found = compiled.bind(slug)[0:1]
    if not found:
        raise Http404("Không tìm thấy trang.")
    return found[0]


@tags.reads("page")
def tag_detail(request, slug):
    tag = one_or_404(TAG_BY_SLUG, slug)
    page = listing_page(request, tag, WITH_TAG.bind(timezone.now(), tag.pk))
    return render(request, "articles/tag.html", {"tag": tag, "page": page})


@tags.reads("page")
def author_detail(request, slug):
    author = one_or_404(AUTHOR_BY_SLUG, slug)
    page = listing_page(request, author, BY_AUTHOR.bind(timezone.now(), author.pk))
    return render(request, "articles/author.html", {"author": author, "page": page})


def related_articles(article, limit=RELATED_COUNT):
    """Hand-picked related articles first, then the newest sharing tags or section (one query)."""
    return list(Article.objects.published().related_to(article, limit).for_listing())


def related_cards(request, article):
    """The "Bài liên quan" cards, chosen and built once and kept in the shared cache until the
    article, one of the related articles, or a listing they were drawn from changes (no query
    while kept). A draft's preview is built each time: a draft's edits announce nothing."""

    def produce():
        related = related_articles(article)
        return {"pks": [r.pk for r in related], "html": cards(related, "small")}

    def tags_of(value):
        # The newest sharing its tags or section fill "related": refreshed after a publication
        # at the next top-up moment (tags.TOPUP), not by every publication at once.
        return [tags.of(article), *(tags.of(Article, pk) for pk in value["pks"]), tags.TOPUP]

    if not article.is_published():
        value = produce()
        tags.add(request, *tags_of(value))
        return value["html"]
    return tags.fragment(request, f"related-{article.pk}", produce, tags_of)["html"]


@tags.reads("binh-luan", "tra-loi", "trang-binh-luan")  # the comment section: confirmation, reply form, page
def article_detail(request, slug, pk):
    article = _get_article_for_user(request, pk)
    if slug != article.slug:
        return redirect(article, permanent=True)
    authors = article.byline_authors()
    # What the page shows of others (names).
    tags.add(
        request, tags.of(article.section), *(tags.of(author) for author in authors),
        *(tags.of(item) for item in article.tags.all()),
    )
    context = {
        "article": article,
        "authors": authors,
        "related": related_cards(request, article),
        "is_draft": not article.is_published(),
        "section": article.section,
    }
    return render(request, "articles/article.html", context)
