from adminsortable2.admin import SortableAdminBase, SortableTabularInline
from django import forms
from django.contrib import admin
from django.db.models import Count
from reversion.admin import VersionAdmin

from articles import workflow
from images.uploads import CheckedImageField

from .models import PrintIssue, TocEntry
from .pdf import check_pdf


class PrintIssueForm(forms.ModelForm):
    class Meta:
        model = PrintIssue
        fields = ["number", "year", "date", "description", "pdf", "cover_image"]
        field_classes = {"cover_image": CheckedImageField}

    def clean_pdf(self):
        upload = self.cleaned_data.get("pdf")
        if upload and "pdf" in self.changed_data:
            check_pdf(upload)
        return upload


class TocEntryInline(SortableTabularInline):
    model = TocEntry
    fields = ["article", "title", "page"]
    autocomplete_fields = ["article"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")


@admin.register(PrintIssue)
class PrintIssueAdmin(SortableAdminBase, VersionAdmin):
    """Editors manage the issues; journalists (view permission) read them."""

    form = PrintIssueForm
    inlines = [TocEntryInline]
    list_display = ["__str__", "date", "entry_count"]
    search_fields = ["description", "entries__title", "entries__article__title"]
    list_filter = ["year"]
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entries_count=Count("entries"))

    @admin.display(description="số mục", ordering="entries_count")
    def entry_count(self, issue):
        return issue.entries_count

    def _may_edit(self, request):
        return workflow.is_editor(request.user)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self._may_edit(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_edit(request)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_edit(request)
