from django.contrib import admin
from django.db.models import Count, Q
from reversion.admin import VersionAdmin
from taggit.models import Tag as TaggitTag

from . import workflow
from .admin_changelist import ArticleListMixin
from .admin_form import ArticleFormMixin
from .admin_history import ArticleHistoryMixin
from .admin_lists import QuickCheckboxMixin, SearchCountMixin
from .admin_workflow import ArticleWorkflowMixin
from .models import BYLINES, Article, Section, Tag
from .workflow import Status


@admin.register(Section)
class SectionAdmin(VersionAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    fields = ["name", "slug", "position", "description"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "slug"]
    readonly_fields = ["slug"]
    fields = ["name", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("tagged_articles")).order_by("name")

    @admin.display(description="số bài", ordering="article_count")
    def article_count(self, tag):
        return tag.article_count


@admin.register(Article)
class ArticleAdmin(
    ArticleListMixin, ArticleFormMixin, ArticleWorkflowMixin, ArticleHistoryMixin,
    SearchCountMixin, QuickCheckboxMixin, VersionAdmin,
):
    """The newsroom's articles, by concern: the list (admin_changelist.py), the form and its
    buttons (admin_form.py), the workflow (admin_workflow.py), history and compare
    (admin_history.py). Here: who sees and changes what."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related(BYLINES)
        if workflow.is_editor(request.user):
            return queryset
        # Published, created or signed by the user: comparisons that article_status_id_idx answers
        # alone. The signed ids are read once per request.
        if not hasattr(request, "_own_articles_q"):
            request._own_articles_q = workflow.own_articles_q(request.user)
        return queryset.filter(request._own_articles_q | Q(status=Status.PUBLISHED))

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (obj is None or workflow.can_view(request.user, obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or workflow.can_edit(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and workflow.is_editor(request.user)

    def has_publish_permission(self, request):
        return workflow.is_editor(request.user)


# taggit registers its own Tag model; the site uses articles.Tag only.
admin.site.unregister(TaggitTag)
