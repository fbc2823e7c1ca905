"""The article list: its columns, filters, order and search, at the cost of one index read
however large the archive (see also admin_lists.py)."""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from authors.models import Author

from . import search, workflow
from .admin_lists import CappedCountPaginator, YearFilter
from .models import SEARCH_FIELDS, ArticleAuthor
from .workflow import Status

# What the article list and the autocompletes never show: the form loads them, lists do not.
LIST_DEFERRED = ("body", "sapo", "cover_caption", "cover_alt", "cover_credit", *SEARCH_FIELDS)


class BylineAuthorFilter(admin.SimpleListFilter):
    """Articles signed by one author: an EXISTS, so that the list needs no DISTINCT; the
    choices are the authors who sign at least one article (one semi-join)."""

    title = "tác giả"
    parameter_name = "author"

    def lookups(self, request, model_admin):
        signing = Author.objects.filter(Exists(ArticleAuthor.objects.filter(author=OuterRef("pk"))))
        return [(str(pk), name) for pk, name in signing.order_by("name", "pk").values_list("pk", "name")]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(Exists(ArticleAuthor.objects.filter(article=OuterRef("pk"), author=self.value())))
        return queryset


class ArticleChangeList(ChangeList):
    def get_results(self, request):
        # The rows shown never need the wide columns (actions get their own, whole, rows).
        self.queryset = self.queryset.defer(*LIST_DEFERRED)
        super().get_results(request)

    def get_ordering(self, request, queryset):
        # Ties are broken by id in the direction of the sorted column (Django always adds "-pk"),
        # so that one (column, id) index reads the list sorted either way: a sort on a column of
        # a few values (status, section) otherwise sorts every row of the largest group.
        ordering = super().get_ordering(request, queryset)
        first = ordering[0] if ordering else None
        if len(ordering) >= 2 and ordering[-1] == "-pk" and isinstance(first, str) and not first.startswith("-"):
            ordering[-1] = "pk"
        return ordering


class PublishedYearFilter(YearFilter):
    title = "năm xuất bản"
    field = "published_at"
    parameter_name = "published_at__year"


class ArticleStatusFilter(admin.SimpleListFilter):
    """The status filter, plus "scheduled" (published, time not yet come)."""

    title = "trạng thái"
    parameter_name = "status__exact"

    def lookups(self, request, model_admin):
        return [*Status.choices, ("scheduled", "Đã hẹn giờ")]

    def queryset(self, request, queryset):
        if self.value() == "scheduled":
            return queryset.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())
        if self.value() in Status.values:
            return queryset.filter(status=self.value())
        return queryset


class MineFilter(admin.SimpleListFilter):
    """The user's own articles (created or signed by them), newest change first."""

    title = "bài của tôi"
    parameter_name = "cua-toi"

    def lookups(self, request, model_admin):
        return [("1", "Bài của tôi")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(workflow.own_articles_q(request.user))
        return queryset


class ArticleListMixin:
    """ArticleAdmin: the list of articles and the review queue."""

    list_display = ["title", "section_name", "byline", "status_note", "published_at", "updated_at"]
    list_filter = [MineFilter, ArticleStatusFilter, "section", BylineAuthorFilter, "published_at", PublishedYearFilter]
    list_select_related = ["section"]
    # Searched by get_search_results (the folded title-and-sapo index), not by these fields' LIKEs.
    search_fields = ["title"]
    search_help_text = "Tìm trong tiêu đề và sapo, có dấu hay không dấu đều được: “ha noi” tìm ra “Hà Nội”."
    # One count per page (the filtered one), not a second count of the whole archive.
    show_full_result_count = False
    list_per_page = 50
    # No "Show counts": a count per filter choice would count the archive once per section and author.
    show_facets = admin.ShowFacets.NEVER
    change_list_template = "admin/articles/article/change_list.html"

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        # The autocompletes show titles: no wide columns, no bylines, and a bounded count.
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            queryset = queryset.defer(*LIST_DEFERRED).prefetch_related(None)
            return CappedCountPaginator(queryset, per_page, orphans, allow_empty_first_page)
        return super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)

    def _is_queue(self, request):
        return request.GET.get("status__exact") == Status.REVIEW

    def get_ordering(self, request):
        # The review queue: oldest submission first.
        if self._is_queue(request):
            return ["submitted_at", "pk"]
        if request.GET.get(MineFilter.parameter_name) == "1":
            return ["-updated_at", "-pk"]
        return super().get_ordering(request)

    def get_search_results(self, request, queryset, search_term):
        # The search box and the article autocompletes (related articles, featured lists): the
        # project's folded search over one GIN index; no join, so never duplicates (no DISTINCT).
        return search.in_title_or_sapo(queryset, search_term), False

    @admin.display(description="chuyên mục", ordering="section_id")
    def section_name(self, article):
        # Sorted by the section's id (an index), not by a join on the section's name.
        return article.section.name

    @admin.display(description="tác giả")
    def byline(self, article):
        return format_html_join(", ", "{}", ((author.name,) for author in article.byline_authors()))

    @admin.display(description="trạng thái", ordering="status")
    def status_note(self, article):
        label = article.get_status_display()
        if article.status == Status.PUBLISHED and article.published_at and article.published_at > timezone.now():
            return format_html("Hẹn giờ {}", workflow.local_time(article.published_at))
        if article.status == Status.REVIEW and article.submitted_at:
            return format_html("{} <small>từ {}</small>", label, workflow.local_time(article.submitted_at))
        if article.status == Status.DRAFT and article.review_note:
            note = Truncator(article.review_note).chars(80)
            return format_html('{}<br><small class="review-note">Trả bài: {}</small>', label, note)
        return label

    def changelist_view(self, request, extra_context=None):
        # Not VersionAdmin's: it would put every article of a bulk action in one
        # revision, and the workflow functions keep one revision per article.
        context = {
            **({"title": "Hàng chờ duyệt (gửi trước, duyệt trước)"} if self._is_queue(request) else {}),
            "review_count": self.get_queryset(request).filter(status=Status.REVIEW).count(),
            "can_recover": self.has_delete_permission(request) and self.has_add_permission(request),
            **(extra_context or {}),
        }
        return admin.ModelAdmin.changelist_view(self, request, context)
