import reversion
from django.contrib import admin
from django.utils import timezone
from reversion.admin import VersionAdmin

from articles import workflow
from articles.models import Article

from .models import NOT_PUBLISHED, Correction


@admin.register(Correction)
class CorrectionAdmin(VersionAdmin):
    """Editors correct published articles; journalists read. Each correction is a version of
    its article too, so the article's history says when and what was corrected."""

    list_display = ["article", "corrected_at", "short_text", "created_by"]
    list_select_related = ["article", "created_by"]
    search_fields = ["text", "article__title"]
    autocomplete_fields = ["article"]
    date_hierarchy = "corrected_at"
    show_full_result_count = False
    fields = ["article", "corrected_at", "text", "created_by"]
    readonly_fields = ["created_by"]

    @admin.display(description="nội dung")
    def short_text(self, correction):
        return correction.text if len(correction.text) <= 90 else correction.text[:89] + "…"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            kwargs["queryset"] = Article.objects.published()
            kwargs["error_messages"] = {"invalid_choice": NOT_PUBLISHED}
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _may_correct(self, request):
        return workflow.is_editor(request.user)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self._may_correct(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_correct(request)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_correct(request)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        # The same revision as the correction: it appears in the article's history.
        if reversion.is_active():
            reversion.add_to_revision(obj.article)

    # The revision's comment says what was corrected, in the article's history too.

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._comment(obj, "Đính chính")
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._comment(obj, "Sửa đính chính")
        return entry

    def _comment(self, obj, verb):
        if reversion.is_active():
            when = timezone.localtime(obj.corrected_at).strftime("%H:%M %d/%m/%Y")
            reversion.set_comment(f"{verb} lúc {when}: {obj.text}")
