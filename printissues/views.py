from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.models import Article
from pagecache import tags
from web.paging import paginate

from .models import PrintIssue
from .serving import ranged_file_response
from .signals import PRINT_ISSUES

PER_PAGE = 24


def _get_issue(number, year):
    return get_object_or_404(PrintIssue, number=number, year=year)


def public_entries():
    """Free lines, and lines of articles readers may see: a draft's title never shows."""
    return Q(article__isnull=True) | Q(article__in=Article.objects.published())


@tags.reads("page")
def archive(request):
    issues = PrintIssue.objects.newest().only(
        "id", "number", "year", "date", "cover_image", "cover_width", "cover_height",
    )
    tags.add(request, PRINT_ISSUES)
    return render(request, "printissues/archive.html", {"page": paginate(request, issues, PER_PAGE)})


def detail(request, number, year):
    issue = _get_issue(number, year)
    entries = issue.entries.filter(public_entries()).select_related("article").only(
        "id", "issue_id", "title", "page", "position", "article__id", "article__slug", "article__title",
    )
    entries = list(entries)
    tags.add(request, tags.of(issue), *(tags.of(Article, entry.article_id) for entry in entries if entry.article_id))
    return render(request, "printissues/detail.html", {"issue": issue, "entries": entries})


@require_safe
def pdf(request, number, year):
    issue = _get_issue(number, year)
    try:
        response = ranged_file_response(request, issue.pdf, issue.pdf_filename(), "application/pdf")
    except (OSError, ValueError):
        raise Http404("Không tìm thấy tệp PDF của số báo này.") from None
    response["Cache-Control"] = "public, max-age=3600"
    return response
